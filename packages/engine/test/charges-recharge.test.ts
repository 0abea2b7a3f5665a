import { describe, expect, it } from 'vitest';
import { createSimulation, parseProfile } from '../src/index.ts';
import { Cooldown } from '../src/sim/cooldown.ts';
import { testBundle, testProfile } from './support/test-bundle.ts';

describe('charges recharge one at a time', () => {
  it('spends, recovers, reports fractional charges and full recharge time', () => {
    const cd = new Cooldown('barbed_shot', 2, 12000, 1);
    cd.start(0);
    cd.start(1500);
    expect(cd.chargesAt(1500)).toBe(0);
    expect(cd.remains(1500)).toBe(10500);
    expect(cd.chargesFractional(6000)).toBeCloseTo(0.5, 10);
    expect(cd.fullRechargeTime(6000)).toBe(18000);
    expect(cd.chargesAt(12000)).toBe(1);
    expect(cd.chargesAt(24000)).toBe(2);
    expect(cd.remains(24000)).toBe(0);
  });

  it('a reduction shortens the recovery in progress; a reset completes it', () => {
    const cd = new Cooldown('kill_command', 1, 7500, 1);
    cd.start(0);
    cd.reduce(1000, 1000);
    expect(cd.remains(1000)).toBe(5500);
    cd.resetOne(2000);
    expect(cd.ready(2000)).toBe(true);
  });

  it('haste shortens a hasted recharge', () => {
    const cd = new Cooldown('barbed_shot', 2, 12000, 1.2);
    cd.start(0);
    expect(cd.remains(0)).toBe(0);
    cd.start(0);
    expect(cd.remains(0)).toBe(10000);
  });

  function barbedExecutes(hasted: boolean): number {
    const parsed = parseProfile(testProfile(['barbed_shot'], ['max_time=60', 'gear_haste_rating=880']));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const bundle = testBundle((s) => {
      s[217200]!.cooldownHasted = hasted;
    });
    const r = createSimulation(parsed.profile, bundle).runIterations(0, 1, 1);
    return r.abilities.find((x) => x.source === 'player' && x.spellId === 217200)!.executes;
  }

  it('in a 60 s fight: two charges at once, then one every 12 s (every 10 s with 20% haste)', () => {
    expect(barbedExecutes(false)).toBe(7);
    expect(barbedExecutes(true)).toBe(8);
  });
});
