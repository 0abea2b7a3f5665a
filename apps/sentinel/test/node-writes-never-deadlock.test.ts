// Several writers update public.nodes at once on a real Postgres: each job's finalize (its
// nodes' contribution counters, in the job's transaction), the trust flush and the presence
// cron (many rows in one statement). Taking the same rows in different orders deadlocks, and
// a fleet run found it (job_finalized_error, trust_write_error, presence_error in one burst).
// Every writer takes the rows in public-key order, so none waits on another in a cycle.
import { type Database, runQuery } from '@simforge/db';
import { freshPostgres } from '@simforge/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addContributions } from '../src/finalize.ts';
import { testQueries } from './support/test-queries.ts';

const NODES = 40;
const ROUNDS = 12;

function key(i: number): string {
  const bytes = Buffer.alloc(32);
  bytes.writeUInt32BE(i + 1, 0);
  return bytes.toString('base64url');
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('writes to public.nodes on Postgres', () => {
  let db: Database;
  const keys = Array.from({ length: NODES }, (_, i) => key(i));
  beforeAll(async () => {
    db = await freshPostgres();
    await testQueries.run(db, 'sentinel_test_nodes_insert', [keys]);
  });
  afterAll(async () => db?.close());

  it('commit side by side whatever order each writer meets the nodes in', async () => {
    const writes: Promise<unknown>[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      for (let job = 0; job < 4; job++) {
        const order = shuffled(keys, round * 31 + job + 1);
        writes.push(
          db.transaction(async (tx) => {
            await addContributions(tx, new Map(order.map((k) => [k, { iterations: 1_000, chunks: 1 }])));
            // The job's transaction holds its row locks a moment longer, as finalize's does.
            await tx.query('SELECT pg_sleep(0.005)');
          }),
        );
      }
      const reversed = shuffled(keys, round + 1_000);
      writes.push(runQuery(db, 'nodes_set_presence', [reversed, 'online', new Date().toISOString()]));
      writes.push(
        runQuery(db, 'nodes_save_trust', [
          reversed,
          reversed.map(() => 1),
          reversed.map(() => 1),
          reversed.map(() => 0),
          reversed.map(() => 0),
          reversed.map(() => 0.5),
          reversed.map(() => null),
          reversed.map(() => 0),
        ]),
      );
    }
    const outcomes = await Promise.allSettled(writes);
    const failed = outcomes.filter((o) => o.status === 'rejected').map((o) => String(o.reason));
    expect(failed).toEqual([]);
    const { rows } = await db.query<{ chunks: string }>(
      'SELECT sum(chunks_total)::text AS chunks FROM public.nodes',
    );
    expect(Number(rows[0]!.chunks)).toBe(NODES * ROUNDS * 4);
  }, 120_000);
});
