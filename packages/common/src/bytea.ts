// Bytes as they come out of Postgres: a Uint8Array (or Node Buffer, a subclass) from drivers,
// or the bytea hex text (`\x0a1f...`) that PostgREST and text-mode queries return. No Buffer
// here: the browser runs this too.

import { WireError } from './wire-errors.ts';

export type BytesInput = Uint8Array | string;

export function bytesFromInput(input: BytesInput, field: string): Uint8Array {
  if (typeof input !== 'string') return input;
  // JSON may leave the backslash escaped once more; both forms name the same bytes.
  const hex = input.startsWith('\\\\x') ? input.slice(3) : input.startsWith('\\x') ? input.slice(2) : null;
  if (hex === null || hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) {
    throw new WireError('SF_WIRE_BAD_HEX', `${field} starts with ${JSON.stringify(input.slice(0, 12))}`);
  }
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** The bytea hex text of some bytes, as Postgres prints it. */
export function bytesToByteaHex(bytes: Uint8Array): string {
  let hex = '\\x';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}
