// Stable error codes of the wire boundary: decoding bytes and judging partials that untrusted
// nodes send. The sentinel maps each to an HTTP status; docs/wire.md documents every code, and
// a test checks that none is missing there or reused.

export const WIRE_ERROR_MESSAGES = {
  WIRE_MALFORMED: 'the bytes are not a valid protobuf message of the expected type',
  WIRE_BAD_HEX: 'the text is not a bytea hex string (\\x followed by pairs of hex digits)',
  WIRE_NUMBER_RANGE: 'an integer field does not fit exactly in a JavaScript number',
  WIRE_BAD_ENUM: 'an enum field holds a value this version does not know',
  WIRE_UNSUPPORTED_VERSION: 'the result was written in a format version this code does not read',
  PARTIAL_ITERATIONS_MISMATCH: 'the partial does not cover the number of iterations of its chunk',
  PARTIAL_NOT_INTEGER: 'a count or sum is negative, fractional or not finite',
  PARTIAL_MIN_MAX: 'the DPS minimum, mean and maximum are not in order',
  PARTIAL_NEGATIVE_M2: 'the DPS sums imply a negative variance',
  PARTIAL_HISTOGRAM_MISMATCH: 'the DPS histogram does not count every iteration exactly once within min..max',
  PARTIAL_NOT_CANONICAL: 'a list is not sorted by key, repeats a key, or the timeline lists differ in length',
  PARTIAL_TOO_LARGE: 'the partial has more entries than any real simulation produces',
  PARTIAL_INCONSISTENT: 'the counts contradict each other (e.g. more crits than hits)',
} as const;

export type WireErrorCode = keyof typeof WIRE_ERROR_MESSAGES;

export interface WireProblem {
  code: WireErrorCode;
  message: string;
}

export class WireError extends Error {
  readonly code: WireErrorCode;
  constructor(code: WireErrorCode, detail: string, options?: { cause?: unknown }) {
    super(`${WIRE_ERROR_MESSAGES[code]}: ${detail}`, options);
    this.name = 'WireError';
    this.code = code;
  }
}
