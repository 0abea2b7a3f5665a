import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CsvGameDataSource,
  DEFAULT_CLASS_IDS,
  type GameDataBundle,
  type GameDataRequest,
  importDirs,
  loadBundle,
  patchVersionCached,
  patchVersionFor,
  REAL_TABLES_DIR,
  readSnapshot,
  type SnapshotId,
  snapshotPath,
} from '../src/index.ts';

const BUILDER = 'testbuild1';
const idOf = (patch: string): SnapshotId => ({ patch, classIds: DEFAULT_CLASS_IDS, builder: BUILDER });
const REQUEST: GameDataRequest = { specId: 253, spellIds: [34026, 217200, 193455], powerTypes: [2] };
const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function scratch(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'simforge-snapshot-'));
  dirs.push(dir);
  return dir;
}

function bundleFrom(source: CsvGameDataSource): Promise<GameDataBundle> {
  return loadBundle(source, REQUEST);
}

/** The snapshot the first test wrote; the later ones edit copies of it. */
let written: string | undefined;
function writtenSnapshot(): string {
  if (written === undefined) throw new Error('the first test writes the snapshot the others edit');
  return written;
}

describe('a game-data snapshot', () => {
  let fromTables: GameDataBundle | undefined;
  const tablesBundle = async (): Promise<GameDataBundle> => {
    fromTables ??= await bundleFrom(new CsvGameDataSource({ dirs: [REAL_TABLES_DIR] }));
    return fromTables;
  };

  it('is written on first load and then read instead of the tables, giving the same bundle', async () => {
    const snapshotDir = await scratch();
    const problems: string[] = [];
    const first = await bundleFrom(
      new CsvGameDataSource({
        dirs: [REAL_TABLES_DIR],
        snapshot: { dir: snapshotDir, builder: BUILDER },
        onSnapshotProblem: (m) => problems.push(m),
      }),
    );
    const patch = await patchVersionFor(importDirs([REAL_TABLES_DIR]));
    // The snapshot, and the patch label kept by the tables' file stats (patchVersionCached).
    expect((await readdir(snapshotDir)).sort()).toEqual([`${patch}.c3.${BUILDER}.json`, 'patch-labels.json']);

    const read = await readSnapshot(snapshotDir, idOf(patch));
    expect(read.ok).toBe(true);
    written = await readFile(snapshotPath(snapshotDir, idOf(patch)), 'utf8');
    const second = await bundleFrom(
      new CsvGameDataSource({
        dirs: [REAL_TABLES_DIR],
        snapshot: { dir: snapshotDir, builder: BUILDER },
        onSnapshotProblem: (m) => problems.push(m),
      }),
    );
    expect(second).toEqual(first);
    expect(second).toEqual(await tablesBundle());
    expect(problems).toEqual([]);
  });

  it('whose body does not match its hash is refused, rebuilt from the tables and rewritten', async () => {
    const snapshotDir = await scratch();
    const patch = await patchVersionFor(importDirs([REAL_TABLES_DIR]));
    const path = snapshotPath(snapshotDir, idOf(patch));
    // A plausible edit: one spell's cooldown changed in place, the header left as it was.
    const text = writtenSnapshot();
    const edited = text.replace('"cooldownMs":30000', '"cooldownMs":10000');
    expect(edited).not.toBe(text);
    await writeFile(path, edited);
    expect(await readSnapshot(snapshotDir, idOf(patch))).toMatchObject({
      ok: false,
      reason: 'damaged',
      message: expect.stringContaining('spell records do not match the hash'),
    });

    const problems: string[] = [];
    const bundle = await bundleFrom(
      new CsvGameDataSource({
        dirs: [REAL_TABLES_DIR],
        snapshot: { dir: snapshotDir, builder: BUILDER },
        onSnapshotProblem: (m) => problems.push(m),
      }),
    );
    expect(problems).toEqual([
      expect.stringMatching(/^refused: .*spell records do not match the hash.*; rebuilding it$/),
    ]);
    expect(bundle).toEqual(await tablesBundle());
    expect((await readSnapshot(snapshotDir, idOf(patch))).ok).toBe(true);
  });

  it('of another patch, or cut short, is refused with the reason', async () => {
    const snapshotDir = await scratch();
    const patch = await patchVersionFor(importDirs([REAL_TABLES_DIR]));
    const text = writtenSnapshot();

    await writeFile(snapshotPath(snapshotDir, idOf('other+0000000000')), text);
    expect(await readSnapshot(snapshotDir, idOf('other+0000000000'))).toMatchObject({
      reason: 'damaged',
      message: expect.stringContaining(`holds patch ${patch}`),
    });
    await writeFile(snapshotPath(snapshotDir, idOf(patch)), text.slice(0, text.length / 2));
    expect(await readSnapshot(snapshotDir, idOf(patch))).toMatchObject({ reason: 'damaged' });
    expect(await readSnapshot(snapshotDir, { ...idOf(patch), classIds: [3, 11] })).toEqual({
      ok: false,
      reason: 'missing',
    });
    // The same tables joined by other code (another engine build) are other records.
    await writeFile(snapshotPath(snapshotDir, { ...idOf(patch), builder: 'otherbuild' }), text);
    expect(await readSnapshot(snapshotDir, { ...idOf(patch), builder: 'otherbuild' })).toMatchObject({
      reason: 'damaged',
      message: expect.stringContaining(`built by ${BUILDER}, not otherbuild`),
    });
  });
});

describe('the patch label kept by file stats', () => {
  it('is what patchVersionFor says, and follows an edit of a table without being told', async () => {
    const cacheDir = await scratch();
    const tables = await scratch();
    const file = join(tables, 'SpellName.csv');
    await writeFile(file, 'ID,Name_lang\n1,First\n');
    const first = await patchVersionCached(cacheDir, [tables]);
    expect(first).toBe(await patchVersionFor([tables]));
    expect(await patchVersionCached(cacheDir, [tables])).toBe(first);
    // Same size, new content: the label changes all the same (ctime moved).
    await writeFile(file, 'ID,Name_lang\n1,Other\n');
    const second = await patchVersionCached(cacheDir, [tables]);
    expect(second).not.toBe(first);
    expect(second).toBe(await patchVersionFor([tables]));
  });
});
