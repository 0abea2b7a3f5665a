// From profile gear to the numbers combat uses: attack power, crit, haste, mastery and
// versatility as fractions, with rating diminishing returns.
import type { GearStats } from '../profile/profile-types.ts';
import {
  ATTACK_POWER_PER_AGILITY,
  BASE_CRIT_CHANCE,
  BASE_MASTERY_POINTS,
  baseAgility,
  RATING_DR_BANDS,
  RATING_PER_PERCENT,
} from './constants.ts';

export interface CombatStats {
  agility: number;
  attackPower: number;
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

export function computeStats(gear: GearStats, level: number): CombatStats {
  const agility = baseAgility(level) + gear.agility;
  return {
    agility,
    attackPower: agility * ATTACK_POWER_PER_AGILITY,
    critChance: BASE_CRIT_CHANCE + ratingToPercent(gear.critRating, RATING_PER_PERCENT.crit) / 100,
    haste: ratingToPercent(gear.hasteRating, RATING_PER_PERCENT.haste) / 100,
    masteryPoints: BASE_MASTERY_POINTS + ratingToPercent(gear.masteryRating, RATING_PER_PERCENT.mastery),
    versatility: ratingToPercent(gear.versatilityRating, RATING_PER_PERCENT.versatility) / 100,
  };
}
