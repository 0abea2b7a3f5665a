// A profileset variant's numbers: its DPS over a run of iterations and, iteration by
// iteration, its difference to the base profile run on the same seeds (common random numbers:
// iteration i of every variant replays the base's random stream from (seed, i)). The noise the
// two share cancels in the difference, so its error is far smaller than either DPS's. All
// integer sums in milli-DPS, so merging is exact and order-free, as for ChunkPartial.

import { create } from '@bufbuild/protobuf';
import { bigUintToBytes, bytesToBigUint, toSafeNumber } from './biguint.ts';
import { type VariantSums as VariantSumsPb, VariantSumsSchema } from './gen/simforge/wire/v1/partial_pb.ts';
import { scaledM2Milli, Z_95 } from './welford.ts';
import { WireError } from './wire-errors.ts';

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

/** A variant's sums for the wire (VariantSums in partial.proto). */
export function variantSumsToPb(sums: VariantSums): VariantSumsPb {
  const negative = sums.diffSumMilli < 0n;
  return create(VariantSumsSchema, {
    iterations: BigInt(sums.iterations),
    dpsSumMilli: bigUintToBytes(sums.dpsSumMilli),
    dpsSumSqMilli: bigUintToBytes(sums.dpsSumSqMilli),
    dpsMinMilli: BigInt(sums.dpsMinMilli),
    dpsMaxMilli: BigInt(sums.dpsMaxMilli),
    diffSumMilliMagnitude: bigUintToBytes(negative ? -sums.diffSumMilli : sums.diffSumMilli),
    diffSumNegative: negative,
    diffSumSqMilli: bigUintToBytes(sums.diffSumSqMilli),
  });
}

export function variantSumsFromPb(pb: VariantSumsPb | undefined): VariantSums {
  if (pb === undefined) return emptyVariantSums();
  const magnitude = bytesToBigUint(pb.diffSumMilliMagnitude, 'diffSumMilliMagnitude');
  // A negative zero would give two encodings of one value: refused, like leading zero bytes.
  if (pb.diffSumNegative && magnitude === 0n)
    throw new WireError('SF_WIRE_MALFORMED', 'diffSumNegative is set on a zero sum');
  return {
    iterations: toSafeNumber(pb.iterations, 'iterations'),
    dpsSumMilli: bytesToBigUint(pb.dpsSumMilli, 'dpsSumMilli'),
    dpsSumSqMilli: bytesToBigUint(pb.dpsSumSqMilli, 'dpsSumSqMilli'),
    dpsMinMilli: toSafeNumber(pb.dpsMinMilli, 'dpsMinMilli'),
    dpsMaxMilli: toSafeNumber(pb.dpsMaxMilli, 'dpsMaxMilli'),
    diffSumMilli: pb.diffSumNegative ? -magnitude : magnitude,
    diffSumSqMilli: bytesToBigUint(pb.diffSumSqMilli, 'diffSumSqMilli'),
  };
}
