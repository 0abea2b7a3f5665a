import { afterAll, beforeAll, describe, inject } from 'vitest';
import { openPglite } from '../pglite-driver.ts';
import { openPostgres } from '../postgres-driver.ts';
import type { Database, DriverKind } from '../types.ts';
import {
  cloneTemplate,
  freshPgliteFromTemplate,
  type SharedPostgres,
  sharedPostgres,
  testDriverOptions,
} from './template-databases.ts';

export { collectNotifications, createUser, type NotificationCollector } from './fixtures.ts';
export {
  findPostgresBinary,
  freePort,
  type PostgresCluster,
  type StartPostgresOptions,
  startPostgres,
} from './postgres-cluster.ts';
export type { SharedPostgres } from './template-databases.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    simforgePostgres: SharedPostgres;
    simforgePglite: { dumpPath: string };
  }
}

/** URL of a new, migrated database on the shared test cluster (superuser connection). */
export async function freshPostgresUrl(): Promise<string> {
  return cloneTemplate(await sharedPostgres(inject('simforgePostgres')));
}

/** A driver on a new, migrated database on the shared test cluster. */
export async function freshPostgres(): Promise<Database> {
  return openPostgres(testDriverOptions(await freshPostgresUrl()));
}

/** A new, migrated in-memory PGlite. */
export function freshPglite(): Promise<Database> {
  return freshPgliteFromTemplate(inject('simforgePglite')?.dumpPath);
}

/**
 * A database with no migrations applied (Postgres: a copy of `template0` on the shared
 * cluster, where the roles already exist; PGlite: a cold new instance, several seconds).
 */
export async function freshEmptyDatabase(kind: DriverKind): Promise<Database> {
  if (kind === 'pglite') return openPglite();
  const url = await cloneTemplate(await sharedPostgres(inject('simforgePostgres')), 'template0');
  return openPostgres(testDriverOptions(url));
}

export const DRIVERS: readonly DriverKind[] = ['postgres', 'pglite'];

export function freshDatabase(kind: DriverKind): Promise<Database> {
  return kind === 'postgres' ? freshPostgres() : freshPglite();
}

/**
 * Declares the same suite once per driver, each on its own fresh migrated database that is
 * closed after the suite. `getDb` is valid inside tests and hooks, not at declaration time.
 */
export function describeEachDriver(
  name: string,
  suite: (getDb: () => Database, kind: DriverKind) => void,
): void {
  for (const kind of DRIVERS) {
    describe(`${name} [${kind}]`, () => {
      let db: Database | undefined;
      beforeAll(async () => {
        db = await freshDatabase(kind);
      });
      afterAll(async () => {
        await db?.close();
      });
      suite(() => {
        if (!db) throw new Error(`the ${kind} test database is not open yet (use getDb inside tests)`);
        return db;
      }, kind);
    });
  }
}
