// The profile options simforge reads, their ranges and defaults, in one table.

export interface NumericOption {
  min: number;
  max: number;
  integer: boolean;
}

export const NUMERIC_OPTIONS: Record<string, NumericOption> = {
  level: { min: 10, max: 90, integer: true },
  gear_agility: { min: 0, max: 10_000_000, integer: true },
  gear_intellect: { min: 0, max: 10_000_000, integer: true },
  gear_strength: { min: 0, max: 10_000_000, integer: true },
  gear_stamina: { min: 0, max: 10_000_000, integer: true },
  gear_crit_rating: { min: 0, max: 1_000_000, integer: true },
  gear_haste_rating: { min: 0, max: 1_000_000, integer: true },
  gear_mastery_rating: { min: 0, max: 1_000_000, integer: true },
  gear_versatility_rating: { min: 0, max: 1_000_000, integer: true },
  max_time: { min: 10, max: 1800, integer: false },
  vary_combat_length: { min: 0, max: 0.5, integer: false },
  desired_targets: { min: 1, max: 20, integer: true },
  iterations: { min: 1, max: 10_000_000, integer: true },
  target_error: { min: 0, max: 10, integer: false },
  seed: { min: 0, max: 4_294_967_295, integer: true },
  max_prio_damage: { min: 0, max: 1, integer: true },
  optimal_raid: { min: 0, max: 1, integer: true },
  bloodlust_time: { min: 0, max: 1800, integer: false },
  bloodlust_percent: { min: 0, max: 100, integer: false },
};

export const DEFAULTS = {
  /** Used when the profile has no `level=` line, with a warning: the level cap. */
  level: 90,
  /** Used when the profile has no `race=` line, with a warning. */
  race: 'night_elf',
  maxTimeMs: 300_000,
  varyCombatLength: 0.2,
  desiredTargets: 1,
  iterations: 10_000,
  targetErrorPct: 0,
  /** Used only when no main_hand line gives a weapon, with a warning that names it: the default profile's bow. */
  weapon: { kind: 'bow', speedMs: 3000, minDamage: 420, maxDamage: 640 },
} as const;

/** Lines that exported profiles carry and that do not change the simulation. */
export const INERT_OPTIONS = new Set([
  'region',
  'server',
  'role',
  'professions',
  'position',
  'source',
  'threads',
  'talent_override',
  'covenant',
  'soulbind',
  'renown',
]);

/** Lines that would change the simulation but are not simulated yet: accepted with a warning. */
export const UNMODELLED_OPTIONS = new Set(['potion', 'flask', 'food', 'augmentation', 'temporary_enchant']);

export const ITEM_SLOTS = new Set([
  'head',
  'neck',
  'shoulder',
  'shoulders',
  'back',
  'chest',
  'shirt',
  'tabard',
  'wrist',
  'wrists',
  'hands',
  'waist',
  'legs',
  'feet',
  'finger1',
  'finger2',
  'trinket1',
  'trinket2',
  'main_hand',
  'off_hand',
]);

/**
 * Every class line key SimulationCraft knows. One the spec registry does not hold is
 * SF_PROFILE_UNKNOWN_CLASS (rather than an unknown option), so a player learns it is the
 * class that is not simulated.
 */
export const CLASS_TOKENS = new Set([
  'hunter',
  'warrior',
  'paladin',
  'rogue',
  'priest',
  'death_knight',
  'deathknight',
  'shaman',
  'mage',
  'warlock',
  'monk',
  'druid',
  'demon_hunter',
  'demonhunter',
  'evoker',
]);

export const RACES = new Set([
  'human',
  'dwarf',
  'night_elf',
  'gnome',
  'draenei',
  'worgen',
  'orc',
  'undead',
  'tauren',
  'troll',
  'blood_elf',
  'goblin',
  'pandaren',
  'pandaren_alliance',
  'pandaren_horde',
  'void_elf',
  'lightforged_draenei',
  'dark_iron_dwarf',
  'kul_tiran',
  'mechagnome',
  'nightborne',
  'highmountain_tauren',
  'maghar_orc',
  'zandalari_troll',
  'vulpera',
  'dracthyr',
  'earthen_dwarf',
  'haranir',
]);
