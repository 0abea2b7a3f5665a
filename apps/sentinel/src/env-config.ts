// The sentinel's environment, read and validated once (by src/main.ts only). Every tunable of
// SENTINEL_DEFAULTS has a variable named after it: leaseMs -> SENTINEL_LEASE_MS.

import { homedir } from 'node:os';
import { join } from 'node:path';
import { SENTINEL_DEFAULTS, type SentinelSettings } from './options.ts';

export const DEFAULT_PORT = 8700;

export interface EnvConfig {
  database: { url: string } | { dataDir: string };
  port: number;
  settings: Partial<SentinelSettings>;
}

export function envName(setting: string): string {
  return `SENTINEL_${setting.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
}

export function defaultDataDir(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return join(base, 'simforge', 'pglite');
}

/**
 * The SENTINEL_* tunables alone: what the standalone sentinel and `simforge start` (whose
 * sentinel runs in its own process beside the studio) both read. Throws a RangeError naming
 * the variable when a value is malformed.
 */
export function readSentinelSettings(env: NodeJS.ProcessEnv): Partial<SentinelSettings> {
  const settings: Partial<SentinelSettings> = {};
  for (const [key, fallback] of Object.entries(SENTINEL_DEFAULTS)) {
    const raw = env[envName(key)];
    if (raw === undefined || raw === '') continue;
    if (typeof fallback === 'string') {
      (settings as Record<string, unknown>)[key] = raw;
      continue;
    }
    const value = Number(raw);
    if (!Number.isFinite(value) || value <= 0) {
      throw new RangeError(`${envName(key)} must be a positive number, got '${raw}'`);
    }
    (settings as Record<string, unknown>)[key] = value;
  }
  return settings;
}

/** Throws a RangeError naming the variable when a value is malformed. */
export function readEnvConfig(env: NodeJS.ProcessEnv): EnvConfig {
  const settings = readSentinelSettings(env);
  const portText = env.SENTINEL_PORT;
  const port = portText === undefined || portText === '' ? DEFAULT_PORT : Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new RangeError(`SENTINEL_PORT must be a port number, got '${portText}'`);
  }
  const url = env.SENTINEL_DATABASE_URL;
  const database = url ? { url } : { dataDir: env.SENTINEL_DATA_DIR || defaultDataDir(env) };
  return { database, port, settings };
}
