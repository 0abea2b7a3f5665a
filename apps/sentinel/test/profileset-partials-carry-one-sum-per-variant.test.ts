// A profileset job's partials carry one set of sums per variant, and the merge adds them one
// by one: a node that sends another count (or variants for a job of one profile) is refused
// before anything is merged, so no merge can meet two lists of different lengths. A raced job
// issues a stage only once the stage before it is decided, each chunk with the variants still
// running (sums for a stopped one are refused), and a quarantine that takes out a chunk a
// decision rested on makes the later stages run again.
import {
  addVariantIteration,
  checkPartialPlausible,
  emptyVariantSums,
  encodeChunkPartial,
  type VariantSums,
} from '@simforge/common';
import { describe, expect, it } from 'vitest';
import { JobRuntime } from '../src/runtime/job-runtime.ts';
import { recordingStore } from './support/runtime-fixtures.ts';
import { syntheticDps, syntheticPartial } from './support/synthetic-partial.ts';

const node = { key: 'n1', ownerId: 'u1', capacity: 1 };

function profilesetJob(jobId: string, variants: number): JobRuntime {
  const sets = Array.from({ length: variants }, (_, i) => `profileset.v${i}+=gear_agility=${2400 + i}`);
  return new JobRuntime({
    jobId,
    userId: 'u9',
    configHash: `hash-${jobId}`,
    simConfig: { profile: `hunter="x"\n${sets.join('\n')}\n` },
    sentinelConfig: { seed: 1, chunkIterations: 10, strategy: { kind: 'fixed', iterations: 20 } },
    startedAtMs: 0,
  });
}

/** Sums a real variant could have: each iteration a little above the base's. */
function variantsFor(first: number, count: number, variants: number): VariantSums[] {
  const base = syntheticPartial(3, first, count);
  return Array.from({ length: variants }, () => {
    const v = emptyVariantSums();
    const step = base.iterations > 1 ? (base.dpsMaxMilli - base.dpsMinMilli) / (base.iterations - 1) : 0;
    for (let i = 0; i < count; i++) {
      const b = Math.round(base.dpsMinMilli + step * i);
      addVariantIteration(v, Math.min(base.dpsMaxMilli, b), Math.min(base.dpsMaxMilli, b));
    }
    return v;
  });
}

describe("a profileset job's partials", () => {
  it('are refused with another number of variants than the job has', () => {
    const { store } = recordingStore({ checkPartial: checkPartialPlausible });
    const job = profilesetJob('ps', 2);
    expect(job.variants).toEqual(['v0', 'v1']);
    store.addJob(job);
    const claimed = store.claimBatch(node, 1);
    if (!claimed.ok) throw new Error(claimed.code);
    const [chunk] = claimed.chunks;
    const base = syntheticPartial(3, chunk!.firstIteration, chunk!.iterations);
    const wrong = store.complete(node.key, chunk!, {
      ...base,
      variants: variantsFor(chunk!.firstIteration, chunk!.iterations, 3),
    });
    expect(wrong).toMatchObject({
      outcome: 'implausible',
      message: expect.stringMatching(/3 variants reported, 2 expected/),
    });
    // Leaving them out is no way round it.
    expect(checkPartialPlausible(base, chunk!.iterations, 2)?.code).toBe('SF_WIRE_PARTIAL_VARIANTS_MISMATCH');
  });

  it('of a job of one profile may carry none', () => {
    const partial = { ...syntheticPartial(3, 0, 10), variants: variantsFor(0, 10, 1) };
    expect(checkPartialPlausible(partial, 10)?.code).toBe('SF_WIRE_PARTIAL_VARIANTS_MISMATCH');
    expect(checkPartialPlausible({ ...partial, variants: undefined }, 10)).toBeNull();
  });
});

/** Sums of a variant whose iteration i is the base's plus `delta(i)` milli-DPS. */
function sumsWith(first: number, count: number, delta: (i: number) => number): VariantSums {
  const sums = emptyVariantSums();
  for (let i = first; i < first + count; i++) {
    const base = Math.round(syntheticDps(3, i) * 1000);
    addVariantIteration(sums, base + delta(i), base);
  }
  return sums;
}

describe('a raced profileset job', () => {
  /** v0 far behind the base, v1 a little ahead but noisy: v0 stops at the first stage's end. */
  const raced = () =>
    new JobRuntime({
      jobId: 'race',
      userId: 'u9',
      configHash: 'hash-race',
      simConfig: { profile: 'hunter="x"\nprofileset.v0+=gear_agility=1\nprofileset.v1+=gear_agility=2\n' },
      sentinelConfig: {
        seed: 3,
        chunkIterations: 10,
        strategy: { kind: 'target_error', targetErrorPct: 0.0001, minIterations: 10, maxIterations: 80 },
      },
      startedAtMs: 0,
    });
  const partialFor = (chunk: { firstIteration: number; iterations: number }, running: number[]) => ({
    ...syntheticPartial(3, chunk.firstIteration, chunk.iterations),
    variants: [0, 1].map((k) =>
      !running.includes(k)
        ? emptyVariantSums()
        : k === 0
          ? sumsWith(chunk.firstIteration, chunk.iterations, (i) => -900_000 - (i % 7) * 1000)
          : sumsWith(chunk.firstIteration, chunk.iterations, (i) => 5_000 + ((i * 7919) % 11) * 3000),
    ),
  });
  const greedy = { key: 'n1', ownerId: 'u1', capacity: 4 };

  it('runs a stage only once the one before it is decided, each chunk with the variants its stage kept', () => {
    const { store } = recordingStore({ checkPartial: checkPartialPlausible });
    const job = raced();
    store.addJob(job);
    // The first stage is one chunk: nothing after it may run before it is merged.
    const first = store.claimBatch(greedy, 4);
    if (!first.ok) throw new Error(first.code);
    expect(first.chunks.map((c) => [c.chunkIndex, c.variants])).toEqual([[0, [0, 1]]]);
    expect(store.claimBatch(greedy, 1)).toEqual({ ok: true, chunks: [] });
    expect(store.complete(greedy.key, first.chunks[0]!, partialFor(first.chunks[0]!, [0, 1]))).toEqual({
      outcome: 'accepted',
    });
    expect(job.raceStops).toEqual([{ variant: 0, leader: 1, iterations: 10 }]);

    // Stage 1 (chunk 1) runs v1 alone; sums for the stopped v0 are refused.
    const second = store.claimBatch(greedy, 4);
    if (!second.ok) throw new Error(second.code);
    expect(second.chunks.map((c) => [c.chunkIndex, c.variants])).toEqual([[1, [1]]]);
    const chunk = second.chunks[0]!;
    expect(store.complete(greedy.key, chunk, partialFor(chunk, [0, 1]))).toMatchObject({
      outcome: 'implausible',
      message: expect.stringMatching(/variant 0: 10 iterations, stopped by the race/),
    });
  });

  it('computes the later stages again when a quarantine takes out a chunk they were decided on', () => {
    const { store } = recordingStore({ checkPartial: checkPartialPlausible });
    const job = raced();
    store.addJob(job);
    const liar = { key: 'liar', ownerId: 'u2', capacity: 1 };
    const honest = { key: 'honest', ownerId: 'u1', capacity: 1 };
    const first = store.claimBatch(liar, 1);
    if (!first.ok) throw new Error(first.code);
    store.complete(liar.key, first.chunks[0]!, partialFor(first.chunks[0]!, [0, 1]));
    const second = store.claimBatch(honest, 1);
    if (!second.ok) throw new Error(second.code);
    expect(second.chunks.map((c) => [c.chunkIndex, c.variants])).toEqual([[1, [1]]]);

    // The liar's chunk 0 leaves the merge, and with it the decision stage 1 ran on.
    store.quarantine(liar.key, 'test');
    expect(job.raceStops).toEqual([]);
    // The chunk claimed on the undone decision is nobody's fault: refused, nothing barred.
    expect(store.complete(honest.key, second.chunks[0]!, partialFor(second.chunks[0]!, [1]))).toEqual({
      outcome: 'not_held',
    });
    const again = store.claimBatch(honest, 1);
    if (!again.ok) throw new Error(again.code);
    expect(again.chunks.map((c) => [c.chunkIndex, c.variants])).toEqual([[0, [0, 1]]]);
    store.complete(honest.key, again.chunks[0]!, partialFor(again.chunks[0]!, [0, 1]));
    const redo = store.claimBatch(honest, 1);
    if (!redo.ok) throw new Error(redo.code);
    expect(redo.chunks.map((c) => [c.chunkIndex, c.variants])).toEqual([[1, [1]]]);
  });

  it('does not merge a settled check whose race decision a quarantine of the loser just undid', () => {
    // The liar's chunk 0 was merged unchecked; its chunk 1 is checked and outvoted by two other
    // owners, whose quarantine of the liar takes chunk 0 out and, with it, stage 1's decision.
    let draws = 0;
    const quarantined = new Set<string>();
    const trust = {
      shouldVerify: (key: string) => key === 'liar' && draws++ > 0,
      agreed: () => undefined,
      disagreed: () => undefined,
      refused: () => false,
      quarantine: (key: string) => {
        quarantined.add(key);
      },
      isQuarantined: (key: string) => quarantined.has(key),
    };
    const { store } = recordingStore({ checkPartial: checkPartialPlausible, trust });
    const job = raced();
    store.addJob(job);
    const liar = { key: 'liar', ownerId: 'mallory', capacity: 1 };
    const alice = { key: 'alice', ownerId: 'alice', capacity: 1 };
    const bob = { key: 'bob', ownerId: 'bob', capacity: 1 };
    store.claimBatch(alice, 0);
    store.claimBatch(bob, 0);
    const claim = (node: typeof liar) => {
      const claimed = store.claimBatch(node, 1);
      if (!claimed.ok || claimed.chunks.length === 0) throw new Error('no chunk');
      return claimed.chunks[0]!;
    };
    const c0 = claim(liar);
    store.complete(liar.key, c0, partialFor(c0, [0, 1]));
    const c1 = claim(liar);
    const lie = partialFor(c1, [1]);
    lie.variants[1]!.diffSumMilli += 1n;
    store.complete(liar.key, c1, lie, encodeChunkPartial(lie));
    const good = partialFor(c1, [1]);
    store.complete(alice.key, claim(alice), good, encodeChunkPartial(good));
    expect(store.complete(bob.key, claim(bob), good, encodeChunkPartial(good))).toEqual({
      outcome: 'accepted',
    });
    expect(quarantined.has('liar')).toBe(true);
    // Nothing of stage 1 stayed merged: both chunks are computed again, chunk 0 first.
    expect([job.prefixChunks, job.iterationsDone]).toEqual([0, 0]);
    const redo = claim(alice);
    expect([redo.chunkIndex, redo.variants]).toEqual([0, [0, 1]]);
    store.complete(alice.key, redo, partialFor(redo, [0, 1]));
    const next = claim(alice);
    expect([next.chunkIndex, next.variants]).toEqual([1, [1]]);
    store.complete(alice.key, next, partialFor(next, [1]));
    expect([job.prefixChunks, job.iterationsDone]).toEqual([2, 20]);
  });
});
