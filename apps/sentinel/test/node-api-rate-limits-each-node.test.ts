import { generateNodeKeyPair } from '@simforge/common/signing';
import { createUser, describeEachDriver } from '@simforge/db/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  errorCode,
  type Harness,
  linkedNode,
  REGISTER,
  send,
  startSentinel,
} from './support/sentinel-harness.ts';

describeEachDriver('per-node rate limits', (getDb) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startSentinel(getDb(), { rateLimitPerSecond: 1, rateLimitBurst: 3, registerPerMinute: 3 });
  });
  afterAll(async () => h.close());

  it('answers 429 with Retry-After past the burst, per node, and again after the refill', async () => {
    const userId = await createUser(getDb());
    const node = await linkedNode(getDb(), h.baseUrl, userId);
    const other = await linkedNode(getDb(), h.baseUrl, userId);
    // register took one token of each bucket: two more heartbeats fit the burst of 3.
    for (let i = 0; i < 2; i++)
      expect((await send(h.baseUrl, node, 'POST', '/v1/heartbeat', {})).status).toBe(200);
    const limited = await send(h.baseUrl, node, 'POST', '/v1/heartbeat', {});
    expect([limited.status, errorCode(limited)]).toEqual([429, 'SF_REQUEST_RATE_LIMITED']);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await send(h.baseUrl, other, 'POST', '/v1/heartbeat', {})).status).toBe(200);
    h.clock.advance(1_000);
    expect((await send(h.baseUrl, node, 'POST', '/v1/heartbeat', {})).status).toBe(200);
  });

  it('limits registrations per address', async () => {
    // Two registrations were spent above; one more is allowed, then the address is limited.
    expect((await send(h.baseUrl, generateNodeKeyPair(), 'POST', '/v1/register', REGISTER)).status).toBe(200);
    const limited = await send(h.baseUrl, generateNodeKeyPair(), 'POST', '/v1/register', REGISTER);
    expect([limited.status, errorCode(limited)]).toEqual([429, 'SF_REQUEST_RATE_LIMITED']);
  });
});
