// Benchmark (a): claim + complete on the in-memory runtime store, the spec's design. Simulated
// nodes take their free capacity and complete every chunk with a realistic partial, which goes
// through the production plausibility check and the in-order prefix merge. Finished jobs are
// replaced so the store always holds one job per user.

import { type ChunkPartial, checkPartialPlausible } from '@simforge/common';
import { systemClock } from '../src/clock.ts';
import { JobRuntime } from '../src/runtime/job-runtime.ts';
import { RuntimeStore } from '../src/runtime/runtime-store.ts';

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
    sink: { finalize: (job) => store.addJob(newJob(job.userId)), fail: () => undefined },
    checkPartial: checkPartialPlausible,
  });
  for (let u = 0; u < workload.users; u++) store.addJob(newJob(`user-${u}`));
  const nodes = Array.from({ length: workload.nodes }, (_, n) => ({
    key: `node-${n}`,
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
        if (store.complete(node.key, chunk, partial).outcome !== 'accepted') throw new Error('complete refused');
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
