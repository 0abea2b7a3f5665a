import { createUser, freshPostgresUrl } from '@simforge/db/testing';
import { describe, expect, it } from 'vitest';
import { createSentinel } from '../src/index.ts';
import { MemoryLogger } from '../src/logger.ts';
import {
  claimChunks,
  completeChunk,
  fixedConfig,
  insertJob,
  jobRow,
  linkedNode,
  until,
} from './support/sentinel-harness.ts';
import { testQueries } from './support/test-queries.ts';

// Postgres only: PGlite runs inside the process and has no connection to cut.
describe('the database connection cut [postgres only: PGlite has no connection to lose]', () => {
  it('LISTEN comes back and a job inserted meanwhile still runs', async () => {
    const logger = new MemoryLogger();
    const sentinel = await createSentinel({
      database: { url: await freshPostgresUrl() },
      logger,
      disableTimers: true,
      validateSimConfig: () => ({ ok: true }),
    });
    try {
      const { port } = await sentinel.listen(0, '127.0.0.1');
      const baseUrl = `http://127.0.0.1:${port}`;
      const db = sentinel.db;
      const userId = await createUser(db);
      const node = await linkedNode(db, baseUrl, userId);

      const cut = await testQueries.run<{ terminated: boolean }>(db, 'sentinel_test_terminate_listener', [
        'simforge-sentinel:listen',
      ]);
      expect(cut.rows.map((r) => r.terminated)).toEqual([true]);
      // Inserted while the listener is down (it reconnects after a backoff): its NOTIFY is lost,
      // so only the sweep after the reconnect can admit it.
      const jobId = await insertJob(db, userId, fixedConfig(2_000, 1_000));
      await until(() => logger.events('listen_reconnected').length > 0);
      const chunks = await claimChunks(baseUrl, node, 2, 10_000);
      expect(chunks.map((c) => c.jobId)).toEqual([jobId, jobId]);
      for (const chunk of chunks) await completeChunk(baseUrl, node, chunk, 11);
      await until(async () => (await jobRow(db, jobId)).status === 'completed');

      // Notifications flow again after the reconnect: a second job is admitted without a sweep.
      const second = await insertJob(db, userId, fixedConfig(1_000, 1_000));
      await until(() => sentinel.store.job(second) !== undefined);
    } finally {
      await sentinel.close();
    }
  });
});
