import { GameDataError } from './errors.ts';
import { applyHasteFromPassives } from './hasted-cooldowns.ts';
import { type AnyRecord, type RecordBatch, type RecordKey, type RecordKind, recordKey } from './records.ts';
import type {
  CurveData,
  EnchantmentData,
  GameDataBundle,
  GameDataRequest,
  ItemBonusData,
  ItemData,
  PowerTypeData,
  RandPropPointsData,
  SpecData,
  SpellData,
  TalentTree,
} from './types.ts';

/** Anything that resolves keys: the GameDataResolver, or a GameDataSource directly. */
export interface RecordResolver {
  resolve?(keys: readonly RecordKey[]): Promise<RecordBatch>;
  fetchRecords?(keys: readonly RecordKey[]): Promise<RecordBatch>;
}

/**
 * The item level of each `itemBonusSets` entry: the item's level plus the Value_0 of every
 * type-1 (item level) row of its bonus lists. The engine's itemLevelOf (packages/engine
 * src/sim/items.ts) computes the same sum; keep the two in step.
 */
function bonusedItemLevels(
  request: GameDataRequest,
  record: <T>(kind: RecordKind, id: number) => T | undefined,
): number[] {
  const levels: number[] = [];
  for (const set of request.itemBonusSets ?? []) {
    const item = record<ItemData>('item', set.itemId);
    if (!item) continue;
    let level = item.itemLevel;
    for (const listId of set.bonusListIds)
      for (const row of record<ItemBonusData[]>('bonus', listId) ?? [])
        if (row.type === 1) level += row.values[0];
    levels.push(Math.max(1, level));
  }
  return levels;
}

/** Focus: every hunter bundle needs it even if no requested spell costs it. */
const ALWAYS_POWER_TYPES = [2];

/**
 * Everything one simulation needs, for one patch. Starting from the request it follows the
 * references the engine would otherwise discover too late: the spec's spells and mastery,
 * its talent tree and every talent's spell, spells triggered by those (transitively), the
 * items' curves and item-level budgets, the power types of every cost. Each round is one
 * resolver call, so its misses travel as one origin request. Ids the patch lacks are left
 * out (the engine reports them as unknown), except the spec, whose absence is an error.
 */
export async function loadBundle(
  resolver: RecordResolver,
  request: GameDataRequest,
): Promise<GameDataBundle> {
  const get = (keys: RecordKey[]): Promise<RecordBatch> => {
    if (resolver.resolve) return resolver.resolve(keys);
    if (resolver.fetchRecords) return resolver.fetchRecords(keys);
    throw new TypeError('loadBundle needs a resolver or a game-data source');
  };
  const found = new Map<RecordKey, AnyRecord | null>();
  let patch: string | undefined;
  const fetchAll = async (keys: RecordKey[]): Promise<void> => {
    const missing = [...new Set(keys)].filter((k) => !found.has(k));
    if (missing.length === 0) return;
    const batch = await get(missing);
    if (patch !== undefined && batch.patch !== patch) {
      throw new GameDataError(
        'SF_GAMEDATA_ORIGIN',
        `the patch changed while loading (${patch} -> ${batch.patch})`,
      );
    }
    patch = batch.patch;
    for (const key of missing) found.set(key, batch.records[key] ?? null);
  };
  const keysOf = (kind: RecordKind, ids: readonly number[] | undefined): RecordKey[] =>
    (ids ?? []).filter((id) => Number.isInteger(id)).map((id) => recordKey(kind, id));
  const record = <T>(kind: RecordKind, id: number): T | undefined =>
    (found.get(recordKey(kind, id)) ?? undefined) as T | undefined;

  // Round 1: what the request names directly.
  await fetchAll([
    ...keysOf('spell', request.spellIds),
    ...keysOf('spec', request.specId === undefined ? [] : [request.specId]),
    ...keysOf('tree', request.talentTreeId === undefined ? [] : [request.talentTreeId]),
    ...keysOf('item', request.itemIds),
    ...keysOf('curve', request.curveIds),
    ...keysOf('bonus', request.itemBonusListIds),
    ...keysOf('rpp', request.itemLevels),
    ...keysOf('power', [...ALWAYS_POWER_TYPES, ...(request.powerTypes ?? [])]),
    ...keysOf('enchant', request.enchantIds),
  ]);
  const spec = request.specId === undefined ? undefined : record<SpecData>('spec', request.specId);
  if (request.specId !== undefined && !spec) {
    throw new GameDataError('SF_GAMEDATA_NOT_FOUND', `spec ${request.specId} is not in patch ${patch}`);
  }

  // Round 2: the spec's tree, spells and mastery; the items' curves and budgets.
  const treeId = request.talentTreeId ?? spec?.talentTreeId;
  const items = (request.itemIds ?? [])
    .map((id) => record<ItemData>('item', id))
    .filter((i) => i !== undefined);
  await fetchAll([
    ...keysOf('tree', treeId ? [treeId] : []),
    ...keysOf('spell', spec ? [...spec.masterySpellIds, ...spec.specSpells.map((s) => s.spellId)] : []),
    ...keysOf(
      'curve',
      items.map((i) => i.playerLevelToItemLevelCurveId).filter((id) => id > 0),
    ),
    ...keysOf('rpp', [...items.map((i) => i.itemLevel), ...bonusedItemLevels(request, record)]),
    ...keysOf(
      'enchant',
      items.map((i) => i.gemEnchantId).filter((id) => id > 0),
    ),
  ]);
  const tree = treeId ? record<TalentTree>('tree', treeId) : undefined;

  // Round 3+: every talent's spell, then whatever the spells trigger, until closed.
  let frontier = tree
    ? tree.nodes
        .flatMap((n) => n.entries.flatMap((e) => [e.spellId, e.overridesSpellId]))
        .filter((id) => id > 0)
    : [];
  const spellIds = new Set<number>();
  for (const [key, value] of found)
    if (key.startsWith('spell:') && value) frontier.push((value as SpellData).id);
  while (frontier.length > 0) {
    await fetchAll(keysOf('spell', frontier));
    const next: number[] = [];
    for (const id of frontier) {
      const spell = record<SpellData>('spell', id);
      if (!spell || spellIds.has(id)) continue;
      spellIds.add(id);
      for (const effect of spell.effects) if (effect.triggerSpellId > 0) next.push(effect.triggerSpellId);
    }
    frontier = next.filter((id) => !spellIds.has(id));
  }

  // Last round: the power types the spells spend.
  const spellsById: Record<string, SpellData> = {};
  for (const id of [...spellIds].sort((a, b) => a - b))
    spellsById[id] = record<SpellData>('spell', id) as SpellData;
  const powerTypes = new Set([...ALWAYS_POWER_TYPES, ...(request.powerTypes ?? [])]);
  for (const spell of Object.values(spellsById))
    for (const cost of spell.powerCosts) powerTypes.add(cost.powerType);
  await fetchAll(keysOf('power', [...powerTypes]));

  const collect = <T>(kind: RecordKind, idOf?: (value: T) => number): Record<string, T> => {
    const out: Record<string, T> = {};
    for (const [key, value] of found) {
      if (value === null || !key.startsWith(`${kind}:`)) continue;
      out[idOf ? idOf(value as T) : key.slice(kind.length + 1)] = value as T;
    }
    return out;
  };
  const passives = spec ? [...spec.masterySpellIds, ...spec.specSpells.map((s) => s.spellId)] : [];
  return {
    patch: patch ?? '',
    spells: applyHasteFromPassives(spellsById, passives),
    spec: spec ?? null,
    talentTree: tree ?? null,
    powerTypes: collect<PowerTypeData>('power'),
    items: collect<ItemData>('item'),
    curves: collect<CurveData>('curve'),
    randPropPoints: collect<RandPropPointsData>('rpp'),
    itemBonuses: collect<ItemBonusData[]>('bonus'),
    enchantments: collect<EnchantmentData>('enchant'),
  };
}
