import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Database, migrate } from '../src/index.ts';
import { describeEachDriver } from '../src/testing/index.ts';

describeEachDriver('migrate', (getDb) => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'simforge-migrations-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const counts = async (db: Database) =>
    (await db.query<{ n: number }>('SELECT count(*) AS n FROM simforge.migrations')).rows[0]?.n;

  it('run again on a migrated database is a no-op', async () => {
    const db = getDb();
    const before = await counts(db);
    expect(before).toBeGreaterThanOrEqual(2);
    expect(await migrate(db)).toEqual([]);
    expect(await migrate(db)).toEqual([]);
    expect(await counts(db)).toBe(before);
  });

  it('applies files in name order, each once, even from concurrent migrators', async () => {
    const db = getDb();
    await writeFile(join(dir, '0002_b.sql'), 'INSERT INTO probe_order VALUES (2);');
    await writeFile(
      join(dir, '0001_a.sql'),
      'CREATE TABLE probe_order (step int); INSERT INTO probe_order VALUES (1);',
    );
    const results = await Promise.all([
      migrate(db, { migrationsDir: dir }),
      migrate(db, { migrationsDir: dir }),
    ]);
    expect(results.flat().sort()).toEqual(['0001_a.sql', '0002_b.sql']);
    const { rows } = await db.query<{ step: number }>('SELECT step FROM probe_order ORDER BY step');
    expect(rows).toEqual([{ step: 1 }, { step: 2 }]);
  });

  it('rolls back a failing file entirely and resumes from it on the next run', async () => {
    const db = getDb();
    await writeFile(join(dir, '0003_c.sql'), 'INSERT INTO probe_order VALUES (3); SELECT 1/0;');
    await expect(migrate(db, { migrationsDir: dir })).rejects.toMatchObject({
      code: 'SF_DB_MIGRATION_FAILED',
    });
    expect((await db.query('SELECT step FROM probe_order WHERE step = 3')).rowCount).toBe(0);
    await writeFile(join(dir, '0003_c.sql'), 'INSERT INTO probe_order VALUES (3);');
    expect(await migrate(db, { migrationsDir: dir })).toEqual(['0003_c.sql']);
  });

  it('refuses an applied file whose contents changed', async () => {
    const db = getDb();
    await writeFile(join(dir, '0001_a.sql'), 'CREATE TABLE probe_order (step bigint);');
    await expect(migrate(db, { migrationsDir: dir })).rejects.toMatchObject({
      code: 'SF_DB_MIGRATION_CHANGED',
    });
  });
});
