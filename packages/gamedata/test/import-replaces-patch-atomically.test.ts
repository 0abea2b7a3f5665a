import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEachDriver } from '@simforge/db/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  CsvGameDataSource,
  FIXTURES_DIR,
  GameDataError,
  importGameData,
  loadBundle,
  REAL_TABLES_DIR,
  type SpellData,
  SqlGameDataSource,
  TALENT_NAMES_DIR,
  type TalentTree,
} from '../src/index.ts';

const REAL_TABLES = REAL_TABLES_DIR;
const BM_REQUEST = { spellIds: [34026, 217200, 193455, 19574, 53351, 2643, 75], specId: 253 };

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'simforge-import-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** A directory that shadows one real table with `text` (first directory wins on rows and is read first). */
async function overrideDir(name: string, table: string, text: string): Promise<string> {
  const dir = join(scratch, name);
  await cp(FIXTURES_DIR, dir, { recursive: true });
  await writeFile(join(dir, `${table}.csv`), text);
  return dir;
}

describeEachDriver('importGameData', (getDb) => {
  it('imports the real tables plus the fixtures, real rows winning', async () => {
    const summary = await importGameData({ db: getDb(), dirs: [REAL_TABLES], patch: 'test-a' });
    expect(summary.counts.spells).toBeGreaterThan(100);
    expect(summary.counts.specs).toBeGreaterThanOrEqual(3);
    expect(summary.counts.talentTrees).toBe(1);
    expect(summary.counts.curves).toBeGreaterThan(60_000);
    // Measured for docs/gamedata.md; generous bound so a busy CI box does not flake.
    expect(summary.readMs + summary.writeMs).toBeLessThan(60_000);

    const source = new SqlGameDataSource(getDb());
    expect(await source.currentPatch()).toBe('test-a');
    const { records } = await source.fetchRecords([
      'spell:34026',
      'spell:217200',
      'spec:253',
      'tree:774',
      'power:2',
    ]);
    const killCommand = records['spell:34026'] as SpellData;
    expect(killCommand.name).toBe('Kill Command');
    expect(killCommand.powerCost).toBe(30); // SpellPower (real)
    expect(killCommand.chargeRecoveryMs).toBe(7500); // SpellCategory 2067 (real)
    expect(killCommand.effects[0]?.triggerSpellId).toBe(83381); // SpellEffect (fixture)
    const barbed = records['spell:217200'] as SpellData;
    expect([barbed.maxCharges, barbed.chargeRecoveryMs, barbed.durationMs]).toEqual([2, 18000, 8000]);
    expect(records['spec:253']).toMatchObject({ name: 'Beast Mastery', classId: 3, talentTreeId: 774 });
    const tree = records['tree:774'] as TalentTree;
    expect(tree.nodes).toHaveLength(211);
    expect(tree.subTrees.map((s) => s.name)).toEqual(['Sentinel', 'Pack Leader', 'Dark Ranger']);
    expect(records['power:2']).toMatchObject({ token: 'FOCUS', maxBasePower: 100 });
  });

  it('serves from SQL the same bundle the CSV tables give', async () => {
    const fromSql = await loadBundle(new SqlGameDataSource(getDb()), BM_REQUEST);
    const fromCsv = await loadBundle(
      new CsvGameDataSource({ dirs: [REAL_TABLES], patch: 'test-a' }),
      BM_REQUEST,
    );
    expect(fromSql).toEqual(fromCsv);
  });

  it('fails on a missing column with file, line and column, leaving the previous patch', async () => {
    const dir = await overrideDir(
      'missing-column',
      'SpellCooldowns',
      'ID,DifficultyID,RecoveryTime,SpellID\n1,0,0,1\n',
    );
    const error = await importGameData({
      db: getDb(),
      dirs: [dir, REAL_TABLES],
      patch: 'test-bad',
      withFixtures: false,
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(GameDataError);
    expect((error as GameDataError).location).toEqual({
      file: join(dir, 'SpellCooldowns.csv'),
      line: 1,
      column: 'CategoryRecoveryTime',
    });
    expect(await new SqlGameDataSource(getDb()).currentPatch()).toBe('test-a');
  });

  it('fails on a malformed number with file, line and column, leaving the previous patch', async () => {
    const real = await readFile(join(REAL_TABLES, 'SpellDuration.csv'), 'utf8');
    const lines = real.trimEnd().split('\n');
    lines[3] = lines[3]?.replace(/^(\d+),(-?\d+)/, '$1,1.5e') ?? '';
    const dir = await overrideDir('malformed', 'SpellDuration', `${lines.join('\n')}\n`);
    const error = await importGameData({ db: getDb(), dirs: [dir, REAL_TABLES], patch: 'test-bad' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((error as GameDataError).code).toBe('SF_GAMEDATA_ROW_MALFORMED');
    expect((error as GameDataError).location).toEqual({
      file: join(dir, 'SpellDuration.csv'),
      line: 4,
      column: 'Duration',
    });
    expect(await new SqlGameDataSource(getDb()).currentPatch()).toBe('test-a');
  });

  it('rolls back a failure in the middle of the write, leaving every previous row', async () => {
    // An item id past Postgres' integer range parses as a DBC int but fails its INSERT,
    // after the spells of the new patch were already written inside the transaction.
    const item = (await readFile(join(FIXTURES_DIR, 'Item.csv'), 'utf8')).replace('990004,', '3000000000,');
    const sparse = (await readFile(join(FIXTURES_DIR, 'ItemSparse.csv'), 'utf8')).replace(
      '990004,',
      '3000000000,',
    );
    const dir = await overrideDir('write-fails', 'Item', item);
    await writeFile(join(dir, 'ItemSparse.csv'), sparse);
    await expect(
      importGameData({ db: getDb(), dirs: [dir, REAL_TABLES], patch: 'test-bad' }),
    ).rejects.toThrow();
    const source = new SqlGameDataSource(getDb());
    expect(await source.currentPatch()).toBe('test-a');
    const { records } = await source.fetchRecords(['spell:34026', 'item:990001']);
    expect(records['spell:34026']).toMatchObject({ name: 'Kill Command' });
    expect(records['item:990001']).toMatchObject({ name: 'Fixture Longbow of the Hunt' });
  });

  it('re-importing replaces the data and the current patch in one step', async () => {
    const renamed = (await readFile(join(TALENT_NAMES_DIR, 'SpellName.csv'), 'utf8')).replace(
      '34026,Kill Command',
      '34026,Kill Command (renamed)',
    );
    const dir = await overrideDir('renamed', 'SpellName', renamed);
    await importGameData({ db: getDb(), dirs: [dir, REAL_TABLES], patch: 'test-b' });
    const source = new SqlGameDataSource(getDb());
    expect(await source.currentPatch()).toBe('test-b');
    const { records } = await source.fetchRecords(['spell:34026']);
    expect((records['spell:34026'] as SpellData).name).toBe('Kill Command (renamed)');
    const { rows } = await getDb().query<{ version: string; is_current: boolean }>(
      'SELECT version, is_current FROM game.patches ORDER BY version',
    );
    expect(rows).toEqual([
      { version: 'test-a', is_current: false },
      { version: 'test-b', is_current: true },
    ]);
  });
});
