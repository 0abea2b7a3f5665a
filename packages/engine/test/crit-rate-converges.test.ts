import { describe, expect, it } from 'vitest';
import { createSimulation, parseProfile } from '../src/index.ts';
import { ratingToPercent } from '../src/sim/stats.ts';
import { testBundle, testProfile } from './support/test-bundle.ts';

describe('crit rate converges to the configured chance', () => {
  it('5% base + 920 rating / 46 per % = 25% of hits crit', () => {
    const parsed = parseProfile(testProfile(['kill_command', 'cobra_shot'], ['gear_crit_rating=920']));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const r = createSimulation(parsed.profile, testBundle()).runIterations(0, 200, 11);
    const hits = r.abilities.reduce((s, a) => s + a.hits, 0);
    const crits = r.abilities.reduce((s, a) => s + a.crits, 0);
    expect(hits).toBeGreaterThan(40_000);
    expect(Math.abs(crits / hits - 0.25)).toBeLessThan(0.005);
  });

  it('ratings above 30% lose value in 10% steps (diminishing returns)', () => {
    expect(ratingToPercent(46 * 30, 46)).toBeCloseTo(30, 10);
    expect(ratingToPercent(46 * 40, 46)).toBeCloseTo(30 + 9 * 0.9 + 1 * 0.8, 10);
  });
});
