// Item stats from the game data, the way SimulationCraft computes them
// (item_database::scaled_stat and random_suffix_type):
//
//   item level = ilevel= if given, else ItemSparse.ItemLevel + the ItemBonus rows of type 1
//   budget     = RandPropPoints[item level], column Epic/Superior/Good by quality, index by slot
//   stat       = round(StatPercentEditor x budget / 10000 - StatPercentageOfSocket x socket cost)
//
//   weapon     = ItemDamage{OneHand,TwoHand,...}[item level][quality] x swing time, spread by DmgVariance
//   enchant    = SpellItemEnchantment stat effects (a gem's through GemProperties)
//
// and the results add to the profile's gear_* totals. Primary stats count as the spec's
// primary stat where the item's stat allows it (a hybrid agility/intellect stat is agility for
// a hunter, intellect for a caster, nothing for a strength user). Simplifications (documented in
// docs/engine.md): the socket cost and the combat-rating / stamina multipliers by item level
// are game tables our data does not have, so the socket cost is 0 and the multipliers 1; an
// enchantment whose amounts scale with the player's level (most current ones) needs the
// spell-scaling game table, which the DBC export lacks, and is listed rather than applied.
import type {
  EnchantmentData,
  GameDataBundle,
  ItemBonusData,
  ItemData,
  RandPropPointsData,
} from '@simforge/gamedata';
import type {
  GearStats,
  ItemLine,
  Profile,
  ProfileWarning,
  SourcePos,
  WeaponSpec,
} from '../profile/profile-types.ts';
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

/** ItemSparse Flags_1 bit ITEM_FLAG2_CASTER_WEAPON: the weapon uses the caster damage tables. */
const CASTER_WEAPON_FLAG = 0x200;
const INVENTORY = {
  weapon: 13,
  shield: 14,
  ranged: 15,
  twoHand: 17,
  mainHand: 21,
  offHand: 22,
  thrown: 25,
  rangedRight: 26,
};
const WEAPON_SUBCLASS = { bow: 2, gun: 3, thrown: 16, crossbow: 18, wand: 19 };
/** The ranged weapons that use the two-hand damage table, by subclass, with their `weapon=` kind. */
const RANGED_KINDS: Record<number, string> = {
  [WEAPON_SUBCLASS.bow]: 'bow',
  [WEAPON_SUBCLASS.gun]: 'gun',
  [WEAPON_SUBCLASS.crossbow]: 'crossbow',
};

/**
 * A weapon's damage per second at an item level, from the ItemDamage* tables the way the game
 * picks them: by inventory type (one-hand, two-hand, ranged by subclass), caster weapons from
 * the caster tables, heirlooms at epic quality. Null for anything else.
 */
export function weaponDpsOf(item: ItemData, quality: number, row: RandPropPointsData): number | null {
  const dps = row.weaponDps;
  if (!dps) return null;
  const q = quality > 6 ? 4 : quality;
  const caster = ((item.flags[1] ?? 0) & CASTER_WEAPON_FLAG) !== 0;
  switch (item.inventoryType) {
    case INVENTORY.weapon:
    case INVENTORY.mainHand:
    case INVENTORY.offHand:
      return (caster ? dps.oneHandCaster : dps.oneHand)[q] ?? null;
    case INVENTORY.twoHand:
      return (caster ? dps.twoHandCaster : dps.twoHand)[q] ?? null;
    case INVENTORY.ranged:
    case INVENTORY.thrown:
    case INVENTORY.rangedRight:
      if (Object.hasOwn(RANGED_KINDS, item.subclassId)) return dps.twoHand[q] ?? null;
      if (item.subclassId === WEAPON_SUBCLASS.thrown) return dps.oneHand[q] ?? null;
      if (item.subclassId === WEAPON_SUBCLASS.wand) return dps.oneHandCaster[q] ?? null;
      return null;
    default:
      return null;
  }
}

/**
 * The weapon of a main-hand item: its damage per second from the ItemDamage* tables at its item
 * level, its own swing time, and SimulationCraft's min/max spread around the average swing.
 */
function weaponOf(item: ItemData, quality: number, row: RandPropPointsData): WeaponSpec | null {
  if (item.classId !== ITEM_CLASS_WEAPON || item.weaponSpeedMs <= 0) return null;
  const dps = weaponDpsOf(item, quality, row);
  if (dps === null || dps <= 0) return null;
  const perSwing = (dps * item.weaponSpeedMs) / 1000;
  return {
    kind: RANGED_KINDS[item.subclassId] ?? 'weapon',
    speedMs: item.weaponSpeedMs,
    minDamage: Math.floor(perSwing * (1 - item.damageVariance / 2)),
    maxDamage: Math.ceil(perSwing * (1 + item.damageVariance / 2) + 0.5),
  };
}

/** SpellItemEnchantment effect type ITEM_ENCHANTMENT_STAT. */
const ENCHANT_STAT = 5;

export const weaponText = (w: WeaponSpec): string =>
  `${w.kind}_${(w.speedMs / 1000).toFixed(2)}speed_${w.minDamage}min_${w.maxDamage}max`;

/** Where a full item table comes from, for the messages about items the data lacks. */
const FULL_EXPORT_HINT =
  'the shipped game data has no Item/ItemSparse tables; import a full DBC export with `simforge data import --dir <export>`';

export interface ResolvedGear {
  gear: GearStats;
  items: ResolvedItem[];
  /** What was accepted but not applied (unknown ids with gear_* lines, scaling enchants, ...), and the default weapon. */
  warnings: ProfileWarning[];
}

/**
 * Resolves every item line against the data, and its enchantment and gems. An item (or gem)
 * the data lacks adds nothing when the profile has gear_* lines to carry the stats (warned), and
 * is an SF_PROFILE_UNKNOWN_ITEM error at its `id=` otherwise; an unknown `enchant_id=` is an
 * error at its value (SpellItemEnchantment is a complete real table).
 */
export function resolveItems(
  profile: Profile,
  data: GameDataBundle,
  errors: ProfileError[],
  primaryStat: PrimaryStat,
): ResolvedGear {
  const gear: GearStats = { ...profile.gear };
  const items: ResolvedItem[] = [];
  const warnings: ProfileWarning[] = [];
  const warn = (pos: SourcePos, message: string) =>
    warnings.push({ line: pos.line, column: pos.column, message });
  const missing = (pos: SourcePos, what: string) => {
    if (profile.gearGiven)
      warn(
        pos,
        `${what} is not in the game data: it adds nothing, your gear_* lines carry the stats (${FULL_EXPORT_HINT})`,
      );
    else
      errors.push(
        profileError(
          'SF_PROFILE_UNKNOWN_ITEM',
          pos.line,
          pos.column,
          `${what} is not in patch ${data.patch}: ${FULL_EXPORT_HINT}, or give the character's totals with gear_* lines`,
        ),
      );
  };
  const addStat = (added: ResolvedItem['stats'], statType: number, value: number) => {
    const field = gearFieldOf(statType, primaryStat);
    if (!field || value === 0) return;
    added[field] = (added[field] ?? 0) + value;
    gear[field] += value;
  };
  let weaponFromItems = false;
  for (const line of profile.items) {
    const item = data.items[line.itemId];
    if (!item && line.stats === null) {
      missing(line.pos, `item ${line.itemId}`);
      continue;
    }
    const added: ResolvedItem['stats'] = {};
    let itemLevel = line.itemLevel ?? 0;
    let quality = 0;
    let row: RandPropPointsData | undefined;
    if (item) {
      for (const id of line.bonusIds)
        if (data.itemBonuses[id] === undefined)
          warn(line.bonusPos, `bonus_id ${id} is not in ItemBonus (patch ${data.patch}): ignored`);
      itemLevel = itemLevelOf(line, item, data);
      row = data.randPropPoints[itemLevel];
      if (!row && line.stats === null) {
        errors.push(
          profileError(
            'SF_PROFILE_UNKNOWN_ITEM',
            line.pos.line,
            line.pos.column,
            `item ${line.itemId} at item level ${itemLevel} has no stat budget in patch ${data.patch}`,
          ),
        );
        continue;
      }
      const allocated = allocationsOf(line, item, data);
      quality = allocated.quality;
      const index = budgetIndex(item);
      const budget = !row || index < 0 || quality <= 0 ? 0 : budgetFor(row, quality, index);
      // `stats=` on the line wins over the data's budget, as in SimulationCraft.
      if (line.stats === null)
        for (const s of allocated.stats) {
          if (s.allocation <= 0 || budget <= 0) continue;
          addStat(
            added,
            s.statType,
            roundHalfUp((s.allocation * budget) / 10000 - s.socketMultiplier * SOCKET_COST),
          );
        }
    }
    for (const s of line.stats ?? []) addStat(added, s.statType, s.value);
    const enchantments: { id: number; pos: SourcePos; source: string }[] = [];
    if (line.enchant) enchantments.push({ ...line.enchant, source: `enchant ${line.enchant.id}` });
    for (const gem of line.gems) {
      const gemItem = data.items[gem.id];
      if (!gemItem) missing(gem.pos, `gem ${gem.id}`);
      else if (gemItem.gemEnchantId <= 0)
        warn(gem.pos, `item ${gem.id} (${gemItem.name}) is not a gem: ignored`);
      else
        enchantments.push({
          id: gemItem.gemEnchantId,
          pos: gem.pos,
          source: `gem ${gem.id} (${gemItem.name})`,
        });
    }
    for (const e of enchantments) {
      const enchantment = data.enchantments[e.id];
      if (!enchantment) {
        errors.push(
          profileError(
            'SF_PROFILE_UNKNOWN_ITEM',
            e.pos.line,
            e.pos.column,
            `${e.source}: enchantment ${e.id} is not in SpellItemEnchantment (patch ${data.patch})`,
          ),
        );
        continue;
      }
      applyEnchantment(enchantment, e, added, addStat, warn);
    }
    let weapon: WeaponSpec | null = null;
    if (line.slot === 'main_hand' && !line.weaponOverride && item) {
      weapon = row ? weaponOf(item, quality, row) : null;
      if (weapon) {
        gear.weapon = weapon;
        weaponFromItems = true;
      } else
        warn(
          line.pos,
          `item ${line.itemId} (${item.name}) has no weapon damage in the data at item level ${itemLevel}`,
        );
    }
    items.push({
      slot: line.slot,
      itemId: line.itemId,
      name: item?.name ?? `item ${line.itemId}`,
      itemLevel,
      quality,
      stats: added,
      weapon,
    });
  }
  if (!profile.gearGiven && items.length === 0) {
    warn(
      { line: 1, column: 1 },
      "no gear_* lines and no item the game data knows: the character has no gear stats, only its level's base",
    );
  }
  if (!weaponFromItems && !profile.weaponGiven) {
    const mainHand = profile.items.find((i) => i.slot === 'main_hand');
    warn(
      mainHand?.pos ?? { line: 1, column: 1 },
      `no main_hand weapon: ${weaponText(gear.weapon)} is used (add \`weapon=\` to the main_hand line, or an item the data knows)`,
    );
  }
  return { gear, items, warnings };
}

/** The stats of one enchantment (an enchant or a gem's): fixed amounts apply; scaled ones and procs are listed, not applied. */
function applyEnchantment(
  enchantment: EnchantmentData,
  at: { pos: SourcePos; source: string },
  added: ResolvedItem['stats'],
  addStat: (added: ResolvedItem['stats'], statType: number, value: number) => void,
  warn: (pos: SourcePos, message: string) => void,
): void {
  const label = `${at.source} (${enchantment.name.replace(/\|A:[^|]*\|a/g, '').trim()})`;
  let scaledWarned = false;
  for (const effect of enchantment.effects) {
    if (effect.type === 0) continue;
    if (effect.type !== ENCHANT_STAT) {
      warn(
        at.pos,
        `${label}: its effect of type ${effect.type} (a proc, an equip spell or armor) is not simulated`,
      );
    } else if (enchantment.scalingClass !== 0) {
      // The amount is a coefficient on SimulationCraft's spell-scaling table by player level,
      // a game table the DBC export does not hold. One warning for all of its stats.
      if (!scaledWarned)
        warn(
          at.pos,
          `${label}: its stats scale with the player's level through a game table simforge does not have, so they are not applied; add them to gear_* lines`,
        );
      scaledWarned = true;
    } else addStat(added, effect.arg, effect.amount);
  }
}
