import { asUser, type Database, type Queryable } from '@simforge/db';
import { GameDataError } from './errors.ts';
import { runGameSql } from './game-sql.ts';
import { loadBundle } from './load-bundle.ts';
import {
  type AnyRecord,
  type GameDataSource,
  parseRecordKey,
  type RecordBatch,
  type RecordKey,
  type RecordKind,
} from './records.ts';
import type { GameDataBundle, GameDataRequest } from './types.ts';

const SELECT_BY_KIND: Record<RecordKind, string> = {
  spell: 'game_select_spells',
  spec: 'game_select_specs',
  tree: 'game_select_specs_traits',
  item: 'game_select_items',
  curve: 'game_select_curves',
  rpp: 'game_select_rand_prop_points',
  bonus: 'game_select_item_bonuses',
  power: 'game_select_power_types',
  enchant: 'game_select_item_enchantments',
};

/**
 * Reads the game schema directly (server side: the sentinel's read-only endpoint, `simforge
 * start`). The patch and the records are read in one transaction so they always agree, even
 * while an import replaces the patch.
 */
export class SqlGameDataSource implements GameDataSource {
  constructor(
    private readonly db: Queryable & { transaction?: <T>(fn: (tx: Queryable) => Promise<T>) => Promise<T> },
  ) {}

  async currentPatch(): Promise<string> {
    return readPatch(this.db);
  }

  async fetchRecords(keys: readonly RecordKey[]): Promise<RecordBatch> {
    const run = async (tx: Queryable): Promise<RecordBatch> => {
      const patch = await readPatch(tx);
      const idsByKind = new Map<RecordKind, number[]>();
      const records: Record<string, AnyRecord | null> = {};
      for (const key of keys) {
        const parsed = parseRecordKey(key);
        records[key] = null;
        if (!parsed) continue;
        const ids = idsByKind.get(parsed.kind) ?? [];
        ids.push(parsed.id);
        idsByKind.set(parsed.kind, ids);
      }
      for (const [kind, ids] of idsByKind) {
        const { rows } = await runGameSql<{ id: number; data: AnyRecord }>(tx, SELECT_BY_KIND[kind], [ids]);
        for (const row of rows) records[`${kind}:${row.id}`] = row.data;
      }
      return { patch, records };
    };
    return this.db.transaction ? this.db.transaction(run) : run(this.db);
  }
}

async function readPatch(db: Queryable): Promise<string> {
  const { rows } = await runGameSql<{ version: string }>(db, 'game_current_patch');
  const version = rows[0]?.version;
  if (!version) throw new GameDataError('SF_GAMEDATA_NO_PATCH', 'run `simforge data import` first');
  return version;
}

/**
 * A bundle loader that reads the game schema as one user (row-level security applies; the
 * reads are one transaction of that user): what the studio and `simforge submit` check a
 * profile with before inserting its job.
 */
export function userBundleLoader(
  db: Database,
  userId: string,
): (request: GameDataRequest) => Promise<GameDataBundle> {
  return (request) => asUser(db, userId, (tx) => loadBundle(new SqlGameDataSource(tx), request));
}
