import { describe, expect, it } from 'vitest';
import { dpsQuartiles, emptyPartial, mergeAllPartials, welfordView } from '../src/index.ts';
import { randomRun } from './random-partial.ts';

/** The textbook two-pass statistics over the same milli-rounded samples the builder stored. */
function twoPass(dps: number[]) {
  const xs = dps.map((d) => Math.round(d * 1000) / 1000);
  const n = xs.length;
  const mean = xs.reduce((s, x) => s + x, 0) / n;
  const m2 = xs.reduce((s, x) => s + (x - mean) ** 2, 0);
  const variance = m2 / (n - 1);
  return {
    n,
    mean,
    m2,
    variance,
    stddev: Math.sqrt(variance),
    min: Math.min(...xs),
    max: Math.max(...xs),
    xs,
  };
}

describe('welfordView', () => {
  it('matches a two-pass computation over the same samples', () => {
    for (const [seed, iterations] of [
      [1, 2],
      [2, 17],
      [3, 1000],
      [4, 5_000],
    ] as const) {
      const { partial, dps } = randomRun(seed, iterations);
      const view = welfordView(partial);
      const reference = twoPass(dps);
      expect(view.count).toBe(reference.n);
      expect(view.mean).toBeCloseTo(reference.mean, 6);
      expect(view.m2 / reference.m2).toBeCloseTo(1, 9);
      expect(view.variance / reference.variance).toBeCloseTo(1, 9);
      expect(view.stddev / reference.stddev).toBeCloseTo(1, 9);
      expect(view.min).toBe(reference.min);
      expect(view.max).toBe(reference.max);
      expect(view.halfWidth95).toBeCloseTo((1.96 * reference.stddev) / Math.sqrt(reference.n), 6);
      expect(view.halfWidth95Pct).toBeCloseTo((view.halfWidth95 / view.mean) * 100, 12);
    }
  });

  it('stays exact where the one-pass double formula cancels: tiny spread on a large mean', () => {
    const { partial, dps } = randomRun(9, 5000, 2_000_000, 0.5);
    const view = welfordView(partial);
    const reference = twoPass(dps);
    expect(view.variance / reference.variance).toBeCloseTo(1, 6);
  });

  it('is the same whatever chunks the iterations were split into', () => {
    const whole = randomRun(5, 300).partial;
    const view = welfordView(whole);
    expect(welfordView(mergeAllPartials([whole, emptyPartial()]))).toEqual(view);
  });

  it('gives zeros without iterations and zero spread for one', () => {
    expect(welfordView(emptyPartial())).toMatchObject({ count: 0, mean: 0, variance: 0, halfWidth95: 0 });
    const one = welfordView(randomRun(6, 1).partial);
    expect(one).toMatchObject({ count: 1, m2: 0, variance: 0, stddev: 0, halfWidth95: 0 });
    expect(one.min).toBe(one.max);
  });
});

describe('dpsQuartiles', () => {
  it('lands within one histogram bin (10 DPS) of the exact sample quantiles', () => {
    const { partial, dps } = randomRun(8, 4001);
    const sorted = dps.map((d) => Math.round(d * 1000) / 1000).sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.round(q * (sorted.length - 1))]!;
    const quartiles = dpsQuartiles(partial);
    expect(Math.abs(quartiles.q1 - at(0.25))).toBeLessThanOrEqual(10);
    expect(Math.abs(quartiles.median - at(0.5))).toBeLessThanOrEqual(10);
    expect(Math.abs(quartiles.q3 - at(0.75))).toBeLessThanOrEqual(10);
  });

  it('stays inside min..max', () => {
    const { partial } = randomRun(10, 3);
    const { q1, q3 } = dpsQuartiles(partial);
    expect(q1).toBeGreaterThanOrEqual(partial.dpsMinMilli / 1000);
    expect(q3).toBeLessThanOrEqual(partial.dpsMaxMilli / 1000);
  });
});
