// From profile gear to the numbers combat uses: the spec's primary stat and the power it
// gives, crit, haste, mastery and versatility as fractions, with rating diminishing returns.
import type { GearStats } from '../profile/profile-types.ts';
import {
  ATTACK_POWER_PER_PRIMARY_STAT,
  BASE_CRIT_CHANCE,
  BASE_MASTERY_POINTS,
  basePrimaryStat,
  RATING_DR_BANDS,
  RATING_PER_PERCENT,
  SPELL_POWER_PER_INTELLECT,
} from './constants.ts';

/** The stat a spec scales with; each spec names its own (see specs/spec.ts). */
export type PrimaryStat = 'agility' | 'intellect' | 'strength';

export interface CombatStats {
  /** Which primary stat `primary` holds. */
  primaryStat: PrimaryStat;
  /** The spec's primary stat: level base plus gear. */
  primary: number;
  /** From agility or strength; 0 for an intellect spec. */
  attackPower: number;
  /** From intellect; 0 for an agility or strength spec. */
  spellPower: number;
  /** 0..1 */
  critChance: number;
  /** Fraction: 0.2 = 20% haste; speeds multiply by 1 + haste. */
  haste: number;
  /** Mastery points (base 8 plus rating), before the spec's mastery coefficient. */
  masteryPoints: number;
  /** Fraction added to damage done. */
  versatility: number;
}

/** Percent after diminishing returns for a rating worth `ratingPerPercent` per 1%. */
export function ratingToPercent(rating: number, ratingPerPercent: number): number {
  const raw = rating / ratingPerPercent;
  let result = 0;
  for (let i = 0; i < RATING_DR_BANDS.length; i++) {
    const band = RATING_DR_BANDS[i]!;
    const next = RATING_DR_BANDS[i + 1]?.fromPct ?? Number.POSITIVE_INFINITY;
    if (raw <= band.fromPct) break;
    result += (Math.min(raw, next) - band.fromPct) * band.keep;
  }
  return result;
}

function powerFrom(primaryStat: PrimaryStat, primary: number): { attackPower: number; spellPower: number } {
  switch (primaryStat) {
    case 'agility':
    case 'strength':
      return { attackPower: primary * ATTACK_POWER_PER_PRIMARY_STAT, spellPower: 0 };
    case 'intellect':
      return { attackPower: 0, spellPower: primary * SPELL_POWER_PER_INTELLECT };
    default: {
      const never: never = primaryStat;
      throw new Error(`unknown primary stat ${String(never)}`);
    }
  }
}

/** `attackPowerMultiplier`: the raid's (Battle Shout's +5%), 1 without it. */
export function computeStats(
  gear: GearStats,
  level: number,
  primaryStat: PrimaryStat,
  attackPowerMultiplier = 1,
): CombatStats {
  const primary = basePrimaryStat(level) + gear[primaryStat];
  const power = powerFrom(primaryStat, primary);
  return {
    primaryStat,
    primary,
    attackPower: power.attackPower * attackPowerMultiplier,
    spellPower: power.spellPower,
    critChance: BASE_CRIT_CHANCE + ratingToPercent(gear.critRating, RATING_PER_PERCENT.crit) / 100,
    haste: ratingToPercent(gear.hasteRating, RATING_PER_PERCENT.haste) / 100,
    masteryPoints: BASE_MASTERY_POINTS + ratingToPercent(gear.masteryRating, RATING_PER_PERCENT.mastery),
    versatility: ratingToPercent(gear.versatilityRating, RATING_PER_PERCENT.versatility) / 100,
  };
}
