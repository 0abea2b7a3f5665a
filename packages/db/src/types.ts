/** One result shape for both drivers; `rowCount` is rows affected (DML) or returned (SELECT). */
export interface QueryResult<T> {
  rows: T[];
  rowCount: number;
}

/** What a query can run on: the database itself or an open transaction. */
export interface Queryable {
  /** One statement with positional parameters (`$1`, `$2`, ...). */
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
  /** A script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export type NotificationHandler = (payload: string) => void;
export type Unlisten = () => Promise<void>;

export type DriverKind = 'postgres' | 'pglite';

/**
 * The small interface every part talks to, whether the database is a real Postgres server
 * or PGlite embedded in this process.
 */
export interface Database extends Queryable {
  readonly kind: DriverKind;
  /**
   * Runs `fn` in one transaction: committed when it resolves, rolled back when it throws.
   * Inside `fn` use only `tx`: PGlite has a single connection, so a query on the database
   * itself would wait for the transaction that is waiting for it.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Subscribes to a NOTIFY channel; resolves once the server is listening. */
  listen(channel: string, handler: NotificationHandler): Promise<Unlisten>;
  /**
   * Called after the LISTEN connection came back from a loss. Notifications sent while it
   * was down are gone, so owners sweep for what they missed. Never fires on PGlite, which
   * has no connection to lose. Returns a function that removes the callback.
   */
  onReconnect(callback: () => void): () => void;
  close(): Promise<void>;
}
