import type { DbcRow, DbcTable } from './csv-tables.ts';
import type { TableName } from './dbc-layouts.ts';
import type {
  CurveData,
  EnchantmentData,
  ItemBonusData,
  ItemData,
  PowerTypeData,
  RandPropPointsData,
  WeaponDpsByQuality,
} from './types.ts';

type Tables = Record<TableName, DbcTable>;

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

/** Items present in both Item and ItemSparse; a gem's enchantment is joined from GemProperties. */
export function buildItems(tables: Tables): ItemData[] {
  const base = new Map(tables.Item.rows.map((row) => [row.ID as number, row]));
  const gemEnchant = new Map(
    tables.GemProperties.rows.map((row) => [row.ID as number, row.Enchant_ID as number]),
  );
  const items: ItemData[] = [];
  for (const sparse of tables.ItemSparse.rows) {
    const item = base.get(sparse.ID as number);
    if (!item) continue;
    items.push({
      id: sparse.ID as number,
      name: sparse.Display_lang as string,
      classId: item.ClassID as number,
      subclassId: item.SubclassID as number,
      inventoryType: sparse.InventoryType as number,
      quality: sparse.OverallQualityID as number,
      itemLevel: sparse.ItemLevel as number,
      requiredLevel: sparse.RequiredLevel as number,
      weaponSpeedMs: sparse.ItemDelay as number,
      damageVariance: sparse.DmgVariance as number,
      stats: range(10)
        .map((i) => ({
          statType: sparse[`StatModifier_bonusStat_${i}`] as number,
          allocation: sparse[`StatPercentEditor_${i}`] as number,
          socketMultiplier: sparse[`StatPercentageOfSocket_${i}`] as number,
        }))
        .filter((s) => s.statType >= 0 && s.allocation !== 0),
      socketTypes: range(3).map((i) => sparse[`SocketType_${i}`] as number),
      itemSetId: sparse.ItemSet as number,
      playerLevelToItemLevelCurveId: sparse.PlayerLevelToItemLevelCurveID as number,
      flags: range(5).map((i) => (sparse[`Flags_${i}`] as number) >>> 0),
      gemEnchantId: gemEnchant.get(sparse.Gem_properties as number) ?? 0,
    });
  }
  return items;
}

export function buildPowerTypes(tables: Tables): PowerTypeData[] {
  return tables.PowerType.rows.map((row) => ({
    id: row.ID as number,
    powerTypeEnum: row.PowerTypeEnum as number,
    token: row.NameGlobalStringTag as string,
    minPower: row.MinPower as number,
    maxBasePower: row.MaxBasePower as number,
    defaultPower: row.DefaultPower as number,
    displayModifier: row.DisplayModifier as number,
    regenPeacePerSecond: row.RegenPeace as number,
    regenCombatPerSecond: row.RegenCombat as number,
    regenInterruptMs: row.RegenInterruptTimeMS as number,
    flags: (row.Flags as number) >>> 0,
  }));
}

export function buildCurves(tables: Tables): CurveData[] {
  const points = new Map<number, DbcRow[]>();
  for (const row of tables.CurvePoint.rows) {
    const list = points.get(row.CurveID as number) ?? [];
    list.push(row);
    points.set(row.CurveID as number, list);
  }
  return tables.Curve.rows.map((row) => ({
    id: row.ID as number,
    type: row.Type as number,
    flags: row.Flags as number,
    points: (points.get(row.ID as number) ?? [])
      .sort((a, b) => (a.OrderIndex as number) - (b.OrderIndex as number))
      .map((p) => ({ x: p.Pos_0 as number, y: p.Pos_1 as number })),
  }));
}

/** The ItemDamage* rows of each item level, joined into one record per level. */
function weaponDpsByItemLevel(tables: Tables): Map<number, WeaponDpsByQuality> {
  const columns = {
    oneHand: tables.ItemDamageOneHand,
    oneHandCaster: tables.ItemDamageOneHandCaster,
    twoHand: tables.ItemDamageTwoHand,
    twoHandCaster: tables.ItemDamageTwoHandCaster,
    ammo: tables.ItemDamageAmmo,
  } as const;
  const byLevel = new Map<number, Partial<WeaponDpsByQuality>>();
  for (const [name, table] of Object.entries(columns) as [keyof WeaponDpsByQuality, DbcTable][]) {
    for (const row of table.rows) {
      const level = row.ItemLevel as number;
      const entry = byLevel.get(level) ?? {};
      entry[name] = range(7).map((q) => row[`Quality_${q}`] as number);
      byLevel.set(level, entry);
    }
  }
  // Ammo stops at a lower item level than the weapon tables and no weapon reads it: a level
  // needs the other four, and its ammo is empty where that table has no row.
  const complete = new Map<number, WeaponDpsByQuality>();
  for (const [level, entry] of byLevel) {
    if (entry.oneHand && entry.oneHandCaster && entry.twoHand && entry.twoHandCaster)
      complete.set(level, { ammo: [], ...entry } as WeaponDpsByQuality);
  }
  return complete;
}

export function buildRandPropPoints(tables: Tables): RandPropPointsData[] {
  const weaponDps = weaponDpsByItemLevel(tables);
  return tables.RandPropPoints.rows.map((row) => ({
    itemLevel: row.ID as number,
    damageReplaceStat: row.DamageReplaceStatF as number,
    damageSecondary: row.DamageSecondaryF as number,
    epic: range(5).map((i) => row[`EpicF_${i}`] as number),
    superior: range(5).map((i) => row[`SuperiorF_${i}`] as number),
    good: range(5).map((i) => row[`GoodF_${i}`] as number),
    weaponDps: weaponDps.get(row.ID as number) ?? null,
  }));
}

export function buildEnchantments(tables: Tables): EnchantmentData[] {
  return tables.SpellItemEnchantment.rows.map((row) => ({
    id: row.ID as number,
    name: row.Name_lang as string,
    effects: range(3).map((i) => ({
      type: row[`Effect_${i}`] as number,
      arg: row[`EffectArg_${i}`] as number,
      amount: row[`EffectPointsMin_${i}`] as number,
      scalingCoefficient: row[`EffectScalingPoints_${i}`] as number,
    })),
    scalingClass: row.ScalingClass as number,
    maxLevel: row.MaxLevel as number,
  }));
}

/** Bonus lists keyed by ParentItemBonusListID, rows in OrderIndex order. */
export function buildItemBonusLists(tables: Tables): Map<number, ItemBonusData[]> {
  const lists = new Map<number, ItemBonusData[]>();
  for (const row of tables.ItemBonus.rows) {
    const bonus: ItemBonusData = {
      id: row.ID as number,
      bonusListId: row.ParentItemBonusListID as number,
      type: row.Type as number,
      values: [row.Value_0 as number, row.Value_1 as number, row.Value_2 as number, row.Value_3 as number],
      orderIndex: row.OrderIndex as number,
    };
    const list = lists.get(bonus.bonusListId) ?? [];
    list.push(bonus);
    lists.set(bonus.bonusListId, list);
  }
  for (const list of lists.values()) list.sort((a, b) => a.orderIndex - b.orderIndex || a.id - b.id);
  return lists;
}
