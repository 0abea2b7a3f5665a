import { describe, expect, it } from 'vitest';
import { createSimulation, parseProfile } from '../src/index.ts';
import { testBundle, testProfile } from './support/test-bundle.ts';

function bleed(actions: string[]) {
  const parsed = parseProfile(testProfile(actions, ['max_time=20']));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const r = createSimulation(parsed.profile, testBundle()).runIterations(0, 1, 3);
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
});
