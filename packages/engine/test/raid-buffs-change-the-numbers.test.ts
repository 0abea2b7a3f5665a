// The raid around the character (SimulationCraft's optimal_raid=1 default): Battle Shout adds 5%
// attack power, Mystic Touch 5% physical damage taken, Chaos Brand 3% magic damage taken. On the
// same seed the crits land alike, so each shows up as its exact ratio on the damage (up to the
// rounding of each hit to an integer).
import { describe, expect, it } from 'vitest';
import { createSimulation, parseProfile } from '../src/index.ts';
import { AbilityStats, Combat } from '../src/sim/combat.ts';
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
    expect(cobraDamage(['optimal_raid=1']) / none).toBeCloseTo(1.05 * 1.05, 3);
    expect(cobraDamage(['optimal_raid=1', 'override.mystic_touch=0']) / none).toBeCloseTo(1.05, 4);
  });

  it('reads overrides strictly: 0 or 1, known names only; Bloodlust settings are listed as not simulated', () => {
    const refused = (line: string) => {
      const r = parseProfile(testProfile(['cobra_shot'], [line]));
      return r.ok ? null : r.errors[0]!.code;
    };
    expect(refused('override.battle_shout=2')).toBe('SF_PROFILE_BAD_VALUE');
    expect(refused('override.constructor=1')).toBe('SF_PROFILE_UNKNOWN_OPTION');
    expect(refused('optimal_raid=yes')).toBe('SF_PROFILE_BAD_VALUE');
    const lust = parseProfile(testProfile(['cobra_shot'], ['bloodlust_time=20']));
    if (!lust.ok) throw new Error('refused');
    expect(lust.warnings.map((w) => w.message)).toContain(
      'bloodlust_time=20: Bloodlust is not simulated yet (haste is fixed for a simulation)',
    );
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
