// A RuntimeStore on a fake clock with a recording sink, for the runtime unit tests.

import type { SentinelConfig } from '@simforge/common';
import { FakeClock } from '../../src/clock.ts';
import { JobRuntime } from '../../src/runtime/job-runtime.ts';
import { type PartialCheck, RuntimeStore, type TrustEvent } from '../../src/runtime/runtime-store.ts';
import type { NodeTrust } from '../../src/trust/trust-book.ts';

export const LEASE_MS = 30_000;
export const VERIFICATION_WAIT_MS = 60_000;

/** Trust that never asks for a check: the tests of claims, fairness and strategies. */
export const trustingEveryone: NodeTrust = {
  shouldVerify: () => false,
  agreed: () => undefined,
  disagreed: () => undefined,
  refused: () => false,
  quarantine: () => undefined,
  isQuarantined: () => false,
};

export function recordingStore(
  options: {
    maxChunkAttempts?: number;
    checkPartial?: PartialCheck;
    trust?: NodeTrust;
    /** Runs longer than one chunk (default: one chunk per run, as these tests count chunks). */
    runs?: { targetRunMs: number; maxRunChunks: number; runsPerSlot?: number };
  } = {},
) {
  const clock = new FakeClock();
  const finalized: JobRuntime[] = [];
  const failed: { job: JobRuntime; reason: string }[] = [];
  const events: TrustEvent[] = [];
  const store = new RuntimeStore({
    clock,
    leaseMs: LEASE_MS,
    maxChunkAttempts: options.maxChunkAttempts ?? 3,
    minFailingOwners: 2,
    verificationWaitMs: VERIFICATION_WAIT_MS,
    ...(options.runs ?? { targetRunMs: 2_000, maxRunChunks: 1 }),
    runsPerSlot: options.runs?.runsPerSlot ?? 1,
    trust: options.trust ?? trustingEveryone,
    onTrustEvent: (event) => events.push(event),
    sink: { finalize: (job) => finalized.push(job), fail: (job, reason) => failed.push({ job, reason }) },
    checkPartial:
      options.checkPartial ??
      ((partial, expected) =>
        partial.iterations === expected ? null : { message: 'wrong iteration count' }),
  });
  return { clock, store, finalized, failed, events };
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
