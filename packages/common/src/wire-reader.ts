// The protobuf wire reader under partial-decoder.ts: varints read as protobuf-es reads them
// (lo/hi 32-bit words, the same limits and errors), 64-bit values turned into exact numbers
// without a BigInt, and conversion problems deferred so the decoder can report the first in
// field order once the whole message has been read.

import { WireError } from './wire-errors.ts';

export const VARINT = 0;
export const BIT64 = 1;
export const LENGTH_DELIMITED = 2;
export const START_GROUP = 3;
export const END_GROUP = 4;
export const BIT32 = 5;
const TWO_POW_32 = 4_294_967_296;
const TWO_POW_31 = 2_147_483_648;
/** hi words above this make a uint64 exceed Number.MAX_SAFE_INTEGER (2^53 - 1). */
const SAFE_HI = 0x1f_ffff;
export const RECURSION_LIMIT = 100;

export class Malformed extends Error {}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export class Reader {
  pos = 0;
  lo = 0;
  hi = 0;
  private problemRank = Number.POSITIVE_INFINITY;
  private problem: WireError | null = null;

  constructor(
    readonly buf: Uint8Array,
    readonly len: number,
  ) {}

  defer(rank: number, make: () => WireError): void {
    if (rank < this.problemRank) {
      this.problemRank = rank;
      this.problem = make();
    }
  }

  firstProblem(): WireError | null {
    return this.problem;
  }

  private checkBounds(): void {
    if (this.pos > this.len) throw new Malformed('premature EOF');
  }

  /** A varint into lo/hi (32 bits each), as protobuf-es reads 64-bit varints. */
  varint64(): void {
    const buf = this.buf;
    let pos = this.pos;
    let lo = 0;
    let hi = 0;
    for (let shift = 0; shift < 28; shift += 7) {
      const b = buf[pos++] ?? 0;
      lo |= (b & 0x7f) << shift;
      if ((b & 0x80) === 0) {
        this.pos = pos;
        this.checkBounds();
        this.lo = lo;
        this.hi = hi;
        return;
      }
    }
    const middle = buf[pos++] ?? 0;
    lo |= (middle & 0x0f) << 28;
    hi = (middle & 0x70) >> 4;
    if ((middle & 0x80) === 0) {
      this.pos = pos;
      this.checkBounds();
      this.lo = lo;
      this.hi = hi;
      return;
    }
    for (let shift = 3; shift <= 31; shift += 7) {
      const b = buf[pos++] ?? 0;
      hi |= (b & 0x7f) << shift;
      if ((b & 0x80) === 0) {
        this.pos = pos;
        this.checkBounds();
        this.lo = lo;
        this.hi = hi;
        return;
      }
    }
    throw new Malformed('invalid varint');
  }

  /** A varint truncated to 32 bits, unsigned (protobuf-es's varint32read). */
  uint32(): number {
    const buf = this.buf;
    let b = buf[this.pos++] ?? 0;
    if ((b & 0x80) === 0) {
      this.checkBounds();
      return b;
    }
    let result = b & 0x7f;
    b = buf[this.pos++] ?? 0;
    result |= (b & 0x7f) << 7;
    if ((b & 0x80) === 0) {
      this.checkBounds();
      return result;
    }
    b = buf[this.pos++] ?? 0;
    result |= (b & 0x7f) << 14;
    if ((b & 0x80) === 0) {
      this.checkBounds();
      return result;
    }
    b = buf[this.pos++] ?? 0;
    result |= (b & 0x7f) << 21;
    if ((b & 0x80) === 0) {
      this.checkBounds();
      return result;
    }
    b = buf[this.pos++] ?? 0;
    result |= (b & 0x0f) << 28;
    for (let read = 5; (b & 0x80) !== 0 && read < 10; read++) b = buf[this.pos++] ?? 0;
    if ((b & 0x80) !== 0) throw new Malformed('invalid varint');
    this.checkBounds();
    return result >>> 0;
  }

  /** Field number * 8 + wire type, refusing what protobuf-es refuses. */
  tag(): number {
    const start = this.pos;
    const tag = this.uint32();
    const read = this.pos - start;
    if (read > 5 || (read === 5 && (this.buf[this.pos - 1] ?? 0) > 0x0f)) {
      throw new Malformed('illegal tag: varint overflows uint32');
    }
    if (tag >>> 3 <= 0 || (tag & 7) > 5) throw new Malformed(`illegal tag ${tag}`);
    return tag;
  }

  /** End offset of a length-delimited record whose length comes next. */
  delimitedEnd(): number {
    const length = this.uint32();
    const end = this.pos + length;
    if (end > this.len) throw new Malformed('premature EOF');
    return end;
  }

  skip(wireType: number, fieldNo: number, depthLeft: number): void {
    switch (wireType) {
      case VARINT:
        while ((this.buf[this.pos++] ?? 0) & 0x80) {
          // skip continuation bytes
        }
        break;
      case BIT64:
        this.pos += 8;
        break;
      case BIT32:
        this.pos += 4;
        break;
      case LENGTH_DELIMITED: {
        const length = this.uint32();
        this.pos += length;
        break;
      }
      case START_GROUP: {
        if (depthLeft <= 0) throw new Malformed('maximum recursion depth reached');
        for (;;) {
          const tag = this.tag();
          if ((tag & 7) === END_GROUP) {
            if (tag >>> 3 !== fieldNo) throw new Malformed('invalid end group tag');
            break;
          }
          this.skip(tag & 7, tag >>> 3, depthLeft - 1);
        }
        break;
      }
      default:
        throw new Malformed(`cannot skip wire type ${wireType}`);
    }
    this.checkBounds();
  }

  /** A nested message must end exactly where its length said (fromBinary lets it overrun). */
  atEnd(end: number): void {
    if (this.pos !== end) throw new Malformed('a nested message overruns its length');
  }

  expect(tag: number, wireType: number): void {
    if ((tag & 7) !== wireType) throw new Malformed(`field ${tag >>> 3} has wire type ${tag & 7}`);
  }

  /** The last varint64 as an unsigned number; NaN (with a deferred problem) past 2^53 - 1. */
  safeUint(rank: number, field: string): number {
    const hi = this.hi >>> 0;
    const lo = this.lo >>> 0;
    if (hi > SAFE_HI) {
      this.defer(rank, () => rangeError(field, (BigInt(hi) << 32n) | BigInt(lo)));
      return Number.NaN;
    }
    return hi * TWO_POW_32 + lo;
  }

  /** The last varint64 as a zig-zag sint64 number; NaN (deferred problem) outside safe range. */
  safeSint(rank: number, field: string): number {
    const hi = this.hi >>> 0;
    const lo = this.lo >>> 0;
    const negative = (lo & 1) === 1;
    if (hi >= 2 ** 22) {
      this.defer(rank, () => rangeError(field, zigZagBig(hi, lo)));
      return Number.NaN;
    }
    // (u >>> 1) exactly: below 2^53 because hi < 2^22.
    const half = hi * TWO_POW_31 + (lo >>> 1);
    if (negative && half > Number.MAX_SAFE_INTEGER - 1) {
      this.defer(rank, () => rangeError(field, zigZagBig(hi, lo)));
      return Number.NaN;
    }
    return negative ? -(half + 1) : half;
  }

  string(): string {
    const end = this.delimitedEnd();
    const buf = this.buf;
    let ascii = true;
    for (let i = this.pos; i < end; i++) {
      if ((buf[i] ?? 0) > 0x7f) {
        ascii = false;
        break;
      }
    }
    let text: string;
    if (ascii && end - this.pos <= 64) {
      text = String.fromCharCode.apply(null, buf.subarray(this.pos, end) as unknown as number[]);
    } else {
      try {
        text = utf8.decode(buf.subarray(this.pos, end));
      } catch {
        throw new Malformed('invalid UTF-8');
      }
    }
    this.pos = end;
    return text;
  }
}

function rangeError(field: string, value: bigint): WireError {
  return new WireError('SF_WIRE_NUMBER_RANGE', `${field} = ${value}`);
}

function zigZagBig(hi: number, lo: number): bigint {
  const u = (BigInt(hi) << 32n) | BigInt(lo);
  return (u & 1n) === 1n ? -((u >> 1n) + 1n) : u >> 1n;
}
