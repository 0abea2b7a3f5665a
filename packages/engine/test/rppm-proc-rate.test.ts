import { describe, expect, it } from 'vitest';
import { Rng } from '../src/core/rng.ts';
import { RealPpm } from '../src/sim/rppm.ts';

describe('real procs per minute', () => {
  // Bad-luck protection raises the chance after long dry spells, so the long-run rate sits a
  // little above the nominal one (as in the game); it must not depend on attempt frequency.
  it('averages the configured rate (plus bad-luck protection) whatever the attempt frequency', () => {
    for (const attemptEveryMs of [500, 1500, 4000]) {
      const rng = new Rng(99, attemptEveryMs);
      const rppm = new RealPpm(2);
      let procs = 0;
      const minutes = 3000;
      for (let t = attemptEveryMs; t <= minutes * 60_000; t += attemptEveryMs)
        if (rppm.trigger(t, rng)) procs++;
      const rate = procs / minutes;
      expect(rate).toBeGreaterThan(2 * 0.97);
      expect(rate).toBeLessThan(2 * 1.15);
    }
  });

  it('scales with a haste multiplier', () => {
    const rng = new Rng(5, 5);
    const rppm = new RealPpm(2, 1.5);
    let procs = 0;
    for (let t = 1000; t <= 2000 * 60_000; t += 1000) if (rppm.trigger(t, rng)) procs++;
    expect(procs / 2000).toBeGreaterThan(3 * 0.97);
    expect(procs / 2000).toBeLessThan(3 * 1.15);
  });
});
