import type {
  CurveData,
  EnchantmentData,
  ItemBonusData,
  ItemData,
  PowerTypeData,
  RandPropPointsData,
  SpecData,
  SpellData,
  TalentTree,
} from './types.ts';

/**
 * The unit every source, cache and origin deals in: one record of one kind, addressed by a
 * key `kind:id` (`spell:34026`, `spec:253`, `tree:772`, `bonus:1472` for a whole bonus list,
 * `rpp:639` for an item level, `power:2` for a PowerTypeEnum, `enchant:7340` for a
 * SpellItemEnchantment).
 */
export interface GameDataRecordMap {
  spell: SpellData;
  spec: SpecData;
  tree: TalentTree;
  item: ItemData;
  curve: CurveData;
  rpp: RandPropPointsData;
  bonus: ItemBonusData[];
  power: PowerTypeData;
  enchant: EnchantmentData;
}

export type RecordKind = keyof GameDataRecordMap;
export const RECORD_KINDS: readonly RecordKind[] = [
  'spell',
  'spec',
  'tree',
  'item',
  'curve',
  'rpp',
  'bonus',
  'power',
  'enchant',
];

export type RecordKey = `${RecordKind}:${number}`;
export type AnyRecord = GameDataRecordMap[RecordKind];

/** A batch answer: every asked key, with null for the ones the patch does not have. */
export interface RecordBatch {
  patch: string;
  records: Record<string, AnyRecord | null>;
}

/** Where records come from: a database, CSV files, or a remote origin. */
export interface GameDataSource {
  /** The patch version the source currently serves. */
  currentPatch(): Promise<string>;
  /** The records of these keys in the current patch (absent ones as null). */
  fetchRecords(keys: readonly RecordKey[]): Promise<RecordBatch>;
}

/** All records of one import, in memory. */
export type GameDataSet = { [K in RecordKind]: Map<number, GameDataRecordMap[K]> };

export function recordKey(kind: RecordKind, id: number): RecordKey {
  return `${kind}:${id}`;
}

const KEY = /^(spell|spec|tree|item|curve|rpp|bonus|power|enchant):(-?\d{1,10})$/;

/** Parses `kind:id`; undefined for anything else (so HTTP handlers can refuse it). */
export function parseRecordKey(text: string): { kind: RecordKind; id: number; key: RecordKey } | undefined {
  const match = KEY.exec(text);
  if (!match) return undefined;
  const kind = match[1] as RecordKind;
  const id = Number(match[2]);
  return { kind, id, key: recordKey(kind, id) };
}

/** Looks keys up in an in-memory set. */
export function recordsFromSet(set: GameDataSet, patch: string, keys: readonly RecordKey[]): RecordBatch {
  const records: Record<string, AnyRecord | null> = {};
  for (const key of keys) {
    const parsed = parseRecordKey(key);
    records[key] = parsed ? ((set[parsed.kind] as Map<number, AnyRecord>).get(parsed.id) ?? null) : null;
  }
  return { patch, records };
}
