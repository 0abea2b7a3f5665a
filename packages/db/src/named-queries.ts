import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { DbError } from './errors.ts';
import type { Queryable, QueryResult } from './types.ts';

/** `packages/db/queries/`: one file per database operation, named for what it does. */
export const QUERIES_DIR = fileURLToPath(new URL('../queries/', import.meta.url));

const NAME = /^[a-z][a-z0-9_]*$/;
const cache = new Map<string, Promise<string>>();

/** The text of `queries/<name>.sql`, read from disk once per process. */
export function loadQuery(name: string): Promise<string> {
  if (!NAME.test(name)) return Promise.reject(new DbError('SF_DB_QUERY_NAME', name));
  let text = cache.get(name);
  if (!text) {
    text = readFile(`${QUERIES_DIR}${name}.sql`, 'utf8').catch((error: unknown) => {
      // A missing file stays missing until it is written: do not cache the failure.
      cache.delete(name);
      throw new DbError('SF_DB_QUERY_UNKNOWN', name, { cause: error });
    });
    cache.set(name, text);
  }
  return text;
}

/** Runs the named query with positional parameters on the database or a transaction. */
export async function runQuery<T = Record<string, unknown>>(
  db: Queryable,
  name: string,
  params: readonly unknown[] = [],
): Promise<QueryResult<T>> {
  return db.query<T>(await loadQuery(name), params);
}
