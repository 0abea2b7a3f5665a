// A profileset variant's numbers: its DPS over a run of iterations and, iteration by
// iteration, its difference to the base profile run on the same seeds (common random numbers:
// iteration i of every variant replays the base's random stream from (seed, i)). The noise the
// two share cancels in the difference, so its error is far smaller than either DPS's. All
// integer sums in milli-DPS, so merging is exact and order-free, as for ChunkPartial.

// (No imports: partial.ts merges a chunk's variants with mergeVariantSums.)

export interface VariantSums {
  iterations: number;
  /** Sum and sum of squares of round(dps_i * 1000). */
  dpsSumMilli: bigint;
  dpsSumSqMilli: bigint;
  /** Min/max of round(dps_i * 1000); 0 when iterations = 0. */
  dpsMinMilli: number;
  dpsMaxMilli: number;
  /** Sum of (variant - base) milli-DPS per iteration: below zero when the variant is worse. */
  diffSumMilli: bigint;
  /** Sum of its squares. */
  diffSumSqMilli: bigint;
}

export function emptyVariantSums(): VariantSums {
  return {
    iterations: 0,
    dpsSumMilli: 0n,
    dpsSumSqMilli: 0n,
    dpsMinMilli: 0,
    dpsMaxMilli: 0,
    diffSumMilli: 0n,
    diffSumSqMilli: 0n,
  };
}

/** Counts one iteration: the variant's milli-DPS and the base's on the same seed. */
export function addVariantIteration(sums: VariantSums, variantMilli: number, baseMilli: number): void {
  if (sums.iterations === 0) {
    sums.dpsMinMilli = variantMilli;
    sums.dpsMaxMilli = variantMilli;
  } else {
    sums.dpsMinMilli = Math.min(sums.dpsMinMilli, variantMilli);
    sums.dpsMaxMilli = Math.max(sums.dpsMaxMilli, variantMilli);
  }
  sums.iterations++;
  const v = BigInt(variantMilli);
  sums.dpsSumMilli += v;
  sums.dpsSumSqMilli += v * v;
  const d = v - BigInt(baseMilli);
  sums.diffSumMilli += d;
  sums.diffSumSqMilli += d * d;
}

export function mergeVariantSums(a: VariantSums, b: VariantSums): VariantSums {
  if (a.iterations === 0) return { ...b };
  if (b.iterations === 0) return { ...a };
  return {
    iterations: a.iterations + b.iterations,
    dpsSumMilli: a.dpsSumMilli + b.dpsSumMilli,
    dpsSumSqMilli: a.dpsSumSqMilli + b.dpsSumSqMilli,
    dpsMinMilli: Math.min(a.dpsMinMilli, b.dpsMinMilli),
    dpsMaxMilli: Math.max(a.dpsMaxMilli, b.dpsMaxMilli),
    diffSumMilli: a.diffSumMilli + b.diffSumMilli,
    diffSumSqMilli: a.diffSumSqMilli + b.diffSumSqMilli,
  };
}
