// Fight styles: what happens around the primary target. Patchwerk is one target (or
// `desired_targets` of them) standing still for the whole fight; the others add waves of adds
// that come and go, so `active_enemies`, cleave and `target_if` change during the fight. These
// are simforge's own definitions in the spirit of SimulationCraft's styles of the same names
// (its raid events, movement and invulnerability phases are not simulated); docs/engine.md
// gives the numbers.

/** Adds that arrive together and leave together, again and again. */
export interface AddWaves {
  /** When the first wave arrives. */
  firstMs: number;
  /** From one wave's arrival to the next. */
  periodMs: number;
  /** How long each wave stays. */
  durationMs: number;
  /** Adds per wave. */
  count: number;
}

export interface FightStyle {
  name: string;
  waves: AddWaves | null;
}

export const FIGHT_STYLES: Record<string, FightStyle> = {
  patchwerk: { name: 'Patchwerk', waves: null },
  // A boss with adds on it now and then: three every 45 s from 15 s on, for 15 s each.
  hecticaddcleave: {
    name: 'HecticAddCleave',
    waves: { firstMs: 15_000, periodMs: 45_000, durationMs: 15_000, count: 3 },
  },
  // A dungeon's rhythm compressed: a large pack every 60 s from the pull, 25 s each, on top of
  // the main target.
  dungeonslice: {
    name: 'DungeonSlice',
    waves: { firstMs: 0, periodMs: 60_000, durationMs: 25_000, count: 5 },
  },
};

/** The style a `fight_style=` value names (case-insensitive), undefined for one simforge lacks. */
export function fightStyleNamed(value: string): FightStyle | undefined {
  const key = value.toLowerCase();
  return Object.hasOwn(FIGHT_STYLES, key) ? FIGHT_STYLES[key] : undefined;
}
