import { runQuery } from '@simforge/db';
import { createUser, describeEachDriver } from '@simforge/db/testing';
import { expect, it } from 'vitest';
import {
  claimChunks,
  completeChunk,
  fixedConfig,
  insertJob,
  jobRow,
  linkedNode,
  startSentinel,
  until,
} from './support/sentinel-harness.ts';

describeEachDriver('boot after a sentinel died mid-job', (getDb) => {
  it('fails the job left running, logs restart_dropped once, and runs a new job', async () => {
    const db = getDb();
    const userId = await createUser(db);
    // The first sentinel admits a job and dies (closed without finalizing) while it runs.
    const first = await startSentinel(db);
    const dropped = await insertJob(db, userId, fixedConfig(10_000, 1_000));
    await until(() => first.sentinel.store.job(dropped) !== undefined);
    await first.close();
    expect((await jobRow(db, dropped)).status).toBe('running');

    const second = await startSentinel(db);
    try {
      const row = await jobRow(db, dropped);
      expect(row.status).toBe('failed');
      expect(row.meta.reason).toBe('restart_dropped');
      expect(second.logger.events('restart_dropped')).toEqual([
        { level: 'warn', event: 'restart_dropped', jobId: dropped, userId },
      ]);
      expect(second.sentinel.store.job(dropped)).toBeUndefined();

      const node = await linkedNode(db, second.baseUrl, userId);
      const fresh = await insertJob(db, userId, fixedConfig(2_000, 1_000));
      const chunks = await claimChunks(second.baseUrl, node, 2, 5_000);
      for (const chunk of chunks) await completeChunk(second.baseUrl, node, chunk, 11);
      await until(async () => (await jobRow(db, fresh)).status === 'completed');
      const { rows } = await runQuery(db, 'jobs_pending');
      expect(rows).toEqual([]);
    } finally {
      await second.close();
    }
  });
});
