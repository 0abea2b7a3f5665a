import { mergeAllPartials } from '@simforge/common';
import { describe, expect, it } from 'vitest';
import { JobRuntime } from '../src/runtime/job-runtime.ts';
import type { IssuedChunk } from '../src/runtime/runtime-store.ts';
import { fixedJob, LEASE_MS, recordingStore } from './support/runtime-fixtures.ts';
import { syntheticPartial } from './support/synthetic-partial.ts';

const nodeA = { key: 'node-a', ownerId: 'u1', capacity: 4 };
const nodeB = { key: 'node-b', ownerId: 'u1', capacity: 4 };

function claim(
  store: ReturnType<typeof recordingStore>['store'],
  node: typeof nodeA,
  max: number,
): IssuedChunk[] {
  const result = store.claimBatch(node, max);
  if (!result.ok) throw new Error(`claim refused: ${result.code}`);
  return result.chunks;
}

function partialFor(chunk: IssuedChunk, seed = 7) {
  return syntheticPartial(seed, chunk.firstIteration, chunk.iterations);
}

describe('runtime store: claim and complete', () => {
  it('issues the chunk plan in order and finalizes after the last chunk', () => {
    const { store, finalized } = recordingStore();
    store.addJob(fixedJob('j1', 'u1', 2_500, 1_000));
    const chunks = claim(store, nodeA, 4);
    expect(chunks.map((c) => [c.chunkIndex, c.firstIteration, c.iterations, c.attempt])).toEqual([
      [0, 0, 1000, 1],
      [1, 1000, 1000, 1],
      [2, 2000, 500, 1],
    ]);
    for (const chunk of chunks)
      expect(store.complete(nodeA.key, chunk, partialFor(chunk)).outcome).toBe('accepted');
    expect(finalized).toHaveLength(1);
    expect(finalized[0]!.prefix.toPartial()).toEqual(syntheticPartial(7, 0, 2_500));
    expect(store.activeJobs).toBe(0);
    expect(store.heldBy(nodeA.key)).toBe(0);
  });

  it('gives the same merged result whatever order chunks complete in', () => {
    const { store, finalized } = recordingStore();
    store.addJob(fixedJob('j1', 'u1', 4_000, 1_000));
    const chunks = claim(store, nodeA, 4);
    for (const chunk of [...chunks].reverse()) store.complete(nodeA.key, chunk, partialFor(chunk));
    expect(finalized[0]!.prefix.toPartial()).toEqual(mergeAllPartials(chunks.map((c) => partialFor(c))));
  });

  it('refuses a claim over free capacity and claims nothing', () => {
    const { store } = recordingStore();
    store.addJob(fixedJob('j1', 'u1', 10_000, 1_000));
    claim(store, nodeA, 3);
    expect(store.claimBatch(nodeA, 2)).toEqual({ ok: false, code: 'over_capacity', free: 1 });
    expect(store.heldBy(nodeA.key)).toBe(3);
    expect(claim(store, nodeA, 1)).toHaveLength(1);
  });

  it('treats a repeated complete as a duplicate and a foreign one as not held', () => {
    const { store } = recordingStore();
    store.addJob(fixedJob('j1', 'u1', 10_000, 1_000));
    const [chunk] = claim(store, nodeA, 1);
    expect(store.complete(nodeB.key, chunk!, partialFor(chunk!)).outcome).toBe('not_held');
    expect(store.complete(nodeA.key, chunk!, partialFor(chunk!)).outcome).toBe('accepted');
    expect(store.complete(nodeA.key, chunk!, partialFor(chunk!)).outcome).toBe('duplicate');
    expect(store.job('j1')!.iterationsDone).toBe(1_000);
  });

  it('reclaims an expired claim, re-issues it first and refuses the late original', () => {
    const { store, clock } = recordingStore();
    store.addJob(fixedJob('j1', 'u1', 10_000, 1_000));
    const [first] = claim(store, nodeA, 1);
    clock.advance(LEASE_MS - 1);
    expect(store.reclaimStale()).toBe(0);
    clock.advance(1);
    expect(store.reclaimStale()).toBe(1);
    expect(store.heldBy(nodeA.key)).toBe(0);
    const [again] = claim(store, nodeB, 1);
    expect([again!.chunkIndex, again!.attempt]).toEqual([first!.chunkIndex, 2]);
    expect(store.complete(nodeA.key, first!, partialFor(first!)).outcome).toBe('not_held');
    expect(store.job('j1')!.iterationsDone).toBe(0);
    expect(store.complete(nodeB.key, again!, partialFor(again!)).outcome).toBe('accepted');
  });

  it('a heartbeat renews the leases of what a node holds', () => {
    const { store, clock } = recordingStore();
    store.addJob(fixedJob('j1', 'u1', 10_000, 1_000));
    claim(store, nodeA, 2);
    clock.advance(LEASE_MS - 1);
    expect(store.renewLeases(nodeA.key)).toBe(2);
    clock.advance(LEASE_MS - 1);
    expect(store.reclaimStale()).toBe(0);
  });

  it('refuses an implausible partial and re-queues its chunk', () => {
    const { store } = recordingStore();
    store.addJob(fixedJob('j1', 'u1', 10_000, 1_000));
    const [chunk] = claim(store, nodeA, 1);
    const short = syntheticPartial(7, chunk!.firstIteration, 999);
    expect(store.complete(nodeA.key, chunk!, short).outcome).toBe('implausible');
    expect(store.job('j1')!.iterationsDone).toBe(0);
    const [again] = claim(store, nodeB, 1);
    expect([again!.chunkIndex, again!.attempt]).toEqual([0, 2]);
  });

  it('fails the job when one chunk fails past the attempt limit (poison chunk)', () => {
    const { store, failed } = recordingStore({ maxChunkAttempts: 3 });
    store.addJob(fixedJob('j1', 'u1', 10_000, 1_000));
    for (let attempt = 1; attempt <= 3; attempt++) {
      const [chunk] = claim(store, nodeA, 1);
      expect([chunk!.chunkIndex, chunk!.attempt]).toEqual([0, attempt]);
      expect(store.fail(nodeA.key, chunk!, 'engine: boom')).toBe('failed');
    }
    expect(failed).toHaveLength(1);
    expect(failed[0]!.reason).toBe('chunk 0 failed 3 times; last: engine: boom');
    expect(store.activeJobs).toBe(0);
    expect(store.claimBatch(nodeA, 1)).toEqual({ ok: true, chunks: [] });
  });

  it('release puts chunks back without counting an attempt against the limit', () => {
    const { store, failed } = recordingStore({ maxChunkAttempts: 1 });
    store.addJob(fixedJob('j1', 'u1', 10_000, 1_000));
    claim(store, nodeA, 3);
    expect(store.release(nodeA.key)).toBe(3);
    expect(failed).toHaveLength(0);
    const again = claim(store, nodeB, 3);
    expect(again.map((c) => c.chunkIndex).sort()).toEqual([0, 1, 2]);
  });

  it('a cancelled job frees its claims and refuses its completes', () => {
    const { store, finalized } = recordingStore();
    store.addJob(fixedJob('j1', 'u1', 10_000, 1_000));
    const [chunk] = claim(store, nodeA, 1);
    expect(store.cancelJob('j1')).toBe(true);
    expect(store.heldBy(nodeA.key)).toBe(0);
    expect(store.complete(nodeA.key, chunk!, partialFor(chunk!)).outcome).toBe('job_not_active');
    expect(finalized).toHaveLength(0);
  });

  it('serves users fairly: a small job is not starved by a huge one', () => {
    const { store, finalized } = recordingStore();
    store.addJob(fixedJob('huge', 'u1', 1_000_000, 1_000));
    const bigNode = { key: 'big', ownerId: 'u1', capacity: 8 };
    const first = claim(store, bigNode, 8);
    expect(new Set(first.map((c) => c.jobId))).toEqual(new Set(['huge']));
    store.addJob(fixedJob('small', 'u2', 10_000, 1_000));
    // Rolling claims: each round completes what it holds and claims again.
    let holding = first;
    let rounds = 0;
    while (!finalized.some((j) => j.jobId === 'small')) {
      for (const chunk of holding) store.complete(bigNode.key, chunk, partialFor(chunk));
      holding = claim(store, bigNode, 8);
      rounds++;
    }
    // 10 chunks at half of 8 slots per round: 3 rounds, not the ~125 the huge job needs.
    expect(rounds).toBeLessThanOrEqual(4);
    expect(store.job('huge')).toBeDefined();
  });

  it('target_error stops at the first prefix whose 95% half-width meets the target', () => {
    const { store, finalized } = recordingStore();
    const job = new JobRuntime({
      jobId: 't1',
      userId: 'u1',
      configHash: 'h',
      simConfig: {},
      sentinelConfig: {
        seed: 3,
        chunkIterations: 500,
        strategy: { kind: 'target_error', targetErrorPct: 0.2, minIterations: 1_000, maxIterations: 100_000 },
      },
      startedAtMs: 0,
    });
    store.addJob(job);
    // Complete in reverse order within each batch: the stop point must not depend on it.
    while (finalized.length === 0) {
      const chunks = claim(store, nodeA, 4);
      for (const chunk of chunks.reverse()) store.complete(nodeA.key, chunk, partialFor(chunk, 3));
    }
    const done = finalized[0]!.prefix.toPartial();
    expect(done.iterations).toBeLessThan(100_000);
    expect(done.iterations).toBeGreaterThan(1_000);
    // Deterministic: the smallest prefix meeting the target, checked chunk by chunk.
    const halfWidthPct = (n: number) => {
      const p = syntheticPartial(3, 0, n);
      const mean = Number(p.dpsSumMilli) / n;
      const variance =
        (Number(p.dpsSumSqMilli) - (Number(p.dpsSumMilli) * Number(p.dpsSumMilli)) / n) / (n - 1);
      return ((1.96 * Math.sqrt(variance)) / Math.sqrt(n) / mean) * 100;
    };
    expect(halfWidthPct(done.iterations)).toBeLessThanOrEqual(0.2);
    expect(halfWidthPct(done.iterations - 500)).toBeGreaterThan(0.2);
  });
});
