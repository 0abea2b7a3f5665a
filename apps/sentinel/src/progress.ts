// Live progress without table writes: NOTIFY job_progress, at most once per job per tick
// (the tick is progressIntervalMs, about a second), and only for jobs that moved.

import type { JobProgressNotice } from '@simforge/common';
import { type Database, runQuery } from '@simforge/db';
import type { JobRuntime } from './runtime/job-runtime.ts';

export class ProgressReporter {
  private readonly lastSent = new Map<string, number>();

  constructor(private readonly db: Database) {}

  /** One tick: notify for every active job whose iterationsDone changed since the last tick. */
  async tick(jobs: Iterable<JobRuntime>): Promise<number> {
    const active = new Set<string>();
    const payloads: JobProgressNotice[] = [];
    for (const job of jobs) {
      active.add(job.jobId);
      if (this.lastSent.get(job.jobId) === job.iterationsDone) continue;
      this.lastSent.set(job.jobId, job.iterationsDone);
      payloads.push({
        id: job.jobId,
        userId: job.userId,
        iterationsDone: job.iterationsDone,
        iterationsTarget: job.plan.iterationCap,
      });
    }
    for (const id of this.lastSent.keys()) if (!active.has(id)) this.lastSent.delete(id);
    for (const payload of payloads) {
      await runQuery(this.db, 'sentinel_job_progress', [JSON.stringify(payload)]);
    }
    return payloads.length;
  }
}
