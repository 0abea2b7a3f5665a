import { runQuery } from '@simforge/db';
import { createUser, describeEachDriver } from '@simforge/db/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { claimRequest, type Harness, linkedNode, send, startSentinel } from './support/sentinel-harness.ts';

describeEachDriver('the presence cron', (getDb) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startSentinel(getDb(), { presenceTtlMs: 30_000 });
  });
  afterAll(async () => h.close());

  const status = async (key: string) => {
    const { rows } = await runQuery<{ status: string; last_seen_at: Date | null }>(getDb(), 'nodes_by_key', [
      key,
    ]);
    return rows[0]!;
  };

  it('marks heartbeating nodes online and silent ones offline, both ways', async () => {
    const userId = await createUser(getDb());
    const node = await linkedNode(getDb(), h.baseUrl, userId);
    const key = node.publicKeyB64url;
    expect((await status(key)).status).not.toBe('online');

    expect((await send(h.baseUrl, node, 'POST', '/v1/heartbeat', {})).status).toBe(200);
    expect(await h.sentinel.crons.presence()).toEqual({ online: 1, offline: 0 });
    const online = await status(key);
    expect(online.status).toBe('online');
    expect(online.last_seen_at).not.toBeNull();

    h.clock.advance(30_001);
    expect(await h.sentinel.crons.presence()).toEqual({ online: 0, offline: 1 });
    expect((await status(key)).status).toBe('offline');
  });

  it('keeps a node with an open claim long-poll online past the TTL', async () => {
    const userId = await createUser(getDb());
    const node = await linkedNode(getDb(), h.baseUrl, userId);
    const polling = send(h.baseUrl, node, 'POST', '/v1/claim', claimRequest(1, 1_500));
    await new Promise((resolve) => setTimeout(resolve, 300));
    h.clock.advance(31_000);
    await h.sentinel.crons.presence();
    expect((await status(node.publicKeyB64url)).status).toBe('online');
    expect((await polling).body).toMatchObject({ chunks: [] });
    h.clock.advance(31_000);
    await h.sentinel.crons.presence();
    expect((await status(node.publicKeyB64url)).status).toBe('offline');
  });

  it('serves /status and Prometheus /metrics', async () => {
    const statusPage = await fetch(`${h.baseUrl}/status`);
    expect(await statusPage.json()).toMatchObject({ status: 'ok', jobsActive: 0, chunksInFlight: 0 });
    const metrics = await (await fetch(`${h.baseUrl}/metrics`)).text();
    for (const name of [
      'simforge_chunks_in_flight',
      'simforge_claims_total',
      'simforge_completes_total',
      'simforge_reclaims_total',
      'simforge_nodes_online',
      'simforge_claim_latency_seconds_bucket{le="+Inf"}',
    ]) {
      expect(metrics).toContain(name);
    }
  });
});
