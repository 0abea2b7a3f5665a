// Several targets for real: each target has its own dots, and `target_if=` picks the target an
// action runs on (its `if=` then reads that target). Pinned on a two-target case worked out by
// hand: Barbed Shot (test bundle: free, two charges recharging in 12 s, an 8 s bleed ticking
// every 2 s, pandemic refresh) as the only action, a 10 s fight, no haste.
import { encodeChunkPartial } from '@simforge/common';
import { describe, expect, it } from 'vitest';
import { createSimulation, parseProfile } from '../src/index.ts';
import { testBundle, testProfile } from './support/test-bundle.ts';

const BARBED_SHOT = 217200;

function barbed(action: string, extra: string[] = []) {
  const parsed = parseProfile(testProfile([action], ['max_time=10', 'desired_targets=2', ...extra]));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const partial = createSimulation(parsed.profile, testBundle()).runIterations(0, 1, 1);
  const row = partial.abilities.find((a) => a.source === 'player' && a.spellId === BARBED_SHOT)!;
  return { executes: row.executes, ticks: row.ticks };
}

describe('two targets with target_if', () => {
  it('spreads the bleed: the second cast goes to the target without it, and both bleed', () => {
    // 0 s on the primary (a tie goes to it), 1.5 s on the other (0 s remaining beats 6.5 s).
    // Primary ticks at 2, 4, 6, 8 s; the other at 3.5, 5.5, 7.5, 9.5 s: 8 ticks, both full.
    expect(barbed('barbed_shot,target_if=min:dot.barbed_shot.remains')).toEqual({ executes: 2, ticks: 8 });
    // max: picks the target with the most remaining, so both casts stay on the primary: the
    // refresh at 1.5 s extends it to 11.9 s (6.5 + 8, capped at 130% of 8), ticks at 2-10 s: 5.
    expect(barbed('barbed_shot,target_if=max:dot.barbed_shot.remains')).toEqual({ executes: 2, ticks: 5 });
  });

  it('max_prio_damage (a hunter option, 1 by default) keeps `...|max_prio_damage` lists on the primary', () => {
    const action = 'barbed_shot,target_if=min:dot.barbed_shot.remains|max_prio_damage';
    expect(barbed(action)).toEqual({ executes: 2, ticks: 5 });
    expect(barbed(action, ['max_prio_damage=0'])).toEqual({ executes: 2, ticks: 8 });
  });

  it('reads if= on the target target_if picked, and the primary everywhere else', () => {
    // Only cast on a target without the bleed: with target_if the 1.5 s cast finds one.
    expect(barbed('barbed_shot,target_if=min:dot.barbed_shot.remains,if=!dot.barbed_shot.ticking')).toEqual({
      executes: 2,
      ticks: 8,
    });
    // Without it the condition reads the primary, which bleeds until 8 s: one more cast then,
    // whose first tick (10 s) is the 5th.
    expect(barbed('barbed_shot,if=!dot.barbed_shot.ticking')).toEqual({ executes: 2, ticks: 5 });
  });

  it('first: picks the first target where the expression holds, and skips the action when none does', () => {
    expect(barbed('barbed_shot,target_if=first:!dot.barbed_shot.ticking')).toEqual({ executes: 2, ticks: 8 });
    // On one target, first: finds none while the bleed is up: exactly `if=!dot.barbed_shot.ticking`
    // (the second cast waits for 8 s), which plain barbed_shot is not (it casts again at 1.5 s).
    const oneTarget = (action: string) => {
      const one = parseProfile(testProfile([action], ['max_time=20', 'desired_targets=1']));
      if (!one.ok) throw new Error('refused');
      return Buffer.from(
        encodeChunkPartial(createSimulation(one.profile, testBundle()).runIterations(0, 1, 1)),
      ).toString('hex');
    };
    const first = oneTarget('barbed_shot,target_if=first:!dot.barbed_shot.ticking');
    expect(first).toBe(oneTarget('barbed_shot,if=!dot.barbed_shot.ticking'));
    expect(first).not.toBe(oneTarget('barbed_shot'));
  });
});
