import { encodeJobResult, encodeJobTimeline } from '@simforge/common';
import { asUser, runQuery } from '@simforge/db';
import { collectNotifications, createUser, describeEachDriver } from '@simforge/db/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { engineSimConfigCheck } from '../src/sim-config-check.ts';
import {
  claimChunks,
  completeChunk,
  errorCode,
  fixedConfig,
  type Harness,
  insertJob,
  jobRow,
  linkedNode,
  send,
  startSentinel,
  until,
} from './support/sentinel-harness.ts';
import { syntheticPartial } from './support/synthetic-partial.ts';

describeEachDriver('jobs run through the sentinel', (getDb) => {
  let h: Harness;
  let userId: string;

  beforeAll(async () => {
    h = await startSentinel(getDb(), { validateSimConfig: engineSimConfigCheck, leaseMs: 5_000 });
    userId = await createUser(getDb());
  });
  afterAll(async () => h.close());

  const admitted = (jobId: string) => until(() => h.sentinel.store.job(jobId) !== undefined);
  const settled = async (jobId: string, status: string) => {
    await until(async () => (await jobRow(getDb(), jobId)).status === status);
    return jobRow(getDb(), jobId);
  };

  it('runs a job over two nodes to the same result_pb as one local merge', async () => {
    const [a, b] = [
      await linkedNode(getDb(), h.baseUrl, userId),
      await linkedNode(getDb(), h.baseUrl, userId),
    ];
    const progress = await collectNotifications(getDb(), 'job_progress');
    const jobId = await insertJob(getDb(), userId, fixedConfig(5_500, 1_000, 11), validProfile);
    await admitted(jobId);
    expect((await jobRow(getDb(), jobId)).status).toBe('running');

    const first = await claimChunks(h.baseUrl, a, 2);
    expect(first.map((c) => [c.chunkIndex, c.firstIteration, c.iterations])).toEqual([
      [0, 0, 1000],
      [1, 1000, 1000],
    ]);
    const config = await send(h.baseUrl, a, 'GET', `/v1/configs/${first[0]!.configHash}`);
    expect(config.status).toBe(200);
    expect(config.headers.get('cache-control')).toContain('immutable');
    expect(config.body).toMatchObject({ simConfig: { profile: validProfile }, sentinelConfig: { seed: 11 } });

    // A foreign complete is refused and changes nothing; the owner's is accepted; a retry is a duplicate.
    expect(errorCode(await completeChunk(h.baseUrl, b, first[0]!, 11))).toBe('SF_CLAIM_NOT_HELD');
    expect((await completeChunk(h.baseUrl, a, first[0]!, 11)).body).toEqual({ status: 'accepted' });
    expect((await completeChunk(h.baseUrl, a, first[0]!, 11)).body).toEqual({ status: 'duplicate' });
    expect(h.sentinel.store.job(jobId)!.iterationsDone).toBe(1_000);
    await h.sentinel.crons.progress();
    const payload = JSON.parse(await progress.waitFor((p) => p.includes(jobId)));
    expect(payload).toEqual({ id: jobId, userId, iterationsDone: 1_000, iterationsTarget: 5_500 });
    await progress.stop();

    // Node a goes silent holding chunk 1: after the lease it comes back to b, and a's late result is refused.
    const fromB = await claimChunks(h.baseUrl, b, 2);
    h.clock.advance(5_001);
    expect(h.sentinel.crons.reclaimStale()).toBe(3);
    const again = await claimChunks(h.baseUrl, b, 2);
    expect(again.map((c) => [c.chunkIndex, c.attempt])).toEqual([
      [1, 2],
      [fromB[0]!.chunkIndex, 2],
    ]);
    expect(errorCode(await completeChunk(h.baseUrl, a, first[1]!, 11))).toBe('SF_CLAIM_NOT_HELD');
    for (const chunk of again) expect((await completeChunk(h.baseUrl, b, chunk, 11)).status).toBe(200);
    for (;;) {
      const chunks = await claimChunks(h.baseUrl, a, 2);
      if (chunks.length === 0) break;
      for (const chunk of chunks) await completeChunk(h.baseUrl, a, chunk, 11);
    }

    const row = await settled(jobId, 'completed');
    const expected = syntheticPartial(11, 0, 5_500);
    const stored = await asUser(getDb(), userId, (tx) =>
      runQuery<{ result_pb: Uint8Array; timeline_pb: Uint8Array }>(tx, 'studio_jobs_get', [jobId]),
    );
    expect(Buffer.from(stored.rows[0]!.result_pb)).toEqual(Buffer.from(encodeJobResult(expected)));
    expect(Buffer.from(stored.rows[0]!.timeline_pb)).toEqual(
      Buffer.from(encodeJobTimeline(expected.timeline)),
    );
    expect(row.meta).toMatchObject({ iterations: 5_500, chunks: 6, strategy: 'fixed' });
    const nodes = row.meta.nodes as { publicKey: string; chunks: number; iterations: number }[];
    expect(nodes.reduce((sum, n) => sum + n.iterations, 0)).toBe(5_500);
    expect(new Set(nodes.map((n) => n.publicKey))).toEqual(new Set([a.publicKeyB64url, b.publicKeyB64url]));
    const counters = await runQuery<{ iterations_total: string }>(getDb(), 'nodes_by_key', [
      b.publicKeyB64url,
    ]);
    expect(Number(counters.rows[0]!.iterations_total)).toBe(
      nodes.find((n) => n.publicKey === b.publicKeyB64url)!.iterations,
    );
    expect(h.sentinel.store.job(jobId)).toBeUndefined();
    expect(errorCode(await completeChunk(h.baseUrl, a, first[1]!, 11))).toBe('SF_JOB_NOT_ACTIVE');
  });

  it('fails a job whose profile the engine rejects, with the engine message in meta', async () => {
    const jobId = await insertJob(getDb(), userId, fixedConfig(1_000, 100), 'this is not a profile');
    const row = await settled(jobId, 'failed');
    expect(row.meta.reason).toBe('config_rejected');
    expect(String(row.meta.message)).toMatch(/line \d+, column \d+/);
    expect(h.sentinel.store.job(jobId)).toBeUndefined();
  });

  it('fails a job whose chunk fails past the attempt limit (poison chunk)', async () => {
    const node = await linkedNode(getDb(), h.baseUrl, userId);
    const jobId = await insertJob(getDb(), userId, fixedConfig(1_000, 500), validProfile);
    await admitted(jobId);
    for (let attempt = 1; attempt <= h.sentinel.settings.maxChunkAttempts; attempt++) {
      const [chunk] = await claimChunks(h.baseUrl, node, 1);
      expect([chunk!.chunkIndex, chunk!.attempt]).toEqual([0, attempt]);
      const failed = await send(h.baseUrl, node, 'POST', '/v1/fail', { ...chunk, reason: 'engine: boom' });
      expect(failed.body).toEqual({ status: 'failed' });
    }
    const row = await settled(jobId, 'failed');
    expect(row.meta.reason).toBe('chunk_failed');
    expect(String(row.meta.detail)).toContain('engine: boom');
    expect(await send(h.baseUrl, node, 'POST', '/v1/release', {})).toMatchObject({ body: { released: 0 } });
  });

  it('drops the runtime of a job its owner cancels', async () => {
    const node = await linkedNode(getDb(), h.baseUrl, userId);
    const jobId = await insertJob(getDb(), userId, fixedConfig(10_000, 1_000), validProfile);
    await admitted(jobId);
    const [chunk] = await claimChunks(h.baseUrl, node, 1);
    await asUser(getDb(), userId, (tx) => runQuery(tx, 'studio_jobs_cancel', [jobId]));
    await until(() => h.sentinel.store.job(jobId) === undefined);
    expect(h.sentinel.store.heldBy(node.publicKeyB64url)).toBe(0);
    expect(errorCode(await completeChunk(h.baseUrl, node, chunk!, 11))).toBe('SF_JOB_NOT_ACTIVE');
    expect((await jobRow(getDb(), jobId)).meta.reason).toBe('cancelled');
  });

  it('wakes a waiting claim long-poll when a job arrives', async () => {
    const node = await linkedNode(getDb(), h.baseUrl, userId);
    const waiting = claimChunks(h.baseUrl, node, 2, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const jobId = await insertJob(getDb(), userId, fixedConfig(2_000, 1_000), validProfile);
    const chunks = await waiting;
    expect(chunks.map((c) => c.jobId)).toEqual([jobId, jobId]);
  });
});

const validProfile = 'hunter="Probe"\nlevel=80\nrace=orc\nspec=beast_mastery\nactions=kill_command\n';
