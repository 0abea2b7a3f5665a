import { describe, expect, it } from 'vitest';
import { createSimulation, parseProfile } from '../src/index.ts';
import { effect, spell, talentsLine, talentTreeOf, testBundle, testProfile } from './support/test-bundle.ts';

const CLEAVE_TREE = talentTreeOf([115939], ['Beast Cleave']);
const CLEAVE_TALENTS = talentsLine(CLEAVE_TREE, [115939]);

function run(actions: string[], extra: string[], iterations = 1, patch?: Parameters<typeof testBundle>[0]) {
  const parsed = parseProfile(testProfile(actions, extra));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const bundle = { ...testBundle(patch), talentTree: CLEAVE_TREE };
  return createSimulation(parsed.profile, bundle).runIterations(0, iterations, 9);
}

const find = (r: ReturnType<typeof run>, source: 'player' | 'pet', id: number) =>
  r.abilities.find((a) => a.source === source && a.spellId === id);

describe('fight length, targets and the execute phase', () => {
  it('Kill Shot is usable only below 20% health: the last 20 s of a 100 s Patchwerk', () => {
    const r = run(['kill_shot'], ['max_time=100']);
    // Health drops below 20% after 80 s; Kill Shot fires at 80.001 s and 90.001 s (10 s cooldown).
    expect(find(r, 'player', 53351)?.executes).toBe(2);
  });

  it('vary_combat_length spreads fight lengths around max_time', () => {
    const r = run(['cobra_shot'], ['vary_combat_length=0.2'], 200);
    const mean = r.fightLengthMsSum / r.iterations;
    expect(mean).toBeGreaterThan(290_000);
    expect(mean).toBeLessThan(310_000);
    expect(r.timeline.samples[0]).toBe(200);
    expect(r.timeline.samples[250]).toBeLessThan(200);
    expect(r.timeline.samples.length).toBeLessThanOrEqual(360);
  });

  it('Multi-Shot hits every target up to its chain count; Beast Cleave makes the pet cleave', () => {
    const cleave = (s: Parameters<NonNullable<Parameters<typeof testBundle>[0]>>[0]) => {
      s[115939] = spell(115939, 'Beast Cleave', { passive: true });
      s[268877] = spell(268877, 'Beast Cleave', { durationMs: 6000 });
      s[118455] = spell(118455, 'Beast Cleave', {
        effects: [effect({ type: 6, auraType: 42, basePoints: 50, triggerSpellId: 118459 })],
      });
      s[118459] = spell(118459, 'Beast Cleave', { effects: [effect({ type: 2, chainTargets: 8 })] });
    };
    const single = run(['multishot'], ['desired_targets=1'], 1, cleave);
    const three = run(['multishot'], ['desired_targets=3'], 1, cleave);
    const multi = find(three, 'player', 2643)!;
    expect(multi.hits).toBe(3 * multi.executes);
    expect(find(single, 'player', 2643)!.hits).toBe(find(single, 'player', 2643)!.executes);
    // Without the talent in the profile's loadout, no cleave happens even with 3 targets.
    expect(find(three, 'pet', 118459)).toBeUndefined();
    const talented = run(['multishot'], ['desired_targets=3', CLEAVE_TALENTS], 1, cleave);
    const cleaveHits = find(talented, 'pet', 118459)!;
    const melee = find(talented, 'pet', 6603)!;
    // Each pet swing under Beast Cleave strikes the 2 other targets for half its damage.
    expect(cleaveHits.hits).toBeGreaterThan(melee.hits);
    expect(cleaveHits.hits % 2).toBe(0);
    expect(cleaveHits.damage).toBeLessThanOrEqual(melee.damage + find(talented, 'pet', 16827)!.damage);
  });

  it('timelines cover every second of the fight and add up to the damage done', () => {
    const r = run(['cobra_shot'], []);
    const total = r.abilities.reduce((s, a) => s + a.damage, 0);
    expect(r.timeline.damage.reduce((s, d) => s + d, 0)).toBe(total);
    expect(r.timeline.damage).toHaveLength(300);
    expect(r.timeline.resourceMilli.every((f) => f >= 0 && f <= 100_000)).toBe(true);
  });
});
