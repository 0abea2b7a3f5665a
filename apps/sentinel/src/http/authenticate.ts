// Signature checks for every /v1 request, through @simforge/common/signing (the same module
// the node signs with), mapped onto this API's error codes. The key to verify with is the one
// the request names: whether that key is a registered node is the caller's next question.

import type { KeyObject } from 'node:crypto';
import {
  NonceCache,
  publicKeyFromB64url,
  SIGNATURE_HEADERS,
  type SignatureErrorCode,
  verifyRequest,
} from '@simforge/common/signing';
import { ApiError, type ApiErrorCode } from '../api-errors.ts';
import type { Clock } from '../clock.ts';

const SIGNATURE_TO_API: Record<SignatureErrorCode, ApiErrorCode> = {
  SF_SIG_MISSING_HEADER: 'SF_AUTH_HEADERS_MISSING',
  SF_SIG_MALFORMED_HEADER: 'SF_AUTH_HEADERS_MISSING',
  SF_SIG_STALE_TIMESTAMP: 'SF_AUTH_TIMESTAMP_SKEW',
  SF_SIG_FUTURE_TIMESTAMP: 'SF_AUTH_TIMESTAMP_SKEW',
  SF_SIG_UNKNOWN_KEY: 'SF_AUTH_KEY_MALFORMED',
  SF_SIG_BAD_SIGNATURE: 'SF_AUTH_SIGNATURE_INVALID',
  SF_SIG_REPLAYED_NONCE: 'SF_AUTH_NONCE_REPLAYED',
  SF_SIG_NONCE_CACHE_FULL: 'SF_AUTH_NONCE_CACHE_FULL',
};

const KEY_PATTERN = /^[A-Za-z0-9_-]{43}$/;
/** Parsed keys kept; beyond this the cache starts over (parsing is cheap, just not free). */
const KEY_CACHE_LIMIT = 10_000;

export interface AuthenticateOptions {
  clock: Clock;
  maxClockSkewMs: number;
  /** Nonces remembered at most (about a minute of requests at the rate limit of many nodes). */
  nonceCacheEntries?: number;
}

export class Authenticator {
  private readonly nonces: NonceCache;
  private readonly keys = new Map<string, KeyObject | null>();

  constructor(private readonly options: AuthenticateOptions) {
    this.nonces = new NonceCache({
      windowMs: 2 * options.maxClockSkewMs,
      maxEntries: options.nonceCacheEntries ?? 1_000_000,
    });
  }

  private key(keyId: string): KeyObject | null {
    let key = this.keys.get(keyId);
    if (key === undefined) {
      try {
        key = publicKeyFromB64url(keyId);
      } catch {
        key = null;
      }
      if (this.keys.size >= KEY_CACHE_LIMIT) this.keys.clear();
      this.keys.set(keyId, key);
    }
    return key;
  }

  /** Verifies the request's signature over its raw body; returns the signer's key id. */
  async authenticate(
    headers: Record<string, string | string[] | undefined>,
    method: string,
    path: string,
    body: Uint8Array,
  ): Promise<string> {
    const keyHeader = headers[SIGNATURE_HEADERS.key];
    if (typeof keyHeader === 'string' && keyHeader !== '' && !KEY_PATTERN.test(keyHeader)) {
      throw new ApiError('SF_AUTH_KEY_MALFORMED');
    }
    const verdict = await verifyRequest({
      headers,
      method,
      path,
      body,
      nowMs: this.options.clock.now(),
      maxSkewMs: this.options.maxClockSkewMs,
      nonceCache: this.nonces,
      lookupKey: (keyId) => this.key(keyId),
    });
    if (!verdict.ok) {
      const code = SIGNATURE_TO_API[verdict.code];
      throw new ApiError(code, verdict.message, code === 'SF_AUTH_NONCE_CACHE_FULL' ? 1 : undefined);
    }
    return verdict.keyId;
  }
}
