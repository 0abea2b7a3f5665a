import { expect, it } from 'vitest';
import { asUser, type Queryable, runQuery } from '../src/index.ts';
import { collectNotifications, createUser, describeEachDriver } from '../src/testing/index.ts';

const simConfig = { profile: 'hunter="lifecycle"\nspec=beast_mastery\n' };
const sentinelConfig = { seed: 7, chunkIterations: 100, strategy: { kind: 'fixed', iterations: 1000 } };

interface JobRow {
  id: string;
  status: string;
  meta: Record<string, unknown>;
  result_pb: Uint8Array | null;
  timeline_pb: Uint8Array | null;
}

async function submitJob(tx: Queryable): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    'INSERT INTO public.jobs (sim_config, sentinel_config) VALUES ($1, $2) RETURNING id',
    [simConfig, sentinelConfig],
  );
  return rows[0]!.id;
}

async function readJob(db: Queryable, id: string): Promise<JobRow> {
  const { rows } = await db.query<JobRow>(
    'SELECT id, status, meta, result_pb, timeline_pb FROM public.jobs WHERE id = $1',
    [id],
  );
  return rows[0]!;
}

const bytes = (...values: number[]) => new Uint8Array(values);

describeEachDriver('job lifecycle through the named queries', (getDb) => {
  it('insert pending -> notified -> running -> completed, each guard refusing a repeat', async () => {
    const db = getDb();
    const userId = await createUser(db);
    const pending = await collectNotifications(db, 'pending_job');
    const id = await asUser(db, userId, submitJob);
    expect(await pending.waitFor((payload) => payload === id)).toBe(id);
    await pending.stop();

    const loaded = await runQuery<{ sim_config: unknown; sentinel_config: unknown }>(db, 'job_load', [id]);
    expect(loaded.rows[0]).toMatchObject({ sim_config: simConfig, sentinel_config: sentinelConfig });

    const running = await runQuery<{ id: string; status: string }>(db, 'scheduler_mark_running', [id]);
    expect(running.rowCount).toBe(1);
    expect(running.rows[0]).toMatchObject({ id, status: 'running', user_id: userId });

    // The second scheduler on the same job changes nothing and says so: no row comes back.
    const again = await runQuery(db, 'scheduler_mark_running', [id]);
    expect(again.rowCount).toBe(0);
    expect(again.rows).toEqual([]);

    const finalized = await runQuery(db, 'jobs_finalize', [id, { iterations: 1000 }, bytes(1, 2), bytes(3)]);
    expect(finalized.rows).toEqual([{ id, user_id: userId, status: 'completed' }]);
    const done = await readJob(db, id);
    expect(done.status).toBe('completed');
    expect(done.meta).toEqual({ iterations: 1000 });
    expect([...done.result_pb!]).toEqual([1, 2]);
    expect([...done.timeline_pb!]).toEqual([3]);

    // Terminal means terminal: no guard lets a completed job move again.
    expect((await runQuery(db, 'jobs_finalize', [id, {}, bytes(9), null])).rowCount).toBe(0);
    expect((await runQuery(db, 'reclaim_mark_failed', [id, 'chunk_failed_too_often', null])).rowCount).toBe(
      0,
    );
    expect((await runQuery(db, 'scheduler_mark_running', [id])).rowCount).toBe(0);
    expect(await readJob(db, id)).toEqual(done);
  });

  it('finalize refuses a job that is not running', async () => {
    const db = getDb();
    const id = await asUser(db, await createUser(db), submitJob);
    expect((await runQuery(db, 'jobs_finalize', [id, {}, bytes(1), null])).rowCount).toBe(0);
    expect((await readJob(db, id)).status).toBe('pending');
  });

  it('jobs_finalize without a timeline keeps the existing timeline_pb', async () => {
    const db = getDb();
    const id = await asUser(db, await createUser(db), submitJob);
    await runQuery(db, 'scheduler_mark_running', [id]);
    // A timeline written earlier (an interim one) must survive a finalize that has none.
    await db.query('UPDATE public.jobs SET timeline_pb = $2 WHERE id = $1', [id, bytes(7, 7, 7)]);
    await runQuery(db, 'jobs_finalize', [id, { iterations: 10 }, bytes(5), null]);
    const job = await readJob(db, id);
    expect(job.status).toBe('completed');
    expect([...job.result_pb!]).toEqual([5]);
    expect([...job.timeline_pb!]).toEqual([7, 7, 7]);
  });

  it('pending -> failed and running -> failed with the reason merged into meta', async () => {
    const db = getDb();
    const userId = await createUser(db);
    const pendingId = await asUser(db, userId, submitJob);
    const failed = await runQuery(db, 'reclaim_mark_failed', [pendingId, 'config_rejected', { line: 3 }]);
    expect(failed.rows[0]).toMatchObject({ status: 'failed', meta: { reason: 'config_rejected', line: 3 } });

    const runningId = await asUser(db, userId, submitJob);
    await runQuery(db, 'scheduler_mark_running', [runningId]);
    await runQuery(db, 'reclaim_mark_failed', [runningId, 'chunk_failed_too_often', null]);
    expect(await readJob(db, runningId)).toMatchObject({
      status: 'failed',
      meta: { reason: 'chunk_failed_too_often' },
    });
    // Failed is terminal: neither the scheduler nor finalize revive it.
    expect((await runQuery(db, 'scheduler_mark_running', [runningId])).rowCount).toBe(0);
    expect((await runQuery(db, 'jobs_finalize', [runningId, {}, bytes(1), null])).rowCount).toBe(0);
  });

  it('boot_fail_running fails exactly the running jobs as restart_dropped and returns their ids', async () => {
    const db = getDb();
    await runQuery(db, 'boot_fail_running'); // earlier tests' leftovers are not this test's
    const userId = await createUser(db);
    const [a, b, c] = [
      await asUser(db, userId, submitJob),
      await asUser(db, userId, submitJob),
      await asUser(db, userId, submitJob),
    ];
    await runQuery(db, 'scheduler_mark_running', [a]);
    await runQuery(db, 'scheduler_mark_running', [b]);
    const { rows } = await runQuery<{ id: string }>(db, 'boot_fail_running');
    expect(rows.map((row) => row.id).sort()).toEqual([a, b].sort());
    expect(await readJob(db, a!)).toMatchObject({ status: 'failed', meta: { reason: 'restart_dropped' } });
    expect((await readJob(db, c!)).status).toBe('pending');
    const sweep = await runQuery<{ id: string }>(db, 'jobs_pending');
    expect(sweep.rows.map((row) => row.id)).toContain(c);
    expect(sweep.rows.map((row) => row.id)).not.toContain(a);
  });

  it('cancel_job fails the caller own active job and notifies job_cancelled', async () => {
    const db = getDb();
    const owner = await createUser(db);
    const other = await createUser(db);
    const id = await asUser(db, owner, submitJob);
    const cancelled = await collectNotifications(db, 'job_cancelled');
    const byOther = await asUser(db, other, (tx) =>
      tx.query<{ ok: boolean }>('SELECT public.cancel_job($1) AS ok', [id]),
    );
    expect(byOther.rows[0]?.ok).toBe(false);
    const byOwner = await asUser(db, owner, (tx) =>
      tx.query<{ ok: boolean }>('SELECT public.cancel_job($1) AS ok', [id]),
    );
    expect(byOwner.rows[0]?.ok).toBe(true);
    expect(await cancelled.waitFor((payload) => payload === id)).toBe(id);
    await cancelled.stop();
    expect(await readJob(db, id)).toMatchObject({ status: 'failed', meta: { reason: 'cancelled' } });
  });
});
