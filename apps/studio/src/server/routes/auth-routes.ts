// Accounts: GET /api/session, POST /api/auth/sign-up, /sign-in, /sign-out.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type {
  CredentialsRequest,
  SessionResponse,
  SignedInResponse,
  SignedOutResponse,
} from '../../api-contract.ts';
import { StudioApiError } from '../api-errors.ts';
import { closeSession, createAccount, openSession, passwordHashFor } from '../gatekeeper.ts';
import type { ResolvedStudioOptions } from '../options.ts';
import { burnVerification, hashPassword, verifyPassword } from '../passwords.ts';
import { ensureCsrfCookie, setCsrfCookie, setSessionCookie } from '../request-auth.ts';
import { csrfForSession, newToken, sessionTokenHash } from '../session-cookies.ts';
import { SlidingWindow } from '../sliding-window.ts';

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}\.[^\s@]{1,63}$/;
const PASSWORD_MIN = 8;
const PASSWORD_MAX = 256;

const credentialsSchema = {
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['email', 'password'],
    properties: {
      email: { type: 'string', maxLength: 320 },
      password: { type: 'string', maxLength: 4096 },
    },
  },
} as const;

export function registerAuthRoutes(app: FastifyInstance, options: ResolvedStudioOptions): void {
  // Failed sign-ins per email per minute.
  const failures = new SlidingWindow(options.signInAttemptsPerMinute, 60_000, options.clock);
  const rateLimited = (email: string): boolean => failures.exhausted(email);
  const recordFailure = (email: string) => failures.record(email);

  const startSession = async (reply: FastifyReply, userId: string) => {
    const token = newToken();
    const expiresAt = new Date(options.clock() + options.sessionTtlMs);
    await openSession(options.db, sessionTokenHash(token), userId, expiresAt);
    setSessionCookie(reply, token, options);
    setCsrfCookie(reply, csrfForSession(token), options);
  };

  app.get<{ Reply: SessionResponse }>('/api/session', async (request, reply) => {
    ensureCsrfCookie(reply, request.auth, options);
    return { user: request.auth.user };
  });

  app.post<{ Body: CredentialsRequest; Reply: SignedInResponse }>(
    '/api/auth/sign-up',
    { schema: credentialsSchema },
    async (request, reply) => {
      const email = request.body.email.trim().toLowerCase();
      const { password } = request.body;
      if (!EMAIL.test(email)) throw new StudioApiError('SF_STUDIO_AUTH_EMAIL_INVALID');
      if (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX) {
        throw new StudioApiError('SF_STUDIO_AUTH_PASSWORD_WEAK');
      }
      const userId = await createAccount(options.db, email, await hashPassword(password, options.scrypt));
      if (!userId) throw new StudioApiError('SF_STUDIO_AUTH_EMAIL_TAKEN');
      await startSession(reply, userId);
      return reply.code(201).send({ user: { id: userId, email } });
    },
  );

  app.post<{ Body: CredentialsRequest; Reply: SignedInResponse }>(
    '/api/auth/sign-in',
    { schema: credentialsSchema },
    async (request, reply) => {
      const email = request.body.email.trim().toLowerCase();
      if (rateLimited(email)) throw new StudioApiError('SF_STUDIO_RATE_LIMITED');
      const account = await passwordHashFor(options.db, email);
      const ok = account
        ? await verifyPassword(request.body.password, account.passwordHash)
        : await burnVerification(request.body.password, options.scrypt).then(() => false);
      if (!account || !ok) {
        recordFailure(email);
        throw new StudioApiError('SF_STUDIO_AUTH_INVALID_CREDENTIALS');
      }
      failures.clear(email);
      await startSession(reply, account.userId);
      return { user: { id: account.userId, email } };
    },
  );

  app.post<{ Reply: SignedOutResponse }>('/api/auth/sign-out', async (request, reply) => {
    if (request.auth.sessionToken)
      await closeSession(options.db, sessionTokenHash(request.auth.sessionToken));
    setSessionCookie(reply, null, options);
    setCsrfCookie(reply, newToken(), options);
    return { ok: true };
  });
}
