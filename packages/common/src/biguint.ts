// BigUInt bytes: how the DPS sums (which outgrow 64 bits) travel in protobuf. Unsigned,
// big-endian, no leading zero bytes, zero as empty bytes, so each value has one encoding.

import { WireError } from './wire-errors.ts';

export function bigUintToBytes(value: bigint): Uint8Array {
  if (value < 0n) throw new RangeError(`BigUInt cannot encode a negative value: ${value}`);
  const hex = value === 0n ? '' : value.toString(16);
  const padded = hex.length % 2 === 1 ? `0${hex}` : hex;
  const out = new Uint8Array(padded.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(padded.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export function bytesToBigUint(bytes: Uint8Array, field: string): bigint {
  if (bytes.length > 0 && bytes[0] === 0) {
    throw new WireError('SF_WIRE_MALFORMED', `${field} has a leading zero byte (non-canonical BigUInt)`);
  }
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return value;
}

/** A uint64/sint64 field read as a JS number; refuses what a double cannot hold exactly. */
export function toSafeNumber(value: bigint, field: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new WireError('SF_WIRE_NUMBER_RANGE', `${field} = ${value}`);
  }
  return Number(value);
}
