// Stable error codes of the wire boundary: decoding bytes and judging partials that untrusted
// nodes send. The sentinel maps each to an HTTP status; docs/wire.md documents every code, and
// a test checks that none is missing there or reused.

import { defineErrorRegistry } from './error-registry.ts';

export const WIRE_ERRORS = defineErrorRegistry('wire', {
  SF_WIRE_MALFORMED: { message: 'the bytes are not a valid protobuf message of the expected type' },
  SF_WIRE_BAD_HEX: { message: 'the text is not a bytea hex string (\\x followed by pairs of hex digits)' },
  SF_WIRE_NUMBER_RANGE: { message: 'an integer field does not fit exactly in a JavaScript number' },
  SF_WIRE_BAD_ENUM: { message: 'an enum field holds a value this version does not know' },
  SF_WIRE_UNSUPPORTED_VERSION: {
    message: 'the result was written in a format version this code does not read',
  },
  SF_WIRE_PARTIAL_ITERATIONS_MISMATCH: {
    message: 'the partial does not cover the number of iterations of its chunk',
  },
  SF_WIRE_PARTIAL_NOT_INTEGER: { message: 'a count or sum is negative, fractional or not finite' },
  SF_WIRE_PARTIAL_MIN_MAX: { message: 'the DPS minimum, mean and maximum are not in order' },
  SF_WIRE_PARTIAL_NEGATIVE_M2: { message: 'the DPS sums imply a negative variance' },
  SF_WIRE_PARTIAL_HISTOGRAM_MISMATCH: {
    message: 'the DPS histogram does not count every iteration exactly once within min..max',
  },
  SF_WIRE_PARTIAL_NOT_CANONICAL: {
    message: 'a list is not sorted by key, repeats a key, or the timeline lists differ in length',
  },
  SF_WIRE_PARTIAL_TOO_LARGE: { message: 'the partial has more entries than any real simulation produces' },
  SF_WIRE_PARTIAL_INCONSISTENT: { message: 'the counts contradict each other (e.g. more crits than hits)' },
  SF_WIRE_PARTIAL_VARIANTS_MISMATCH: {
    message: "the partial does not carry one set of sums per variant of the job's profileset",
  },
});

export type WireErrorCode = keyof typeof WIRE_ERRORS;

export interface WireProblem {
  code: WireErrorCode;
  message: string;
}

export class WireError extends Error {
  readonly code: WireErrorCode;
  constructor(code: WireErrorCode, detail: string, options?: { cause?: unknown }) {
    super(`${WIRE_ERRORS[code].message}: ${detail}`, options);
    this.name = 'WireError';
    this.code = code;
  }
}
