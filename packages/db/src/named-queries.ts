import { createSqlRunner } from './sql-runner.ts';

/** `packages/db/queries/`: one file per database operation, named for what it does. */
const namedQueries = createSqlRunner({ dir: new URL('../queries/', import.meta.url) });

export const QUERIES_DIR = namedQueries.dir;

/** The text of `queries/<name>.sql`, read from disk once per process. */
export const loadQuery = namedQueries.load;

/** Runs `queries/<name>.sql` with positional parameters on the database or a transaction. */
export const runQuery = namedQueries.run;
