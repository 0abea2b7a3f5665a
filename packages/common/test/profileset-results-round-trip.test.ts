// A profileset's variants in result_pb: each one's sums travel exactly (a worse variant's
// negative sum of differences included), the view is recomputed from them, and bytes that
// could mean one value two ways are refused.
import { create, toBinary } from '@bufbuild/protobuf';
import { describe, expect, it } from 'vitest';
import { VariantSumsSchema } from '../src/gen/simforge/wire/v1/partial_pb.ts';
import {
  addVariantIteration,
  decodeJobResult,
  emptyVariantSums,
  encodeJobResult,
  profilesetResults,
  type VariantSums,
  variantSumsFromPb,
  variantSumsToPb,
  variantView,
} from '../src/index.ts';
import { randomPartial } from './random-partial.ts';

function sums(pairs: [number, number][]): VariantSums {
  const s = emptyVariantSums();
  for (const [variant, base] of pairs) addVariantIteration(s, variant, base);
  return s;
}

describe('profileset results', () => {
  it('round-trip exactly, worse variants included, and give the view of their sums', () => {
    const better = sums([
      [1_000_500, 1_000_000],
      [2_000_700, 2_000_000],
    ]);
    const worse = sums([
      [900_000, 1_000_000],
      [1_950_000, 2_000_000],
    ]);
    const same = sums([[1_000_000, 1_000_000]]);
    expect(worse.diffSumMilli).toBe(-150_000n);
    for (const s of [better, worse, same]) expect(variantSumsFromPb(variantSumsToPb(s))).toEqual(s);

    const bytes = encodeJobResult(randomPartial(5, 40), {
      profilesets: [
        { name: 'better', sums: better },
        { name: 'worse', sums: worse },
        { name: 'same', sums: same },
      ],
    });
    const view = decodeJobResult(bytes);
    expect(view.profilesets.map((p) => p.name)).toEqual(['better', 'worse', 'same']);
    expect(view.profilesets[1]).toEqual({ name: 'worse', ...variantView(worse), stoppedBehind: null });
    expect(view.profilesets[1]!.diffMean).toBe(-75);
    expect(view.profilesets[2]).toMatchObject({ diffMean: 0, diffHalfWidth95: 0 });
    expect(decodeJobResult(encodeJobResult(randomPartial(5, 40))).profilesets).toEqual([]);
  });

  it('say whom a race stopped each variant behind, the base or another variant', () => {
    const one = sums([[1_000_000, 1_000_000]]);
    const results = profilesetResults(
      ['a', 'b', 'c'],
      [one, one, one],
      [
        { variant: 0, leader: -1, iterations: 1 },
        { variant: 2, leader: 1, iterations: 1 },
      ],
    );
    const view = decodeJobResult(encodeJobResult(randomPartial(5, 40), { profilesets: results }));
    expect(view.profilesets.map((p) => p.stoppedBehind)).toEqual([
      { base: true },
      null,
      { base: false, name: 'b' },
    ]);
  });

  it('refuse a negative zero, which would give one value two encodings', () => {
    const pb = create(VariantSumsSchema, { iterations: 1n, diffSumNegative: true });
    expect(() => variantSumsFromPb(pb)).toThrow(/diffSumNegative is set on a zero sum/);
    expect(toBinary(VariantSumsSchema, variantSumsToPb(emptyVariantSums()))).toHaveLength(0);
  });
});
