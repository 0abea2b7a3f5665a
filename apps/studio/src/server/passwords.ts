// Password hashing with scrypt (memory-hard, in node:crypto, so no native package to pin).
// The stored form names its own parameters, `scrypt$N$r$p$salt$hash`, so the cost can be
// raised later without invalidating existing accounts. The async scrypt runs on libuv's
// thread pool, so a sign-in never blocks the event loop that relays progress.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

export interface ScryptParams {
  /** CPU/memory cost, a power of two; memory is about 128 * N * r bytes. */
  cost: number;
  blockSize: number;
  parallelization: number;
}

/** OWASP's scrypt recommendation: N=2^17, r=8, p=1 (128 MiB, a few hundred ms). */
export const DEFAULT_SCRYPT: ScryptParams = Object.freeze({
  cost: 2 ** 17,
  blockSize: 8,
  parallelization: 1,
});

const KEY_BYTES = 32;
const SALT_BYTES = 16;

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const maxmem = 256 * params.cost * params.blockSize + 1024 * 1024;
  return new Promise((resolve, reject) => {
    scrypt(
      password.normalize('NFKC'),
      salt,
      KEY_BYTES,
      { N: params.cost, r: params.blockSize, p: params.parallelization, maxmem },
      (err, key) => (err ? reject(err) : resolve(key)),
    );
  });
}

export async function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, params);
  return [
    'scrypt',
    params.cost,
    params.blockSize,
    params.parallelization,
    salt.toString('base64url'),
    key.toString('base64url'),
  ].join('$');
}

/** False for a wrong password and for a stored value this module did not write. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, saltText, keyText] = stored.split('$');
  if (scheme !== 'scrypt' || !saltText || !keyText) return false;
  const params = { cost: Number(n), blockSize: Number(r), parallelization: Number(p) };
  if (!Object.values(params).every((v) => Number.isSafeInteger(v) && v > 0)) return false;
  const expected = Buffer.from(keyText, 'base64url');
  const actual = await derive(password, Buffer.from(saltText, 'base64url'), params);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/**
 * Spends the same work as a real verification when the email is unknown, so response time
 * does not tell an attacker which emails have accounts.
 */
export async function burnVerification(
  password: string,
  params: ScryptParams = DEFAULT_SCRYPT,
): Promise<void> {
  await derive(password, Buffer.alloc(SALT_BYTES), params);
}
