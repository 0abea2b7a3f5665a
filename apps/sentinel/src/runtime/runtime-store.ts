// The runtime store: every active JobRuntime and every node's claims, in one process's memory.
// claimBatch, complete, fail, release and reclaimStale are hash-map mutations, never database
// round trips (the spec's trade); the store hands finished and failed jobs to a JobSink, which
// does the job's only writes (jobs_finalize.sql / reclaim_mark_failed.sql).
//
// A claim asks for runs, one per free worker slot; each run goes to a job by fair share across
// users (fair-share.ts) and holds as many of its chunks as the node runs in about targetRunMs
// (run-sizing.ts); within a job, verification replays come first, then reclaims, then new
// chunks, so the completed prefix can advance.
//
// Trust: results from nodes of other owners than the job's are drawn for recomputation by a
// node of yet another owner at the node's verification rate (NodeTrust); a node whose bytes
// lose is quarantined and everything it sent is purged from every running job. See
// docs/sentinel.md, "Verification".

import { type ChunkPartial, type ClaimRef, encodeChunkPartial } from '@simforge/common';
import { FairShare } from './fair-share.ts';
import type { JobRuntime, ReportOutcome, ResultCheck } from './job-runtime.ts';
import { type HeldRun, NodeHolds } from './node-holds.ts';
import { RecentWorkers } from './recent-workers.ts';
import { RunSizer } from './run-sizing.ts';
import type {
  ClaimBatchResult,
  CompleteResult,
  FailResult,
  IssuedChunk,
  NodeCapacity,
  RuntimeStoreOptions,
} from './store-options.ts';
import { emptyStats, type RuntimeStoreStats, type TrustEvent } from './store-telemetry.ts';
import { pinMatches, type Worker } from './version-pin.ts';

export type {
  ClaimBatchResult,
  CompleteResult,
  FailResult,
  IssuedChunk,
  JobSink,
  NodeCapacity,
  PartialCheck,
  RuntimeStoreOptions,
} from './store-options.ts';
export type { RuntimeStoreStats, TrustEvent } from './store-telemetry.ts';

export class RuntimeStore {
  private readonly active = new Map<string, JobRuntime>();
  private readonly share = new FairShare();
  /** Per node: its claims, keyed by job and chunk. */
  private readonly held = new Map<string, NodeHolds>();
  private readonly workListeners = new Set<() => void>();
  private readonly workers: RecentWorkers;
  readonly sizer: RunSizer;
  readonly stats: RuntimeStoreStats = emptyStats();

  constructor(private readonly options: RuntimeStoreOptions) {
    this.workers = new RecentWorkers(options.verificationWaitMs);
    this.sizer = new RunSizer(options);
  }

  /** One function for every result (not a closure per complete: this is the hot path). */
  private readonly checkResult: ResultCheck = (job, reporter) => {
    if (!this.options.trust.shouldVerify(reporter.nodeKey)) return 'unchecked';
    // Nobody could check it now (only this owner's nodes are connected): waiting would only
    // delay the job by verificationWaitMs, so it is waived and counted at once.
    if (this.verifierPresent(job, reporter.ownerId, this.options.clock.now())) return 'verify';
    this.stats.verificationsWaived++;
    return 'waived';
  };

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

  /** Worker slots of this node busy with a run. */
  runsHeldBy(nodeKey: string): number {
    return this.held.get(nodeKey)?.runs ?? 0;
  }

  /**
   * The game-data patches of jobs that have work this node could take if its patch matched
   * (null: a job not pinned to a patch). Read only when a claim found nothing.
   */
  patchesWithWorkFor(node: NodeCapacity): Set<string | null> {
    const patches = new Set<string | null>();
    for (const job of this.active.values()) {
      if (job.pin === undefined || job.pin.engineBuild !== node.pin?.engineBuild) continue;
      if (job.hasWorkFor({ ...node, pin: job.pin })) patches.add(job.pin.gamedataPatch);
    }
    return patches;
  }

  /**
   * Whether a node that may verify a result of `reporterOwner` for this job has claimed
   * within the last `verificationWaitMs`: another owner, not the quarantined, same pin.
   */
  private verifierPresent(job: JobRuntime, reporterOwner: string, now: number): boolean {
    return this.anyWorker(job, now, (worker) => worker.ownerId !== reporterOwner);
  }

  /** Whether a node that polled lately (not quarantined, on the job's pin) `accepts`. */
  private anyWorker(job: JobRuntime, now: number, accepts: (worker: Worker) => boolean): boolean {
    return this.workers.any(
      now,
      (worker) =>
        !this.options.trust.isQuarantined(worker.key) && pinMatches(job.pin, worker.pin) && accepts(worker),
    );
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
    this.share.add(job);
    this.signalWork();
  }

  /** Take a job out of the store and free its nodes' claims (finalize, failure, cancel). */
  private detach(job: JobRuntime): void {
    if (this.active.get(job.jobId) !== job) return;
    this.active.delete(job.jobId);
    this.share.remove(job);
    const now = this.options.clock.now();
    for (const [chunkIndex, claim] of job.inFlight) {
      this.held.get(claim.nodeKey)?.delete(job, chunkIndex, now);
    }
    // Freed capacity on those nodes may now take other jobs' chunks.
    if (job.inFlight.size > 0) this.signalWork();
  }

  /** Drop a job without writing anything (cancelled by its owner). */
  cancelJob(jobId: string): boolean {
    const job = this.active.get(jobId);
    if (job === undefined) return false;
    job.cancel();
    this.detach(job);
    return true;
  }

  /**
   * Issue up to `max` runs to a node: it may hold `runsPerSlot` per worker slot. Asking for
   * more than it may still hold is an error and claims nothing (a client that lost count must
   * not grow its share).
   */
  claimBatch(node: NodeCapacity, max: number): ClaimBatchResult {
    if (this.options.trust.isQuarantined(node.key)) return { ok: false, code: 'quarantined' };
    const now = this.options.clock.now();
    this.workers.saw(node, now, node.capacity);
    let claims = this.held.get(node.key);
    const free = node.capacity * this.options.runsPerSlot - (claims?.runs ?? 0);
    if (max > free) return { ok: false, code: 'over_capacity', free: Math.max(0, free) };
    const chunks: IssuedChunk[] = [];
    const leaseExpiresAt = now + this.options.leaseMs;
    for (let run = 0; run < max; run++) {
      const job = this.share.pick(node);
      if (job === undefined) break;
      const length = this.sizer.chunksPerRun(
        node.key,
        job.plan.chunkIterations,
        job.chunksWaiting,
        this.workers.slots(now),
      );
      const held: HeldRun = {
        issuedAtMs: now,
        startedAtMs: undefined,
        iterations: 0,
        remaining: 0,
        whole: true,
      };
      if (claims === undefined) {
        claims = new NodeHolds();
        this.held.set(node.key, claims);
      }
      claims.begin(held, node.capacity, now);
      for (let i = 0; i < length && (i === 0 || job.hasWorkFor(node)); i++) {
        const issued = job.issue(node, leaseExpiresAt)!;
        const { chunkIndex, attempt, range } = issued;
        const running = job.variantsFor(chunkIndex);
        if (issued.replay) this.stats.verificationsIssued++;
        this.share.count(job, 1);
        claims.add(job, chunkIndex, held);
        held.iterations += range.iterations;
        chunks.push({
          jobId: job.jobId,
          chunkIndex,
          attempt,
          run,
          configHash: job.configHash,
          leaseExpiresAt,
          ...range,
          ...(running === undefined ? {} : { variants: [...running] }),
        });
      }
      this.stats.runs++;
    }
    this.stats.claims += chunks.length;
    return { ok: true, chunks };
  }

  /** The node no longer holds the chunk (call while the claim is still in the job). */
  private unhold(job: JobRuntime, chunkIndex: number): void {
    const claim = job.inFlight.get(chunkIndex);
    if (claim !== undefined) this.forget(job, claim.nodeKey, chunkIndex);
  }

  /** `accepted`: the chunk ended with an accepted result (a whole run measures the node). */
  private forget(job: JobRuntime, nodeKey: string, chunkIndex: number, accepted = false): void {
    const claims = this.held.get(nodeKey);
    const now = this.options.clock.now();
    const run = claims?.delete(job, chunkIndex, now, accepted);
    if (run?.whole) {
      // A run may be seen to start late (the result ending the run ahead of it came in the same
      // report as its own), but a slot runs at most runsPerSlot runs one after another: it
      // took at least that share of the time since its issue.
      const sinceIssue = now - run.issuedAtMs;
      const ran = run.startedAtMs === undefined ? 0 : now - run.startedAtMs;
      this.sizer.observe(nodeKey, run.iterations, Math.max(ran, sinceIssue / this.options.runsPerSlot));
    }
    if (claims?.size === 0) this.held.delete(nodeKey);
    this.share.count(job, -1);
  }

  /**
   * A node's result for a chunk it holds. `bytes` is the partial as the node encoded it (what
   * verification compares); callers holding only the decoded partial may omit it.
   */
  complete(nodeKey: string, ref: ClaimRef, partial: ChunkPartial, bytes?: Uint8Array): CompleteResult {
    const job = this.active.get(ref.jobId);
    if (job === undefined || job.state !== 'active') return { outcome: 'job_not_active' };
    if (!job.holds(ref.chunkIndex, nodeKey, ref.attempt)) {
      if (job.completedWith(ref.chunkIndex, nodeKey, ref.attempt)) {
        this.stats.duplicates++;
        return { outcome: 'duplicate' };
      }
      this.stats.refused++;
      return { outcome: 'not_held' };
    }
    if (job.isStale(ref.chunkIndex, ref.attempt)) {
      // Run on race decisions a quarantine undid: nobody's fault, and computed again.
      this.unhold(job, ref.chunkIndex);
      job.requeueFront(ref.chunkIndex, this.options.clock.now());
      this.stats.refused++;
      return { outcome: 'not_held' };
    }
    const expected = job.plan.range(ref.chunkIndex).iterations;
    const problem = this.options.checkPartial(
      partial,
      expected,
      job.variants.length,
      job.variantsFor(ref.chunkIndex),
    );
    if (problem !== null) {
      this.refuse(job, nodeKey, ref.chunkIndex, 'implausible', problem.message);
      return { outcome: 'implausible', message: problem.message };
    }
    // The claim is released from the node's holds only once the report went through: a throw
    // in it leaves claim and counts as they were, for the lease to return.
    const stages = job.stagesDecided;
    const outcome = job.report(
      ref.chunkIndex,
      partial,
      bytes ?? encodeChunkPartial(partial),
      this.checkResult,
      this.options.clock.now(),
    );
    this.forget(job, nodeKey, ref.chunkIndex, true);
    this.stats.completes++;
    this.stats.iterationsComputed += partial.iterations;
    this.afterReport(job, ref.chunkIndex, outcome);
    // A race stage decided: its chunks are work for the nodes waiting in a long poll.
    if (job.state === 'active' && job.stagesDecided > stages) this.signalWork();
    return { outcome: 'accepted' };
  }

  private afterReport(job: JobRuntime, chunkIndex: number, outcome: ReportOutcome): void {
    const trust = this.options.trust;
    switch (outcome.kind) {
      case 'merged':
        if (outcome.satisfied) this.finish(job);
        return;
      case 'held':
        this.signalWork();
        return;
      case 'disputed':
        this.stats.disagreements++;
        for (const key of outcome.nodeKeys) trust.disagreed(key);
        this.emit({
          kind: 'disputed',
          nodeKeys: outcome.nodeKeys,
          jobId: job.jobId,
          chunkIndex,
        });
        this.signalWork();
        return;
      case 'settled':
        this.stats.iterationsReplayed += job.plan.range(chunkIndex).iterations;
        for (const { nodeKey } of outcome.agreeing) {
          trust.agreed(nodeKey);
          this.stats.agreements++;
        }
        // Losers first: their unchecked chunks leave this job's merge before the winner joins
        // it, so a job the winner completes holds nothing a loser sent. Without two owners
        // behind the winner (the job owner's node alone decided its own job) the losers only go
        // back to full checks: one owner cannot get another's node quarantined.
        for (const key of outcome.losers) {
          if (!outcome.quorum) {
            trust.disagreed(key);
            this.stats.disagreements++;
            this.emit({ kind: 'disputed', nodeKeys: [key], jobId: job.jobId, chunkIndex });
            continue;
          }
          this.emit({ kind: 'outvoted', nodeKey: key, jobId: job.jobId, chunkIndex });
          this.quarantine(key, "its results disagreed with the identical results of two other owners' nodes");
        }
        if (job.mergeSettled(outcome)) this.finish(job);
        return;
      default: {
        const never: never = outcome;
        throw new Error(`unknown report outcome ${JSON.stringify(never)}`);
      }
    }
  }

  /** Trust events are told to the sentinel's log; a failing listener must not break the store. */
  private emit(event: TrustEvent): void {
    try {
      this.options.onTrustEvent?.(event);
    } catch {
      // The log is best effort; the store's state must stay whole.
    }
  }

  private finish(job: JobRuntime): void {
    this.detach(job);
    this.options.sink.finalize(job);
  }

  /** A refused result: it counts against the node's trust, never again for this chunk. */
  private refuse(job: JobRuntime, nodeKey: string, chunkIndex: number, code: string, message: string): void {
    this.stats.refused++;
    this.emit({ kind: 'refused', nodeKey, jobId: job.jobId, chunkIndex, code, message });
    this.failAttempt(job, chunkIndex, `${code} partial from node ${nodeKey}: ${message}`, true);
    if (this.options.trust.refused(nodeKey)) this.quarantine(nodeKey, `${code} partials refused too often`);
  }

  /**
   * Quarantine a node: it gets no more work, and nothing it sent stays in any running job.
   * Finished jobs are the sink's concern (their meta names the node's unverified chunks).
   */
  quarantine(nodeKey: string, reason: string): void {
    if (this.options.trust.isQuarantined(nodeKey)) return;
    this.options.trust.quarantine(nodeKey, reason);
    this.stats.quarantines++;
    let undone = 0;
    for (const job of [...this.active.values()]) {
      if (job.state !== 'active') continue;
      const purged = job.purgeNode(nodeKey, this.options.clock.now());
      undone += purged.undone;
      this.share.count(job, -purged.droppedClaims.length);
    }
    this.held.delete(nodeKey);
    this.emit({ kind: 'quarantined', nodeKey, reason, chunksUndone: undone });
    this.signalWork();
  }

  fail(nodeKey: string, ref: ClaimRef, reason: string): FailResult {
    const job = this.active.get(ref.jobId);
    if (job === undefined || job.state !== 'active') return 'job_not_active';
    if (!job.holds(ref.chunkIndex, nodeKey, ref.attempt)) return 'not_held';
    this.failAttempt(job, ref.chunkIndex, reason, true);
    return 'failed';
  }

  /**
   * Count a failed attempt; re-queue the chunk, or fail the job past the attempt limit. `bar`:
   * the node produced a refused or failed result (an expired lease does not bar: a laptop
   * that slept may take the chunk again).
   */
  private failAttempt(job: JobRuntime, chunkIndex: number, reason: string, bar: boolean): void {
    this.unhold(job, chunkIndex);
    const failures = job.failAttempt(
      chunkIndex,
      { maxAttempts: this.options.maxChunkAttempts, minFailingOwners: this.options.minFailingOwners },
      bar,
      this.options.clock.now(),
    );
    this.stats.failures++;
    if (job.state === 'failed') {
      this.detach(job);
      this.options.sink.fail(job, `chunk ${chunkIndex} failed ${failures} times; last: ${reason}`);
      return;
    }
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
      job.requeueFront(chunkIndex, this.options.clock.now());
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

  /**
   * The reclaim cron: expired claims go back to pending_reclaims, counting an attempt; checks
   * no connected node of another owner can take are waived; a dispute or a chunk nobody
   * connected may take fails its job after verificationWaitMs (JobRuntime.settleStale).
   */
  reclaimStale(): number {
    const now = this.options.clock.now();
    let reclaimed = 0;
    for (const job of [...this.active.values()]) {
      if (job.state !== 'active') continue;
      const stale = job.settleStale(now, this.options.verificationWaitMs, (accepts) =>
        this.anyWorker(job, now, accepts),
      );
      if (stale.waived > 0) {
        this.stats.verificationsWaived += stale.waived;
        this.emit({ kind: 'waived', jobId: job.jobId, chunks: stale.waived });
      }
      if (stale.satisfied) {
        this.finish(job);
        continue;
      }
      if (stale.failure !== undefined) {
        this.detach(job);
        this.options.sink.fail(job, stale.failure);
        continue;
      }
      for (const [chunkIndex, claim] of [...job.inFlight]) {
        if (job.state !== 'active') break;
        if (claim.leaseExpiresAt > now) continue;
        this.failAttempt(job, chunkIndex, `lease expired on node ${claim.nodeKey}`, false);
        reclaimed++;
      }
    }
    return reclaimed;
  }
}
