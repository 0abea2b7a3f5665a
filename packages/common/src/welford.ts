// The Welford view of a partial (count, mean, M2, min, max) and what is derived from it,
// computed from the exact integer sums of partial.ts.
//
// With n iterations, S = sum(x) and Q = sum(x^2) in milli-DPS, n * M2 = n*Q - S^2 exactly in
// bigint. Only the final division is floating point, so the view is a pure function of the
// sums: the same on every machine, whatever order the partials were merged in. The textbook
// one-pass formula in doubles would cancel catastrophically here (Q is ~1e16 per iteration).

import { type ChunkPartial, DPS_HISTOGRAM_BIN_MILLI, type HistogramBin } from './partial.ts';

/** z for a two-sided 95% confidence interval, as SimulationCraft reports DPS error. */
export const Z_95 = 1.96;

export interface WelfordView {
  count: number;
  /** Mean DPS. */
  mean: number;
  /** Sum of squared deviations from the mean, in DPS^2. */
  m2: number;
  /** Sample variance M2 / (n - 1), in DPS^2; 0 below two iterations. */
  variance: number;
  stddev: number;
  min: number;
  max: number;
  /** 95% confidence half-width of the mean: 1.96 * stddev / sqrt(n). */
  halfWidth95: number;
  /** halfWidth95 as a percentage of the mean (SimulationCraft's target_error unit); 0 when mean is 0. */
  halfWidth95Pct: number;
}

/** n * M2 in milli-DPS^2, exactly; never negative for sums that came from real samples. */
export function scaledM2Milli(
  partial: Pick<ChunkPartial, 'iterations' | 'dpsSumMilli' | 'dpsSumSqMilli'>,
): bigint {
  const n = BigInt(partial.iterations);
  return n * partial.dpsSumSqMilli - partial.dpsSumMilli * partial.dpsSumMilli;
}

export function welfordView(partial: ChunkPartial): WelfordView {
  const n = partial.iterations;
  if (n === 0) {
    return {
      count: 0,
      mean: 0,
      m2: 0,
      variance: 0,
      stddev: 0,
      min: 0,
      max: 0,
      halfWidth95: 0,
      halfWidth95Pct: 0,
    };
  }
  const mean = Number(partial.dpsSumMilli) / n / 1000;
  const m2 = Number(scaledM2Milli(partial)) / n / 1_000_000;
  const variance = n > 1 ? m2 / (n - 1) : 0;
  const stddev = Math.sqrt(variance);
  const halfWidth95 = (Z_95 * stddev) / Math.sqrt(n);
  return {
    count: n,
    mean,
    m2,
    variance,
    stddev,
    min: partial.dpsMinMilli / 1000,
    max: partial.dpsMaxMilli / 1000,
    halfWidth95,
    halfWidth95Pct: mean > 0 ? (halfWidth95 / mean) * 100 : 0,
  };
}

/**
 * The q-quantile (0..1) of DPS from the sparse histogram, interpolating linearly inside the bin
 * that holds rank q*n, clamped to the exact min..max. Accurate to one bin (10 DPS).
 */
export function histogramQuantile(
  histogram: readonly HistogramBin[],
  q: number,
  bounds: { min: number; max: number },
): number {
  let total = 0;
  for (const { count } of histogram) total += count;
  if (total === 0) return 0;
  const rank = Math.min(Math.max(q, 0), 1) * total;
  let before = 0;
  let value = bounds.max;
  for (const { bin, count } of histogram) {
    if (before + count >= rank) {
      const fraction = count > 0 ? (rank - before) / count : 0;
      value = ((bin + fraction) * DPS_HISTOGRAM_BIN_MILLI) / 1000;
      break;
    }
    before += count;
  }
  return Math.min(Math.max(value, bounds.min), bounds.max);
}

export interface DpsQuartiles {
  q1: number;
  median: number;
  q3: number;
}

export function dpsQuartiles(partial: ChunkPartial): DpsQuartiles {
  const bounds = { min: partial.dpsMinMilli / 1000, max: partial.dpsMaxMilli / 1000 };
  return {
    q1: histogramQuantile(partial.histogram, 0.25, bounds),
    median: histogramQuantile(partial.histogram, 0.5, bounds),
    q3: histogramQuantile(partial.histogram, 0.75, bounds),
  };
}
