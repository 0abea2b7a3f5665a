// SQL only the CLI's tests run (planting nodes in states the platform reaches slowly), kept
// out of the shipped query directories.
import { createSqlRunner } from '@simforge/db';

export const testQueries = createSqlRunner({ dir: new URL('../queries/', import.meta.url) });
