// A driver wrapper that records every statement it runs (transactions included), so a test can
// count the statements that write public.jobs without mocking the database.

import type { Database, Queryable } from '@simforge/db';

function wrap(target: Queryable, log: string[]): Queryable {
  return {
    query: (sql, params) => {
      log.push(sql);
      return target.query(sql, params);
    },
    exec: (sql) => {
      log.push(sql);
      return target.exec(sql);
    },
  };
}

export function countingDatabase(db: Database): { db: Database; statements: string[] } {
  const statements: string[] = [];
  const inner = wrap(db, statements);
  const counted: Database = {
    kind: db.kind,
    query: inner.query,
    exec: inner.exec,
    transaction: (fn) => db.transaction((tx) => fn(wrap(tx, statements))),
    listen: (channel, handler) => db.listen(channel, handler),
    onReconnect: (callback) => db.onReconnect(callback),
    close: () => db.close(),
  };
  return { db: counted, statements };
}

/** Statements that write public.jobs, comments stripped. */
export function jobWrites(statements: readonly string[]): string[] {
  return statements
    .map((sql) => sql.replace(/--[^\n]*\n/g, '').trim())
    .filter((sql) => /^(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+public\.jobs\b/i.test(sql));
}
