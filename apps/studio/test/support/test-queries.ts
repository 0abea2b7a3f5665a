// SQL only the studio's tests run (reading state the API does not expose, planting rows), kept
// out of packages/db/queries so the shipped query directory holds production SQL only.
import { createSqlRunner } from '@simforge/db';

export const testQueries = createSqlRunner({ dir: new URL('../queries/', import.meta.url) });
