export { DB_ERRORS, DbError, type DbErrorCode, sqlState } from './errors.ts';
export { MIGRATIONS_DIR, type MigrateOptions, migrate } from './migrate.ts';
export { loadQuery, QUERIES_DIR, runQuery } from './named-queries.ts';
export { DATABASE_DEFAULTS, type OpenDatabaseOptions, openDatabase } from './open-database.ts';
export { openPglite, type PgliteDriverOptions } from './pglite-driver.ts';
export { openPostgres, type PostgresDriverOptions } from './postgres-driver.ts';
export { asAnon, asUser } from './roles.ts';
export { createSqlRunner, type SqlRunner, type SqlRunnerOptions } from './sql-runner.ts';
export type {
  Database,
  DriverKind,
  NotificationHandler,
  Queryable,
  QueryResult,
  Unlisten,
} from './types.ts';
