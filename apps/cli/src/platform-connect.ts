// How `simforge submit` and `simforge nodes claim` reach the platform, in the documented
// order: --database-url (or SIMFORGE_DATABASE_URL) talks to that Postgres directly as the
// local user; otherwise the running `simforge start` of the data directory is asked through
// its control API, because its embedded PGlite can be opened by that one process only.
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type Database, openDatabase } from '@simforge/db';
import { CLI_EXIT, CliError } from './cli-errors.ts';
import { type ControlFile, controlPlatform } from './control-api.ts';
import { databasePlatform } from './database-platform.ts';
import type { LocalPlatform } from './local-platform.ts';
import { findLocalUser, LOCAL_USER_EMAIL } from './local-user.ts';

export const DEFAULT_DATA_DIR = '.simforge';
export const CONTROL_FILE = 'control.json';

/** The command-line options that choose a PlatformTarget, shared by submit and nodes. */
export const PLATFORM_OPTIONS = {
  'data-dir': { type: 'string' },
  'database-url': { type: 'string' },
  user: { type: 'string' },
} as const;

export interface PlatformTarget {
  databaseUrl?: string;
  dataDir: string;
  userEmail: string;
}

export function platformTarget(
  values: { 'database-url'?: string; 'data-dir'?: string; user?: string },
  env: NodeJS.ProcessEnv,
  cwd: string,
): PlatformTarget {
  return {
    databaseUrl: values['database-url'] ?? (env.SIMFORGE_DATABASE_URL || undefined),
    dataDir: resolve(cwd, values['data-dir'] ?? (env.SIMFORGE_DATA_DIR || DEFAULT_DATA_DIR)),
    userEmail: values.user ?? LOCAL_USER_EMAIL,
  };
}

export async function connectPlatform(
  target: PlatformTarget,
): Promise<{ platform: LocalPlatform; close: () => Promise<void> }> {
  if (target.databaseUrl) {
    let db: Database;
    try {
      db = await openDatabase({ url: target.databaseUrl });
      await db.query('SELECT 1');
    } catch (err) {
      throw new CliError(`cannot reach the database: ${(err as Error).message}`, CLI_EXIT.unavailable, {
        cause: err,
      });
    }
    const userId = await findLocalUser(db, target.userEmail);
    if (!userId) {
      await db.close();
      throw new CliError(`no user ${target.userEmail} in that database`, CLI_EXIT.usage);
    }
    return { platform: databasePlatform(db, userId), close: () => db.close() };
  }
  const path = join(target.dataDir, CONTROL_FILE);
  let control: ControlFile;
  try {
    control = JSON.parse(await readFile(path, 'utf8')) as ControlFile;
  } catch (err) {
    throw new CliError(
      `no running 'simforge start' found for ${target.dataDir} (${path} is missing); start it with 'npm start', or pass --database-url`,
      CLI_EXIT.unavailable,
      { cause: err },
    );
  }
  return { platform: controlPlatform(control), close: async () => undefined };
}
