// Benchmark (a): claim + complete on the in-memory runtime store, the spec's design. Simulated
// nodes take their free capacity and complete every chunk with a realistic partial, which goes
// through the production plausibility check and the in-order prefix merge. Finished jobs are
// replaced so the store always holds one job per user. Every node has an owner of its own and
// verification runs as in production: new nodes are fully checked by other owners' nodes
// (replays are ops too) and the rate decays to the floor as their records grow.

import { type ChunkPartial, checkPartialPlausible, encodeChunkPartial } from '@simforge/common';
import { systemClock } from '../src/clock.ts';
import { JobRuntime } from '../src/runtime/job-runtime.ts';
import { RuntimeStore } from '../src/runtime/runtime-store.ts';
import { TrustBook } from '../src/trust/trust-book.ts';

export interface Workload {
  nodes: number;
  capacity: number;
  users: number;
  chunkIterations: number;
  chunksPerJob: number;
  /** What every complete carries; its iterations equal chunkIterations. */
  partial: ChunkPartial;
}

export interface OpsResult {
  /** One op = one chunk claimed and then completed. */
  ops: number;
  seconds: number;
  opsPerSecond: number;
  /** Ops per CPU-second of this process: less sensitive to other load on a shared machine. */
  opsPerCpuSecond: number;
}

export function benchInMemoryStore(workload: Workload, durationMs: number): OpsResult {
  const { partial } = workload;
  const bytes = encodeChunkPartial(partial);
  let jobSeq = 0;
  const newJob = (userId: string) =>
    new JobRuntime({
      jobId: `job-${jobSeq++}`,
      userId,
      configHash: 'bench',
      simConfig: {},
      sentinelConfig: {
        seed: 1,
        chunkIterations: workload.chunkIterations,
        strategy: { kind: 'fixed', iterations: workload.chunkIterations * workload.chunksPerJob },
      },
      startedAtMs: 0,
    });
  const store: RuntimeStore = new RuntimeStore({
    clock: systemClock,
    leaseMs: 30_000,
    maxChunkAttempts: 3,
    minFailingOwners: 2,
    verificationWaitMs: 60_000,
    // One chunk per run, as before runs: these count chunks per claim.
    targetRunMs: 2_000,
    maxRunChunks: 1,
    runsPerSlot: 1,
    sink: { finalize: (job) => store.addJob(newJob(job.userId)), fail: () => undefined },
    checkPartial: checkPartialPlausible,
    trust: new TrustBook({ fullCheckAgreements: 20, floorRate: 0.05, maxRefusals: 5 }, seededUniform(1)),
  });
  for (let u = 0; u < workload.users; u++) store.addJob(newJob(`user-${u}`));
  const nodes = Array.from({ length: workload.nodes }, (_, n) => ({
    key: `node-${n}`,
    ownerId: `owner-${n}`,
    capacity: workload.capacity,
  }));

  let ops = 0;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const deadline = started + durationMs;
  while (performance.now() < deadline) {
    for (const node of nodes) {
      const batch = store.claimBatch(node, node.capacity - store.heldBy(node.key));
      if (!batch.ok) throw new Error('over capacity in the benchmark loop');
      for (const chunk of batch.chunks) {
        if (store.complete(node.key, chunk, partial, bytes).outcome !== 'accepted') {
          throw new Error('complete refused');
        }
        ops++;
      }
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  return {
    ops,
    seconds,
    opsPerSecond: ops / seconds,
    opsPerCpuSecond: ops / ((cpu.user + cpu.system) / 1e6),
  };
}

/** Park-Miller: a seeded uniform source, so runs draw the same checks. */
function seededUniform(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 48_271) % 2_147_483_647;
    return state / 2_147_483_647;
  };
}
