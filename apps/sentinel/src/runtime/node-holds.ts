// The claims one node holds, grouped by job: the capacity check reads `size`, and release and
// heartbeat walk them. Keyed by runtime object and chunk number, so the claim/complete hot
// path builds no strings.

import type { JobRuntime } from './job-runtime.ts';

export class NodeHolds {
  size = 0;
  private readonly byJob = new Map<JobRuntime, Set<number>>();

  add(job: JobRuntime, chunkIndex: number): void {
    let chunks = this.byJob.get(job);
    if (chunks === undefined) {
      chunks = new Set();
      this.byJob.set(job, chunks);
    }
    chunks.add(chunkIndex);
    this.size++;
  }

  delete(job: JobRuntime, chunkIndex: number): boolean {
    const chunks = this.byJob.get(job);
    if (chunks === undefined || !chunks.delete(chunkIndex)) return false;
    if (chunks.size === 0) this.byJob.delete(job);
    this.size--;
    return true;
  }

  has(jobId: string, chunkIndex: number): JobRuntime | undefined {
    for (const [job, chunks] of this.byJob) if (job.jobId === jobId && chunks.has(chunkIndex)) return job;
    return undefined;
  }

  /** A snapshot, safe to iterate while releasing. */
  list(): { job: JobRuntime; chunkIndex: number }[] {
    const out: { job: JobRuntime; chunkIndex: number }[] = [];
    for (const [job, chunks] of this.byJob) for (const chunkIndex of chunks) out.push({ job, chunkIndex });
    return out;
  }
}
