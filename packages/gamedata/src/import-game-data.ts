import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database, Queryable } from '@simforge/db';
import { buildGameDataSet, DEFAULT_CLASS_IDS } from './build-game-data-set.ts';
import { DBC_LAYOUTS } from './dbc-layouts.ts';
import { GameDataError } from './errors.ts';
import { execGameSql, runGameSql } from './game-sql.ts';
import { writeSnapshot } from './snapshot.ts';

/** The labelled fixture tables (see fixtures/README.md), merged after the real tables. */
export const FIXTURES_DIR = fileURLToPath(new URL('../fixtures/', import.meta.url));

/** The names of the hunter tree's talent spells, which the shipped export lacks (fixtures/talent-names/README.md). */
export const TALENT_NAMES_DIR = fileURLToPath(new URL('../fixtures/talent-names/', import.meta.url));

/** The real DBC tables shipped with the repository (see dbc/README.md). */
export const REAL_TABLES_DIR = fileURLToPath(new URL('../dbc/', import.meta.url));

/** The client build the real tables in dbc/ were exported from. */
export const REAL_TABLES_BUILD = '12.0.5.66529';

const PATCH = /^[0-9A-Za-z][0-9A-Za-z._+-]{0,63}$/;

export interface ImportOptions {
  db: Database;
  /**
   * Directories of DBC CSVs, most authoritative first: a row present in several is taken
   * from the first. The fixtures directory is appended unless `withFixtures` is false.
   */
  dirs: readonly string[];
  /** The patch version to tag the data with; see `patchVersionFor` for a default. */
  patch: string;
  /** Append FIXTURES_DIR and TALENT_NAMES_DIR after `dirs` (default true). */
  withFixtures?: boolean;
  /** Classes to import (ChrClasses ids); defaults to hunter. */
  classIds?: readonly number[];
  /** Rows per INSERT statement. */
  batchRows?: number;
  /** Also write the joined tables as a snapshot (see snapshot.ts), for `simforge sim`. */
  snapshot?: { dir: string; builder: string };
}

export interface ImportSummary {
  patch: string;
  counts: Record<string, number>;
  files: string[];
  readMs: number;
  writeMs: number;
  /** The snapshot written (when `snapshotDir` was given), or why it could not be. */
  snapshot?: { path: string } | { error: string };
}

export function importDirs(dirs: readonly string[], withFixtures = true): string[] {
  return withFixtures ? [...dirs, FIXTURES_DIR, TALENT_NAMES_DIR] : [...dirs];
}

/**
 * A patch label for these directories: the build plus a hash of every table file the importer
 * reads, so edited fixtures get a new label and caches keyed by it never serve stale rows.
 */
export async function patchVersionFor(dirs: readonly string[], build = REAL_TABLES_BUILD): Promise<string> {
  const hash = createHash('sha256');
  for (const dir of dirs) {
    const names = new Set(await readdir(dir));
    for (const table of Object.keys(DBC_LAYOUTS)) {
      const name = `${table}.csv`;
      if (!names.has(name)) continue;
      hash.update(name);
      hash.update(await readFile(join(dir, name)));
    }
  }
  return `${build}+${hash.digest('hex').slice(0, 10)}`;
}

async function insertBatches(
  tx: Queryable,
  query: string,
  rows: readonly unknown[],
  batchRows: number,
): Promise<void> {
  for (let i = 0; i < rows.length; i += batchRows) {
    await runGameSql(tx, query, [JSON.stringify(rows.slice(i, i + batchRows))]);
  }
}

/**
 * Reads the tables (everything is parsed and validated before the database is touched), then
 * replaces the game schema's rows and marks `patch` current in ONE transaction: a failure at
 * any point leaves the previous patch exactly as it was.
 */
export async function importGameData(options: ImportOptions): Promise<ImportSummary> {
  if (!PATCH.test(options.patch)) {
    throw new GameDataError(
      'SF_GAMEDATA_PATCH_INVALID',
      `${JSON.stringify(options.patch)} is not a patch version`,
    );
  }
  const dirs = importDirs(options.dirs, options.withFixtures ?? true);
  const batchRows = options.batchRows ?? 2000;
  const readStart = performance.now();
  const built = await buildGameDataSet({ dirs, classIds: options.classIds });
  const { set } = built;
  const readMs = performance.now() - readStart;

  const counts = {
    spells: set.spell.size,
    specs: set.spec.size,
    talentTrees: set.tree.size,
    items: set.item.size,
    curves: set.curve.size,
    randPropPoints: set.rpp.size,
    itemBonuses: [...set.bonus.values()].reduce((n, list) => n + list.length, 0),
    powerTypes: set.power.size,
    itemEnchantments: set.enchant.size,
  };
  const writeStart = performance.now();
  await options.db.transaction(async (tx) => {
    await runGameSql(tx, 'game_import_lock');
    await execGameSql(tx, 'game_clear');
    await insertBatches(tx, 'game_insert_spells', [...set.spell.values()], batchRows);
    await insertBatches(tx, 'game_insert_specs', [...set.spec.values()], batchRows);
    const trees = [...set.tree.values()].map((tree) => ({
      tree,
      specIds: built.treeSpecs.get(tree.id) ?? [],
    }));
    await insertBatches(tx, 'game_insert_specs_traits', trees, batchRows);
    await insertBatches(tx, 'game_insert_items', [...set.item.values()], batchRows);
    await insertBatches(tx, 'game_insert_power_types', [...set.power.values()], batchRows);
    await insertBatches(tx, 'game_insert_curves', [...set.curve.values()], batchRows);
    await insertBatches(tx, 'game_insert_rand_prop_points', [...set.rpp.values()], batchRows);
    await insertBatches(tx, 'game_insert_item_bonuses', [...set.bonus.values()].flat(), batchRows);
    await insertBatches(tx, 'game_insert_item_enchantments', [...set.enchant.values()], batchRows);
    await runGameSql(tx, 'game_set_current_patch', [options.patch, JSON.stringify({ dirs, counts })]);
  });
  const writeMs = performance.now() - writeStart;
  // A snapshot is a cache: failing to write one does not undo the import.
  const { snapshot: snapshotTo } = options;
  const snapshot =
    snapshotTo === undefined
      ? undefined
      : await writeSnapshot(
          snapshotTo.dir,
          {
            patch: options.patch,
            classIds: options.classIds ?? DEFAULT_CLASS_IDS,
            builder: snapshotTo.builder,
          },
          set,
        ).then(
          (path) => ({ path }),
          (err: unknown) => ({ error: (err as Error).message }),
        );
  return {
    patch: options.patch,
    counts,
    files: built.files,
    readMs,
    writeMs,
    snapshot,
  };
}
