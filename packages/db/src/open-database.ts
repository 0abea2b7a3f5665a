import { openPglite } from './pglite-driver.ts';
import { openPostgres } from './postgres-driver.ts';
import type { Database } from './types.ts';

export interface OpenDatabaseOptions {
  /** A Postgres connection URL. When absent the database is embedded PGlite. */
  url?: string;
  /** PGlite's data directory when no `url` is given; in memory when absent too. */
  dataDir?: string;
  /** Shown in pg_stat_activity; the LISTEN connection gets `<name>:listen`. */
  applicationName?: string;
  /** `pg` pool size. */
  poolSize?: number;
  /** LISTEN reconnect backoff: first delay, doubling to the maximum. */
  reconnectInitialMs?: number;
  reconnectMaxMs?: number;
  /** Connection errors that have no caller (idle pool client, LISTEN connection). */
  onError?: (error: Error) => void;
}

/** The defaults of the database package, in one place. */
export const DATABASE_DEFAULTS = Object.freeze({
  applicationName: 'simforge',
  poolSize: 10,
  reconnectInitialMs: 100,
  reconnectMaxMs: 5_000,
});

/** Opens real Postgres when a URL is given, embedded PGlite otherwise. */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  if (options.url) {
    return openPostgres({
      url: options.url,
      applicationName: options.applicationName ?? DATABASE_DEFAULTS.applicationName,
      poolSize: options.poolSize ?? DATABASE_DEFAULTS.poolSize,
      reconnectInitialMs: options.reconnectInitialMs ?? DATABASE_DEFAULTS.reconnectInitialMs,
      reconnectMaxMs: options.reconnectMaxMs ?? DATABASE_DEFAULTS.reconnectMaxMs,
      onError: options.onError ?? (() => undefined),
    });
  }
  return openPglite(options.dataDir ? { dataDir: options.dataDir } : {});
}
