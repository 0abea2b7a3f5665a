import { GameDataError } from './errors.ts';
import {
  type AnyRecord,
  type GameDataSource,
  parseRecordKey,
  type RecordBatch,
  type RecordKey,
  type RecordKind,
} from './records.ts';
import type { CurveData, ItemBonusData } from './types.ts';

export interface PostgrestOriginOptions {
  /** PostgREST's base URL, e.g. `https://PROJECT.supabase.co/rest/v1`. */
  baseUrl: string;
  /** Supabase's anon key (sent as `apikey` and bearer token); the game schema is readable by anon. */
  apiKey?: string;
  fetch?: typeof fetch;
}

/** How each record kind maps onto a game-schema table through PostgREST's query syntax. */
const TABLES: Record<RecordKind, { table: string; idColumn: string; select: string }> = {
  spell: { table: 'spells', idColumn: 'id', select: 'id,data' },
  spec: { table: 'specs', idColumn: 'id', select: 'id,data' },
  tree: { table: 'specs_traits', idColumn: 'tree_id', select: 'id:tree_id,data' },
  item: { table: 'items', idColumn: 'id', select: 'id,data' },
  rpp: { table: 'rand_prop_points', idColumn: 'item_level', select: 'id:item_level,data' },
  power: { table: 'power_types', idColumn: 'power_type_enum', select: 'id:power_type_enum,data' },
  enchant: { table: 'item_enchantments', idColumn: 'id', select: 'id,data' },
  curve: { table: 'curves', idColumn: 'id', select: 'id,type,flags,curve_points(order_index,x,y)' },
  bonus: {
    table: 'item_bonuses',
    idColumn: 'bonus_list_id',
    select: 'id,bonus_list_id,type,values,order_index',
  },
};

/**
 * Layer 3 for Supabase deployments: reads the game schema through PostgREST with
 * `Accept-Profile: game` and `column=in.(...)` filters. PostgREST serves one table per
 * request, so a batch costs one request per record kind it contains.
 */
export class PostgrestGameDataOrigin implements GameDataSource {
  private readonly baseUrl: string;
  private readonly fetchFn: typeof fetch;

  constructor(private readonly options: PostgrestOriginOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.fetchFn = options.fetch ?? fetch;
  }

  async currentPatch(): Promise<string> {
    const rows = await this.getRows<{ version: string }>('patches?select=version&is_current=is.true');
    const version = rows[0]?.version;
    if (typeof version !== 'string')
      throw new GameDataError('SF_GAMEDATA_NO_PATCH', 'game.patches has no current row');
    return version;
  }

  async fetchRecords(keys: readonly RecordKey[]): Promise<RecordBatch> {
    const idsByKind = new Map<RecordKind, number[]>();
    const records: Record<string, AnyRecord | null> = {};
    for (const key of keys) {
      records[key] = null;
      const parsed = parseRecordKey(key);
      if (!parsed) continue;
      idsByKind.set(parsed.kind, [...(idsByKind.get(parsed.kind) ?? []), parsed.id]);
    }
    const patch = await this.currentPatch();
    await Promise.all(
      [...idsByKind].map(async ([kind, ids]) => {
        const { table, idColumn, select } = TABLES[kind];
        const rows = await this.getRows<Record<string, unknown>>(
          `${table}?select=${select}&${idColumn}=in.(${ids.join(',')})`,
        );
        for (const [id, record] of decodeRows(kind, rows)) records[`${kind}:${id}`] = record;
      }),
    );
    // A patch imported while the tables were read would mix two patches: re-check and refuse.
    const after = await this.currentPatch();
    if (after !== patch)
      throw new GameDataError('SF_GAMEDATA_ORIGIN', `the patch changed mid-request (${patch} -> ${after})`);
    return { patch, records };
  }

  private async getRows<T>(pathAndQuery: string): Promise<T[]> {
    const headers: Record<string, string> = { 'accept-profile': 'game', accept: 'application/json' };
    if (this.options.apiKey) {
      headers.apikey = this.options.apiKey;
      headers.authorization = `Bearer ${this.options.apiKey}`;
    }
    let response: Response;
    try {
      response = await this.fetchFn(`${this.baseUrl}/${pathAndQuery}`, { headers });
    } catch (error) {
      throw new GameDataError(
        'SF_GAMEDATA_ORIGIN',
        `cannot reach ${this.baseUrl}: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
    const text = await response.text();
    if (!response.ok) {
      throw new GameDataError(
        'SF_GAMEDATA_ORIGIN',
        `PostgREST answered ${response.status}: ${text.slice(0, 200)}`,
      );
    }
    const rows = JSON.parse(text) as unknown;
    if (!Array.isArray(rows))
      throw new GameDataError('SF_GAMEDATA_ORIGIN', 'PostgREST answered something not an array');
    return rows as T[];
  }
}

function decodeRows(kind: RecordKind, rows: Record<string, unknown>[]): [number, AnyRecord][] {
  switch (kind) {
    case 'curve':
      return rows.map((row) => {
        const points = (
          (row.curve_points as { order_index: number; x: number; y: number }[] | undefined) ?? []
        )
          .slice()
          .sort((a, b) => a.order_index - b.order_index)
          .map((p) => ({ x: p.x, y: p.y }));
        const curve: CurveData = {
          id: row.id as number,
          type: row.type as number,
          flags: row.flags as number,
          points,
        };
        return [curve.id, curve];
      });
    case 'bonus': {
      const lists = new Map<number, ItemBonusData[]>();
      for (const row of rows) {
        const bonus: ItemBonusData = {
          id: row.id as number,
          bonusListId: row.bonus_list_id as number,
          type: row.type as number,
          values: row.values as ItemBonusData['values'],
          orderIndex: row.order_index as number,
        };
        lists.set(bonus.bonusListId, [...(lists.get(bonus.bonusListId) ?? []), bonus]);
      }
      for (const list of lists.values()) list.sort((a, b) => a.orderIndex - b.orderIndex || a.id - b.id);
      return [...lists];
    }
    case 'spell':
    case 'spec':
    case 'tree':
    case 'item':
    case 'rpp':
    case 'power':
    case 'enchant':
      return rows.map((row) => [row.id as number, row.data as AnyRecord]);
    default: {
      const never: never = kind;
      throw new Error(`unknown record kind ${String(never)}`);
    }
  }
}
