// Stable codes for refused request signatures. Pure (no node:crypto), so the sentinel's HTTP
// error registry and anything in the browser can name them; docs/wire.md documents each.

export const SIGNATURE_ERROR_MESSAGES = {
  SIG_MISSING_HEADER: 'a signature header is missing',
  SIG_MALFORMED_HEADER: 'a signature header is not in the expected format',
  SIG_STALE_TIMESTAMP: 'the request timestamp is older than the allowed clock skew; check the clock',
  SIG_FUTURE_TIMESTAMP: 'the request timestamp is ahead by more than the allowed clock skew; check the clock',
  SIG_UNKNOWN_KEY: 'the signing key is not registered here',
  SIG_BAD_SIGNATURE: 'the signature does not match the request (method, path, body, timestamp or nonce)',
  SIG_REPLAYED_NONCE: 'this nonce was already used; every request needs a fresh one',
  SIG_NONCE_CACHE_FULL: 'too many recent requests to remember their nonces; retry later',
} as const;

export type SignatureErrorCode = keyof typeof SIGNATURE_ERROR_MESSAGES;

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
