/**
 * Stable error codes of the database package. Postgres errors pass through untouched
 * (match their SQLSTATE in `code`); these are the package's own failures.
 */
import { defineErrorRegistry } from '@simforge/common';

export const DB_ERRORS = defineErrorRegistry('db', {
  SF_DB_QUERY_UNKNOWN: { message: 'No <name>.sql file exists in the query directory for this name.' },
  SF_DB_QUERY_NAME: {
    message: 'Not a query name of this directory (lowercase snake_case, without the .sql extension).',
  },
  SF_DB_CHANNEL_NAME: { message: 'NOTIFY channels are lowercase snake_case identifiers.' },
  SF_DB_MIGRATION_CHANGED: {
    message: 'A migration that was already applied has different contents now; add a new migration instead.',
  },
  SF_DB_MIGRATION_FAILED: { message: 'A migration file failed; its transaction was rolled back.' },
  SF_DB_CLOSED: { message: 'The database was closed.' },
});

export type DbErrorCode = keyof typeof DB_ERRORS;

export class DbError extends Error {
  readonly code: DbErrorCode;

  constructor(code: DbErrorCode, detail?: string, options?: { cause?: unknown }) {
    super(detail ? `${DB_ERRORS[code].message} (${detail})` : DB_ERRORS[code].message, options);
    this.name = 'DbError';
    this.code = code;
  }
}

/** The SQLSTATE of a Postgres error from either driver, or undefined for anything else. */
export function sqlState(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

const CHANNEL = /^[a-z_][a-z0-9_]*$/;

/** Both drivers LISTEN by identifier; a strict shape keeps quoting rules identical. */
export function assertChannelName(channel: string): void {
  if (!CHANNEL.test(channel)) throw new DbError('SF_DB_CHANNEL_NAME', channel);
}
