import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DBC_LAYOUTS, GameDataError, readDbcFile, readDbcTable } from '../src/index.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'simforge-csv-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function readRows(name: string, text: string): Promise<unknown[]> {
  const file = join(dir, name);
  await writeFile(file, text);
  const rows: unknown[] = [];
  await readDbcFile(file, DBC_LAYOUTS.SpellDuration, (row) => rows.push(row));
  return rows;
}

async function failure(promise: Promise<unknown>): Promise<GameDataError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GameDataError);
  return error as GameDataError;
}

describe('DBC CSV layout validation', () => {
  it('reads typed rows, ignoring columns the layout does not need', async () => {
    const rows = await readRows(
      'ok.csv',
      'ID,Duration,MaxDuration,DurationPerResource\n1,10000,10000,0\n21,-1,-1,0\n',
    );
    expect(rows).toEqual([
      { ID: 1, Duration: 10000, MaxDuration: 10000 },
      { ID: 21, Duration: -1, MaxDuration: -1 },
    ]);
  });

  it('names file, line 1 and the column when a header lacks a column', async () => {
    const error = await failure(readRows('missing.csv', 'ID,Duration,DurationPerResource\n1,10000,0\n'));
    expect(error.code).toBe('SF_GAMEDATA_COLUMN_MISSING');
    expect(error.location).toEqual({ file: join(dir, 'missing.csv'), line: 1, column: 'MaxDuration' });
    expect(error.message).toContain('missing.csv:1 column MaxDuration');
  });

  it('names file, line and column of a malformed number', async () => {
    const error = await failure(
      readRows('bad-int.csv', 'ID,Duration,MaxDuration\n1,10000,10000\n2,20s,20000\n'),
    );
    expect(error.code).toBe('SF_GAMEDATA_ROW_MALFORMED');
    expect(error.location).toEqual({ file: join(dir, 'bad-int.csv'), line: 3, column: 'Duration' });
  });

  it('counts lines of quoted multi-line fields when naming a bad row', async () => {
    const file = join(dir, 'SpellName.csv');
    await writeFile(file, 'ID,Name_lang\n1,"two\nlines"\nx,Three\n');
    const error = await failure(readDbcTable('SpellName', [dir]));
    expect(error.location).toEqual({ file, line: 4, column: 'ID' });
  });

  it('refuses a row with the wrong number of fields, with its line', async () => {
    const error = await failure(readRows('short.csv', 'ID,Duration,MaxDuration\n1,10000,10000\n2,20000\n'));
    expect(error.code).toBe('SF_GAMEDATA_ROW_MALFORMED');
    expect(error.location?.line).toBe(3);
  });

  it('refuses a float column that is empty', async () => {
    const file = join(dir, 'SpellRange.csv');
    await writeFile(file, 'ID,RangeMin_0,RangeMax_0\n1,0,\n');
    const error = await failure(readDbcTable('SpellRange', [dir]));
    expect(error.location).toEqual({ file, line: 2, column: 'RangeMax_0' });
  });

  it('fails a required table that no directory has', async () => {
    const error = await failure(readDbcTable('SpellCooldowns', [dir]));
    expect(error.code).toBe('SF_GAMEDATA_TABLE_MISSING');
  });
});
