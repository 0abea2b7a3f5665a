import { describe, expect, it } from 'vitest';
import { createSimulation, parseProfile } from '../src/index.ts';
import { effect, spell, talentsLine, talentTreeOf, testBundle, testProfile } from './support/test-bundle.ts';

const WILD_CALL = 185789;
const THE_BEAST_WITHIN = 231548;
const ALPHA_PREDATOR = 269737;

const TREE = talentTreeOf([WILD_CALL, THE_BEAST_WITHIN, ALPHA_PREDATOR]);

function run(actions: string[], chosen: number[], extra: string[] = []) {
  const talents = talentsLine(TREE, chosen);
  const parsed = parseProfile(testProfile(actions, [talents, ...extra]));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const bundle = testBundle((s) => {
    s[WILD_CALL] = spell(WILD_CALL, 'Wild Call', {
      passive: true,
      effects: [effect({ type: 6, auraType: 4, basePoints: 100 })],
    });
    s[THE_BEAST_WITHIN] = spell(THE_BEAST_WITHIN, 'The Beast Within', {
      passive: true,
      effects: [effect({ type: 3, basePoints: -60 })],
    });
    s[ALPHA_PREDATOR] = spell(ALPHA_PREDATOR, 'Alpha Predator', {
      passive: true,
      effects: [
        effect({ type: 6, auraType: 411, basePoints: 1, miscValues: [2067, 0] }),
        effect({ index: 1, type: 6, auraType: 108, basePoints: 15, spellClassMask: [0, 2048, 0, 0] }),
      ],
    });
  });
  const r = createSimulation(parsed.profile, { ...testBundle(), ...bundle, talentTree: TREE }).runIterations(
    0,
    1,
    4,
  );
  return (source: 'player' | 'pet', id: number) =>
    r.abilities.find((a) => a.source === source && a.spellId === id);
}

describe('talents change the spells, through the data', () => {
  it('Wild Call: auto shot crits give Barbed Shot charges back', () => {
    const actions = ['auto_shot', 'barbed_shot'];
    const without = run(actions, [])('player', 217200)!.executes;
    const withTalent = run(actions, [WILD_CALL])('player', 217200)!.executes;
    expect(withTalent).toBeGreaterThan(without);
  });

  it('The Beast Within: Bestial Wrath comes back 60 s sooner', () => {
    const actions = ['bestial_wrath', 'barbed_shot'];
    const without = run(actions, [])('player', 19574)!.executes;
    const withTalent = run(actions, [THE_BEAST_WITHIN])('player', 19574)!.executes;
    expect(without).toBe(4); // 0, 90, 180, 270 s
    expect(withTalent).toBe(11); // every 30 s, 0 to 300 s (the fight's last millisecond counts)
  });

  it('Alpha Predator: a second Kill Command charge (aura 411 on its charge category) and +15% damage (class mask)', () => {
    const actions = ['kill_command'];
    const plain = run(actions, [], ['max_time=10'])('pet', 83381)!;
    const alpha = run(actions, [ALPHA_PREDATOR], ['max_time=10'])('pet', 83381)!;
    // 10 s with 7.5 s recharge: 2 casts with one charge, 3 with two (and focus for them).
    expect(plain.executes).toBe(2);
    expect(alpha.executes).toBe(3);
    // Pet AP 0.6 x 2626, x2.0, spec aura +10%, mastery 8 points x 2% = +16%, armor 70%.
    const base = 0.6 * 2626 * 2 * 1.1 * 1.16 * 0.7;
    const exact = (a: typeof plain, b: number) =>
      Math.round(b) * (a.hits - a.crits) + Math.round(b * 2) * a.crits;
    expect(plain.damage).toBe(exact(plain, base));
    expect(alpha.damage).toBe(exact(alpha, base * 1.15));
  });
});
