import { describe, expect, it } from 'vitest';
import {
  type ChunkPartial,
  emptyPartial,
  encodeChunkPartial,
  encodeJobResult,
  encodeJobTimeline,
  mergeAllPartials,
  mergePartials,
} from '../src/index.ts';
import { randomPartial, seededRandom } from './random-partial.ts';

const bytes = (p: ChunkPartial) => encodeChunkPartial(p);

/** Merges the list by a random binary tree, shuffling operands at each step. */
function mergeRandomly(partials: ChunkPartial[], random: () => number): ChunkPartial {
  const pool = [...partials];
  while (pool.length > 1) {
    const i = Math.floor(random() * pool.length);
    const [a] = pool.splice(i, 1);
    const j = Math.floor(random() * pool.length);
    const [b] = pool.splice(j, 1);
    pool.push(random() < 0.5 ? mergePartials(a!, b!) : mergePartials(b!, a!));
  }
  return pool[0] ?? emptyPartial();
}

describe('mergePartials', () => {
  const partials = Array.from({ length: 12 }, (_, k) => randomPartial(100 + k, 5 + k * 7));

  it('is commutative, byte for byte', () => {
    for (let k = 0; k + 1 < partials.length; k++) {
      expect(bytes(mergePartials(partials[k]!, partials[k + 1]!))).toEqual(
        bytes(mergePartials(partials[k + 1]!, partials[k]!)),
      );
    }
  });

  it('is associative, byte for byte', () => {
    for (let k = 0; k + 2 < partials.length; k++) {
      const [a, b, c] = [partials[k]!, partials[k + 1]!, partials[k + 2]!];
      expect(bytes(mergePartials(mergePartials(a, b), c))).toEqual(
        bytes(mergePartials(a, mergePartials(b, c))),
      );
    }
  });

  it('gives the same bytes under any grouping and order of many partials', () => {
    const reference = mergeAllPartials(partials);
    const referenceBytes = [
      bytes(reference),
      encodeJobResult(reference),
      encodeJobTimeline(reference.timeline),
    ];
    for (let trial = 0; trial < 25; trial++) {
      const merged = mergeRandomly(partials, seededRandom(trial));
      expect([bytes(merged), encodeJobResult(merged), encodeJobTimeline(merged.timeline)]).toEqual(
        referenceBytes,
      );
    }
  });

  it('has the empty partial as identity', () => {
    const p = partials[3]!;
    expect(mergePartials(emptyPartial(), p)).toEqual(p);
    expect(mergePartials(p, emptyPartial())).toEqual(p);
    expect(mergeAllPartials([])).toEqual(emptyPartial());
  });

  it('leaves its inputs untouched', () => {
    const a = structuredClone(partials[0]!);
    const b = structuredClone(partials[1]!);
    mergePartials(a, b);
    expect([a, b]).toEqual([partials[0], partials[1]]);
  });

  it('sums counts exactly and keeps keys sorted', () => {
    const merged = mergeAllPartials(partials);
    expect(merged.iterations).toBe(partials.reduce((n, p) => n + p.iterations, 0));
    expect(merged.dpsSumSqMilli).toBe(partials.reduce((s, p) => s + p.dpsSumSqMilli, 0n));
    expect(merged.dpsMinMilli).toBe(Math.min(...partials.map((p) => p.dpsMinMilli)));
    expect(merged.dpsMaxMilli).toBe(Math.max(...partials.map((p) => p.dpsMaxMilli)));
    expect(merged.histogram.map((h) => h.bin)).toEqual(
      [...merged.histogram.map((h) => h.bin)].sort((x, y) => x - y),
    );
    expect(merged.histogram.reduce((n, h) => n + h.count, 0)).toBe(merged.iterations);
    expect(merged.timeline.samples[0]).toBe(merged.iterations);
  });
});
