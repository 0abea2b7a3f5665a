import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { sqlState } from '../errors.ts';
import { migrate } from '../migrate.ts';
import { openPglite } from '../pglite-driver.ts';
import { openPostgres } from '../postgres-driver.ts';
import type { Database } from '../types.ts';
import { type PostgresCluster, startPostgres } from './postgres-cluster.ts';

/** What the global setup hands each test file: where the cluster is, which template to clone. */
export interface SharedPostgres {
  adminUrl: string;
  template: string;
}

export const TEMPLATE_DATABASE = 'simforge_template';

/** Names made here are `[a-z0-9_]`, so interpolating them into DDL is safe. */
function assertIdentifier(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsafe database name ${name}`);
  return name;
}

async function admin<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export function testDriverOptions(url: string) {
  return {
    url,
    applicationName: 'simforge-test',
    poolSize: 4,
    reconnectInitialMs: 50,
    reconnectMaxMs: 1_000,
    onError: () => undefined,
  };
}

/** Creates the template database with every migration applied (once per test run). */
export async function createTemplate(cluster: PostgresCluster): Promise<SharedPostgres> {
  const adminUrl = cluster.url('postgres');
  // CREATE DATABASE takes no parameters; the name is a checked constant.
  await admin(adminUrl, (client) => client.query(`CREATE DATABASE ${assertIdentifier(TEMPLATE_DATABASE)}`));
  const db = openPostgres(testDriverOptions(cluster.url(TEMPLATE_DATABASE)));
  try {
    await migrate(db);
  } finally {
    // Postgres copies a template only while nobody is connected to it.
    await db.close();
  }
  return { adminUrl, template: TEMPLATE_DATABASE };
}

/**
 * Clones the migrated template (or another template, e.g. `template0` for an empty database)
 * into a new database and returns its URL.
 */
export async function cloneTemplate(shared: SharedPostgres, template = shared.template): Promise<string> {
  const name = assertIdentifier(`test_${randomUUID().replaceAll('-', '')}`);
  const ddl = `CREATE DATABASE ${name} TEMPLATE ${assertIdentifier(template)}`;
  for (let attempt = 0; ; attempt++) {
    try {
      await admin(shared.adminUrl, (client) => client.query(ddl));
      return withDatabase(shared.adminUrl, name);
    } catch (error) {
      // 55006: another file's clone briefly holds the template; wait and retry.
      if (sqlState(error) !== '55006' || attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 + attempt * 25));
    }
  }
}

let ownCluster: Promise<SharedPostgres> | undefined;

/**
 * The shared cluster from the vitest global setup, or (when a file runs under a config
 * without it) a cluster of this worker's own, stopped by the cluster's exit hook.
 */
export function sharedPostgres(provided: SharedPostgres | undefined): Promise<SharedPostgres> {
  if (provided) return Promise.resolve(provided);
  ownCluster ??= startPostgres().then(createTemplate);
  return ownCluster;
}

/** Builds a migrated PGlite and returns its data directory as an uncompressed tarball. */
export async function buildPgliteTemplate(): Promise<Blob> {
  const db = await openPglite();
  try {
    await migrate(db);
    return await db.pglite.dumpDataDir('none');
  } finally {
    await db.close();
  }
}

let pgliteTemplate: Promise<Blob> | undefined;

/**
 * A migrated in-memory PGlite started from a dump of a migrated one: loading a dump takes
 * about half a second where a cold PGlite (its initdb) takes several. The dump comes from the
 * global setup (`dumpPath`) or is built once per worker when there is none.
 */
export async function freshPgliteFromTemplate(dumpPath: string | undefined): Promise<Database> {
  pgliteTemplate ??= dumpPath ? readFile(dumpPath).then((bytes) => new Blob([bytes])) : buildPgliteTemplate();
  return openPglite({ loadDataDir: await pgliteTemplate });
}
