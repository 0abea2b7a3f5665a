// SQL only the sentinel's tests run (cutting its LISTEN connection), kept out of
// packages/db/queries so the shipped query directory holds production SQL only.
import { createSqlRunner } from '@simforge/db';

export const testQueries = createSqlRunner({ dir: new URL('../queries/', import.meta.url) });
