// Item stats from the game data, the way SimulationCraft computes them
// (item_database::scaled_stat and random_suffix_type):
//
//   item level = ilevel= if given, else ItemSparse.ItemLevel + the ItemBonus rows of type 1
//   budget     = RandPropPoints[item level], column Epic/Superior/Good by quality, index by slot
//   stat       = round(StatPercentEditor x budget / 10000 - StatPercentageOfSocket x socket cost)
//
// and the results add to the profile's gear_* totals. Primary stats count as the spec's
// primary stat where the item's stat allows it (a hybrid agility/intellect stat is agility for
// a hunter, intellect for a caster, nothing for a strength user). Simplifications (documented in
// docs/engine.md): the socket cost and the combat-rating / stamina multipliers by item level
// are game tables our data does not have, so the socket cost is 0 and the multipliers 1.
import type { GameDataBundle, ItemBonusData, ItemData, RandPropPointsData } from '@simforge/gamedata';
import type { GearStats, ItemLine, Profile, WeaponSpec } from '../profile/profile-types.ts';
import { type ProfileError, profileError } from '../profile-errors.ts';
import type { PrimaryStat } from './stats.ts';

/** ItemBonus.Type values read here. */
const BONUS = { itemLevel: 1, stat: 2, quality: 3 } as const;

type GearStatField = keyof Omit<GearStats, 'weapon'>;

/** ItemModType -> the GearStats field it adds to, for stats that are the same for every spec. */
const STAT_FIELDS: Record<number, GearStatField> = {
  3: 'agility',
  4: 'strength',
  5: 'intellect',
  7: 'stamina',
  32: 'critRating',
  36: 'hasteRating',
  40: 'versatilityRating',
  49: 'masteryRating',
};

/** ItemModType of the hybrid primaries -> the primary stats each one stands for. */
const HYBRID_PRIMARIES: Record<number, readonly PrimaryStat[]> = {
  71: ['agility', 'strength', 'intellect'],
  72: ['agility', 'strength'],
  73: ['agility', 'intellect'],
  74: ['strength', 'intellect'],
};

/** The GearStats field an item stat adds to for a spec with this primary stat, if any. */
export function gearFieldOf(statType: number, primaryStat: PrimaryStat): GearStatField | undefined {
  const hybrid = HYBRID_PRIMARIES[statType];
  if (hybrid) return hybrid.includes(primaryStat) ? primaryStat : undefined;
  return STAT_FIELDS[statType];
}

const ITEM_CLASS_WEAPON = 2;
const ITEM_CLASS_ARMOR = 4;
/** Two-handed and ranged weapon subclasses (axe2, bow, gun, mace2, polearm, sword2, staff, crossbow). */
const TWO_HAND_WEAPONS = new Set([1, 2, 3, 5, 6, 8, 10, 18]);
const WEAPON_THROWN = 16;

export interface ItemStatLine {
  statType: number;
  allocation: number;
  socketMultiplier: number;
}

export interface ResolvedItem {
  slot: string;
  itemId: number;
  name: string;
  itemLevel: number;
  quality: number;
  /** The stats this item adds, by GearStats field. */
  stats: Partial<Record<GearStatField, number>>;
  /** Set for a main-hand weapon whose line has no `weapon=`. */
  weapon: WeaponSpec | null;
}

/**
 * SimulationCraft's budget index for an item: 0 two-handers, ranged weapons, head, chest and
 * legs; 1 shoulders, waist, feet, hands and trinkets; 2 neck, wrists, fingers, back, off-hand
 * and shields; 3 one-handed weapons; 4 thrown; -1 no budget.
 */
export function budgetIndex(item: Pick<ItemData, 'classId' | 'subclassId' | 'inventoryType'>): number {
  if (item.classId === ITEM_CLASS_WEAPON) {
    if (TWO_HAND_WEAPONS.has(item.subclassId)) return 0;
    return item.subclassId === WEAPON_THROWN ? 4 : 3;
  }
  if (item.classId !== ITEM_CLASS_ARMOR) return -1;
  switch (item.inventoryType) {
    case 1: // head
    case 5: // chest
    case 7: // legs
    case 20: // robe
      return 0;
    case 3: // shoulders
    case 6: // waist
    case 8: // feet
    case 10: // hands
    case 12: // trinket
      return 1;
    case 2: // neck
    case 9: // wrists
    case 11: // finger
    case 14: // shield
    case 16: // back
    case 22: // off-hand weapon
    case 23: // held in off-hand
      return 2;
    default:
      return -1;
  }
}

/** The budget of one RandPropPoints row for a quality (4/5 epic, 3/7 superior, else good). */
export function budgetFor(row: RandPropPointsData, quality: number, index: number): number {
  const column =
    quality === 4 || quality === 5 ? row.epic : quality === 3 || quality === 7 ? row.superior : row.good;
  return column[index] ?? 0;
}

function bonusRows(data: GameDataBundle, bonusIds: readonly number[]): ItemBonusData[] {
  return bonusIds.flatMap((id) => data.itemBonuses[id] ?? []);
}

/**
 * The item level of an item line: `ilevel=` wins, else the item's level plus every type-1
 * (item level) row of its bonus lists. loadBundle (packages/gamedata) computes the same sum to
 * fetch the right RandPropPoints row; keep the two in step.
 */
export function itemLevelOf(line: ItemLine, item: ItemData, data: GameDataBundle): number {
  if (line.itemLevel !== null) return line.itemLevel;
  let level = item.itemLevel;
  for (const row of bonusRows(data, line.bonusIds)) if (row.type === BONUS.itemLevel) level += row.values[0];
  return Math.max(1, level);
}

/** The item's stat allocations after its bonus lists (type 2 adds an allocation, type 3 sets the quality). */
function allocationsOf(line: ItemLine, item: ItemData, data: GameDataBundle) {
  const stats: ItemStatLine[] = item.stats.map((s) => ({ ...s }));
  let quality = item.quality;
  for (const row of bonusRows(data, line.bonusIds)) {
    if (row.type === BONUS.quality) quality = row.values[0];
    else if (row.type === BONUS.stat) {
      const existing = stats.find((s) => s.statType === row.values[0]);
      if (existing) existing.allocation += row.values[1];
      else stats.push({ statType: row.values[0], allocation: row.values[1], socketMultiplier: 0 });
    }
  }
  return { stats, quality };
}

/** SimulationCraft's util::round: half away from zero. */
const roundHalfUp = (x: number): number => Math.sign(x) * Math.floor(Math.abs(x) + 0.5);

/** Socket cost per item level is a game table our data lacks; see the file comment. */
const SOCKET_COST = 0;

/**
 * A weapon's damage at its own speed. Our data has the swing time (ItemDelay) and the spread
 * (DmgVariance) but not the item-level damage tables, so the damage per second stays that of
 * the profile's weapon and the range is SimulationCraft's weapon_dmg_min/max around it.
 */
function weaponOf(item: ItemData, profileWeapon: WeaponSpec): WeaponSpec | null {
  if (item.classId !== ITEM_CLASS_WEAPON || item.weaponSpeedMs <= 0) return null;
  const dps = (profileWeapon.minDamage + profileWeapon.maxDamage) / 2 / (profileWeapon.speedMs / 1000);
  const perSwing = (dps * item.weaponSpeedMs) / 1000;
  return {
    kind: profileWeapon.kind,
    speedMs: item.weaponSpeedMs,
    minDamage: Math.floor(perSwing * (1 - item.damageVariance / 2)),
    maxDamage: Math.ceil(perSwing * (1 + item.damageVariance / 2) + 0.5),
  };
}

/**
 * Resolves every item line against the data. An item id the data lacks, or an item level
 * without a RandPropPoints row, is an SF_PROFILE_UNKNOWN_ITEM error at the line's `id=`.
 */
export function resolveItems(
  profile: Profile,
  data: GameDataBundle,
  errors: ProfileError[],
  primaryStat: PrimaryStat,
): { gear: GearStats; items: ResolvedItem[] } {
  const gear: GearStats = { ...profile.gear };
  const items: ResolvedItem[] = [];
  for (const line of profile.items) {
    const item = data.items[line.itemId];
    const at = (detail: string) =>
      errors.push(profileError('SF_PROFILE_UNKNOWN_ITEM', line.pos.line, line.pos.column, detail));
    if (!item) {
      at(`item ${line.itemId} is not in patch ${data.patch}`);
      continue;
    }
    const itemLevel = itemLevelOf(line, item, data);
    const row = data.randPropPoints[itemLevel];
    if (!row) {
      at(`item ${line.itemId} at item level ${itemLevel} has no stat budget in patch ${data.patch}`);
      continue;
    }
    const { stats, quality } = allocationsOf(line, item, data);
    const index = budgetIndex(item);
    const budget = index < 0 || quality <= 0 ? 0 : budgetFor(row, quality, index);
    const added: ResolvedItem['stats'] = {};
    for (const s of stats) {
      const field = gearFieldOf(s.statType, primaryStat);
      if (!field || s.allocation <= 0 || budget <= 0) continue;
      const value = roundHalfUp((s.allocation * budget) / 10000 - s.socketMultiplier * SOCKET_COST);
      added[field] = (added[field] ?? 0) + value;
      gear[field] += value;
    }
    const weapon =
      line.slot === 'main_hand' && !line.weaponOverride ? weaponOf(item, profile.gear.weapon) : null;
    if (weapon) gear.weapon = weapon;
    items.push({
      slot: line.slot,
      itemId: item.id,
      name: item.name,
      itemLevel,
      quality,
      stats: added,
      weapon,
    });
  }
  return { gear, items };
}
