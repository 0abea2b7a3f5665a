/**
 * Stable error codes of the database package. Postgres errors pass through untouched
 * (match their SQLSTATE in `code`); these are the package's own failures.
 */
export const DB_ERRORS = {
  DB_ERR_QUERY_UNKNOWN: 'No named query file packages/db/queries/<name>.sql exists for this name.',
  DB_ERR_QUERY_NAME: 'Named queries are lowercase snake_case file names without the .sql extension.',
  DB_ERR_CHANNEL_NAME: 'NOTIFY channels are lowercase snake_case identifiers.',
  DB_ERR_MIGRATION_CHANGED:
    'A migration that was already applied has different contents now; add a new migration instead.',
  DB_ERR_MIGRATION_FAILED: 'A migration file failed; its transaction was rolled back.',
  DB_ERR_CLOSED: 'The database was closed.',
} as const;

export type DbErrorCode = keyof typeof DB_ERRORS;

export class DbError extends Error {
  readonly code: DbErrorCode;

  constructor(code: DbErrorCode, detail?: string, options?: { cause?: unknown }) {
    super(detail ? `${DB_ERRORS[code]} (${detail})` : DB_ERRORS[code], options);
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
  if (!CHANNEL.test(channel)) throw new DbError('DB_ERR_CHANNEL_NAME', channel);
}
