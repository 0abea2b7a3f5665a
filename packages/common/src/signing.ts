// Request signing between nodes and the sentinel: Ed25519 from node:crypto (about 12x faster
// than pure-JS implementations). Node-only, hence its own entry point `@simforge/common/signing`,
// kept out of the browser bundle.
//
// The signature covers, one per line (docs/wire.md):
//   simforge-request-v1
//   <timestamp ms>
//   <nonce>
//   <METHOD>
//   <path, with query string, exactly as sent>
//   <hex SHA-256 of the body bytes>
// so a captured request cannot be replayed (nonce), delayed (timestamp), or redirected to
// another route or method, or given another body.

import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
  sign,
  verify,
} from 'node:crypto';
import type { NonceCache } from './nonce-cache.ts';
import {
  SIGNATURE_ERRORS,
  SIGNATURE_HEADERS,
  type SignatureErrorCode,
  type SignatureProblem,
} from './signing-errors.ts';

export { NonceCache, type NonceCacheOptions, type NonceOutcome } from './nonce-cache.ts';
export {
  SIGNATURE_ERRORS,
  SIGNATURE_HEADERS,
  type SignatureErrorCode,
  type SignatureProblem,
} from './signing-errors.ts';

const SIGNING_CONTEXT = 'simforge-request-v1';
const NONCE_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;
const KEY_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const SIGNATURE_PATTERN = /^[A-Za-z0-9_-]{86}$/;
const TIMESTAMP_PATTERN = /^[0-9]{1,16}$/;

export interface NodeKeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** base64url of the raw 32-byte public key: the node's identity in public.nodes. */
  publicKeyB64url: string;
}

export function generateNodeKeyPair(): NodeKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKey, publicKeyB64url: publicKeyB64url(publicKey) };
}

/** base64url of the raw 32 public-key bytes (the `x` of its JWK), from a public or private key. */
export function publicKeyB64url(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  const jwk = publicKey.export({ format: 'jwk' });
  if (jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') throw new TypeError('not an Ed25519 key');
  return jwk.x;
}

/** The public key named by its base64url raw bytes; throws on anything else. */
export function publicKeyFromB64url(raw: string): KeyObject {
  if (!KEY_PATTERN.test(raw)) throw new TypeError('an Ed25519 public key is 43 base64url characters');
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw }, format: 'jwk' });
}

/** PKCS#8 PEM, for the node's key file (written with mode 0600 by the node). */
export function privateKeyToPem(privateKey: KeyObject): string {
  return privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
}

export function privateKeyFromPem(pem: string): KeyObject {
  const key = createPrivateKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new TypeError('the key file does not hold an Ed25519 key');
  return key;
}

export function newNonce(): string {
  return randomBytes(16).toString('base64url');
}

function bodyDigestHex(body: Uint8Array | string): string {
  return createHash('sha256').update(body).digest('hex');
}

function signedPayload(
  timestampMs: number,
  nonce: string,
  method: string,
  path: string,
  body: Uint8Array | string,
) {
  return Buffer.from(
    `${SIGNING_CONTEXT}\n${timestampMs}\n${nonce}\n${method.toUpperCase()}\n${path}\n${bodyDigestHex(body)}`,
  );
}

export interface SignRequestOptions {
  privateKey: KeyObject;
  /** The signer's publicKeyB64url; derived from privateKey when omitted (slower per call). */
  keyId?: string;
  method: string;
  /** Path and query string exactly as sent, e.g. `/v1/claim?waitMs=20000`. */
  path: string;
  body: Uint8Array | string;
  timestampMs: number;
  /** Fresh per request; newNonce() when omitted. */
  nonce?: string;
}

/** The four headers that authenticate one request. */
export function signRequest(options: SignRequestOptions): Record<string, string> {
  const nonce = options.nonce ?? newNonce();
  const timestampMs = Math.trunc(options.timestampMs);
  const payload = signedPayload(timestampMs, nonce, options.method, options.path, options.body);
  return {
    [SIGNATURE_HEADERS.key]: options.keyId ?? publicKeyB64url(options.privateKey),
    [SIGNATURE_HEADERS.timestamp]: String(timestampMs),
    [SIGNATURE_HEADERS.nonce]: nonce,
    [SIGNATURE_HEADERS.signature]: sign(null, payload, options.privateKey).toString('base64url'),
  };
}

/** A signer bound to one key and clock: what the node's HTTP client calls per request. */
export function createRequestSigner(options: {
  privateKey: KeyObject;
  nowMs: () => number;
  nonce?: () => string;
}): (request: { method: string; path: string; body: Uint8Array | string }) => Record<string, string> {
  const keyId = publicKeyB64url(options.privateKey);
  const makeNonce = options.nonce ?? newNonce;
  return (request) =>
    signRequest({
      ...request,
      privateKey: options.privateKey,
      keyId,
      timestampMs: options.nowMs(),
      nonce: makeNonce(),
    });
}

export type HeaderBag = Record<string, string | string[] | undefined>;

export interface VerifyRequestOptions {
  /** Incoming headers with lower-case names, as Node and fastify give them. */
  headers: HeaderBag;
  method: string;
  path: string;
  body: Uint8Array | string;
  nowMs: number;
  maxSkewMs: number;
  nonceCache: NonceCache;
  /** The registered key for a keyId (publicKeyB64url), or null/undefined when unknown. */
  lookupKey: (keyId: string) => KeyObject | null | undefined | Promise<KeyObject | null | undefined>;
}

export interface VerifiedRequest {
  ok: true;
  /** The signer's publicKeyB64url. */
  keyId: string;
  timestampMs: number;
}

function refuse(code: SignatureErrorCode, detail?: string): SignatureProblem {
  const base = SIGNATURE_ERRORS[code].message;
  return { ok: false, code, message: detail === undefined ? base : `${base}: ${detail}` };
}

function header(headers: HeaderBag, name: string): string | undefined | null {
  const value = headers[name];
  if (Array.isArray(value)) return value.length === 1 ? value[0] : null;
  return value;
}

/**
 * Checks a signed request. Cheap checks first; the nonce is recorded only after the signature
 * verifies, so unsigned junk cannot fill the nonce cache or burn a real client's nonce.
 */
export async function verifyRequest(
  options: VerifyRequestOptions,
): Promise<VerifiedRequest | SignatureProblem> {
  const values: Record<keyof typeof SIGNATURE_HEADERS, string> = {
    key: '',
    timestamp: '',
    nonce: '',
    signature: '',
  };
  for (const field of Object.keys(SIGNATURE_HEADERS) as Array<keyof typeof SIGNATURE_HEADERS>) {
    const value = header(options.headers, SIGNATURE_HEADERS[field]);
    if (value === undefined || value === '') return refuse('SF_SIG_MISSING_HEADER', SIGNATURE_HEADERS[field]);
    if (value === null) return refuse('SF_SIG_MALFORMED_HEADER', `${SIGNATURE_HEADERS[field]} given twice`);
    values[field] = value;
  }
  if (!KEY_PATTERN.test(values.key)) return refuse('SF_SIG_MALFORMED_HEADER', SIGNATURE_HEADERS.key);
  if (!TIMESTAMP_PATTERN.test(values.timestamp))
    return refuse('SF_SIG_MALFORMED_HEADER', SIGNATURE_HEADERS.timestamp);
  if (!NONCE_PATTERN.test(values.nonce)) return refuse('SF_SIG_MALFORMED_HEADER', SIGNATURE_HEADERS.nonce);
  if (!SIGNATURE_PATTERN.test(values.signature))
    return refuse('SF_SIG_MALFORMED_HEADER', SIGNATURE_HEADERS.signature);

  const timestampMs = Number(values.timestamp);
  const skewMs = timestampMs - options.nowMs;
  if (skewMs < -options.maxSkewMs) return refuse('SF_SIG_STALE_TIMESTAMP', `${-skewMs} ms old`);
  if (skewMs > options.maxSkewMs) return refuse('SF_SIG_FUTURE_TIMESTAMP', `${skewMs} ms ahead`);

  const key = await options.lookupKey(values.key);
  if (key === null || key === undefined) return refuse('SF_SIG_UNKNOWN_KEY');

  const payload = signedPayload(timestampMs, values.nonce, options.method, options.path, options.body);
  const signature = Buffer.from(values.signature, 'base64url');
  let valid: boolean;
  try {
    valid = verify(null, payload, key, signature);
  } catch {
    valid = false;
  }
  if (!valid) return refuse('SF_SIG_BAD_SIGNATURE');

  const outcome = options.nonceCache.checkAndRemember(values.key, values.nonce, options.nowMs);
  switch (outcome) {
    case 'fresh':
      return { ok: true, keyId: values.key, timestampMs };
    case 'replayed':
      return refuse('SF_SIG_REPLAYED_NONCE');
    case 'full':
      return refuse('SF_SIG_NONCE_CACHE_FULL');
    default: {
      const unknown: never = outcome;
      throw new Error(`unknown nonce outcome ${String(unknown)}`);
    }
  }
}
