// A direct reader of ChunkPartial protobuf bytes into a ChunkPartial: the sentinel decodes one
// per `complete`, and going through the generated message (fromBinary) allocated a BigInt per
// 64-bit value and then converted each to a number (~130 µs for a 300-second partial).
// protobuf-es 2 has no JS_NUMBER mapping for 64-bit fields (only JS_STRING), so this reads the
// varints straight into numbers instead, with the same rules as fromBinary + the conversion:
// - proto3 wire semantics: fields in any order, the last value of a scalar wins, a repeated
//   message field appends, a singular message field met twice merges, repeated scalars are
//   read packed or unpacked, unknown fields (groups included) are skipped, strings must be
//   valid UTF-8;
// - the same refusals with the same codes: SF_WIRE_MALFORMED for bytes that are not a message
//   (checked over the whole input first), then SF_WIRE_NUMBER_RANGE / SF_WIRE_BAD_ENUM /
//   non-canonical BigUInt for the first offending field in ChunkPartial's field order, as the
//   conversion after fromBinary reported them.
// One deliberate difference: the retired TimelineSums field 2 (`focus_milli`, see
// legacy-fields.ts) is read as the resource timeline when field 4 is absent, so partials from
// nodes that predate the rename still decode; fromBinary keeps it as an unknown field.
// Stricter than fromBinary on more than PARTIAL_LIMITS.variants variants, refused while reading
// with the plausibility check's SF_WIRE_PARTIAL_TOO_LARGE (a megabyte of empty variants would
// otherwise cost seconds of CPU), and on two malformed shapes, refused as SF_WIRE_MALFORMED: a known field
// with the wrong wire type (fromBinary misreads it) and a nested message or packed list whose
// contents overrun its declared length (fromBinary reads on past it).
// test/fast-decoder-matches-protobuf-es.test.ts pins the equivalence with fromBinary.

import { LEGACY_FOCUS_MILLI_FIELD, resourceOrLegacy } from './legacy-fields.ts';
import type { AbilityPartial, BuffPartial, ChunkPartial, HistogramBin } from './partial.ts';
import { emptyPartial } from './partial.ts';
import { PARTIAL_LIMITS } from './plausibility.ts';
import { emptyVariantSums, type VariantSums } from './variant-sums.ts';
import { WireError } from './wire-errors.ts';
import { Malformed, RECURSION_LIMIT, Reader } from './wire-reader.ts';

// Wire types, local: an imported binding is a getter call per use once tsx compiles the module.
const VARINT = 0;
const LENGTH_DELIMITED = 2;

/**
 * Where a deferred conversion problem sits in ChunkPartial's field order (section, then
 * element index, then sub-field), so the first one reported is the one the reference
 * conversion would have met first.
 */
function rankOf(section: number, index: number, sub: number): number {
  return section * 2 ** 40 + index * 16 + sub;
}

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/** BigUInt bytes (see biguint.ts) as one BigInt, built from hex: no BigInt per byte. */
function bigUintOf(reader: Reader, bytes: Uint8Array, rank: number, field: string): bigint {
  if (bytes.length === 0) return 0n;
  if (bytes[0] === 0) {
    reader.defer(
      rank,
      () => new WireError('SF_WIRE_MALFORMED', `${field} has a leading zero byte (non-canonical BigUInt)`),
    );
    return 0n;
  }
  let hex = '0x';
  for (let i = 0; i < bytes.length; i++) hex += HEX[bytes[i]!]!;
  return BigInt(hex);
}

// Sections in ChunkPartial's field order, for rankOf.
const S_ITERATIONS = 0;
const S_SUM = 1;
const S_SUM_SQ = 2;
const S_MIN = 3;
const S_MAX = 4;
const S_HISTOGRAM = 5;
const S_ABILITIES = 6;
const S_TIMELINE_DAMAGE = 7;
const S_TIMELINE_RESOURCE = 8;
const S_TIMELINE_SAMPLES = 9;
const S_BUFFS = 10;
const S_FIGHT_LENGTH = 11;
const S_EVENTS = 12;
const S_VARIANTS = 13;

function readHistogramBin(r: Reader, end: number, index: number): HistogramBin {
  let bin = 0;
  let count = 0;
  while (r.pos < end) {
    const tag = r.tag();
    switch (tag >>> 3) {
      case 1:
        r.expect(tag, VARINT);
        r.varint64();
        bin = r.safeSint(rankOf(S_HISTOGRAM, index, 0), 'histogram.bin');
        break;
      case 2:
        r.expect(tag, VARINT);
        r.varint64();
        count = r.safeUint(rankOf(S_HISTOGRAM, index, 1), 'histogram.count');
        break;
      default:
        r.skip(tag & 7, tag >>> 3, RECURSION_LIMIT);
    }
  }
  return { bin, count };
}

function readAbility(r: Reader, end: number, index: number): AbilityPartial {
  let source = 0;
  let spellId = 0;
  let name = '';
  let damage = 0;
  let executes = 0;
  let hits = 0;
  let crits = 0;
  let ticks = 0;
  let rank = 0;
  while (r.pos < end) {
    const tag = r.tag();
    const field = tag >>> 3;
    if (field === 2) {
      r.expect(tag, VARINT);
      spellId = r.uint32();
    } else if (field === 3) {
      r.expect(tag, LENGTH_DELIMITED);
      name = r.string();
    } else if (field === 1) {
      r.expect(tag, VARINT);
      source = r.uint32() | 0;
    } else if (field >= 4 && field <= 8) {
      r.expect(tag, VARINT);
      r.varint64();
      rank = rankOf(S_ABILITIES, index, field - 2);
      if (field === 4) damage = r.safeUint(rank, 'ability.damage');
      else if (field === 5) executes = r.safeUint(rank, 'ability.executes');
      else if (field === 6) hits = r.safeUint(rank, 'ability.hits');
      else if (field === 7) crits = r.safeUint(rank, 'ability.crits');
      else ticks = r.safeUint(rank, 'ability.ticks');
    } else {
      r.skip(tag & 7, field, RECURSION_LIMIT);
    }
  }
  if (source !== 1 && source !== 2) {
    const value = source;
    r.defer(
      rankOf(S_ABILITIES, index, 0),
      () => new WireError('SF_WIRE_BAD_ENUM', `ability source ${value}`),
    );
  }
  return { source: source === 2 ? 'pet' : 'player', spellId, name, damage, executes, hits, crits, ticks };
}

/**
 * One VariantSums. As for the top level, the last value of a field wins, so the raw words and
 * bytes are kept and converted once the message is read, in field order (as
 * variant-sums-codec.ts converts them).
 */
function readVariant(r: Reader, end: number, index: number): VariantSums {
  const lo = [0, 0, 0, 0, 0, 0];
  const hi = [0, 0, 0, 0, 0, 0];
  const bytes: Uint8Array[] = [];
  let negative = false;
  while (r.pos < end) {
    const tag = r.tag();
    const field = tag >>> 3;
    switch (field) {
      case 1:
      case 4:
      case 5:
        r.expect(tag, VARINT);
        r.varint64();
        lo[field] = r.lo;
        hi[field] = r.hi;
        break;
      case 7:
        r.expect(tag, VARINT);
        r.varint64();
        negative = r.lo !== 0 || r.hi !== 0;
        break;
      case 2:
      case 3:
      case 6:
      case 8: {
        r.expect(tag, LENGTH_DELIMITED);
        const stop = r.delimitedEnd();
        bytes[field] = r.buf.subarray(r.pos, stop);
        r.pos = stop;
        break;
      }
      default:
        r.skip(tag & 7, field, RECURSION_LIMIT);
    }
  }
  const rank = (field: number) => rankOf(S_VARIANTS, index, field);
  const scalar = (field: number, signed: boolean, name: string) => {
    r.lo = lo[field]!;
    r.hi = hi[field]!;
    return signed ? r.safeSint(rank(field), name) : r.safeUint(rank(field), name);
  };
  const big = (field: number) =>
    bigUintOf(r, bytes[field] ?? new Uint8Array(0), rank(field), VARIANT_BYTES[field]!);
  const v = emptyVariantSums();
  v.iterations = scalar(1, false, 'variant.iterations');
  v.dpsSumMilli = big(2);
  v.dpsSumSqMilli = big(3);
  v.dpsMinMilli = scalar(4, true, 'variant.dpsMinMilli');
  v.dpsMaxMilli = scalar(5, true, 'variant.dpsMaxMilli');
  const magnitude = big(6);
  if (negative && magnitude === 0n) {
    r.defer(
      rank(7),
      () => new WireError('SF_WIRE_MALFORMED', 'variant.diffSumNegative is set on a zero sum'),
    );
  }
  v.diffSumMilli = negative ? -magnitude : magnitude;
  v.diffSumSqMilli = big(8);
  return v;
}

const VARIANT_BYTES: Record<number, string> = {
  2: 'variant.dpsSumMilli',
  3: 'variant.dpsSumSqMilli',
  6: 'variant.diffSumMilliMagnitude',
  8: 'variant.diffSumSqMilli',
};

function readBuff(r: Reader, end: number, index: number): BuffPartial {
  let auraId = 0;
  let name = '';
  let uptimeMs = 0;
  while (r.pos < end) {
    const tag = r.tag();
    switch (tag >>> 3) {
      case 1:
        r.expect(tag, VARINT);
        auraId = r.uint32();
        break;
      case 2:
        r.expect(tag, LENGTH_DELIMITED);
        name = r.string();
        break;
      case 3:
        r.expect(tag, VARINT);
        r.varint64();
        uptimeMs = r.safeUint(rankOf(S_BUFFS, index, 0), 'buff.uptimeMs');
        break;
      default:
        r.skip(tag & 7, tag >>> 3, RECURSION_LIMIT);
    }
  }
  return { auraId, name, uptimeMs };
}

/** Appends a repeated uint64, packed or not, to `out`. */
function readUints(r: Reader, tag: number, out: number[], section: number, field: string): void {
  if ((tag & 7) === LENGTH_DELIMITED) {
    const end = r.delimitedEnd();
    const buf = r.buf;
    while (r.pos < end) {
      // Varints of up to four bytes (values below 2^28, nearly all of a timeline) inline;
      // anything longer, or running into the end, through the general reader.
      const pos = r.pos;
      if (pos + 4 <= end) {
        const b0 = buf[pos]!;
        if (b0 < 0x80) {
          out.push(b0);
          r.pos = pos + 1;
          continue;
        }
        const b1 = buf[pos + 1]!;
        if (b1 < 0x80) {
          out.push((b0 & 0x7f) | (b1 << 7));
          r.pos = pos + 2;
          continue;
        }
        const b2 = buf[pos + 2]!;
        if (b2 < 0x80) {
          out.push((b0 & 0x7f) | ((b1 & 0x7f) << 7) | (b2 << 14));
          r.pos = pos + 3;
          continue;
        }
        const b3 = buf[pos + 3]!;
        if (b3 < 0x80) {
          out.push((b0 & 0x7f) | ((b1 & 0x7f) << 7) | ((b2 & 0x7f) << 14) | (b3 << 21));
          r.pos = pos + 4;
          continue;
        }
      }
      r.varint64();
      out.push(r.hi === 0 ? r.lo >>> 0 : r.safeUint(rankOf(section, out.length, 0), field));
    }
    r.atEnd(end);
    return;
  }
  r.expect(tag, VARINT);
  r.varint64();
  out.push(r.safeUint(rankOf(section, out.length, 0), field));
}

const TIMELINE_DAMAGE = 1;
const TIMELINE_SAMPLES = 3;
const TIMELINE_RESOURCE = 4;

function readTimeline(
  r: Reader,
  end: number,
  damage: number[],
  resourceMilli: number[],
  legacyFocusMilli: number[],
  samples: number[],
) {
  while (r.pos < end) {
    const tag = r.tag();
    switch (tag >>> 3) {
      case TIMELINE_DAMAGE:
        readUints(r, tag, damage, S_TIMELINE_DAMAGE, 'timeline.damage');
        break;
      case TIMELINE_RESOURCE:
        readUints(r, tag, resourceMilli, S_TIMELINE_RESOURCE, 'timeline.resourceMilli');
        break;
      case LEGACY_FOCUS_MILLI_FIELD.timelineSums:
        readUints(r, tag, legacyFocusMilli, S_TIMELINE_RESOURCE, 'timeline.focus_milli (legacy field)');
        break;
      case TIMELINE_SAMPLES:
        readUints(r, tag, samples, S_TIMELINE_SAMPLES, 'timeline.samples');
        break;
      default:
        r.skip(tag & 7, tag >>> 3, RECURSION_LIMIT);
    }
  }
}

// The raw words of the top-level scalars by field number, reused across calls (decoding is
// synchronous, so one decode never sees another's words).
const scalarLo = new Uint32Array(12);
const scalarHi = new Uint32Array(12);
const scalarSeen = new Uint8Array(12);

/** A top-level scalar's last value, converted once the message is read. */
function lastScalar(r: Reader, field: number, signed: boolean, section: number, name: string): number {
  if (scalarSeen[field] === 0) return 0;
  r.lo = scalarLo[field]!;
  r.hi = scalarHi[field]!;
  const rank = rankOf(section, 0, 0);
  return signed ? r.safeSint(rank, name) : r.safeUint(rank, name);
}

function readPartial(r: Reader): ChunkPartial {
  const partial = emptyPartial();
  // Last value wins for scalars, so a refused value only counts if nothing replaces it: keep
  // the raw words and convert once the whole message is read.
  scalarSeen.fill(0);
  let sumBytes: Uint8Array = new Uint8Array(0);
  let sumSqBytes: Uint8Array = new Uint8Array(0);
  const legacyFocusMilli: number[] = [];
  const variants: VariantSums[] = [];
  while (r.pos < r.len) {
    const tag = r.tag();
    const field = tag >>> 3;
    switch (field) {
      case 1:
      case 4:
      case 5:
      case 10:
      case 11:
        r.expect(tag, VARINT);
        r.varint64();
        scalarLo[field] = r.lo;
        scalarHi[field] = r.hi;
        scalarSeen[field] = 1;
        break;
      case 2:
      case 3: {
        r.expect(tag, LENGTH_DELIMITED);
        const end = r.delimitedEnd();
        const bytes = r.buf.subarray(r.pos, end);
        r.pos = end;
        if (field === 2) sumBytes = bytes;
        else sumSqBytes = bytes;
        break;
      }
      case 6: {
        r.expect(tag, LENGTH_DELIMITED);
        const end = r.delimitedEnd();
        partial.histogram.push(readHistogramBin(r, end, partial.histogram.length));
        r.atEnd(end);
        break;
      }
      case 7: {
        r.expect(tag, LENGTH_DELIMITED);
        const end = r.delimitedEnd();
        partial.abilities.push(readAbility(r, end, partial.abilities.length));
        r.atEnd(end);
        break;
      }
      case 8: {
        r.expect(tag, LENGTH_DELIMITED);
        const end = r.delimitedEnd();
        const { damage, resourceMilli, samples } = partial.timeline;
        readTimeline(r, end, damage, resourceMilli, legacyFocusMilli, samples);
        r.atEnd(end);
        break;
      }
      case 9: {
        r.expect(tag, LENGTH_DELIMITED);
        const end = r.delimitedEnd();
        partial.buffs.push(readBuff(r, end, partial.buffs.length));
        r.atEnd(end);
        break;
      }
      case 12: {
        r.expect(tag, LENGTH_DELIMITED);
        // Refused while reading: a megabyte of empty variants would otherwise cost seconds.
        if (variants.length === PARTIAL_LIMITS.variants) {
          throw new WireError(
            'SF_WIRE_PARTIAL_TOO_LARGE',
            `more than ${PARTIAL_LIMITS.variants} variants (limit ${PARTIAL_LIMITS.variants})`,
          );
        }
        const end = r.delimitedEnd();
        variants.push(readVariant(r, end, variants.length));
        r.atEnd(end);
        break;
      }
      default:
        r.skip(tag & 7, field, RECURSION_LIMIT);
    }
  }
  partial.timeline.resourceMilli = resourceOrLegacy(partial.timeline.resourceMilli, () => legacyFocusMilli);
  partial.iterations = lastScalar(r, 1, false, S_ITERATIONS, 'iterations');
  partial.dpsSumMilli = bigUintOf(r, sumBytes, rankOf(S_SUM, 0, 0), 'dpsSumMilli');
  partial.dpsSumSqMilli = bigUintOf(r, sumSqBytes, rankOf(S_SUM_SQ, 0, 0), 'dpsSumSqMilli');
  partial.dpsMinMilli = lastScalar(r, 4, true, S_MIN, 'dpsMinMilli');
  partial.dpsMaxMilli = lastScalar(r, 5, true, S_MAX, 'dpsMaxMilli');
  partial.fightLengthMsSum = lastScalar(r, 10, false, S_FIGHT_LENGTH, 'fightLengthMsSum');
  partial.events = lastScalar(r, 11, false, S_EVENTS, 'events');
  if (variants.length > 0) partial.variants = variants;
  return partial;
}

/** Throws WireError (SF_WIRE_MALFORMED, SF_WIRE_NUMBER_RANGE, SF_WIRE_BAD_ENUM) on bytes it cannot read. */
export function decodeChunkPartialFast(bytes: Uint8Array): ChunkPartial {
  const reader = new Reader(bytes, bytes.length);
  let partial: ChunkPartial;
  try {
    partial = readPartial(reader);
  } catch (cause) {
    if (cause instanceof Malformed) {
      throw new WireError('SF_WIRE_MALFORMED', `ChunkPartial: ${cause.message}`, { cause });
    }
    throw cause;
  }
  const problem = reader.firstProblem();
  if (problem !== null) throw problem;
  return partial;
}
