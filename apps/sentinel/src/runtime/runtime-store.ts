// The runtime store: every active JobRuntime and every node's claims, in one process's memory.
// claimBatch, complete, fail, release and reclaimStale are hash-map mutations, never database
// round trips (the spec's trade); the store hands finished and failed jobs to a JobSink, which
// does the job's only writes (jobs_finalize.sql / reclaim_mark_failed.sql).
//
// Fair share: each chunk of a batch goes to the user with the fewest chunks in flight (ties:
// the one served longest ago), then to that user's oldest job with work. A user with one huge
// job and a user with a small one get equal shares of the nodes, so the small job is not
// starved. Reclaims come before new chunks within a job so the completed prefix can advance.

import type { ChunkPartial, ClaimedChunk, ClaimRef } from '@simforge/common';
import type { Clock } from '../clock.ts';
import type { JobRuntime } from './job-runtime.ts';
import { NodeHolds } from './node-holds.ts';

export interface JobSink {
  /** The strategy is satisfied: write the result. The runtime is already out of the store. */
  finalize(runtime: JobRuntime): void;
  /** The job cannot finish (poison chunk): mark it failed with `reason`. */
  fail(runtime: JobRuntime, reason: string): void;
}

/** Returns null when the partial is plausible for `expectedIterations`, else why not. */
export type PartialCheck = (partial: ChunkPartial, expectedIterations: number) => { message: string } | null;

export interface RuntimeStoreOptions {
  clock: Clock;
  leaseMs: number;
  /** Failed or expired attempts of one chunk that fail its job. */
  maxChunkAttempts: number;
  sink: JobSink;
  checkPartial: PartialCheck;
}

export interface NodeCapacity {
  key: string;
  /** min(max_parallel, total_cores). */
  capacity: number;
}

/** What claimBatch issues is exactly what the claim answer carries (node protocol). */
export type IssuedChunk = ClaimedChunk;

export type ClaimBatchResult =
  | { ok: true; chunks: IssuedChunk[] }
  | { ok: false; code: 'over_capacity'; free: number };

export type CompleteResult = 'accepted' | 'duplicate' | 'not_held' | 'job_not_active' | 'implausible';
export type FailResult = 'failed' | 'not_held' | 'job_not_active';

interface UserShare {
  inFlight: number;
  lastServedSeq: number;
  /** Oldest first. */
  jobs: JobRuntime[];
}

export interface RuntimeStoreStats {
  claims: number;
  completes: number;
  duplicates: number;
  refused: number;
  reclaims: number;
  failures: number;
}

export class RuntimeStore {
  private readonly active = new Map<string, JobRuntime>();
  private readonly users = new Map<string, UserShare>();
  /** Per node: its claims, keyed by job and chunk. */
  private readonly held = new Map<string, NodeHolds>();
  private readonly workListeners = new Set<() => void>();
  private serveSeq = 0;
  readonly stats: RuntimeStoreStats = {
    claims: 0,
    completes: 0,
    duplicates: 0,
    refused: 0,
    reclaims: 0,
    failures: 0,
  };

  constructor(private readonly options: RuntimeStoreOptions) {}

  get activeJobs(): number {
    return this.active.size;
  }

  get chunksInFlight(): number {
    let total = 0;
    for (const claims of this.held.values()) total += claims.size;
    return total;
  }

  jobs(): IterableIterator<JobRuntime> {
    return this.active.values();
  }

  job(jobId: string): JobRuntime | undefined {
    return this.active.get(jobId);
  }

  jobByConfigHash(hash: string): JobRuntime | undefined {
    for (const job of this.active.values()) if (job.configHash === hash) return job;
    return undefined;
  }

  heldBy(nodeKey: string): number {
    return this.held.get(nodeKey)?.size ?? 0;
  }

  /** Called (synchronously) whenever new work may be claimable: long-polls re-try then. */
  onWork(listener: () => void): () => void {
    this.workListeners.add(listener);
    return () => this.workListeners.delete(listener);
  }

  private signalWork(): void {
    for (const listener of [...this.workListeners]) listener();
  }

  addJob(job: JobRuntime): void {
    if (this.active.has(job.jobId)) return;
    this.active.set(job.jobId, job);
    let share = this.users.get(job.userId);
    if (share === undefined) {
      share = { inFlight: 0, lastServedSeq: 0, jobs: [] };
      this.users.set(job.userId, share);
    }
    share.jobs.push(job);
    this.signalWork();
  }

  /** Take a job out of the store and free its nodes' claims (finalize, failure, cancel). */
  private detach(job: JobRuntime): void {
    if (this.active.get(job.jobId) !== job) return;
    this.active.delete(job.jobId);
    const share = this.users.get(job.userId);
    if (share !== undefined) {
      share.jobs = share.jobs.filter((j) => j !== job);
      share.inFlight -= job.inFlight.size;
      if (share.jobs.length === 0) this.users.delete(job.userId);
    }
    for (const [chunkIndex, claim] of job.inFlight) {
      this.held.get(claim.nodeKey)?.delete(job, chunkIndex);
    }
    // Freed capacity on those nodes may now take other jobs' chunks.
    if (job.inFlight.size > 0) this.signalWork();
  }

  /** Drop a job without writing anything (cancelled by its owner). */
  cancelJob(jobId: string): boolean {
    const job = this.active.get(jobId);
    if (job === undefined) return false;
    job.state = 'cancelled';
    this.detach(job);
    return true;
  }

  private pickJob(): JobRuntime | undefined {
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
      const job = share.jobs.find((j) => j.hasWork());
      if (job === undefined) continue;
      best = share;
      bestJob = job;
    }
    if (best !== undefined) best.lastServedSeq = ++this.serveSeq;
    return bestJob;
  }

  /**
   * Issue up to `max` chunks to a node. Asking for more than the node's free capacity is an
   * error and claims nothing (a client that lost count must not grow its share).
   */
  claimBatch(node: NodeCapacity, max: number): ClaimBatchResult {
    let claims = this.held.get(node.key);
    const free = node.capacity - (claims?.size ?? 0);
    if (max > free) return { ok: false, code: 'over_capacity', free: Math.max(0, free) };
    const chunks: IssuedChunk[] = [];
    const leaseExpiresAt = this.options.clock.now() + this.options.leaseMs;
    while (chunks.length < max) {
      const job = this.pickJob();
      if (job === undefined) break;
      const { chunkIndex, attempt, range } = job.issue(node.key, leaseExpiresAt);
      this.users.get(job.userId)!.inFlight++;
      if (claims === undefined) {
        claims = new NodeHolds();
        this.held.set(node.key, claims);
      }
      claims.add(job, chunkIndex);
      chunks.push({
        jobId: job.jobId,
        chunkIndex,
        attempt,
        configHash: job.configHash,
        leaseExpiresAt,
        ...range,
      });
    }
    this.stats.claims += chunks.length;
    return { ok: true, chunks };
  }

  private unhold(job: JobRuntime, chunkIndex: number): void {
    const claim = job.inFlight.get(chunkIndex);
    if (claim === undefined) return;
    this.held.get(claim.nodeKey)?.delete(job, chunkIndex);
    this.users.get(job.userId)!.inFlight--;
  }

  complete(nodeKey: string, ref: ClaimRef, partial: ChunkPartial): CompleteResult {
    const job = this.active.get(ref.jobId);
    if (job === undefined || job.state !== 'active') return 'job_not_active';
    if (!job.holds(ref.chunkIndex, nodeKey, ref.attempt)) {
      if (job.completedWith(ref.chunkIndex, nodeKey, ref.attempt)) {
        this.stats.duplicates++;
        return 'duplicate';
      }
      this.stats.refused++;
      return 'not_held';
    }
    const expected = job.plan.range(ref.chunkIndex).iterations;
    if (this.options.checkPartial(partial, expected) !== null) {
      this.stats.refused++;
      this.failAttempt(job, ref.chunkIndex, `implausible partial from node ${nodeKey}`);
      return 'implausible';
    }
    this.unhold(job, ref.chunkIndex);
    this.stats.completes++;
    if (job.accept(ref.chunkIndex, partial)) {
      job.state = 'finalizing';
      this.detach(job);
      this.options.sink.finalize(job);
    }
    return 'accepted';
  }

  fail(nodeKey: string, ref: ClaimRef, reason: string): FailResult {
    const job = this.active.get(ref.jobId);
    if (job === undefined || job.state !== 'active') return 'job_not_active';
    if (!job.holds(ref.chunkIndex, nodeKey, ref.attempt)) return 'not_held';
    this.failAttempt(job, ref.chunkIndex, reason);
    return 'failed';
  }

  /** Count a failed attempt; re-queue the chunk, or fail the job past the attempt limit. */
  private failAttempt(job: JobRuntime, chunkIndex: number, reason: string): void {
    this.unhold(job, chunkIndex);
    const failures = job.failAttempt(chunkIndex);
    this.stats.failures++;
    if (failures >= this.options.maxChunkAttempts) {
      job.state = 'failed';
      this.detach(job);
      this.options.sink.fail(job, `chunk ${chunkIndex} failed ${failures} times; last: ${reason}`);
      return;
    }
    job.pendingReclaims.push(chunkIndex);
    this.stats.reclaims++;
    this.signalWork();
  }

  /** Give claims back without blame; none given = all the node holds. Returns how many. */
  release(nodeKey: string, refs?: ClaimRef[]): number {
    const claims = this.held.get(nodeKey);
    if (claims === undefined) return 0;
    const targets =
      refs === undefined || refs.length === 0
        ? claims.list().map(({ job, chunkIndex }) => ({ job, chunkIndex, attempt: undefined }))
        : refs.flatMap((ref) => {
            const job = claims.has(ref.jobId, ref.chunkIndex);
            return job === undefined
              ? []
              : [{ job, chunkIndex: ref.chunkIndex, attempt: ref.attempt as number | undefined }];
          });
    let released = 0;
    for (const { job, chunkIndex, attempt } of targets) {
      const claim = job.inFlight.get(chunkIndex);
      if (
        claim === undefined ||
        claim.nodeKey !== nodeKey ||
        (attempt !== undefined && claim.attempt !== attempt)
      ) {
        continue;
      }
      this.unhold(job, chunkIndex);
      job.requeueFront(chunkIndex);
      released++;
    }
    if (claims.size === 0) this.held.delete(nodeKey);
    if (released > 0) this.signalWork();
    return released;
  }

  /** Heartbeat: push the lease of every claim the node holds to now + leaseMs. */
  renewLeases(nodeKey: string): number {
    const claims = this.held.get(nodeKey);
    if (claims === undefined) return 0;
    const leaseExpiresAt = this.options.clock.now() + this.options.leaseMs;
    for (const { job, chunkIndex } of claims.list()) {
      const claim = job.inFlight.get(chunkIndex);
      if (claim !== undefined) claim.leaseExpiresAt = leaseExpiresAt;
    }
    return claims.size;
  }

  /** The reclaim cron: expired claims go back to pending_reclaims, counting an attempt. */
  reclaimStale(): number {
    const now = this.options.clock.now();
    let reclaimed = 0;
    for (const job of [...this.active.values()]) {
      for (const [chunkIndex, claim] of [...job.inFlight]) {
        if (job.state !== 'active') break;
        if (claim.leaseExpiresAt > now) continue;
        this.failAttempt(job, chunkIndex, `lease expired on node ${claim.nodeKey}`);
        reclaimed++;
      }
    }
    return reclaimed;
  }
}
