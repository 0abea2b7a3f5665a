// Benchmark (b): the same claim + complete workload on a Postgres chunk table (one row per
// chunk, claim with FOR UPDATE SKIP LOCKED, complete with UPDATE): the design the spec
// rejects, measured as the baseline. The throwaway cluster runs with fsync and synchronous
// commit off, which flatters this baseline; the ratio against (a) is therefore conservative.

import { readFile } from 'node:fs/promises';
import { checkPartialPlausible, encodeChunkPartial } from '@simforge/common';
import type { Database } from '@simforge/db';
import type { OpsResult, Workload } from './in-memory-store.ts';

const sql = (name: string) => readFile(new URL(`./sql/${name}.sql`, import.meta.url), 'utf8');

export async function benchChunkTable(
  db: Database,
  workload: Workload,
  durationMs: number,
): Promise<OpsResult> {
  const [create, seed, claim, complete] = await Promise.all(
    ['chunk_table_create', 'chunk_table_seed', 'chunk_table_claim', 'chunk_table_complete'].map(sql),
  );
  await db.exec(create!);
  for (let u = 0; u < workload.users; u++) await db.query(seed!, [u, workload.chunksPerJob]);
  const partial = Buffer.from(encodeChunkPartial(workload.partial));

  let ops = 0;
  let exhausted = false;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const deadline = started + durationMs;
  const node = async (key: string) => {
    while (!exhausted && performance.now() < deadline) {
      const { rows } = await db.query<{ job_id: number; chunk_index: number; attempt: number }>(claim!, [
        key,
        workload.capacity,
      ]);
      if (rows.length === 0) {
        exhausted = true;
        return;
      }
      await Promise.all(
        rows.map(async (row) => {
          // The same refusal the runtime store applies, so both sides do the same CPU work.
          if (checkPartialPlausible(workload.partial, workload.chunkIterations) !== null)
            throw new Error('implausible');
          const done = await db.query(complete!, [row.job_id, row.chunk_index, key, row.attempt, partial]);
          if (done.rowCount !== 1) throw new Error('complete refused');
          ops++;
        }),
      );
    }
  };
  await Promise.all(Array.from({ length: workload.nodes }, (_, n) => node(`node-${n}`)));
  const seconds = (performance.now() - started) / 1000;
  if (exhausted) throw new Error('the chunk table ran out of chunks: seed more for this duration');
  // CPU of this process only; most of (b)'s cost is in the Postgres server.
  const cpu = process.cpuUsage(cpuBefore);
  return {
    ops,
    seconds,
    opsPerSecond: ops / seconds,
    opsPerCpuSecond: ops / ((cpu.user + cpu.system) / 1e6),
  };
}
