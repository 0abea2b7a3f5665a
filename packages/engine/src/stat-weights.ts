// Stat weights (SimulationCraft's scale factors): the profile and one variant per stat, that
// stat's gear line raised by a delta, run as a profileset on the same seeds, so each stat's DPS
// gain is a paired difference. A weight is that gain per point with its error, normalised to the
// primary stat. Any profileset whose variants each raise one stat line reads as weights, so the
// CLI, the studio and a pasted profile all get them from the same job.
import type { ProfilesetView } from '@simforge/common';
import { DEFAULTS } from './profile/options.ts';
import { parseProfile, readWeaponText } from './profile/parse-profile.ts';
import type { GearStats, Profile } from './profile/profile-types.ts';
import type { ProfilesetChanges } from './profile/profileset-changes.ts';
import type { ProfileError } from './profile-errors.ts';
import { weaponText } from './sim/items.ts';

export interface WeighedStat {
  /** The GearStats field it raises, or the main hand's weapon damage per second. */
  key: Exclude<keyof GearStats, 'weapon'> | 'weaponDps';
  label: string;
  /** The profile option that sets it. */
  line: string;
  /** Pawn's name for it. */
  pawn: string;
}

/** The primary stat first: weights are normalised to it. */
export const WEIGHED_STATS: readonly WeighedStat[] = [
  { key: 'agility', label: 'Agility', line: 'gear_agility', pawn: 'Agility' },
  { key: 'critRating', label: 'Critical Strike', line: 'gear_crit_rating', pawn: 'CritRating' },
  { key: 'hasteRating', label: 'Haste', line: 'gear_haste_rating', pawn: 'HasteRating' },
  { key: 'masteryRating', label: 'Mastery', line: 'gear_mastery_rating', pawn: 'MasteryRating' },
  { key: 'versatilityRating', label: 'Versatility', line: 'gear_versatility_rating', pawn: 'Versatility' },
  { key: 'weaponDps', label: 'Weapon DPS', line: 'main_hand', pawn: 'Dps' },
];

/** Weapon DPS is raised by the delta over this: 20 for the default 500 (a bow's ~180). */
const WEAPON_DELTA_DIVISOR = 25;

const WEAPON_OPTION = /(?:^|,)weapon=([^,]*)/;

/** A main_hand line's weapon damage per second: null unless it is a `weapon=` without an item. */
function weaponDpsOf(value: string | null): number | null {
  if (value === null) {
    const w = DEFAULTS.weapon;
    return (w.minDamage + w.maxDamage) / 2 / (w.speedMs / 1000);
  }
  const spec = WEAPON_OPTION.exec(value)?.[1];
  const w = spec === undefined ? null : readWeaponText(spec);
  if (!w || /(?:^|,)id=/.test(value)) return null;
  return (w.minDamage + w.maxDamage) / 2 / (w.speedMs / 1000);
}

export const DEFAULT_WEIGHTS_DELTA = 500;
export const MAX_WEIGHTS_DELTA = 100_000;

export interface StatWeight {
  stat: string;
  pawn: string;
  /** Points added in its variant. */
  delta: number;
  /** DPS per point and its 95% error, from the paired difference. */
  perPoint: number;
  error: number;
  /** perPoint over the primary stat's, 0 when it was not weighed or its weight is not positive. */
  normalised: number;
}

/**
 * The profile with one variant per stat (each raised by `delta` over what its gear lines give;
 * items add theirs), named by the stats' labels. Refused as the profile itself would be.
 */
export function statWeightsProfile(
  text: string,
  delta: number,
  stats: readonly WeighedStat[] = WEIGHED_STATS,
): { ok: true; text: string; base: Profile; notes: string[] } | { ok: false; errors: ProfileError[] } {
  const base = parseProfile(text);
  if (!base.ok) return base;
  const notes: string[] = [];
  const sets = stats.flatMap((s) => {
    if (s.key !== 'weaponDps')
      return [`profileset."${s.label}"+=${s.line}=${base.profile.gear[s.key] + delta}`];
    // The weapon's damage is raised on its `weapon=` line; an item's comes from the game data.
    if (base.profile.items.some((i) => i.slot === 'main_hand')) {
      notes.push('Weapon DPS is not weighed: the main hand is an item, whose damage the game data gives');
      return [];
    }
    const w = base.profile.gear.weapon;
    const added = Math.round((Math.max(1, Math.round(delta / WEAPON_DELTA_DIVISOR)) * w.speedMs) / 1000);
    const raised = { ...w, minDamage: w.minDamage + added, maxDamage: w.maxDamage + added };
    return [`profileset."${s.label}"+=main_hand=,weapon=${weaponText(raised)}`];
  });
  return {
    ok: true,
    text: `${text.trimEnd()}\n\n# simforge: stat weights, +${delta} each\n${sets.join('\n')}\n`,
    base: base.profile,
    notes,
  };
}

const INTEGER = /^\s*\d+\s*$/;

/**
 * The weights a profileset's results give, or null unless every variant raises exactly one
 * stat line (each stat once) above the base's value.
 */
export function readStatWeights(
  changes: readonly ProfilesetChanges[],
  results: readonly Pick<ProfilesetView, 'name' | 'diffMean' | 'diffHalfWidth95'>[],
): StatWeight[] | null {
  if (changes.length === 0 || changes.length !== results.length) return null;
  const raised: { stat: WeighedStat; delta: number; name: string }[] = [];
  for (const variant of changes) {
    if (variant.changes.length !== 1) return null;
    const change = variant.changes[0]!;
    const stat = WEIGHED_STATS.find((s) => s.line === change.key);
    if (!stat || change.append) return null;
    let delta: number;
    if (stat.key === 'weaponDps') {
      const before = weaponDpsOf(change.base);
      const after = weaponDpsOf(change.variant);
      if (before === null || after === null) return null;
      delta = after - before;
    } else {
      if (!INTEGER.test(change.variant) || (change.base !== null && !INTEGER.test(change.base))) return null;
      delta = Number(change.variant) - Number(change.base ?? 0);
    }
    if (!(delta > 0) || raised.some((r) => r.stat === stat)) return null;
    raised.push({ stat, delta, name: variant.name });
  }
  raised.sort((a, b) => WEIGHED_STATS.indexOf(a.stat) - WEIGHED_STATS.indexOf(b.stat));
  const weights: StatWeight[] = [];
  for (const { stat, delta, name } of raised) {
    const result = results.find((r) => r.name === name);
    if (!result) return null;
    weights.push({
      stat: stat.label,
      pawn: stat.pawn,
      delta,
      perPoint: result.diffMean / delta,
      error: result.diffHalfWidth95 / delta,
      normalised: 0,
    });
  }
  // Normalised to the primary stat only: without it there is no scale Pawn can read.
  const primary = weights.find((w) => w.stat === WEIGHED_STATS[0]!.label)?.perPoint ?? 0;
  return weights.map((w) => ({ ...w, normalised: primary > 0 ? w.perPoint / primary : 0 }));
}

/** Pawn's import string (its "Import scale" box). */
export function pawnString(name: string, weights: readonly StatWeight[]): string {
  const values = weights.map((w) => `${w.pawn}=${w.normalised.toFixed(2)}`).join(', ');
  return `( Pawn: v1: "${name.replace(/"/g, '')}": Class=Hunter, Spec=BeastMastery, ${values} )`;
}
