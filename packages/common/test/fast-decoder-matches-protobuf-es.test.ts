// decodeChunkPartial reads the wire directly instead of through protobuf-es's fromBinary (see
// src/partial-decoder.ts). This pins that both read the same bytes to the same partial and
// refuse the same bytes with the same code, hostile shapes included.

import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { describe, expect, it } from 'vitest';
import { bytesToBigUint, toSafeNumber } from '../src/biguint.ts';
import {
  type ActorSource as ActorSourcePb,
  ChunkPartialSchema,
  VariantSumsSchema,
} from '../src/gen/simforge/wire/v1/partial_pb.ts';
import {
  type ChunkPartial,
  decodeChunkPartial,
  emptyPartial,
  emptyVariantSums,
  encodeChunkPartial,
  variantSumsFromPb,
  WireError,
} from '../src/index.ts';
import { LEGACY_FOCUS_MILLI_FIELD, legacyUintsFromUnknown, resourceOrLegacy } from '../src/legacy-fields.ts';
import { abilitiesFromPb, buffsFromPb, histogramFromPb, numbersFromPb } from '../src/partial-codec.ts';
import { randomPartial } from './random-partial.ts';

/** The decoder as it was: fromBinary, then every 64-bit field converted in field order. */
function referenceDecode(bytes: Uint8Array): ChunkPartial {
  let message: ReturnType<typeof fromBinary<typeof ChunkPartialSchema>>;
  try {
    message = fromBinary(ChunkPartialSchema, bytes);
  } catch (cause) {
    throw new WireError('SF_WIRE_MALFORMED', `ChunkPartial: ${String(cause)}`, { cause });
  }
  return {
    iterations: toSafeNumber(message.iterations, 'iterations'),
    dpsSumMilli: bytesToBigUint(message.dpsSumMilli, 'dpsSumMilli'),
    dpsSumSqMilli: bytesToBigUint(message.dpsSumSqMilli, 'dpsSumSqMilli'),
    dpsMinMilli: toSafeNumber(message.dpsMinMilli, 'dpsMinMilli'),
    dpsMaxMilli: toSafeNumber(message.dpsMaxMilli, 'dpsMaxMilli'),
    histogram: histogramFromPb(message.histogram),
    abilities: abilitiesFromPb(message.abilities),
    timeline: {
      damage: numbersFromPb(message.timeline?.damage ?? [], 'timeline.damage'),
      // Bytes from before the rename carry the resource timeline in the reserved field 2.
      resourceMilli: resourceOrLegacy(
        numbersFromPb(message.timeline?.resourceMilli ?? [], 'timeline.resourceMilli'),
        () =>
          legacyUintsFromUnknown(
            message.timeline?.$unknown,
            LEGACY_FOCUS_MILLI_FIELD.timelineSums,
            'timeline.focus_milli (legacy field)',
          ),
      ),
      samples: numbersFromPb(message.timeline?.samples ?? [], 'timeline.samples'),
    },
    buffs: buffsFromPb(message.buffs),
    fightLengthMsSum: toSafeNumber(message.fightLengthMsSum, 'fightLengthMsSum'),
    events: toSafeNumber(message.events, 'events'),
    ...(message.variants.length > 0 ? { variants: message.variants.map(variantSumsFromPb) } : {}),
  };
}

type Outcome = { ok: true; partial: ChunkPartial } | { ok: false; code: string; message: string };

function outcome(decode: (bytes: Uint8Array) => ChunkPartial, bytes: Uint8Array): Outcome {
  try {
    return { ok: true, partial: decode(bytes) };
  } catch (error) {
    if (!(error instanceof WireError)) throw error;
    // Malformed bytes are described by each reader in its own words; the code is the contract.
    return { ok: false, code: error.code, message: error.code === 'SF_WIRE_MALFORMED' ? '' : error.message };
  }
}

function expectSame(bytes: Uint8Array): Outcome {
  const fast = outcome(decodeChunkPartial, bytes);
  expect(fast).toEqual(outcome(referenceDecode, bytes));
  return fast;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  return Uint8Array.from(parts.flatMap((part) => [...part]));
}

function pb(init: Parameters<typeof create<typeof ChunkPartialSchema>>[1]): Uint8Array {
  return toBinary(ChunkPartialSchema, create(ChunkPartialSchema, init));
}

describe('the direct ChunkPartial decoder', () => {
  it('reads what protobuf-es reads, for random partials and the empty one', () => {
    for (const [seed, iterations] of [
      [1, 1],
      [2, 17],
      [3, 400],
      [4, 3000],
    ] as const) {
      const partial = randomPartial(seed, iterations);
      const read = expectSame(encodeChunkPartial(partial));
      expect(read).toEqual({ ok: true, partial });
    }
    expect(expectSame(encodeChunkPartial(emptyPartial()))).toEqual({ ok: true, partial: emptyPartial() });
  });

  it("reads a profileset chunk's variants, a worse one's negative sum included, and refuses what protobuf-es's conversion refuses", () => {
    const variants = [
      {
        ...emptyVariantSums(),
        iterations: 40,
        dpsSumMilli: 4_000_000n,
        dpsSumSqMilli: 400_100_000_000n,
        dpsMinMilli: 90_000,
        dpsMaxMilli: 110_000,
        diffSumMilli: -12_345n,
        diffSumSqMilli: 9_999_999n,
      },
      {
        ...emptyVariantSums(),
        iterations: 40,
        dpsSumMilli: 4_100_000n,
        dpsSumSqMilli: 420_250_000_000n,
        dpsMinMilli: 95_000,
        dpsMaxMilli: 112_000,
        diffSumMilli: 0n,
        diffSumSqMilli: 0n,
      },
    ];
    const partial = { ...randomPartial(7, 40), variants };
    expect(expectSame(encodeChunkPartial(partial))).toEqual({ ok: true, partial });
    const one = (init: NonNullable<Parameters<typeof create<typeof VariantSumsSchema>>[1]>) =>
      pb({ variants: [init] });
    for (const [bytes, code] of [
      [one({ iterations: 1n, diffSumNegative: true }), 'SF_WIRE_MALFORMED'],
      [one({ dpsSumMilli: Uint8Array.of(0, 1) }), 'SF_WIRE_MALFORMED'],
      [one({ iterations: 2n ** 53n }), 'SF_WIRE_NUMBER_RANGE'],
      [one({ dpsMaxMilli: 2n ** 60n, diffSumSqMilli: Uint8Array.of(0) }), 'SF_WIRE_NUMBER_RANGE'],
    ] as const) {
      const read = expectSame(bytes);
      expect(read.ok ? 'ok' : read.code).toBe(code);
    }
    // The last value wins inside a variant too: a refused value replaced is not refused.
    const inner = concat(
      toBinary(VariantSumsSchema, create(VariantSumsSchema, { iterations: 2n ** 60n })),
      toBinary(VariantSumsSchema, create(VariantSumsSchema, { iterations: 5n })),
    );
    const twice = concat(Uint8Array.of((12 << 3) | 2, inner.length), inner);
    expect(expectSame(twice)).toMatchObject({ ok: true, partial: { variants: [{ iterations: 5 }] } });
  });

  it('refuses more variants than any profileset has while reading, not after', () => {
    const empty = Uint8Array.of((12 << 3) | 2, 0);
    const bytes = concat(...Array.from({ length: 501 }, () => empty));
    expect(() => decodeChunkPartial(bytes)).toThrow(/more than 500 variants/);
    expect(decodeChunkPartial(concat(...Array.from({ length: 500 }, () => empty))).variants).toHaveLength(
      500,
    );
  });

  it('merges concatenated messages as protobuf does: last scalar wins, lists append', () => {
    const a = encodeChunkPartial(randomPartial(5, 30));
    const b = encodeChunkPartial(randomPartial(6, 20));
    expect(expectSame(concat(a, b)).ok).toBe(true);
    // A refused value that a later one replaces is no longer refused.
    expect(expectSame(concat(pb({ iterations: 2n ** 60n }), pb({ iterations: 5n }))).ok).toBe(true);
  });

  it('refuses values past 2^53 with SF_WIRE_NUMBER_RANGE, naming the same field', () => {
    const cases = [
      pb({ iterations: 2n ** 53n }),
      pb({ iterations: 2n ** 64n - 1n }),
      pb({ dpsMinMilli: -(2n ** 53n) }),
      pb({ dpsMinMilli: -(2n ** 53n) + 1n }),
      pb({ dpsMaxMilli: 2n ** 53n - 1n }),
      pb({ dpsMaxMilli: 2n ** 63n - 1n }),
      pb({ dpsMaxMilli: -(2n ** 63n) }),
      pb({ histogram: [{ bin: 1n, count: 2n ** 53n }] }),
      pb({ abilities: [{ source: 1, damage: 2n ** 53n, ticks: 2n ** 54n }] }),
      pb({ timeline: { damage: [1n, 2n ** 53n - 1n], resourceMilli: [2n ** 32n, 2n ** 53n], samples: [] } }),
      pb({ buffs: [{ auraId: 1, uptimeMs: 2n ** 60n }] }),
      pb({ fightLengthMsSum: 2n ** 53n, events: 2n ** 53n }),
    ];
    const codes = cases.map((bytes) => {
      const read = expectSame(bytes);
      return read.ok ? 'ok' : read.code;
    });
    expect(codes).toEqual([
      'SF_WIRE_NUMBER_RANGE',
      'SF_WIRE_NUMBER_RANGE',
      'SF_WIRE_NUMBER_RANGE',
      'ok',
      'ok',
      'SF_WIRE_NUMBER_RANGE',
      'SF_WIRE_NUMBER_RANGE',
      'SF_WIRE_NUMBER_RANGE',
      'SF_WIRE_NUMBER_RANGE',
      'SF_WIRE_NUMBER_RANGE',
      'SF_WIRE_NUMBER_RANGE',
      'SF_WIRE_NUMBER_RANGE',
    ]);
  });

  it('reports the first problem in field order, as the conversion did', () => {
    const bytes = concat(
      pb({ events: 2n ** 60n }),
      pb({ abilities: [{ source: 7 as ActorSourcePb }] }),
      pb({ histogram: [{ bin: 0n, count: 2n ** 60n }] }),
    );
    expect(expectSame(bytes)).toMatchObject({ ok: false, code: 'SF_WIRE_NUMBER_RANGE' });
    expect(expectSame(pb({ abilities: [{ source: 0 }] }))).toMatchObject({ code: 'SF_WIRE_BAD_ENUM' });
    expect(expectSame(pb({ abilities: [{ source: -1 as ActorSourcePb }] }))).toMatchObject({
      code: 'SF_WIRE_BAD_ENUM',
    });
    expect(expectSame(pb({ dpsSumSqMilli: new Uint8Array([0, 1]) }))).toMatchObject({
      code: 'SF_WIRE_MALFORMED',
    });
  });

  it('skips unknown fields and reads unpacked lists', () => {
    const unknown = new Uint8Array([
      0xa0,
      0x06,
      0x05, // field 100, varint 5
      0xaa,
      0x06,
      0x02,
      0x01,
      0x02, // field 101, 2 bytes
      0xb5,
      0x06,
      1,
      2,
      3,
      4, // field 102, fixed32
      0xb1,
      0x06,
      1,
      2,
      3,
      4,
      5,
      6,
      7,
      8, // field 102, fixed64
      0xbb,
      0x06,
      0x08,
      0x01,
      0xbc,
      0x06, // field 103 group { field 1 = 1 }
    ]);
    const partial = encodeChunkPartial(randomPartial(8, 12));
    expect(expectSame(concat(unknown, partial, unknown))).toEqual({
      ok: true,
      partial: randomPartial(8, 12),
    });
    // timeline { damage: 7 (unpacked), damage: [8, 9] (packed) }
    const timeline = new Uint8Array([0x42, 0x06, 0x08, 0x07, 0x0a, 0x02, 0x08, 0x09]);
    const read = expectSame(timeline);
    expect(read.ok && read.partial.timeline.damage).toEqual([7, 8, 9]);
    // The retired field 2 (focus_milli) is read as the resource timeline by both.
    const legacy = new Uint8Array([0x42, 0x04, 0x12, 0x02, 0x05, 0x06]);
    const old = expectSame(legacy);
    expect(old.ok && old.partial.timeline.resourceMilli).toEqual([5, 6]);
  });

  it('refuses every truncation of a partial that protobuf-es refuses, with SF_WIRE_MALFORMED', () => {
    const bytes = encodeChunkPartial(randomPartial(9, 5));
    for (let cut = 0; cut < bytes.length; cut++) expectSame(bytes.subarray(0, cut));
    for (const junk of [[0xff, 0xff, 0xff], [0x00], [0x0b], [0x0c], [0x08, 0x80]]) {
      expect(expectSame(Uint8Array.from(junk))).toMatchObject({ ok: false, code: 'SF_WIRE_MALFORMED' });
    }
    // A string that is not UTF-8.
    expect(expectSame(new Uint8Array([0x3a, 0x03, 0x1a, 0x01, 0xff]))).toMatchObject({
      code: 'SF_WIRE_MALFORMED',
    });
  });
});
