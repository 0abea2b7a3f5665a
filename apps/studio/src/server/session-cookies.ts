// Session and CSRF cookies.
//
// The session token is 32 random bytes in an httpOnly cookie; the database stores only its
// SHA-256, so a leaked sessions table cannot be replayed. The CSRF token is a double-submit
// value in a readable cookie that the page copies into the `x-csrf-token` header. Once signed
// in it is derived from the session token (SHA-256 of a label and the token), so it cannot be
// planted by a sibling site that can only set cookies, and it rotates with the session.
// The names are the API contract's (../api-contract.ts), shared with the page.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sessionTokenHash(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

export function csrfForSession(sessionToken: string): string {
  return createHash('sha256').update('simforge-csrf\0').update(sessionToken).digest('base64url');
}

export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  if (!header) return cookies;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    const raw = part.slice(eq + 1).trim();
    try {
      if (!cookies.has(name)) cookies.set(name, decodeURIComponent(raw));
    } catch {
      // A malformed escape is a cookie we did not set; ignore it rather than fail the request.
    }
  }
  return cookies;
}

export interface CookieOptions {
  httpOnly: boolean;
  secure: boolean;
  maxAgeS: number | null;
}

export function serializeCookie(name: string, value: string, options: CookieOptions): string {
  const parts = [`${name}=${encodeURIComponent(value)}`, 'Path=/', 'SameSite=Lax'];
  if (options.httpOnly) parts.push('HttpOnly');
  if (options.secure) parts.push('Secure');
  if (options.maxAgeS !== null) parts.push(`Max-Age=${options.maxAgeS}`);
  return parts.join('; ');
}

export function tokensEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}
