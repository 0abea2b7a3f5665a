// The raid around the character, as SimulationCraft's `optimal_raid=1` (its default) provides
// it: each buff or debuff another class brings, on for the whole fight unless the profile turns
// it off with `override.NAME=0` (or all of them with `optimal_raid=0`). Bloodlust lands at
// `bloodlust_time` or when the target falls below `bloodlust_percent`, whichever is first. The
// amounts are the game's tooltips (the DBC export has no SpellEffect table to read them from);
// docs/engine.md lists them with the simplifications.

export interface RaidBuffSet {
  /** Battle Shout (6673): +5% attack power. */
  battleShout: boolean;
  /** Mystic Touch (113746): the target takes 5% more physical damage. */
  mysticTouch: boolean;
  /** Chaos Brand (1490): the target takes 3% more magic damage. */
  chaosBrand: boolean;
  /** Bloodlust / Heroism: +30% haste for 40 s, then Sated for 10 min. */
  bloodlust: boolean;
}

/** The `override.NAME` options and what each turns on; the others SimulationCraft has change nothing a hunter deals. */
export const RAID_BUFF_OVERRIDES: Record<string, keyof RaidBuffSet | null> = {
  battle_shout: 'battleShout',
  mystic_touch: 'mysticTouch',
  chaos_brand: 'chaosBrand',
  bloodlust: 'bloodlust',
  arcane_intellect: null,
  power_word_fortitude: null,
  mortal_wounds: null,
  bleeding: null,
};

export const RAID_BUFF_NAMES: Record<keyof RaidBuffSet, string> = {
  battleShout: 'Battle Shout',
  mysticTouch: 'Mystic Touch',
  chaosBrand: 'Chaos Brand',
  bloodlust: 'Bloodlust',
};

export const BATTLE_SHOUT_ATTACK_POWER = 0.05;
export const MYSTIC_TOUCH_PHYSICAL_TAKEN = 0.05;
export const CHAOS_BRAND_MAGIC_TAKEN = 0.03;

/** Bloodlust (2825): +30% haste for 40 s; Sated (57724) keeps it away for 10 min after. */
export const BLOODLUST_HASTE = 0.3;
export const BLOODLUST_DURATION_MS = 40_000;
export const SATED_DURATION_MS = 600_000;

/** SimulationCraft's `bloodlust_time` (default 0.5 s) and `bloodlust_percent` (default 25). */
export interface BloodlustTiming {
  atMs: number;
  belowHealthPct: number;
}

export function allRaidBuffs(on: boolean): RaidBuffSet {
  return { battleShout: on, mysticTouch: on, chaosBrand: on, bloodlust: on };
}
