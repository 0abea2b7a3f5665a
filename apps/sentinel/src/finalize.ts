// finalize_job and the failure path: the only two writes a job's runtime ever causes.
// finalizeJob encodes the prefix the strategy accepted (already merged in chunk order) into
// result_pb/timeline_pb and runs jobs_finalize.sql; the nodes' contribution counters are
// bumped in the same transaction (public.nodes, not public.jobs). result_pb carries no run
// metadata (only the talents and warnings read at admission, as `simforge sim` records them), so it is
// byte-identical to a local `simforge sim` of the same config; how the run went (wall time,
// chunks, nodes) goes to `meta`.

import {
  encodeJobResult,
  encodeJobTimeline,
  profilesetResults,
  type VariantSums,
  welfordView,
} from '@simforge/common';
import { type Database, type Queryable, runQuery } from '@simforge/db';
import type { Clock } from './clock.ts';
import type { Logger } from './logger.ts';
import type { JobRuntime } from './runtime/job-runtime.ts';
import type { JobSink } from './runtime/runtime-store.ts';

export interface JobSinkOptions {
  db: Database;
  clock: Clock;
  logger: Logger;
  /** Called once a job's terminal write is done (or given up), so metrics and waiters can see it. */
  onSettled?: (jobId: string, status: 'completed' | 'failed') => void;
  /** Back-off between retries of a terminal write the database refused. */
  retryDelaysMs?: readonly number[];
}

export function finalizeMeta(job: JobRuntime, nowMs: number): Record<string, unknown> {
  const view = welfordView(job.prefix.toPartial());
  return {
    iterations: job.prefix.iterations,
    chunks: job.prefixChunks,
    wallTimeMs: nowMs - job.startedAtMs,
    strategy: job.sentinelConfig.strategy.kind,
    engineBuild: job.pin?.engineBuild ?? null,
    gamedataPatch: job.pin?.gamedataPatch ?? null,
    dpsMean: view.mean,
    dpsHalfWidth95: view.halfWidth95,
    // How each chunk of the result came to be trusted (docs/sentinel.md, "Verification").
    verification: job.verificationSummary(),
    nodes: [...job.contributions()]
      .map(([publicKey, c]) => ({
        publicKey,
        chunks: c.chunks,
        iterations: c.iterations,
        unverifiedChunks: c.unverifiedChunks,
      }))
      .sort((a, b) => (a.publicKey < b.publicKey ? -1 : 1)),
  };
}

/** A profileset job's variants, named as its text names them (what `simforge sim` writes too). */
function profilesetsOf(job: JobRuntime, variants: readonly VariantSums[] | undefined) {
  if (job.variants.length === 0) return {};
  return { profilesets: profilesetResults(job.variants, variants, job.raceStops) };
}

export async function finalizeJob(db: Database, job: JobRuntime, nowMs: number): Promise<boolean> {
  // Buffers, not bare Uint8Arrays: pg serializes only Buffers as bytea (PGlite takes both).
  const merged = job.prefix.toPartial();
  const resultPb = Buffer.from(
    encodeJobResult(merged, { ...job.profileReport, ...profilesetsOf(job, merged.variants) }),
  );
  const timelinePb = Buffer.from(encodeJobTimeline(merged.timeline));
  const meta = finalizeMeta(job, nowMs);
  return db.transaction(async (tx) => {
    const { rows } = await runQuery(tx, 'jobs_finalize', [
      job.jobId,
      JSON.stringify(meta),
      resultPb,
      timelinePb,
    ]);
    if (rows.length === 0) return false;
    await addContributions(tx, job.contributions());
    return true;
  });
}

/** Adds a finalized job's work to its nodes' counters, in one statement (no deadlocks: see the SQL). */
export async function addContributions(
  tx: Queryable,
  contributions: ReadonlyMap<string, { iterations: number; chunks: number }>,
): Promise<void> {
  if (contributions.size === 0) return;
  const list = [...contributions];
  await runQuery(tx, 'nodes_add_contributions', [
    list.map(([key]) => key),
    list.map(([, c]) => c.iterations),
    list.map(([, c]) => c.chunks),
  ]);
}

export function createJobSink(options: JobSinkOptions): JobSink & { idle(): Promise<void> } {
  const { db, clock, logger } = options;
  const delays = options.retryDelaysMs ?? [500, 2_000, 5_000, 15_000];
  const inFlight = new Set<Promise<void>>();

  const retrying = (
    what: string,
    job: JobRuntime,
    write: () => Promise<boolean>,
    status: 'completed' | 'failed',
  ) => {
    const run = (async () => {
      for (let attempt = 0; ; attempt++) {
        try {
          const changed = await write();
          logger.log('info', what, { jobId: job.jobId, changed });
          break;
        } catch (error) {
          const delay = delays[attempt];
          logger.log(delay === undefined ? 'error' : 'warn', `${what}_error`, {
            jobId: job.jobId,
            attempt: attempt + 1,
            message: (error as Error).message,
          });
          if (delay === undefined) break;
          await new Promise((resolve) => setTimeout(resolve, delay));
        }
      }
      options.onSettled?.(job.jobId, status);
    })();
    inFlight.add(run);
    void run.finally(() => inFlight.delete(run));
  };

  return {
    finalize(job) {
      retrying('job_finalized', job, () => finalizeJob(db, job, clock.now()), 'completed');
    },
    fail(job, reason) {
      const detail = { detail: reason, iterationsDone: job.iterationsDone };
      retrying(
        'job_failed',
        job,
        async () =>
          (await runQuery(db, 'reclaim_mark_failed', [job.jobId, 'chunk_failed', JSON.stringify(detail)]))
            .rows.length > 0,
        'failed',
      );
    },
    /** Resolves when every terminal write started so far has settled (tests, shutdown). */
    async idle() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
}
