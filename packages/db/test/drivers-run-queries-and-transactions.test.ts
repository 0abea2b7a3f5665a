import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { type OpenDatabaseOptions, openDatabase, runQuery } from '../src/index.ts';
import { collectNotifications, describeEachDriver, freshPostgresUrl } from '../src/testing/index.ts';

describeEachDriver('drivers run queries and transactions', (getDb, kind) => {
  it('reports its kind and reads bigint as number, bytea as bytes, jsonb as objects', async () => {
    const db = getDb();
    expect(db.kind).toBe(kind);
    const { rows } = await db.query<{ n: number; b: Uint8Array; j: { a: number } }>(
      'SELECT $1::bigint AS n, $2::bytea AS b, $3::jsonb AS j',
      [42, new Uint8Array([1, 2, 3]), { a: 1 }],
    );
    expect(rows[0]?.n).toBe(42);
    expect([...(rows[0]?.b ?? [])]).toEqual([1, 2, 3]);
    expect(rows[0]?.j).toEqual({ a: 1 });
  });

  it('takes a jsonb parameter as an object or as JSON text alike', async () => {
    const { rows } = await getDb().query<{ a: unknown; b: unknown }>(
      'SELECT $1::jsonb AS a, $2::jsonb AS b',
      [{ reason: 'x', n: 1 }, JSON.stringify({ reason: 'x', n: 1 })],
    );
    expect(rows[0]?.a).toEqual({ reason: 'x', n: 1 });
    expect(rows[0]?.b).toEqual(rows[0]?.a);
  });

  it('commits a transaction that resolves and rolls back one that throws', async () => {
    const db = getDb();
    await db.exec('CREATE TABLE tx_probe (v int)');
    await db.transaction((tx) => tx.query('INSERT INTO tx_probe VALUES (1)'));
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO tx_probe VALUES (2)');
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    const { rows } = await db.query<{ v: number }>('SELECT v FROM tx_probe ORDER BY v');
    expect(rows).toEqual([{ v: 1 }]);
  });

  it('runs named queries from packages/db/queries', async () => {
    const { rows } = await runQuery(getDb(), 'jobs_pending');
    expect(rows).toEqual([]);
    await expect(runQuery(getDb(), 'no_such_query')).rejects.toMatchObject({ code: 'SF_DB_QUERY_UNKNOWN' });
  });

  it('delivers notifications to every listener until each unlistens', async () => {
    const db = getDb();
    const first = await collectNotifications(db, 'probe_channel');
    const second = await collectNotifications(db, 'probe_channel');
    await db.query("SELECT pg_notify('probe_channel', 'one')");
    await first.waitFor((payload) => payload === 'one');
    await second.waitFor((payload) => payload === 'one');
    await first.stop();
    await db.query("SELECT pg_notify('probe_channel', 'two')");
    await second.waitFor((payload) => payload === 'two');
    expect(first.payloads).toEqual(['one']);
    await second.stop();
    await expect(db.listen('Bad-Channel', () => undefined)).rejects.toMatchObject({
      code: 'SF_DB_CHANNEL_NAME',
    });
  });

  it('openDatabase keeps data across close and reopen (PGlite in its dataDir)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'simforge-pglite-data-'));
    try {
      const options: OpenDatabaseOptions =
        kind === 'postgres' ? { url: await freshPostgresUrl() } : { dataDir: dir };
      const first = await openDatabase(options);
      expect(first.kind).toBe(kind);
      await first.exec('CREATE TABLE kept (v text); INSERT INTO kept VALUES ($$still here$$)');
      await first.close();
      await expect(first.query('SELECT 1')).rejects.toMatchObject({ code: 'SF_DB_CLOSED' });
      const second = await openDatabase(options);
      expect((await second.query('SELECT v FROM kept')).rows).toEqual([{ v: 'still here' }]);
      await second.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
