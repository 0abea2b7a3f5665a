// Benchmark (b): the same claim + complete workload on a Postgres chunk table (one row per
// chunk, claim with FOR UPDATE SKIP LOCKED, complete with UPDATE): the design the spec
// rejects, measured as the baseline. The throwaway cluster runs with fsync and synchronous
// commit off, which flatters this baseline; the ratio against (a) is therefore conservative.

import { readFile } from 'node:fs/promises';
import { encodeChunkPartial } from '@simforge/common';
import type { Database } from '@simforge/db';
import { benchPartial } from './bench-partial.ts';
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
  const partial = Buffer.from(encodeChunkPartial(benchPartial(workload.chunkIterations)));

  let ops = 0;
  let exhausted = false;
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
  return { ops, seconds, opsPerSecond: ops / seconds };
}
