// LocalPlatform straight on a database, as one user: planJob validates and plans the profile
// (the same plan `simforge sim` runs, so the bytes match), the insert runs as that user under
// row-level security, progress arrives by NOTIFY.
import type { Database } from '@simforge/db';
import { planJob } from '@simforge/engine';
import { cancelJob, insertJob, watchJob } from './local-jobs.ts';
import type { LocalPlatform } from './local-platform.ts';
import { claimNode, relinkNode } from './node-links.ts';

/** Fallback poll for the job's terminal state; job_status notifications usually come first. */
const WATCH_POLL_MS = 2_000;

export function databasePlatform(db: Database, userId: string): LocalPlatform {
  return {
    async submit(request) {
      const planned = planJob(request.profile, {
        iterations: request.iterations,
        targetErrorPct: request.targetErrorPct,
        seed: request.seed,
      });
      if (!planned.ok) {
        return {
          ok: false,
          errors: planned.errors.map((e) => ({
            code: e.code,
            line: e.line,
            column: e.column,
            message: e.message,
          })),
        };
      }
      const jobId = await insertJob(db, userId, planned);
      const strategy = planned.sentinelConfig.strategy;
      return {
        ok: true,
        jobId,
        iterationsTarget: strategy.kind === 'fixed' ? strategy.iterations : strategy.maxIterations,
      };
    },
    watch: (jobId, onProgress, signal) =>
      watchJob(db, userId, jobId, { onProgress, pollMs: WATCH_POLL_MS, signal }),
    cancel: (jobId) => cancelJob(db, userId, jobId),
    claimNode: (code) => claimNode(db, userId, code),
    relinkNode: (nodeId) => relinkNode(db, userId, nodeId),
  };
}
