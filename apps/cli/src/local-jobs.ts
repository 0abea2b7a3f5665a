// What `simforge submit` does to the database, as the local user under row-level security:
// insert a planned job, watch it to the end, cancel it. (Nodes: node-links.ts.)
// Used directly when the CLI has a database URL, and by the control API inside
// `simforge start` when the database is the embedded PGlite that only that process can open.
import { setTimeout as sleep } from 'node:timers/promises';
import type { JobProgress, JobProgressNotice, JobStatus, JobStatusNotice } from '@simforge/common';
import { asUser, type Database, runQuery } from '@simforge/db';
import { runCliQuery } from './cli-queries.ts';

export interface FinishedJob {
  id: string;
  status: 'completed' | 'failed';
  meta: Record<string, unknown>;
  /** bytea as hex text (`\x...`), what decodeJobResult accepts; null for a failed job. */
  resultHex: string | null;
  timelineHex: string | null;
}

interface JobRow {
  id: string;
  status: JobStatus;
  meta: Record<string, unknown> | null;
  result_pb: Uint8Array | null;
  timeline_pb: Uint8Array | null;
}

function toHex(bytes: Uint8Array | null): string | null {
  return bytes === null ? null : `\\x${Buffer.from(bytes).toString('hex')}`;
}

/** Inserts a job as `userId`; sim_config and sentinel_config come from the engine's planJob. */
export async function insertJob(
  db: Database,
  userId: string,
  planned: { simConfig: unknown; sentinelConfig: unknown },
): Promise<string> {
  const { rows } = await asUser(db, userId, (tx) =>
    runQuery<{ id: string }>(tx, 'studio_jobs_insert', [
      JSON.stringify(planned.simConfig),
      JSON.stringify(planned.sentinelConfig),
    ]),
  );
  const id = rows[0]?.id;
  if (!id) throw new Error('the job insert returned no row');
  return id;
}

export async function readJob(db: Database, userId: string, jobId: string): Promise<JobRow | null> {
  const { rows } = await asUser(db, userId, (tx) => runQuery<JobRow>(tx, 'studio_jobs_get', [jobId]));
  return rows[0] ?? null;
}

/**
 * Resolves when the job is completed or failed. Progress comes from the sentinel's
 * `job_progress` notifications (no table writes while a job runs); the terminal state is read
 * from the row when `job_status` says it changed, and on a slow poll besides, because a
 * notification sent while the listener was reconnecting is lost.
 */
export async function watchJob(
  db: Database,
  userId: string,
  jobId: string,
  options: { onProgress: (progress: JobProgress) => void; pollMs: number; signal?: AbortSignal },
): Promise<FinishedJob> {
  let wake: (() => void) | undefined;
  const unlistenProgress = await db.listen('job_progress', (payload) => {
    const event = parseNotification(payload);
    if (event?.id === jobId && typeof event.iterationsDone === 'number') {
      options.onProgress({
        iterationsDone: event.iterationsDone,
        iterationsTarget: typeof event.iterationsTarget === 'number' ? event.iterationsTarget : 0,
      });
    }
  });
  const unlistenStatus = await db.listen('job_status', (payload) => {
    if (parseNotification(payload)?.id === jobId) wake?.();
  });
  try {
    for (;;) {
      const row = await readJob(db, userId, jobId);
      if (!row) throw new Error(`job ${jobId} does not exist or belongs to another user`);
      if (row.status === 'completed' || row.status === 'failed') {
        return {
          id: row.id,
          status: row.status,
          meta: row.meta ?? {},
          resultHex: toHex(row.result_pb),
          timelineHex: toHex(row.timeline_pb),
        };
      }
      const woken = new Promise<void>((resolve) => {
        wake = resolve;
      });
      await Promise.race([woken, sleep(options.pollMs, undefined, { signal: options.signal })]);
      options.signal?.throwIfAborted();
    }
  } finally {
    await unlistenProgress();
    await unlistenStatus();
  }
}

/** Either notice, each field still to be checked: the payload is only as good as its sender. */
type Notice = Partial<Record<keyof (JobProgressNotice & JobStatusNotice), unknown>>;

function parseNotification(payload: string): Notice | null {
  try {
    const parsed: unknown = JSON.parse(payload);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Notice) : null;
  } catch {
    // A malformed payload from another writer is not ours to fail on.
    return null;
  }
}

/** Cancels the user's own pending or running job; false when it had already ended. */
export async function cancelJob(db: Database, userId: string, jobId: string): Promise<boolean> {
  const { rows } = await asUser(db, userId, (tx) =>
    runCliQuery<{ cancelled: boolean }>(tx, 'jobs_cancel', [jobId]),
  );
  return rows[0]?.cancelled === true;
}
