import { PGlite, type Results, type Transaction } from '@electric-sql/pglite';
import { assertChannelName, DbError } from './errors.ts';
import { INT8_OID, parseInt8 } from './type-parsers.ts';
import type { Database, NotificationHandler, Queryable, QueryResult, Unlisten } from './types.ts';

export interface PgliteDriverOptions {
  /** Directory the database persists to; in memory when absent. */
  dataDir?: string;
  /** A tarball from `dumpDataDir` to start from (tests clone a migrated template this way). */
  loadDataDir?: Blob | File;
}

function toResult<T>(result: Results<T>): QueryResult<T> {
  // PGlite counts rows affected by DML in affectedRows and leaves it 0 for SELECT.
  return { rows: result.rows, rowCount: result.affectedRows || result.rows.length };
}

function queryable(target: PGlite | Transaction): Queryable {
  return {
    async query<T>(sql: string, params: readonly unknown[] = []) {
      return toResult(await target.query<T>(sql, params as unknown[]));
    },
    async exec(sql: string) {
      await target.exec(sql);
    },
  };
}

/**
 * Embedded Postgres (PGlite) in this process. One connection, serialized by PGlite itself;
 * LISTEN/NOTIFY works within the process, which is all `simforge start` needs since the
 * sentinel and the studio server share this one instance.
 */
export async function openPglite(options: PgliteDriverOptions = {}): Promise<Database & { pglite: PGlite }> {
  const pglite = await PGlite.create(options.dataDir, {
    parsers: { [INT8_OID]: parseInt8 },
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
  });
  const direct = queryable(pglite);
  const guard = () => {
    if (pglite.closed) throw new DbError('SF_DB_CLOSED');
  };

  return {
    kind: 'pglite',
    pglite,
    async query<T>(sql: string, params?: readonly unknown[]) {
      guard();
      return direct.query<T>(sql, params);
    },
    async exec(sql: string) {
      guard();
      return direct.exec(sql);
    },
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      guard();
      return pglite.transaction((tx) => fn(queryable(tx)));
    },
    async listen(channel: string, handler: NotificationHandler): Promise<Unlisten> {
      assertChannelName(channel);
      guard();
      const unlisten = await pglite.listen(channel, handler);
      return async () => {
        if (!pglite.closed) await unlisten();
      };
    },
    onReconnect() {
      // Nothing to lose in-process, so nothing to report.
      return () => undefined;
    },
    async close() {
      if (!pglite.closed) await pglite.close();
    },
  };
}
