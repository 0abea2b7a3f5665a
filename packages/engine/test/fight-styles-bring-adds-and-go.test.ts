// Fight styles around the primary target: HecticAddCleave and DungeonSlice bring waves of adds
// that come and go (simforge's own timings, sim/fight-styles.ts), so active_enemies, cleave and
// target_if follow them; Patchwerk keeps the fight's targets. The wave arithmetic is checked at
// the clock; the simulation then shows it in what the priority list does.
import { describe, expect, it } from 'vitest';
import { createSimulation, parseProfile } from '../src/index.ts';
import { Aura } from '../src/sim/aura.ts';
import { Combat } from '../src/sim/combat.ts';
import { FIGHT_STYLES } from '../src/sim/fight-styles.ts';
import { PeriodicDamage } from '../src/sim/periodic-damage.ts';
import { testBundle, testProfile } from './support/test-bundle.ts';

describe('add waves', () => {
  it('HecticAddCleave: three adds from 15 s for 15 s, every 45 s, on top of the fight’s targets', () => {
    const c = new Combat({
      maxTimeMs: 300_000,
      varyCombatLength: 0,
      targets: 1,
      waves: FIGHT_STYLES.hecticaddcleave!.waves,
    });
    c.beginIteration(1, 0);
    const at = (s: number) => {
      c.now = s * 1000;
      return [c.activeTargets, c.isAlive(0), c.isAlive(1), c.isAlive(3), c.isAlive(4)];
    };
    expect(c.targets).toBe(4);
    expect(at(0)).toEqual([1, true, false, false, false]);
    expect(at(15)).toEqual([4, true, true, true, false]);
    expect(at(29.999)).toEqual([4, true, true, true, false]);
    expect(at(30)).toEqual([1, true, false, false, false]);
    expect(at(60)).toEqual([4, true, true, true, false]);
    expect(at(75)).toEqual([1, true, false, false, false]);
  });

  it('DungeonSlice: five adds at the pull for 25 s, every 60 s', () => {
    const c = new Combat({
      maxTimeMs: 300_000,
      varyCombatLength: 0,
      targets: 2,
      waves: FIGHT_STYLES.dungeonslice!.waves,
    });
    c.beginIteration(1, 0);
    c.now = 0;
    expect(c.activeTargets).toBe(7);
    c.now = 25_000;
    expect(c.activeTargets).toBe(2);
    c.now = 120_000;
    expect(c.activeTargets).toBe(7);
  });
});

describe('fight_style in a profile', () => {
  const run = (style: string, action: string) => {
    const parsed = parseProfile(testProfile([action], ['max_time=90', `fight_style=${style}`]));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const partial = createSimulation(parsed.profile, testBundle()).runIterations(0, 1, 3);
    return partial.abilities.find((a) => a.source === 'player' && a.spellId === 193455)?.executes ?? 0;
  };

  it('makes active_enemies follow the waves: a list keyed on it acts only while adds are up', () => {
    // Patchwerk: one target, so never. HecticAddCleave: only in [15, 30) s and [60, 75) s.
    expect(run('Patchwerk', 'cobra_shot,if=active_enemies>1')).toBe(0);
    const inWaves = run('HecticAddCleave', 'cobra_shot,if=active_enemies>1');
    const always = run('HecticAddCleave', 'cobra_shot');
    expect(inWaves).toBeGreaterThan(0);
    expect(inWaves).toBeLessThan(always);
  });

  it('names the styles it simulates when a profile asks for another, with the nearest', () => {
    const parsed = parseProfile(testProfile(['cobra_shot'], ['fight_style=HecticAddCleve']));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors[0]!.message).toMatch(
      /fight_style 'HecticAddCleve'; did you mean 'HecticAddCleave'\? \(simforge simulates Patchwerk, HecticAddCleave, DungeonSlice\)/,
    );
  });
});

describe('a dot on an add', () => {
  it('ends when the add leaves, and its last tick before that counts', () => {
    // HecticAddCleave: the first wave is up from 15 s to 30 s; a 20 s bleed ticking every 2 s
    // applied to add slot 1 at 20 s ticks at 22, 24, 26, 28 s, then finds its target gone at 30 s.
    const c = new Combat({
      maxTimeMs: 60_000,
      varyCombatLength: 0,
      targets: 1,
      waves: FIGHT_STYLES.hecticaddcleave!.waves,
    });
    c.beginIteration(1, 0);
    const ticks: number[] = [];
    const dot = new PeriodicDamage(
      c,
      new Aura(1, 'bleed', 20_000, 1, false),
      () => 2000,
      false,
      () => ticks.push(c.now),
      () => c.isAlive(1),
    );
    c.schedule(20_000, () => dot.apply(c.now));
    c.run();
    expect(ticks).toEqual([22_000, 24_000, 26_000, 28_000]);
    expect(dot.aura.up(30_000)).toBe(false);
  });
});
