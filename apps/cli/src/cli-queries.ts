// The CLI's own named queries (apps/cli/queries/*.sql): the few statements only the local
// platform needs (find the local user, claim a node by code). Loaded once per process, like
// the database package's queries, so no SQL is assembled in code.
import { readFile } from 'node:fs/promises';
import type { Queryable, QueryResult } from '@simforge/db';

const CLI_QUERIES_DIR = new URL('../queries/', import.meta.url);
const cache = new Map<string, Promise<string>>();

export type CliQueryName = 'local_user_find' | 'nodes_claim' | 'jobs_cancel';

export async function runCliQuery<T = Record<string, unknown>>(
  db: Queryable,
  name: CliQueryName,
  params: readonly unknown[],
): Promise<QueryResult<T>> {
  let text = cache.get(name);
  if (!text) {
    text = readFile(new URL(`${name}.sql`, CLI_QUERIES_DIR), 'utf8');
    cache.set(name, text);
  }
  return db.query<T>(await text, params);
}
