// The raid around the character (SimulationCraft's optimal_raid=1 default): Battle Shout adds 5%
// attack power, Mystic Touch 5% physical damage taken, Chaos Brand 3% magic damage taken. On the
// same seed the crits land alike, so each shows up as its exact ratio on the damage (up to the
// rounding of each hit to an integer). Bloodlust's 30% haste for 40 s is pinned on the auto
// shot's schedule, worked out by hand.
import { describe, expect, it } from 'vitest';
import { createSimulation, parseProfile } from '../src/index.ts';
import { AbilityStats, Combat } from '../src/sim/combat.ts';
import { Cooldown } from '../src/sim/cooldown.ts';
import { ResourcePool } from '../src/sim/resource-pool.ts';
import { testBundle, testProfile } from './support/test-bundle.ts';

const COBRA_SHOT = 193455;

function cobraDamage(extra: string[]): number {
  const parsed = parseProfile(testProfile(['cobra_shot'], ['max_time=60', ...extra]));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const partial = createSimulation(parsed.profile, testBundle()).runIterations(0, 5, 11);
  return partial.abilities.find((a) => a.source === 'player' && a.spellId === COBRA_SHOT)!.damage;
}

describe('raid buffs', () => {
  const none = cobraDamage([]); // testProfile sets optimal_raid=0

  it('Battle Shout: +5% attack power, so +5% on an attack-power spell', () => {
    expect(cobraDamage(['override.battle_shout=1']) / none).toBeCloseTo(1.05, 4);
  });

  it('Mystic Touch: the target takes 5% more physical damage', () => {
    expect(cobraDamage(['override.mystic_touch=1']) / none).toBeCloseTo(1.05, 4);
  });

  it('Chaos Brand changes only magic damage: a physical spell deals exactly the same', () => {
    expect(cobraDamage(['override.chaos_brand=1'])).toBe(none);
  });

  it('optimal_raid=1 turns them all on, and an override line turns one off', () => {
    // Bloodlust off here: it changes when things happen, not how hard they hit.
    expect(cobraDamage(['optimal_raid=1', 'override.bloodlust=0']) / none).toBeCloseTo(1.05 * 1.05, 3);
    expect(
      cobraDamage(['optimal_raid=1', 'override.bloodlust=0', 'override.mystic_touch=0']) / none,
    ).toBeCloseTo(1.05, 4);
  });

  it('reads overrides strictly: 0 or 1, known names only, and Bloodlust timings as numbers', () => {
    const refused = (line: string) => {
      const r = parseProfile(testProfile(['cobra_shot'], [line]));
      return r.ok ? null : r.errors[0]!.code;
    };
    expect(refused('override.battle_shout=2')).toBe('SF_PROFILE_BAD_VALUE');
    expect(refused('override.constructor=1')).toBe('SF_PROFILE_UNKNOWN_OPTION');
    expect(refused('optimal_raid=yes')).toBe('SF_PROFILE_BAD_VALUE');
    expect(refused('bloodlust_time=soon')).toBe('SF_PROFILE_BAD_VALUE');
    expect(refused('bloodlust_percent=120')).toBe('SF_PROFILE_OUT_OF_RANGE');
  });
});

describe('damage taken by school', () => {
  it('Chaos Brand multiplies a magic hit by 1.03 and Mystic Touch a physical one by 1.05', () => {
    const c = new Combat({
      maxTimeMs: 10_000,
      varyCombatLength: 0,
      targets: 1,
      physicalTaken: 1.05,
      magicTaken: 1.03,
    });
    c.beginIteration(1, 0);
    const shadow = new AbilityStats('player', 1, 'shadow', true);
    const bleed = new AbilityStats('player', 2, 'bleed', false);
    // No crit (chance 0) and no armor (a dot), so only the school's multiplier applies.
    expect(c.hit(shadow, 10_000, 0, false, true)).toBe(10_300);
    expect(c.hit(bleed, 10_000, 0, false, true)).toBe(10_500);
  });
});

describe('Bloodlust', () => {
  const autoShots = (extra: string[]) => {
    const parsed = parseProfile(testProfile(['auto_shot'], ['max_time=60', ...extra]));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const partial = createSimulation(parsed.profile, testBundle()).runIterations(0, 1, 1);
    return partial.abilities.find((a) => a.source === 'player' && a.spellId === 75)!.executes;
  };

  it('hastes the auto shot by 30% for 40 s from 0.5 s: 24 shots in 60 s instead of 21', () => {
    // Without: 0, 3, ..., 60 s. With: 0, then from 3 s every round(3000 / 1.3) = 2,308 ms while
    // it lasts (3.000 .. 39.928 s: 17 shots), 42.236 s (scheduled during it), then every 3 s
    // (45.236 .. 57.236 s: 5 shots): 1 + 17 + 1 + 5 = 24.
    expect(autoShots([])).toBe(21);
    expect(autoShots(['override.bloodlust=1'])).toBe(24);
  });

  it('lands at bloodlust_time or below bloodlust_percent, whichever is first', () => {
    // At 31 s: 0, 3, ..., 30 s (11 shots), 33 s (scheduled before it), then every 2.308 s:
    // 33.000 .. 58.388 s (12 shots); 60.696 s is past the end. 23.
    const shots = autoShots(['override.bloodlust=1', 'bloodlust_time=31', 'bloodlust_percent=0']);
    expect(shots).toBe(23);
    // Health below 25% at 45 s comes before a time of 50 s.
    expect(autoShots(['override.bloodlust=1', 'bloodlust_time=50', 'bloodlust_percent=25'])).toBe(
      autoShots(['override.bloodlust=1', 'bloodlust_time=45', 'bloodlust_percent=0']),
    );
  });

  it('speeds up a hasted cooldown’s recovery in progress, and focus regeneration, from the moment it lands', () => {
    const cd = new Cooldown('x', 1, 12_000, 1);
    cd.start(0);
    cd.setHaste(1.3, 6_000);
    expect(cd.remains(6_000)).toBe(Math.round(6_000 / 1.3));
    cd.setHaste(1, 8_000);
    expect(cd.remains(8_000)).toBe(Math.round((Math.round(6_000 / 1.3) - 2_000) * 1.3));
    const pool = new ResourcePool(100, 0.01);
    pool.set(0, 0);
    pool.setRegen(0.013, 1_000);
    expect(pool.at(2_000)).toBeCloseTo(10 + 13, 9);
  });
});
