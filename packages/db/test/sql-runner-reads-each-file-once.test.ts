import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSqlRunner } from '../src/index.ts';
import { describeEachDriver } from '../src/testing/index.ts';

describeEachDriver('a SQL runner over a directory of its own', (getDb) => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sql-runner-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('runs a file with positional parameters, and keeps the text it first read', async () => {
    const runner = createSqlRunner({ dir });
    await writeFile(join(dir, 'probe_add.sql'), 'SELECT $1::int + $2::int AS sum');
    expect((await runner.run<{ sum: number }>(getDb(), 'probe_add', [2, 3])).rows).toEqual([{ sum: 5 }]);
    await writeFile(join(dir, 'probe_add.sql'), 'SELECT 0 AS sum');
    expect((await runner.run<{ sum: number }>(getDb(), 'probe_add', [2, 3])).rows).toEqual([{ sum: 5 }]);
  });

  it('refuses a name outside its pattern and a missing file with DB codes, without caching the miss', async () => {
    const runner = createSqlRunner({ dir, namePattern: /^probe_[a-z_]+$/ });
    await expect(runner.load('other_name')).rejects.toMatchObject({ code: 'SF_DB_QUERY_NAME' });
    await expect(runner.load('probe_later')).rejects.toMatchObject({ code: 'SF_DB_QUERY_UNKNOWN' });
    await writeFile(join(dir, 'probe_later.sql'), 'SELECT 1 AS one');
    expect((await runner.run(getDb(), 'probe_later')).rows).toEqual([{ one: 1 }]);
  });

  it('runs a multi-statement file inside a transaction', async () => {
    const runner = createSqlRunner({ dir });
    await writeFile(
      join(dir, 'probe_two.sql'),
      'CREATE TEMP TABLE probe (n int); INSERT INTO probe VALUES (7);',
    );
    const rows = await getDb().transaction(async (tx) => {
      await runner.exec(tx, 'probe_two');
      return (await tx.query<{ n: number }>('SELECT n FROM probe')).rows;
    });
    expect(rows).toEqual([{ n: 7 }]);
  });
});
