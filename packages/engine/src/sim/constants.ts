// Numbers the game data in our tables does not carry, in one place. Each says where it comes
// from; docs/engine.md lists them as simplifications.

/**
 * Combat rating per 1% at level 90 (gtCombatRatings is not in our DBC export, so these are
 * assumed values of the right order for the post-squish level-90 stat budget, where
 * ExpectedStat gives 1,564 secondary stat points for an expected level-90 item set).
 */
export const RATING_PER_PERCENT = {
  crit: 46,
  haste: 44,
  mastery: 46,
  versatility: 54,
} as const;

/**
 * Diminishing returns on secondary ratings: each band of the pre-DR percentage keeps this
 * fraction of its value (0-30% full, then -10% per band), as the game has applied since 10.0.
 */
export const RATING_DR_BANDS: ReadonlyArray<{ fromPct: number; keep: number }> = [
  { fromPct: 0, keep: 1 },
  { fromPct: 30, keep: 0.9 },
  { fromPct: 39, keep: 0.8 },
  { fromPct: 47, keep: 0.7 },
  { fromPct: 54, keep: 0.6 },
  { fromPct: 66, keep: 0.5 },
];

/** Base crit chance of a player (5%) and the crit damage multiplier (double damage). */
export const BASE_CRIT_CHANCE = 0.05;
export const CRIT_DAMAGE_MULTIPLIER = 2;

/** Mastery points every character has before rating (SimulationCraft's base_mastery = 8). */
export const BASE_MASTERY_POINTS = 8;

/**
 * A character's primary stat (agility, intellect or strength alike) before gear, by level
 * band: ExpectedStat's PlayerPrimaryStat (race modifiers are not modelled).
 */
export function basePrimaryStat(level: number): number {
  return level >= 90 ? 1626 : level >= 80 ? 417 : Math.max(20, Math.round(level * 5));
}

/** Agility and strength users get one attack power per point of their primary stat. */
export const ATTACK_POWER_PER_PRIMARY_STAT = 1;
/** Intellect users get one spell power per point of intellect. */
export const SPELL_POWER_PER_INTELLECT = 1;

/** Auto attacks: weapon damage plus attack power / 6 per second of weapon speed. */
export const AUTO_ATTACK_AP_DIVISOR = 6;

/**
 * Boss armor and the armor constant for a level-93 (raid boss, player level + 3) target:
 * ExpectedStat row 475 (ExpansionID -2, Lvl 90..93: CreatureArmor 1470, ArmorConstant 3430).
 * Damage taken from a physical hit is multiplied by 1 - armor / (armor + constant).
 */
export const BOSS_ARMOR = 1470;
export const BOSS_ARMOR_CONSTANT = 3430;

/** The global cooldown cannot be hasted below 750 ms. */
export const GCD_FLOOR_MS = 750;
