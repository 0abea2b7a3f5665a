import { NODE_PROTOCOL_LIMITS, type RegisterResponse } from '@simforge/common';
import { generateNodeKeyPair, type NodeKeyPair } from '@simforge/common/signing';
import { createUser, describeEachDriver } from '@simforge/db/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SENTINEL_DEFAULTS } from '../src/options.ts';
import {
  claimChunks,
  claimRequest,
  errorCode,
  fixedConfig,
  type Harness,
  insertJob,
  linkedNode,
  REGISTER,
  send,
  startSentinel,
  until,
} from './support/sentinel-harness.ts';

describeEachDriver('node API refuses hostile requests', (getDb) => {
  let h: Harness;
  let node: NodeKeyPair;
  let jobId: string;

  /** What a refused request must leave untouched. */
  const snapshot = () => ({
    inFlight: h.sentinel.store.chunksInFlight,
    stats: { ...h.sentinel.store.stats },
    held: h.sentinel.store.heldBy(node.publicKeyB64url),
    done: h.sentinel.store.job(jobId)?.iterationsDone,
  });

  beforeAll(async () => {
    h = await startSentinel(getDb());
    const userId = await createUser(getDb());
    node = await linkedNode(getDb(), h.baseUrl, userId);
    jobId = await insertJob(getDb(), userId, fixedConfig(100_000, 1_000));
    await h.sentinel.scheduler.sweep();
    await until(() => h.sentinel.store.job(jobId) !== undefined);
  });
  afterAll(async () => h.close());

  async function expectRefused(status: number, code: string, request: () => ReturnType<typeof send>) {
    const before = snapshot();
    const sent = await request();
    expect(sent.status).toBe(status);
    expect(sent.headers.get('content-type')).toMatch(/^application\/json/);
    expect(errorCode(sent)).toBe(code);
    expect(typeof (sent.body as { error: { message: unknown } }).error.message).toBe('string');
    expect(snapshot()).toEqual(before);
  }

  it('refuses a signature made with another key', async () => {
    const other = generateNodeKeyPair();
    await expectRefused(401, 'SF_AUTH_SIGNATURE_INVALID', () =>
      send(h.baseUrl, node, 'POST', '/v1/claim', claimRequest(1), { signWith: other.privateKey }),
    );
  });

  it('refuses a key no node registered', async () => {
    await expectRefused(401, 'SF_AUTH_NODE_UNKNOWN', () =>
      send(h.baseUrl, generateNodeKeyPair(), 'POST', '/v1/claim', claimRequest(1)),
    );
  });

  it('refuses a replayed nonce', async () => {
    const first = await send(h.baseUrl, node, 'POST', '/v1/heartbeat', {});
    expect(first.status).toBe(200);
    await expectRefused(401, 'SF_AUTH_NONCE_REPLAYED', () =>
      send(h.baseUrl, node, 'POST', '/v1/heartbeat', {}, { replay: first.signature }),
    );
  });

  it('refuses a stale and a future timestamp', async () => {
    await expectRefused(401, 'SF_AUTH_TIMESTAMP_SKEW', () =>
      send(h.baseUrl, node, 'POST', '/v1/claim', claimRequest(1), { timestampMs: Date.now() - 5 * 60_000 }),
    );
    await expectRefused(401, 'SF_AUTH_TIMESTAMP_SKEW', () =>
      send(h.baseUrl, node, 'POST', '/v1/claim', claimRequest(1), { timestampMs: Date.now() + 5 * 60_000 }),
    );
  });

  it('refuses a body changed after signing', async () => {
    await expectRefused(401, 'SF_AUTH_SIGNATURE_INVALID', () =>
      send(h.baseUrl, node, 'POST', '/v1/claim', claimRequest(2), {
        signedBody: JSON.stringify(claimRequest(1)),
      }),
    );
  });

  it('refuses missing signature headers and a malformed key', async () => {
    const plain = await fetch(`${h.baseUrl}/v1/claim`, { method: 'POST', body: '{}' });
    expect(plain.status).toBe(401);
    expect(((await plain.json()) as { error: { code: string } }).error.code).toBe('SF_AUTH_HEADERS_MISSING');
    await expectRefused(401, 'SF_AUTH_KEY_MALFORMED', () =>
      send(h.baseUrl, node, 'POST', '/v1/claim', { max: 1 }, { headers: { 'x-simforge-key': 'not a key' } }),
    );
  });

  it('refuses an oversized body before reading it whole', async () => {
    const huge = { jobId, chunkIndex: 0, attempt: 1, partial: 'A'.repeat(3 * 1024 * 1024) };
    await expectRefused(413, 'SF_REQUEST_BODY_TOO_LARGE', () =>
      send(h.baseUrl, node, 'POST', '/v1/complete', huge),
    );
    await expectRefused(413, 'SF_REQUEST_BODY_TOO_LARGE', () =>
      send(h.baseUrl, node, 'POST', '/v1/claim', { max: 1, pad: 'x'.repeat(100_000) }),
    );
  });

  it('refuses malformed JSON and wrong shapes', async () => {
    await expectRefused(400, 'SF_REQUEST_BODY_MALFORMED', () =>
      send(h.baseUrl, node, 'POST', '/v1/claim', '{"max": 1,'),
    );
    await expectRefused(400, 'SF_REQUEST_INVALID', () =>
      send(h.baseUrl, node, 'POST', '/v1/claim', { max: 'all' }),
    );
    await expectRefused(400, 'SF_PARTIAL_MALFORMED', () =>
      send(h.baseUrl, node, 'POST', '/v1/complete', { jobId, chunkIndex: 0, attempt: 1, partial: '////' }),
    );
  });

  it('refuses a claim for more runs than the node may hold and claims nothing', async () => {
    // REGISTER has maxParallel 2 of 4 cores: capacity 2, so 4 runs (one queued per slot).
    const room = REGISTER.maxParallel * SENTINEL_DEFAULTS.runsPerSlot;
    await expectRefused(409, 'SF_CLAIM_OVER_CAPACITY', () =>
      send(h.baseUrl, node, 'POST', '/v1/claim', claimRequest(room + 1)),
    );
    const held = await claimChunks(h.baseUrl, node, 1);
    expect(held).toHaveLength(1);
    await expectRefused(409, 'SF_CLAIM_OVER_CAPACITY', () =>
      send(h.baseUrl, node, 'POST', '/v1/claim', claimRequest(room)),
    );
    expect((await send(h.baseUrl, node, 'POST', '/v1/release', {})).body).toEqual({ released: 1 });
    // Whatever the room, one claim asks for 1 to claimRunsMax runs.
    for (const max of [0, -1, 1.5, NODE_PROTOCOL_LIMITS.claimRunsMax + 1])
      await expectRefused(400, 'SF_REQUEST_INVALID', () =>
        send(h.baseUrl, node, 'POST', '/v1/claim', { ...claimRequest(1), max }),
      );
  });

  it('refuses a node on another engine build, or one that reports none, and claims nothing', async () => {
    await expectRefused(409, 'SF_NODE_VERSION_MISMATCH', () =>
      send(h.baseUrl, node, 'POST', '/v1/claim', { ...claimRequest(1), engineBuild: '0123456789abcdef' }),
    );
    await expectRefused(400, 'SF_REQUEST_INVALID', () =>
      send(h.baseUrl, node, 'POST', '/v1/claim', { max: 1, waitMs: 0 }),
    );
    expect((await send(h.baseUrl, node, 'POST', '/v1/release', {})).body).toEqual({ released: 0 });
  });

  it('gives an unlinked node no work, only its claim code', async () => {
    const stranger = generateNodeKeyPair();
    const registered = await send(h.baseUrl, stranger, 'POST', '/v1/register', REGISTER);
    expect(registered.status).toBe(200);
    const status = registered.body as RegisterResponse;
    expect(status.linked).toBe(false);
    expect(status.claimCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    await expectRefused(403, 'SF_NODE_NOT_LINKED', () =>
      send(h.baseUrl, stranger, 'POST', '/v1/claim', claimRequest(1)),
    );
    const beat = await send(h.baseUrl, stranger, 'POST', '/v1/heartbeat', {});
    expect(beat.body).toMatchObject({ linked: false, claimCode: status.claimCode, held: 0 });
  });

  it('answers unknown routes with the error envelope', async () => {
    await expectRefused(404, 'SF_REQUEST_ROUTE_NOT_FOUND', () =>
      send(h.baseUrl, node, 'POST', '/v1/nope', {}),
    );
  });
});
