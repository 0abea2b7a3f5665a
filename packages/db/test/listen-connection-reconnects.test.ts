import { afterEach, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../src/index.ts';
import { collectNotifications, freshPostgresUrl, startPostgres } from '../src/testing/index.ts';

const LISTENER = 'reconnect-probe:listen';

async function listenerPid(db: Database): Promise<number | undefined> {
  const { rows } = await db.query<{ pid: number }>(
    'SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()',
    [LISTENER],
  );
  return rows[0]?.pid;
}

function nextReconnect(db: Database, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no reconnect within ${timeoutMs} ms`)), timeoutMs);
    const off = db.onReconnect(() => {
      clearTimeout(timer);
      off();
      resolve();
    });
  });
}

// Postgres only: PGlite runs inside this process and has no server backend to terminate.
describe('LISTEN connection lost [postgres only: PGlite runs in-process, has no backend to kill]', () => {
  let db: Database | undefined;
  afterEach(async () => {
    await db?.close();
  });

  it('comes back after pg_terminate_backend, reports the reconnect and receives later notifications', async () => {
    db = await openDatabase({
      url: await freshPostgresUrl(),
      applicationName: 'reconnect-probe',
      reconnectInitialMs: 20,
    });
    const notifications = await collectNotifications(db, 'pending_job');
    const before = await listenerPid(db);
    expect(before).toBeTypeOf('number');

    for (let round = 1; round <= 2; round++) {
      const reconnected = nextReconnect(db);
      const killed = await db.query<{ ok: boolean }>('SELECT pg_terminate_backend($1) AS ok', [
        await listenerPid(db),
      ]);
      expect(killed.rows[0]?.ok).toBe(true);
      await reconnected;
      expect(await listenerPid(db)).not.toBe(before);
      await db.query('SELECT pg_notify($1, $2)', ['pending_job', `after-kill-${round}`]);
      expect(await notifications.waitFor((payload) => payload === `after-kill-${round}`)).toBe(
        `after-kill-${round}`,
      );
    }
    await notifications.stop();
  });

  it('reports connection errors to onError instead of crashing the process', async () => {
    const errors: Error[] = [];
    db = await openDatabase({
      url: await freshPostgresUrl(),
      applicationName: 'reconnect-probe',
      reconnectInitialMs: 20,
      onError: (error) => errors.push(error),
    });
    await db.listen('pending_job', () => undefined);
    const reconnected = nextReconnect(db);
    await db.query('SELECT pg_terminate_backend($1)', [await listenerPid(db)]);
    await reconnected;
    expect(errors.map((error) => (error as Error & { code?: string }).code)).toContain('57P01');
  });

  it('retries with backoff while the server is down and comes back when it restarts', async () => {
    const cluster = await startPostgres();
    try {
      const errors: Error[] = [];
      db = await openDatabase({
        url: cluster.url(),
        applicationName: 'reconnect-probe',
        reconnectInitialMs: 20,
        reconnectMaxMs: 200,
        onError: (error) => errors.push(error),
      });
      const notifications = await collectNotifications(db, 'pending_job');
      const reconnected = nextReconnect(db, 20_000);
      await cluster.restart(1_000);
      await reconnected;
      // Refused attempts while the server was down, each reported rather than thrown.
      expect(
        errors.filter((error) => (error as Error & { code?: string }).code === 'ECONNREFUSED').length,
      ).toBeGreaterThan(1);
      await db.query("SELECT pg_notify('pending_job', 'after-restart')");
      expect(await notifications.waitFor((payload) => payload === 'after-restart')).toBe('after-restart');
    } finally {
      await db?.close();
      db = undefined;
      await cluster.stop();
    }
  });
});
