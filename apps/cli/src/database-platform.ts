// LocalPlatform straight on a database, as one user: planJob validates and plans the profile
// (the same plan `simforge sim` runs, so the bytes match) and the nodes' whole check runs
// against the imported game data before the insert, which runs as that user under row-level
// security; progress arrives by NOTIFY.
import type { Database } from '@simforge/db';
import { checkProfileWithData, type ProfileCheck, planJob } from '@simforge/engine';
import { GameDataError, userBundleLoader } from '@simforge/gamedata';
import { cancelJob, insertJob, watchJob } from './local-jobs.ts';
import type { LocalPlatform } from './local-platform.ts';
import { claimNode, relinkNode } from './node-links.ts';

/** Fallback poll for the job's terminal state; job_status notifications usually come first. */
const WATCH_POLL_MS = 2_000;

export function databasePlatform(db: Database, userId: string): LocalPlatform {
  return {
    async submit(request) {
      const planned = planJob(
        request.profile,
        { iterations: request.iterations, targetErrorPct: request.targetErrorPct, seed: request.seed },
        // The sentinel and the nodes run profilesets: the same plan as simforge sim's.
        { profilesets: true },
      );
      if (!planned.ok) return refused(planned.errors);
      // What the nodes will check, so a job that is inserted cannot fail for its profile.
      const checked = await checkWithData(db, userId, planned.simConfig.profile);
      if (checked && !checked.ok) return refused(checked.errors);
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

function refused(errors: ReadonlyArray<{ code: string; line: number; column: number; message: string }>) {
  return {
    ok: false as const,
    errors: errors.map(({ code, line, column, message }) => ({ code, line, column, message })),
  };
}

/** Null while no game data is imported (the sentinel then runs the job unpinned). */
async function checkWithData(db: Database, userId: string, profile: string): Promise<ProfileCheck | null> {
  try {
    return await checkProfileWithData(profile, userBundleLoader(db, userId));
  } catch (error) {
    if (error instanceof GameDataError && error.code === 'SF_GAMEDATA_NO_PATCH') return null;
    throw error;
  }
}
