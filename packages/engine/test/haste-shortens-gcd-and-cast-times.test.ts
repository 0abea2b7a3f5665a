import { describe, expect, it } from 'vitest';
import { createSimulation, parseProfile } from '../src/index.ts';
import { testBundle, testProfile } from './support/test-bundle.ts';

function cobraExecutes(hasteRating: number, castTimeMs: number): { executes: number; hits: number } {
  const parsed = parseProfile(testProfile(['cobra_shot'], [`gear_haste_rating=${hasteRating}`]));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const bundle = testBundle((s) => {
    Object.assign(s[193455]!, { gcdHasted: true, powerCost: 0, castTimeMs });
  });
  const r = createSimulation(parsed.profile, bundle).runIterations(0, 1, 1);
  const a = r.abilities.find((x) => x.source === 'player' && x.spellId === 193455)!;
  return { executes: a.executes, hits: a.hits };
}

describe('haste shortens the global cooldown and cast times', () => {
  it('GCD 1.5 s: casts at 0, 1.5, ..., 300 s', () => {
    expect(cobraExecutes(0, 0).executes).toBe(201);
  });

  it('20% haste (880 rating / 44 per %): GCD 1.25 s, casts at 0, 1.25, ..., 300 s', () => {
    expect(cobraExecutes(880, 0).executes).toBe(241);
  });

  it('a 2 s cast completes 150 times in 300 s; with 20% haste it takes 1.667 s: 179 times', () => {
    expect(cobraExecutes(0, 2000)).toEqual({ executes: 150, hits: 150 });
    expect(cobraExecutes(880, 2000)).toEqual({ executes: 179, hits: 179 });
  });
});
