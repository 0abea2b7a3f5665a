// Stable codes for refused request signatures. Pure (no node:crypto), so the sentinel's HTTP
// error registry and anything in the browser can name them; docs/wire.md documents each.

import { defineErrorRegistry } from './error-registry.ts';

export const SIGNATURE_ERRORS = defineErrorRegistry('signing', {
  SF_SIG_MISSING_HEADER: { message: 'a signature header is missing' },
  SF_SIG_MALFORMED_HEADER: { message: 'a signature header is not in the expected format' },
  SF_SIG_STALE_TIMESTAMP: {
    message: 'the request timestamp is older than the allowed clock skew; check the clock',
  },
  SF_SIG_FUTURE_TIMESTAMP: {
    message: 'the request timestamp is ahead by more than the allowed clock skew; check the clock',
  },
  SF_SIG_UNKNOWN_KEY: { message: 'the signing key is not registered here' },
  SF_SIG_BAD_SIGNATURE: {
    message: 'the signature does not match the request (method, path, body, timestamp or nonce)',
  },
  SF_SIG_REPLAYED_NONCE: { message: 'this nonce was already used; every request needs a fresh one' },
  SF_SIG_NONCE_CACHE_FULL: { message: 'too many recent requests to remember their nonces; retry later' },
});

export type SignatureErrorCode = keyof typeof SIGNATURE_ERRORS;

export interface SignatureProblem {
  ok: false;
  code: SignatureErrorCode;
  message: string;
}

/** Request headers that carry the signature, lower-case as Node delivers them. */
export const SIGNATURE_HEADERS = {
  key: 'x-simforge-key',
  timestamp: 'x-simforge-timestamp',
  nonce: 'x-simforge-nonce',
  signature: 'x-simforge-signature',
} as const;
