// Fair share across users: each chunk of a claim batch goes to the user with the fewest
// chunks in flight (ties: the one served longest ago), then to that user's oldest job with
// work for the asking node. A user with one huge job and a user with a small one get equal
// shares of the nodes, so the small job is not starved.

import type { JobRuntime } from './job-runtime.ts';
import type { Worker } from './version-pin.ts';

interface UserShare {
  inFlight: number;
  lastServedSeq: number;
  /** Oldest first. */
  jobs: JobRuntime[];
}

export class FairShare {
  private readonly users = new Map<string, UserShare>();
  private serveSeq = 0;

  add(job: JobRuntime): void {
    let share = this.users.get(job.userId);
    if (share === undefined) {
      share = { inFlight: 0, lastServedSeq: 0, jobs: [] };
      this.users.set(job.userId, share);
    }
    share.jobs.push(job);
  }

  /** The job leaves with whatever it still had in flight. */
  remove(job: JobRuntime): void {
    const share = this.users.get(job.userId);
    if (share === undefined) return;
    share.jobs = share.jobs.filter((j) => j !== job);
    share.inFlight -= job.inFlight.size;
    if (share.jobs.length === 0) this.users.delete(job.userId);
  }

  /** Chunks of `job`'s user issued (positive) or back from nodes (negative). */
  count(job: JobRuntime, chunks: number): void {
    this.users.get(job.userId)!.inFlight += chunks;
  }

  pick(worker: Worker): JobRuntime | undefined {
    let best: UserShare | undefined;
    let bestJob: JobRuntime | undefined;
    for (const share of this.users.values()) {
      if (
        best !== undefined &&
        (share.inFlight > best.inFlight ||
          (share.inFlight === best.inFlight && share.lastServedSeq >= best.lastServedSeq))
      ) {
        continue;
      }
      const job = share.jobs.find((j) => j.hasWorkFor(worker));
      if (job === undefined) continue;
      best = share;
      bestJob = job;
    }
    if (best !== undefined) best.lastServedSeq = ++this.serveSeq;
    return bestJob;
  }
}
