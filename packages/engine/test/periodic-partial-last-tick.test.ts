import { describe, expect, it } from 'vitest';
import { createSimulation, parseProfile } from '../src/index.ts';
import { testBundle, testProfile } from './support/test-bundle.ts';

function bleed(actions: string[], extra: string[] = [], hastedTicks = false, tickOnApplication = false) {
  const parsed = parseProfile(testProfile(actions, ['max_time=20', ...extra]));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const bundle = testBundle((s) => Object.assign(s[217200]!, { hastedTicks, tickOnApplication }));
  const r = createSimulation(parsed.profile, bundle).runIterations(0, 1, 3);
  return r.abilities.find((x) => x.source === 'player' && x.spellId === 217200)!;
}

const TICK = 2626 * 0.5; // 1313: AP x 0.5, no armor on a bleed

/** Whether some choice of crits among `full` whole ticks and one `fraction` tick gives `damage`. */
function explainedBy(damage: number, full: number, fraction: number): boolean {
  for (let c = 0; c <= full; c++) {
    for (const lastCrit of [1, 2]) {
      const total =
        Math.round(TICK) * (full - c) + Math.round(TICK * 2) * c + Math.round(TICK * fraction * lastCrit);
      if (total === damage) return true;
    }
  }
  return false;
}

describe('a periodic effect refreshed mid-tick ends with a partial tick', () => {
  it('without refresh: 8 s at 2 s per tick is exactly 4 whole ticks', () => {
    const a = bleed(['barbed_shot,if=time=0']);
    expect(a.ticks).toBe(4);
    expect(explainedBy(a.damage, 3, 1)).toBe(true);
  });

  it('refreshed at 5 s (3 s left, pandemic keeps 2.4 s): expires at 15.4 s, 7 ticks then a 0.7 tick', () => {
    const a = bleed(['barbed_shot,if=time=0|time=5']);
    expect(a.ticks).toBe(8);
    expect(explainedBy(a.damage, 7, 0.7)).toBe(true);
    expect(explainedBy(a.damage, 8, 0)).toBe(false);
  });

  it('hasted ticks (20% haste): every 1.667 s, so 8 s is 4 whole ticks and a ~0.8 tick', () => {
    const a = bleed(['barbed_shot,if=time=0'], ['gear_haste_rating=880'], true);
    expect(a.ticks).toBe(5);
    const period = Math.round(2000 / 1.2); // 1667 ms
    expect(explainedBy(a.damage, 4, (8000 - 4 * period) / period)).toBe(true);
  });

  it('a tick on application adds one whole tick', () => {
    const a = bleed(['barbed_shot,if=time=0'], [], false, true);
    expect(a.ticks).toBe(5);
    expect(explainedBy(a.damage, 4, 1)).toBe(true);
  });
});
