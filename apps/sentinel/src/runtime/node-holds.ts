// The claims one node holds, grouped by job, and the runs they belong to: the capacity check
// reads `runs` (one per busy worker slot), the chunks-in-flight gauge reads `size`, and
// release and heartbeat walk them. Keyed by runtime object and chunk number, so the
// claim/complete hot path builds no strings.

import type { JobRuntime } from './job-runtime.ts';

/** One run: the chunks one worker slot was given in one claim (run-sizing.ts). */
export interface HeldRun {
  issuedAtMs: number;
  /**
   * When the node could start it: its issue when a slot was free, else when a run ahead of it
   * ended (the node runs a slot's runs one after another). Undefined while it waits.
   */
  startedAtMs: number | undefined;
  iterations: number;
  /** Chunks of the run still held. */
  remaining: number;
  /** False once a chunk of it ended other than by an accepted result: its time says nothing. */
  whole: boolean;
}

export class NodeHolds {
  /** Chunks held. */
  size = 0;
  /** Runs with a chunk still held. */
  runs = 0;
  private readonly byJob = new Map<JobRuntime, Map<number, HeldRun>>();
  /** Runs issued while every slot was busy, oldest first. */
  private readonly queued: HeldRun[] = [];

  /** A new run, before its chunks are added: it starts now if one of `slots` is free. */
  begin(run: HeldRun, slots: number, nowMs: number): void {
    if (this.runs < slots) run.startedAtMs = nowMs;
    else this.queued.push(run);
  }

  add(job: JobRuntime, chunkIndex: number, run: HeldRun): void {
    let chunks = this.byJob.get(job);
    if (chunks === undefined) {
      chunks = new Map();
      this.byJob.set(job, chunks);
    }
    chunks.set(chunkIndex, run);
    if (run.remaining === 0) this.runs++;
    run.remaining++;
    this.size++;
  }

  /**
   * Drops a held chunk; `accepted` says it ended with an accepted result. Returns its run when
   * this was the run's last chunk, else undefined.
   */
  delete(job: JobRuntime, chunkIndex: number, nowMs: number, accepted = false): HeldRun | undefined {
    const chunks = this.byJob.get(job);
    const run = chunks?.get(chunkIndex);
    if (chunks === undefined || run === undefined) return undefined;
    chunks.delete(chunkIndex);
    if (chunks.size === 0) this.byJob.delete(job);
    this.size--;
    if (!accepted) run.whole = false;
    run.remaining--;
    if (run.remaining > 0) return undefined;
    this.runs--;
    if (run.startedAtMs === undefined) {
      // It ended while waiting (released, reclaimed, its job gone): no slot freed.
      const at = this.queued.indexOf(run);
      if (at >= 0) this.queued.splice(at, 1);
      return run;
    }
    // Its slot takes the oldest run still waiting.
    for (let next = this.queued.shift(); next !== undefined; next = this.queued.shift()) {
      if (next.remaining > 0) {
        next.startedAtMs = nowMs;
        break;
      }
    }
    return run;
  }

  has(jobId: string, chunkIndex: number): JobRuntime | undefined {
    for (const [job, chunks] of this.byJob) if (job.jobId === jobId && chunks.has(chunkIndex)) return job;
    return undefined;
  }

  /** A snapshot, safe to iterate while releasing. */
  list(): { job: JobRuntime; chunkIndex: number }[] {
    const out: { job: JobRuntime; chunkIndex: number }[] = [];
    for (const [job, chunks] of this.byJob)
      for (const chunkIndex of chunks.keys()) out.push({ job, chunkIndex });
    return out;
  }
}
