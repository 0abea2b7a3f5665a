// One reproducibility core, two hosts: `simforge sim` (worker threads on this machine) and the
// sentinel's runtime (claims and completions from nodes in any order) must cut the same job
// into the same chunks, stop at the same chunk and merge the same bytes. A target-error job
// is the sharp case: where it stops depends on the merged prefix, not on completion order.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type ChunkPartial, checkPartialPlausible, encodeJobResult } from '@simforge/common';
import { planJob, requiredGameData, runChunk } from '@simforge/engine';
import { CsvGameDataSource, loadBundle } from '@simforge/gamedata';
import { FakeClock, JobRuntime, RuntimeStore, TrustBook } from '@simforge/sentinel';
import { describe, expect, it } from 'vitest';
import { runPlan } from '../src/commands/sim.ts';
import { DEFAULT_PROFILE_PATH, GAMEDATA_DIRS } from './support/test-profiles.ts';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('simforge sim and the sentinel runtime', () => {
  it('stop a target-error job at the same chunk and give the same bytes, whatever the completion order', async () => {
    const text = readFileSync(DEFAULT_PROFILE_PATH, 'utf8')
      .replace(/^max_time=.*$/m, 'max_time=60')
      .replace(/^iterations=.*$/m, '');
    const plan = planJob(text, { iterations: 6000, chunkIterations: 100, seed: 42, targetErrorPct: 0.2 });
    if (!plan.ok) throw new Error(JSON.stringify(plan.errors));
    expect(plan.sentinelConfig.strategy.kind).toBe('target_error');
    const gameData = await loadBundle(
      new CsvGameDataSource({ dirs: GAMEDATA_DIRS }),
      requiredGameData(plan.profile),
    );

    const local = await runPlan(plan.simConfig, plan.sentinelConfig, gameData, 2);

    // The sentinel's path: one node claims every chunk, then completes them last to first.
    const finalized: JobRuntime[] = [];
    const store = new RuntimeStore({
      clock: new FakeClock(),
      leaseMs: 60_000,
      maxChunkAttempts: 3,
      minFailingOwners: 2,
      verificationWaitMs: 60_000,
      // One chunk per run, as before runs: these count chunks per claim.
      targetRunMs: 2_000,
      maxRunChunks: 1,
      runsPerSlot: 1,
      // The node is the job owner's own: its results merge at once, no verification.
      trust: new TrustBook({ fullCheckAgreements: 20, floorRate: 0.05, maxRefusals: 5 }, () => 0),
      sink: { finalize: (job) => finalized.push(job), fail: (_job, reason) => expect.fail(reason) },
      checkPartial: checkPartialPlausible,
    });
    const job = new JobRuntime({
      jobId: 'job-1',
      userId: 'user-1',
      configHash: 'hash-1',
      simConfig: plan.simConfig,
      sentinelConfig: plan.sentinelConfig,
      startedAtMs: 0,
    });
    store.addJob(job);
    const chunkCount = job.plan.chunkCount;
    const batch = store.claimBatch({ key: 'node-1', ownerId: 'user-1', capacity: chunkCount }, chunkCount);
    if (!batch.ok) throw new Error('claim refused');
    const partials = new Map<number, ChunkPartial>();
    for (const chunk of batch.chunks) {
      partials.set(
        chunk.chunkIndex,
        runChunk({
          simConfig: plan.simConfig,
          sentinelConfig: plan.sentinelConfig,
          gameData,
          firstIteration: chunk.firstIteration,
          count: chunk.iterations,
        }),
      );
    }
    for (const chunk of [...batch.chunks].reverse()) {
      if (finalized.length > 0) break;
      store.complete('node-1', chunk, partials.get(chunk.chunkIndex)!);
    }
    expect(finalized).toHaveLength(1);
    const stoppedAt = finalized[0]!.prefixChunks;
    // The strategy stopped inside the plan, past its minimum: the stopping rule was exercised.
    expect(stoppedAt).toBeGreaterThan(10);
    expect(stoppedAt).toBeLessThan(chunkCount);

    expect(local.result.iterations).toBe(stoppedAt * 100);
    expect(sha256(encodeJobResult(finalized[0]!.prefix.toPartial()))).toBe(
      sha256(encodeJobResult(local.result)),
    );
  }, 120_000);
});
