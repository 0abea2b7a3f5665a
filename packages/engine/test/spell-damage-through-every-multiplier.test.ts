import type { AbilityPartial } from '@simforge/common';
import { describe, expect, it } from 'vitest';
import { createSimulation, parseProfile } from '../src/index.ts';
import { testBundle, testProfile } from './support/test-bundle.ts';

function run(actions: string[], extra: string[]) {
  const parsed = parseProfile(testProfile(actions, extra));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return createSimulation(parsed.profile, testBundle()).runIterations(0, 20, 7);
}

function ability(abilities: AbilityPartial[], source: 'player' | 'pet', spellId: number): AbilityPartial {
  const a = abilities.find((x) => x.source === source && x.spellId === spellId);
  if (!a) throw new Error(`no ${source} ${spellId}`);
  return a;
}

// Every hit is round(base) or, on a crit, round(2 * base); the sums pin both exactly.
function expectHits(a: AbilityPartial, normal: number, crit: number): void {
  expect(a.hits).toBeGreaterThan(0);
  expect(a.crits).toBeGreaterThan(0);
  expect(a.damage).toBe(normal * (a.hits - a.crits) + crit * a.crits);
}

describe('a spell deals its coefficient of attack power through every multiplier', () => {
  // Agility 1626 (level-90 base) + 1000 gear = 2626 attack power. Versatility 540 rating / 54
  // per % = 10%. Boss armor 1470 against constant 3430 leaves 1 - 1470/4900 = 70% of physical damage.
  const extra = ['gear_versatility_rating=540', 'gear_mastery_rating=460'];

  it('Cobra Shot: AP x 1.0 x spec aura 10% x versatility 10% x armor 70%', () => {
    const r = run(['cobra_shot'], extra);
    const base = 2626 * 1.0 * 1.1 * 1.1 * 0.7; // 2224.222
    expectHits(ability(r.abilities, 'player', 193455), Math.round(base), Math.round(base * 2));
    expect(Math.round(base)).toBe(2224);
  });

  it('Kill Command (pet): 60% of owner AP x 2.0 x spec aura x versatility x mastery x Bestial Wrath x armor', () => {
    const r = run(['bestial_wrath', 'kill_command,if=buff.bestial_wrath.up'], extra);
    // Mastery: (8 base + 460/46) points x 2% per point (the data's coefficient) = 36%.
    const base = 0.6 * 2626 * 2.0 * 1.1 * 1.1 * 1.36 * 1.25 * 0.7; // 4537.41
    expectHits(ability(r.abilities, 'pet', 83381), Math.round(base), Math.round(base * 2));
    expect(Math.round(base)).toBe(4537);
  });

  it('Barbed Shot bleed ignores armor: AP x 0.5 per tick', () => {
    const r = run(['barbed_shot'], extra);
    const tick = 2626 * 0.5 * 1.1; // versatility only; the spec aura's mask does not match
    const a = ability(r.abilities, 'player', 217200);
    expect(a.ticks).toBe(a.hits);
    // Refreshes make some last ticks partial, so check the bounds every tick must respect.
    expect(a.damage).toBeLessThanOrEqual(Math.round(tick * 2) * a.hits);
    expect(a.damage / a.hits).toBeGreaterThan(tick * 0.5);
  });
});
