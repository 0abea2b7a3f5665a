// The studio server's options and their defaults, in one place. The server never reads
// process.env: `simforge start` (or a test) builds these and passes them in.
import { fileURLToPath } from 'node:url';
import type { Database } from '@simforge/db';
import { DEFAULT_SCRYPT, type ScryptParams } from './passwords.ts';

export interface StudioServerOptions {
  /** An open database (either driver), already migrated. Shared with the sentinel in one process. */
  db: Database;
  /** Port for `listen()` when it is called without one; 0 picks a free port. */
  port?: number;
  host?: string;
  /** The built SPA; defaults to apps/studio/dist. */
  staticDir?: string;
  /** Run `vite build` at start-up when staticDir has no index.html (a fresh clone). */
  buildIfMissing?: boolean;
  /** Mark cookies `Secure`: on behind HTTPS, off for http://localhost. */
  secureCookies?: boolean;
  sessionTtlMs?: number;
  /** Largest profile accepted, in bytes of UTF-8. */
  maxProfileBytes?: number;
  /** Largest request body, in bytes. */
  maxBodyBytes?: number;
  /** Cap on iterations a user may request for one job. */
  maxIterations?: number;
  scrypt?: ScryptParams;
  /** Failed sign-ins allowed per email per minute before SF_STUDIO_RATE_LIMITED. */
  signInAttemptsPerMinute?: number;
  /** Profile checks (POST /api/profiles/check: the nodes' whole check) per user per minute. */
  profileChecksPerMinute?: number;
  /** Milliseconds since the epoch; injected so tests can expire sessions. */
  clock?: () => number;
  /** Where start-up and request failures are reported; silent by default. */
  log?: (line: Record<string, unknown>) => void;
}

export type ResolvedStudioOptions = Readonly<Required<Omit<StudioServerOptions, 'db'>>> & { db: Database };

export const STUDIO_DEFAULT_STATIC_DIR = fileURLToPath(new URL('../../dist/', import.meta.url));

export const STUDIO_DEFAULTS = Object.freeze({
  port: 8787,
  host: '127.0.0.1',
  buildIfMissing: true,
  secureCookies: false,
  sessionTtlMs: 30 * 24 * 3600 * 1000,
  // A Top Gear comparison of a few hundred variants is ~100 KiB. The body may hold a profile of
  // the engine's 1 MiB, so an oversized paste is answered by the profile check, which says why.
  maxProfileBytes: 256 * 1024,
  maxBodyBytes: 1280 * 1024,
  maxIterations: 1_000_000,
  signInAttemptsPerMinute: 10,
  profileChecksPerMinute: 60,
});

export function resolveOptions(options: StudioServerOptions): ResolvedStudioOptions {
  const resolved = {
    ...STUDIO_DEFAULTS,
    staticDir: STUDIO_DEFAULT_STATIC_DIR,
    scrypt: DEFAULT_SCRYPT,
    clock: Date.now,
    log: () => undefined,
    ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)),
  } as unknown as ResolvedStudioOptions;
  if (!resolved.db) throw new TypeError('createStudioServer: options.db is required');
  for (const key of ['sessionTtlMs', 'maxProfileBytes', 'maxBodyBytes', 'maxIterations'] as const) {
    if (!Number.isSafeInteger(resolved[key]) || resolved[key] <= 0) {
      throw new TypeError(`createStudioServer: options.${key} must be a positive integer`);
    }
  }
  if (resolved.maxProfileBytes >= resolved.maxBodyBytes) {
    throw new TypeError('createStudioServer: maxProfileBytes must be below maxBodyBytes');
  }
  return Object.freeze(resolved);
}
