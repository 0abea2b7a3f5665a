// One way to run SQL kept in files: a directory of `<name>.sql` files, each read from disk
// once per process and run with positional parameters on the database or a transaction. The
// database package's own queries, the game schema's (packages/gamedata/sql), the CLI's and the
// tests' each have a directory and a runner over it; none assembles SQL in code.

import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { DbError } from './errors.ts';
import type { Queryable, QueryResult } from './types.ts';

export interface SqlRunnerOptions {
  /** The directory of `.sql` files (a path or a file: URL). */
  dir: string | URL;
  /** Which names are queries of this directory; lowercase snake_case by default. */
  namePattern?: RegExp;
}

export interface SqlRunner<Name extends string = string> {
  readonly dir: string;
  /** The text of `<dir>/<name>.sql`. */
  load(name: Name): Promise<string>;
  /** Runs one statement with positional parameters. */
  run<T = Record<string, unknown>>(
    db: Queryable,
    name: Name,
    params?: readonly unknown[],
  ): Promise<QueryResult<T>>;
  /** Runs a multi-statement file, without parameters. */
  exec(db: Queryable, name: Name): Promise<void>;
}

const SNAKE_CASE = /^[a-z][a-z0-9_]*$/;
/** By absolute path, shared by every runner: two runners over one directory read a file once. */
const texts = new Map<string, Promise<string>>();

function readOnce(path: string, name: string): Promise<string> {
  let text = texts.get(path);
  if (text === undefined) {
    text = readFile(path, 'utf8').catch((error: unknown) => {
      // A missing file stays missing until it is written: do not cache the failure.
      texts.delete(path);
      throw new DbError('SF_DB_QUERY_UNKNOWN', `${name}: ${path}`, { cause: error });
    });
    texts.set(path, text);
  }
  return text;
}

export function createSqlRunner<Name extends string = string>(options: SqlRunnerOptions): SqlRunner<Name> {
  const dirUrl = typeof options.dir === 'string' ? options.dir : fileURLToPath(options.dir);
  const dir = dirUrl.endsWith('/') ? dirUrl : `${dirUrl}/`;
  const namePattern = options.namePattern ?? SNAKE_CASE;
  const load = (name: Name): Promise<string> => {
    if (!namePattern.test(name)) return Promise.reject(new DbError('SF_DB_QUERY_NAME', name));
    return readOnce(`${dir}${name}.sql`, name);
  };
  return {
    dir,
    load,
    async run<T>(db: Queryable, name: Name, params: readonly unknown[] = []) {
      return db.query<T>(await load(name), params);
    },
    async exec(db, name) {
      await db.exec(await load(name));
    },
  };
}
