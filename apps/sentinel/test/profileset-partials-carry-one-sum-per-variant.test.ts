// A profileset job's partials carry one set of sums per variant, and the merge adds them one
// by one: a node that sends another count (or variants for a job of one profile) is refused
// before anything is merged, so no merge can meet two lists of different lengths.
import {
  addVariantIteration,
  checkPartialPlausible,
  emptyVariantSums,
  type VariantSums,
} from '@simforge/common';
import { describe, expect, it } from 'vitest';
import { JobRuntime } from '../src/runtime/job-runtime.ts';
import { recordingStore } from './support/runtime-fixtures.ts';
import { syntheticPartial } from './support/synthetic-partial.ts';

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
