import {
  addVariantIteration,
  type ChunkPartial,
  emptyVariantSums,
  encodeChunkPartial,
  mergeAllPartials,
  PrefixAccumulator,
} from '@simforge/common';
import { describe, expect, it } from 'vitest';
import { syntheticDps, syntheticPartial } from './support/synthetic-partial.ts';

function varied(seed: number, first: number, count: number): ChunkPartial {
  const base = syntheticPartial(seed, first, count);
  // Different timeline lengths, abilities and buffs per chunk, so the merge-joins are exercised.
  return {
    ...base,
    abilities: [
      ...base.abilities,
      ...(first % 2 === 0
        ? [
            {
              source: 'pet' as const,
              spellId: 16827,
              name: 'Claw',
              damage: first,
              executes: 1,
              hits: 1,
              crits: 1,
              ticks: 0,
            },
          ]
        : []),
    ],
    buffs: first % 3 === 0 ? [{ auraId: 19574, name: 'Bestial Wrath', uptimeMs: 1000 + first }] : [],
    timeline: {
      damage: [...base.timeline.damage, ...Array.from({ length: first % 5 }, (_, i) => i + 1)],
      resourceMilli: [...base.timeline.resourceMilli, ...Array.from({ length: first % 5 }, () => 7)],
      samples: [...base.timeline.samples, ...Array.from({ length: first % 5 }, () => 1)],
    },
  };
}

describe('the prefix accumulator', () => {
  it('gives exactly what mergeAllPartials gives, down to the encoded bytes', () => {
    const partials = Array.from({ length: 25 }, (_, i) => varied(9, i * 40, 40));
    const accumulator = new PrefixAccumulator();
    for (const p of partials) accumulator.add(p);
    const merged = mergeAllPartials(partials);
    expect(accumulator.toPartial()).toEqual(merged);
    expect(Buffer.from(encodeChunkPartial(accumulator.toPartial()))).toEqual(
      Buffer.from(encodeChunkPartial(merged)),
    );
  });

  it("merges a profileset chunk's variants as mergeAllPartials does", () => {
    const partials = Array.from({ length: 8 }, (_, i) => {
      const base = syntheticPartial(4, i * 40, 40);
      const variants = [7, -3].map((shift) => {
        const v = emptyVariantSums();
        for (let k = 0; k < 40; k++) addVariantIteration(v, 10_000 + k + shift * i, 10_000 + k);
        return v;
      });
      return { ...base, variants };
    });
    const accumulator = new PrefixAccumulator();
    for (const p of partials) accumulator.add(p);
    expect(accumulator.toPartial()).toEqual(mergeAllPartials(partials));
    expect(accumulator.toPartial().variants![1]!.diffSumMilli).toBeLessThan(0n);
  });

  it('is empty like an empty merge', () => {
    expect(new PrefixAccumulator().toPartial()).toEqual(mergeAllPartials([]));
  });

  it('matches the merge when the histogram window grows both ways and finally spreads too wide', () => {
    // Chunk k centres its DPS somewhere else: up, then below everything, then ~100x higher,
    // which no dense window of bins can span.
    const centres = [20_000, 22_000, 15_000, 60_000, 5_000, 2_000_000, 21_000];
    const partials = centres.map((centre, k) =>
      syntheticPartial(3, k * 30, 30, (seed, i) => centre + (syntheticDps(seed, i) - 10_000) / 10),
    );
    for (let upTo = 1; upTo <= partials.length; upTo++) {
      const accumulator = new PrefixAccumulator();
      for (const p of partials.slice(0, upTo)) accumulator.add(p);
      expect(accumulator.toPartial()).toEqual(mergeAllPartials(partials.slice(0, upTo)));
    }
  });
});
