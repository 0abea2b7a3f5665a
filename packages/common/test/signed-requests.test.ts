import type { KeyObject } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  createRequestSigner,
  generateNodeKeyPair,
  NonceCache,
  privateKeyFromPem,
  privateKeyToPem,
  publicKeyB64url,
  publicKeyFromB64url,
  SIGNATURE_HEADERS,
  type SignatureErrorCode,
  signRequest,
  verifyRequest,
} from '../src/signing.ts';

const maxSkewMs = 30_000;
const nowMs = 1_800_000_000_000;
const node = generateNodeKeyPair();
const stranger = generateNodeKeyPair();
const body = new TextEncoder().encode('{"jobId":"a","chunkIndex":3}');

function registry(...keys: Array<{ publicKeyB64url: string; publicKey: KeyObject }>) {
  const known = new Map(keys.map((k) => [k.publicKeyB64url, k.publicKey]));
  return (keyId: string) => known.get(keyId);
}

function verifyWith(
  headers: Record<string, string>,
  overrides: Partial<Parameters<typeof verifyRequest>[0]> = {},
) {
  return verifyRequest({
    headers,
    method: 'POST',
    path: '/v1/complete',
    body,
    nowMs,
    maxSkewMs,
    nonceCache: new NonceCache({ windowMs: 2 * maxSkewMs, maxEntries: 1000 }),
    lookupKey: registry(node),
    ...overrides,
  });
}

function signed(overrides: Partial<Parameters<typeof signRequest>[0]> = {}) {
  return signRequest({
    privateKey: node.privateKey,
    method: 'POST',
    path: '/v1/complete',
    body,
    timestampMs: nowMs,
    ...overrides,
  });
}

async function expectRefused(result: ReturnType<typeof verifyRequest>, code: SignatureErrorCode) {
  expect(await result).toEqual({ ok: false, code, message: expect.any(String) });
}

describe('node keys', () => {
  it('names a public key by the base64url of its raw 32 bytes', () => {
    const raw = Buffer.from(node.publicKeyB64url, 'base64url');
    expect(raw).toHaveLength(32);
    // The raw key is the tail of the SubjectPublicKeyInfo DER.
    const der = node.publicKey.export({ format: 'der', type: 'spki' });
    expect(der.subarray(der.length - 32)).toEqual(raw);
    expect(publicKeyB64url(node.privateKey)).toBe(node.publicKeyB64url);
    expect(publicKeyB64url(publicKeyFromB64url(node.publicKeyB64url))).toBe(node.publicKeyB64url);
  });

  it('round-trips the private key through PEM', () => {
    expect(publicKeyB64url(privateKeyFromPem(privateKeyToPem(node.privateKey)))).toBe(node.publicKeyB64url);
  });
});

describe('verifyRequest', () => {
  it('accepts a well-signed request and names its key', async () => {
    expect(await verifyWith(signed())).toEqual({ ok: true, keyId: node.publicKeyB64url, timestampMs: nowMs });
  });

  it('accepts a request signed by createRequestSigner with the injected clock', async () => {
    const sign = createRequestSigner({ privateKey: node.privateKey, nowMs: () => nowMs - 1000 });
    const headers = sign({ method: 'post', path: '/v1/complete', body });
    expect(await verifyWith(headers)).toMatchObject({ ok: true, timestampMs: nowMs - 1000 });
  });

  it('accepts timestamps at the edge of the skew window', async () => {
    expect(await verifyWith(signed({ timestampMs: nowMs - maxSkewMs }))).toMatchObject({ ok: true });
    expect(await verifyWith(signed({ timestampMs: nowMs + maxSkewMs }))).toMatchObject({ ok: true });
  });

  it('refuses a bad signature', async () => {
    const headers = signed();
    const bytes = Buffer.from(headers[SIGNATURE_HEADERS.signature]!, 'base64url');
    bytes[0]! ^= 1;
    await expectRefused(
      verifyWith({ ...headers, [SIGNATURE_HEADERS.signature]: bytes.toString('base64url') }),
      'SF_SIG_BAD_SIGNATURE',
    );
  });

  it('refuses a request signed by another key than the one it names', async () => {
    const headers = signed({ privateKey: stranger.privateKey, keyId: node.publicKeyB64url });
    await expectRefused(verifyWith(headers), 'SF_SIG_BAD_SIGNATURE');
  });

  it('refuses an unknown key', async () => {
    await expectRefused(verifyWith(signed({ privateKey: stranger.privateKey })), 'SF_SIG_UNKNOWN_KEY');
  });

  it('refuses a tampered body, path or method', async () => {
    const headers = signed();
    await expectRefused(
      verifyWith(headers, { body: new TextEncoder().encode('{"jobId":"b","chunkIndex":3}') }),
      'SF_SIG_BAD_SIGNATURE',
    );
    await expectRefused(verifyWith(headers, { path: '/v1/fail' }), 'SF_SIG_BAD_SIGNATURE');
    await expectRefused(verifyWith(headers, { path: '/v1/complete?x=1' }), 'SF_SIG_BAD_SIGNATURE');
    await expectRefused(verifyWith(headers, { method: 'PUT' }), 'SF_SIG_BAD_SIGNATURE');
  });

  it('refuses a replayed nonce, and only after the signature checks out', async () => {
    const nonceCache = new NonceCache({ windowMs: 2 * maxSkewMs, maxEntries: 1000 });
    const headers = signed();
    expect(await verifyWith(headers, { nonceCache })).toMatchObject({ ok: true });
    await expectRefused(verifyWith(headers, { nonceCache, nowMs: nowMs + 5000 }), 'SF_SIG_REPLAYED_NONCE');
    // A forged request reusing a fresh nonce must not burn it for the real client.
    const fresh = signed({ nonce: 'AAAAAAAAAAAAAAAAAAAAAA' });
    await expectRefused(
      verifyWith(
        { ...fresh, [SIGNATURE_HEADERS.signature]: signed()[SIGNATURE_HEADERS.signature]! },
        { nonceCache },
      ),
      'SF_SIG_BAD_SIGNATURE',
    );
    expect(await verifyWith(fresh, { nonceCache })).toMatchObject({ ok: true });
  });

  it('refuses stale and future timestamps', async () => {
    await expectRefused(verifyWith(signed({ timestampMs: nowMs - maxSkewMs - 1 })), 'SF_SIG_STALE_TIMESTAMP');
    await expectRefused(
      verifyWith(signed({ timestampMs: nowMs + maxSkewMs + 1 })),
      'SF_SIG_FUTURE_TIMESTAMP',
    );
  });

  it('refuses missing and malformed headers', async () => {
    const headers = signed();
    for (const name of Object.values(SIGNATURE_HEADERS)) {
      const { [name]: _dropped, ...rest } = headers;
      await expectRefused(verifyWith(rest), 'SF_SIG_MISSING_HEADER');
    }
    await expectRefused(
      verifyWith({ ...headers, [SIGNATURE_HEADERS.timestamp]: '12e3' }),
      'SF_SIG_MALFORMED_HEADER',
    );
    await expectRefused(
      verifyWith({ ...headers, [SIGNATURE_HEADERS.nonce]: 'short' }),
      'SF_SIG_MALFORMED_HEADER',
    );
    await expectRefused(
      verifyWith({ ...headers, [SIGNATURE_HEADERS.key]: 'not-a-key' }),
      'SF_SIG_MALFORMED_HEADER',
    );
    await expectRefused(
      verifyWith({ ...headers, [SIGNATURE_HEADERS.signature]: 'abc' }),
      'SF_SIG_MALFORMED_HEADER',
    );
  });
});

describe('NonceCache', () => {
  it('forgets a nonce once its window has passed', () => {
    const cache = new NonceCache({ windowMs: 100, maxEntries: 10 });
    expect(cache.checkAndRemember('k', 'n', 0)).toBe('fresh');
    expect(cache.checkAndRemember('k', 'n', 99)).toBe('replayed');
    expect(cache.checkAndRemember('other', 'n', 99)).toBe('fresh');
    expect(cache.checkAndRemember('k', 'n', 100)).toBe('fresh');
    expect(cache.size).toBe(2);
  });

  it('refuses new nonces when full of live ones instead of forgetting them', () => {
    const cache = new NonceCache({ windowMs: 100, maxEntries: 2 });
    expect(cache.checkAndRemember('k', 'a', 0)).toBe('fresh');
    expect(cache.checkAndRemember('k', 'b', 10)).toBe('fresh');
    expect(cache.checkAndRemember('k', 'c', 20)).toBe('full');
    expect(cache.checkAndRemember('k', 'a', 20)).toBe('replayed');
    expect(cache.checkAndRemember('k', 'c', 100)).toBe('fresh');
  });

  it('turns a full cache into SF_SIG_NONCE_CACHE_FULL', async () => {
    const nonceCache = new NonceCache({ windowMs: 2 * maxSkewMs, maxEntries: 1 });
    expect(await verifyWith(signed(), { nonceCache })).toMatchObject({ ok: true });
    await expectRefused(verifyWith(signed(), { nonceCache }), 'SF_SIG_NONCE_CACHE_FULL');
  });
});
