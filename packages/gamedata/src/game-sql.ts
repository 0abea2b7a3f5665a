import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Queryable, QueryResult } from '@simforge/db';

/** `packages/gamedata/sql/`: one file per game-schema operation, named for what it does. */
export const GAME_SQL_DIR = fileURLToPath(new URL('../sql/', import.meta.url));

const NAME = /^game_[a-z0-9_]+$/;
const cache = new Map<string, Promise<string>>();

function loadGameSql(name: string): Promise<string> {
  if (!NAME.test(name)) return Promise.reject(new Error(`not a game query name: ${name}`));
  let text = cache.get(name);
  if (!text) {
    text = readFile(`${GAME_SQL_DIR}${name}.sql`, 'utf8');
    text.catch(() => cache.delete(name));
    cache.set(name, text);
  }
  return text;
}

/** Runs `sql/<name>.sql` with positional parameters. */
export async function runGameSql<T = Record<string, unknown>>(
  db: Queryable,
  name: string,
  params: readonly unknown[] = [],
): Promise<QueryResult<T>> {
  return db.query<T>(await loadGameSql(name), params);
}

/** Runs a multi-statement `sql/<name>.sql` without parameters. */
export async function execGameSql(db: Queryable, name: string): Promise<void> {
  await db.exec(await loadGameSql(name));
}
