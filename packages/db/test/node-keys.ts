import { generateKeyPairSync } from 'node:crypto';

/** A fresh node identity: base64url of a raw 32-byte Ed25519 public key (the JWK `x`). */
export function nodePublicKey(): string {
  const { publicKey } = generateKeyPairSync('ed25519');
  const { x } = publicKey.export({ format: 'jwk' });
  if (!x) throw new Error('Ed25519 JWK without x');
  return x;
}
