// The CLI's own named queries (apps/cli/queries/*.sql): the few statements only the local
// platform needs (find the local user, claim a node by code, re-link a quarantined node,
// cancel a job), run by the
// database package's SQL runner like every other query directory.
import { createSqlRunner } from '@simforge/db';

export type CliQueryName = 'local_user_find' | 'nodes_claim' | 'nodes_relink' | 'jobs_cancel';

const cliQueries = createSqlRunner<CliQueryName>({ dir: new URL('../queries/', import.meta.url) });

export const runCliQuery = cliQueries.run;
