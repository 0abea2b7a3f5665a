// VariantSums on the wire (partial.proto): BigUInt bytes for the sums, the sum of differences
// as a magnitude and a sign.
import { create } from '@bufbuild/protobuf';
import { bigUintToBytes, bytesToBigUint, toSafeNumber } from './biguint.ts';
import { type VariantSums as VariantSumsPb, VariantSumsSchema } from './gen/simforge/wire/v1/partial_pb.ts';
import { emptyVariantSums, type VariantSums } from './variant-sums.ts';
import { WireError } from './wire-errors.ts';

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

/** Converted in field order, so the first refusal is the first bad field (as the fast decoder reports it). */
export function variantSumsFromPb(pb: VariantSumsPb | undefined): VariantSums {
  if (pb === undefined) return emptyVariantSums();
  const iterations = toSafeNumber(pb.iterations, 'variant.iterations');
  const dpsSumMilli = bytesToBigUint(pb.dpsSumMilli, 'variant.dpsSumMilli');
  const dpsSumSqMilli = bytesToBigUint(pb.dpsSumSqMilli, 'variant.dpsSumSqMilli');
  const dpsMinMilli = toSafeNumber(pb.dpsMinMilli, 'variant.dpsMinMilli');
  const dpsMaxMilli = toSafeNumber(pb.dpsMaxMilli, 'variant.dpsMaxMilli');
  const magnitude = bytesToBigUint(pb.diffSumMilliMagnitude, 'variant.diffSumMilliMagnitude');
  // A negative zero would give two encodings of one value: refused, like leading zero bytes.
  if (pb.diffSumNegative && magnitude === 0n)
    throw new WireError('SF_WIRE_MALFORMED', 'variant.diffSumNegative is set on a zero sum');
  const diffSumSqMilli = bytesToBigUint(pb.diffSumSqMilli, 'variant.diffSumSqMilli');
  return {
    iterations,
    dpsSumMilli,
    dpsSumSqMilli,
    dpsMinMilli,
    dpsMaxMilli,
    diffSumMilli: pb.diffSumNegative ? -magnitude : magnitude,
    diffSumSqMilli,
  };
}
