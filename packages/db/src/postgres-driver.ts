import pg from 'pg';
import { DbError } from './errors.ts';
import { ListenConnection } from './listen-connection.ts';
import { INT8_OID, parseInt8 } from './type-parsers.ts';
import type { Database, NotificationHandler, Queryable, QueryResult, Unlisten } from './types.ts';

export interface PostgresDriverOptions {
  url: string;
  /** Shown in pg_stat_activity; the LISTEN connection is `<applicationName>:listen`. */
  applicationName: string;
  /** Pooled connections for queries and transactions (the LISTEN connection is extra). */
  poolSize: number;
  reconnectInitialMs: number;
  reconnectMaxMs: number;
  /** Errors of idle or listening connections, which have no caller to throw to. */
  onError: (error: Error) => void;
}

const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID && format !== 'binary') return parseInt8;
    return format === 'binary' ? pg.types.getTypeParser(oid, 'binary') : pg.types.getTypeParser(oid, 'text');
  },
};

function toResult<T>(result: pg.QueryResult): QueryResult<T> {
  return { rows: result.rows as T[], rowCount: result.rowCount ?? result.rows.length };
}

function queryable(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<T>(sql: string, params: readonly unknown[] = []) {
      return toResult<T>(await client.query(sql, params as unknown[]));
    },
    async exec(sql: string) {
      // Without parameters pg uses the simple protocol, which accepts several statements.
      await client.query(sql);
    },
  };
}

/** A real Postgres server through `pg`: a pool for queries plus one LISTEN connection. */
export function openPostgres(options: PostgresDriverOptions): Database {
  const config: pg.ClientConfig = { connectionString: options.url, types, keepAlive: true };
  const pool = new pg.Pool({ ...config, application_name: options.applicationName, max: options.poolSize });
  // The pool drops a dead idle client by itself; without a listener the error would crash.
  pool.on('error', (error) => options.onError(error));
  const reconnectCallbacks = new Set<() => void>();
  const listener = new ListenConnection({
    connect: () => new pg.Client({ ...config, application_name: `${options.applicationName}:listen` }),
    reconnectInitialMs: options.reconnectInitialMs,
    reconnectMaxMs: options.reconnectMaxMs,
    onError: options.onError,
    onReconnect: () => {
      for (const callback of reconnectCallbacks) callback();
    },
  });
  const direct = queryable(pool);
  let closed = false;

  const guard = () => {
    if (closed) throw new DbError('SF_DB_CLOSED');
  };

  return {
    kind: 'postgres',
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
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const value = await fn(queryable(client));
        await client.query('COMMIT');
        return value;
      } catch (error) {
        // A failed ROLLBACK means the connection itself is gone: do not return it to the pool.
        await client.query('ROLLBACK').catch((rollbackError: Error) => {
          broken = rollbackError;
        });
        throw error;
      } finally {
        client.release(broken);
      }
    },
    async listen(channel: string, handler: NotificationHandler): Promise<Unlisten> {
      guard();
      return listener.listen(channel, handler);
    },
    onReconnect(callback: () => void) {
      reconnectCallbacks.add(callback);
      return () => reconnectCallbacks.delete(callback);
    },
    async close() {
      if (closed) return;
      closed = true;
      reconnectCallbacks.clear();
      await listener.close();
      await pool.end();
    },
  };
}
