import { createUser, describeEachDriver } from '@simforge/db/testing';
import { expect, it } from 'vitest';
import { countingDatabase, jobWrites } from './support/counting-database.ts';
import { fixedConfig, insertJob, jobRow, startSentinel, until } from './support/sentinel-harness.ts';
import { syntheticPartial } from './support/synthetic-partial.ts';

describeEachDriver("a job's database footprint", (getDb) => {
  /** Runs one job of `chunks` chunks through the sentinel; returns its statements writing public.jobs. */
  async function writesForJob(chunks: number): Promise<string[]> {
    const { db, statements } = countingDatabase(getDb());
    const h = await startSentinel(db);
    try {
      const userId = await createUser(getDb());
      const before = statements.length;
      const jobId = await insertJob(db, userId, fixedConfig(chunks * 10, 10, 5));
      await until(() => h.sentinel.store.job(jobId) !== undefined);
      const node = {
        key: 'footprint-node',
        ownerId: userId,
        capacity: 64,
        pin: h.sentinel.store.job(jobId)!.pin,
      };
      for (;;) {
        const batch = h.sentinel.store.claimBatch(node, 64);
        if (!batch.ok || batch.chunks.length === 0) break;
        for (const chunk of batch.chunks) {
          h.sentinel.store.complete(
            node.key,
            chunk,
            syntheticPartial(5, chunk.firstIteration, chunk.iterations),
          );
        }
        // Progress ticks run between batches as the timer would: NOTIFY only, no table writes.
        await h.sentinel.crons.progress();
      }
      await h.sentinel.idle();
      expect((await jobRow(getDb(), jobId)).status).toBe('completed');
      return jobWrites(statements.slice(before));
    } finally {
      await h.close();
    }
  }

  it('is the same number of public.jobs writes for 10 chunks and 1,000 chunks', async () => {
    const small = await writesForJob(10);
    const large = await writesForJob(1_000);
    // The studio's insert, scheduler_mark_running, jobs_finalize: nothing per chunk.
    expect(small).toHaveLength(3);
    expect(large).toHaveLength(small.length);
    expect(large.map((sql) => sql.split(/\s+/).slice(0, 3).join(' '))).toEqual(
      small.map((sql) => sql.split(/\s+/).slice(0, 3).join(' ')),
    );
  });
});
