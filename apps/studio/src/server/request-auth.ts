// Who is asking, and may they change anything. Runs before every /api route:
// - the session cookie is resolved to a user through the gatekeeper (hash lookup, expiry);
// - every state-changing method must carry the CSRF header matching the expected token, or
//   the request is refused before any handler (and so any write) runs.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE, type SessionUser } from '../api-contract.ts';
import { StudioApiError } from './api-errors.ts';
import { sessionUser } from './gatekeeper.ts';
import type { ResolvedStudioOptions } from './options.ts';
import {
  csrfForSession,
  newToken,
  parseCookies,
  serializeCookie,
  sessionTokenHash,
  tokensEqual,
} from './session-cookies.ts';

export interface RequestAuth {
  user: SessionUser | null;
  sessionToken: string | null;
  cookies: Map<string, string>;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export async function resolveAuth(
  request: FastifyRequest,
  options: ResolvedStudioOptions,
): Promise<RequestAuth> {
  const cookies = parseCookies(request.headers.cookie);
  const token = cookies.get(SESSION_COOKIE) ?? null;
  if (!token || token.length > 100) return { user: null, sessionToken: null, cookies };
  const user = await sessionUser(options.db, sessionTokenHash(token), new Date(options.clock()));
  return { user, sessionToken: user ? token : null, cookies };
}

/** Throws SF_STUDIO_CSRF unless a state-changing request carries the expected token. */
export function checkCsrf(request: FastifyRequest, auth: RequestAuth): void {
  if (SAFE_METHODS.has(request.method)) return;
  const header = request.headers[CSRF_HEADER];
  const sent = typeof header === 'string' ? header : '';
  // Signed in: the token is bound to the session. Signed out (sign-up, sign-in): plain double
  // submit of the random cookie that GET /api/session handed out.
  const expected = auth.sessionToken
    ? csrfForSession(auth.sessionToken)
    : (auth.cookies.get(CSRF_COOKIE) ?? '');
  if (!tokensEqual(sent, expected)) throw new StudioApiError('SF_STUDIO_CSRF');
}

export function requireUser(auth: RequestAuth): SessionUser {
  if (!auth.user) throw new StudioApiError('SF_STUDIO_AUTH_REQUIRED');
  return auth.user;
}

/** Makes sure a signed-out visitor has a CSRF cookie to double-submit. */
export function ensureCsrfCookie(
  reply: FastifyReply,
  auth: RequestAuth,
  options: ResolvedStudioOptions,
): void {
  const expected = auth.sessionToken ? csrfForSession(auth.sessionToken) : null;
  const current = auth.cookies.get(CSRF_COOKIE);
  if (expected ? current !== expected : !current) {
    setCsrfCookie(reply, expected ?? newToken(), options);
  }
}

export function setCsrfCookie(reply: FastifyReply, value: string, options: ResolvedStudioOptions): void {
  appendCookie(
    reply,
    serializeCookie(CSRF_COOKIE, value, { httpOnly: false, secure: options.secureCookies, maxAgeS: null }),
  );
}

export function setSessionCookie(
  reply: FastifyReply,
  token: string | null,
  options: ResolvedStudioOptions,
): void {
  const maxAgeS = token ? Math.floor(options.sessionTtlMs / 1000) : 0;
  appendCookie(
    reply,
    serializeCookie(SESSION_COOKIE, token ?? '', { httpOnly: true, secure: options.secureCookies, maxAgeS }),
  );
}

function appendCookie(reply: FastifyReply, cookie: string): void {
  const existing = reply.getHeader('set-cookie');
  const list = Array.isArray(existing) ? existing : typeof existing === 'string' ? [existing] : [];
  reply.header('set-cookie', [...list, cookie]);
}
