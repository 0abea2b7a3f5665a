// A variant's numbers as a report shows them (variant-sums.ts): its DPS +- error and its
// paired difference to the base +- its own error, from the exact sums.
import type { VariantSums } from './variant-sums.ts';
import { scaledM2Milli, Z_95 } from './welford.ts';

export interface VariantView {
  iterations: number;
  mean: number;
  /** 95% half-width of the variant's mean DPS alone. */
  halfWidth95: number;
  /** Mean of (variant - base) DPS over the same iterations. */
  diffMean: number;
  /** 95% half-width of diffMean, from the paired differences. */
  diffHalfWidth95: number;
}

/** Mean and 95% half-width from exact sums: only the last divisions are floating point. */
function meanAndHalfWidth(n: number, sum: bigint, sumSq: bigint): { mean: number; halfWidth95: number } {
  if (n === 0) return { mean: 0, halfWidth95: 0 };
  const mean = Number(sum) / n / 1000;
  if (n < 2) return { mean, halfWidth95: 0 };
  const m2 = Number(scaledM2Milli({ iterations: n, dpsSumMilli: sum, dpsSumSqMilli: sumSq })) / n / 1_000_000;
  return { mean, halfWidth95: (Z_95 * Math.sqrt(m2 / (n - 1))) / Math.sqrt(n) };
}

export function variantView(sums: VariantSums): VariantView {
  const dps = meanAndHalfWidth(sums.iterations, sums.dpsSumMilli, sums.dpsSumSqMilli);
  const diff = meanAndHalfWidth(sums.iterations, sums.diffSumMilli, sums.diffSumSqMilli);
  return {
    iterations: sums.iterations,
    mean: dps.mean,
    halfWidth95: dps.halfWidth95,
    diffMean: diff.mean,
    diffHalfWidth95: diff.halfWidth95,
  };
}
