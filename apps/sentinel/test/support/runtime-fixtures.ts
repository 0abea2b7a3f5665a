// A RuntimeStore on a fake clock with a recording sink, for the runtime unit tests.

import type { SentinelConfig } from '@simforge/common';
import { FakeClock } from '../../src/clock.ts';
import { JobRuntime } from '../../src/runtime/job-runtime.ts';
import { type PartialCheck, RuntimeStore } from '../../src/runtime/runtime-store.ts';

export const LEASE_MS = 30_000;

export function recordingStore(options: { maxChunkAttempts?: number; checkPartial?: PartialCheck } = {}) {
  const clock = new FakeClock();
  const finalized: JobRuntime[] = [];
  const failed: { job: JobRuntime; reason: string }[] = [];
  const store = new RuntimeStore({
    clock,
    leaseMs: LEASE_MS,
    maxChunkAttempts: options.maxChunkAttempts ?? 3,
    sink: { finalize: (job) => finalized.push(job), fail: (job, reason) => failed.push({ job, reason }) },
    checkPartial:
      options.checkPartial ??
      ((partial, expected) =>
        partial.iterations === expected ? null : { message: 'wrong iteration count' }),
  });
  return { clock, store, finalized, failed };
}

export function fixedJob(
  jobId: string,
  userId: string,
  iterations: number,
  chunkIterations: number,
  seed = 7,
) {
  const sentinelConfig: SentinelConfig = { seed, chunkIterations, strategy: { kind: 'fixed', iterations } };
  return new JobRuntime({
    jobId,
    userId,
    configHash: `hash-${jobId}`,
    simConfig: { profile: 'hunter="x"' },
    sentinelConfig,
    startedAtMs: 0,
  });
}
