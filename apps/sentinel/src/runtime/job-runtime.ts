// One JobRuntime per active job: the whole in-flight picture of the spec, in memory only.
// The chunk plan, the `in_flight` claims (node, owner, attempt, lease deadline), the
// `pending_reclaims` queue, attempts per chunk, the merged result (MergedChunks over the
// common PrefixMerge, the same rule `simforge sim` runs), and verification: chunks whose first result
// is being recomputed by a node of another owner wait outside the merge until they settle
// (docs/sentinel.md, "Verification"). It owns its state transitions; nothing here touches the
// database: the runtime store hands a finished or failed runtime to its sink.

import type {
  ChunkPartial,
  ChunkPlan,
  ChunkRange,
  PrefixAccumulator,
  RaceStop,
  SentinelConfig,
} from '@simforge/common';
import { type ProfileReport, profilesetNames } from '@simforge/engine';
import { type ChunkReport, settleReports } from './chunk-reports.ts';
import { type ChunkTrust, MergedChunks, type NodeContribution } from './merged-chunks.ts';
import { pinMatches, type VersionPin, type Worker } from './version-pin.ts';

export type { ChunkTrust } from './merged-chunks.ts';
export { pinMatches, type VersionPin, type Worker } from './version-pin.ts';

export interface Claim {
  nodeKey: string;
  ownerId: string;
  attempt: number;
  leaseExpiresAt: number;
}

export interface JobRuntimeInit {
  jobId: string;
  userId: string;
  /** Content hash of { simConfig, sentinelConfig }: what nodes fetch the config by. */
  configHash: string;
  simConfig: unknown;
  sentinelConfig: SentinelConfig;
  startedAtMs: number;
  /** Omitted in unit tests: any node may run the job. */
  pin?: VersionPin;
  /** The profile's talents and warnings as the engine read them at admission, for result_pb; omitted when no game data was imported. */
  profileReport?: ProfileReport;
}

export type JobRuntimeState = 'active' | 'finalizing' | 'failed' | 'cancelled';

export type ReportOutcome =
  | { kind: 'merged'; trust: ChunkTrust; satisfied: boolean }
  /** Held out of the merge until a node of another owner recomputes it. */
  | { kind: 'held' }
  /** The results differ and no owner quorum exists yet: every reporter goes back to full checks. */
  | { kind: 'disputed'; nodeKeys: string[] }
  /**
   * Settled: the caller quarantines the losers first (purging what they sent from every
   * running job, this one included) and then merges the winner with `mergeSettled`.
   */
  | {
      kind: 'settled';
      chunkIndex: number;
      agreeing: ChunkReport[];
      winner: ChunkReport;
      losers: string[];
      /** Whether two owners stand behind the winner: only then do the losers earn quarantine. */
      quorum: boolean;
    };

/** The common outcomes (merged, job not done yet), shared rather than allocated per complete. */
const MERGED: Record<ChunkTrust, ReportOutcome> = {
  owner: { kind: 'merged', trust: 'owner', satisfied: false },
  verified: { kind: 'merged', trust: 'verified', satisfied: false },
  unchecked: { kind: 'merged', trust: 'unchecked', satisfied: false },
  waived: { kind: 'merged', trust: 'waived', satisfied: false },
};

/** Whether another owner's first result is recomputed: the store's draw, made once per result. */
export type ResultCheck = (job: JobRuntime, reporter: Claim) => 'verify' | 'unchecked' | 'waived';

export interface FailurePolicy {
  maxAttempts: number;
  /** Distinct owners (other than the job's) whose nodes must fail a chunk before it fails the job. */
  minFailingOwners: number;
}

export class JobRuntime {
  readonly jobId: string;
  readonly userId: string;
  readonly configHash: string;
  readonly simConfig: unknown;
  readonly sentinelConfig: SentinelConfig;
  readonly startedAtMs: number;
  readonly pin: VersionPin | undefined;
  readonly profileReport: ProfileReport | undefined;
  /**
   * A profileset job's variant names, in its text's order (none for one profile): every
   * accepted partial carries one set of sums per variant, and finalize names them.
   */
  readonly variants: string[];
  readonly plan: ChunkPlan;
  private readonly merged: MergedChunks;

  private stateNow: JobRuntimeState = 'active';
  /** The next chunk never issued before. */
  nextChunk = 0;
  readonly inFlight = new Map<number, Claim>();
  /** Chunks whose claim expired, failed or was released, to be issued again before new ones. */
  readonly pendingReclaims: number[] = [];
  /** Chunks under verification that need another owner's result, oldest first. */
  private readonly verifyQueue: number[] = [];
  /** When each queued replay or failed-and-requeued chunk last went back to its queue. */
  private readonly waitingSinceMs = new Map<number, number>();
  /** Results of chunks under verification (not merged yet). */
  private readonly open = new Map<number, ChunkReport[]>();
  // Per-chunk bookkeeping in flat arrays indexed by chunk (a plan has at most
  // MAX_CHUNKS_PER_JOB chunks): no object per chunk on the claim/complete hot path.
  /** Issues per chunk; the next issue's attempt number is this plus one. */
  private readonly issues: Uint32Array;
  /** Failed or expired attempts per chunk, against the attempt limit. */
  private readonly failures: Uint16Array;
  /** Owners whose nodes failed a chunk, and nodes that never get that chunk again. */
  private readonly failedOwners = new Map<number, Set<string>>();
  private readonly barred = new Map<number, Set<string>>();
  /** The last accepted report per chunk (duplicate completes). */
  private readonly completedBy: (string | undefined)[];
  private readonly completedAttempt: Uint32Array;
  /** Per chunk, the last attempt issued before the race decisions it ran on were undone. */
  private readonly staleAttempt = new Map<number, number>();

  constructor(init: JobRuntimeInit) {
    this.jobId = init.jobId;
    this.userId = init.userId;
    this.configHash = init.configHash;
    this.simConfig = init.simConfig;
    this.sentinelConfig = init.sentinelConfig;
    this.startedAtMs = init.startedAtMs;
    this.pin = init.pin;
    this.profileReport = init.profileReport;
    const profile = (init.simConfig as { profile?: unknown } | null)?.profile;
    this.variants = typeof profile === 'string' ? profilesetNames(profile) : [];
    this.merged = new MergedChunks(init.sentinelConfig, this.variants.length);
    this.plan = this.merged.plan;
    const n = this.plan.chunkCount;
    this.issues = new Uint32Array(n);
    this.failures = new Uint16Array(n);
    this.completedAttempt = new Uint32Array(n);
    this.completedBy = new Array<string | undefined>(n);
  }

  get state(): JobRuntimeState {
    return this.stateNow;
  }

  /** The merge of chunks 0..prefixChunks-1, in chunk order. */
  get prefix(): PrefixAccumulator {
    return this.merged.prefix;
  }

  get prefixChunks(): number {
    return this.merged.prefixChunks;
  }

  /** Iterations in all merged chunks, for progress. */
  get iterationsDone(): number {
    return this.merged.iterations;
  }

  /** Chunks not held by anyone that still need a node: never issued, or back in the queue. */
  get chunksWaiting(): number {
    return this.plan.chunkCount - this.nextChunk + this.pendingReclaims.length + this.verifyQueue.length;
  }

  /** Chunks waiting for another owner's result. */
  get verificationsPending(): number {
    return this.open.size;
  }

  /** The next chunk this node may take: replays first, then reclaims, then new chunks. */
  private nextFor(worker: Worker): { chunkIndex: number; replay: boolean; queueAt: number } | undefined {
    if (this.stateNow !== 'active' || !pinMatches(this.pin, worker.pin)) return undefined;
    for (let k = 0; k < this.verifyQueue.length; k++) {
      const chunkIndex = this.verifyQueue[k]!;
      if (this.mayVerify(chunkIndex, worker)) return { chunkIndex, replay: true, queueAt: k };
    }
    for (let k = 0; k < this.pendingReclaims.length; k++) {
      const chunkIndex = this.pendingReclaims[k]!;
      // A raced chunk waits for its stage's decision, like the chunks never issued.
      if (!this.barred.get(chunkIndex)?.has(worker.key) && this.merged.mayRun(chunkIndex))
        return { chunkIndex, replay: false, queueAt: k };
    }
    if (this.nextChunk < this.plan.chunkCount && this.merged.mayRun(this.nextChunk))
      return { chunkIndex: this.nextChunk, replay: false, queueAt: -1 };
    return undefined;
  }

  /** A verifier is never of an owner that already reported the chunk. */
  private mayVerify(chunkIndex: number, worker: Worker): boolean {
    if (this.barred.get(chunkIndex)?.has(worker.key)) return false;
    const reports = this.open.get(chunkIndex)!;
    for (const r of reports) if (r.ownerId === worker.ownerId) return false;
    return true;
  }

  hasWorkFor(worker: Worker): boolean {
    // The claim hot path asks this of every user's job per chunk issued: with no replays or
    // reclaims queued (the common case) it is one comparison and allocates nothing.
    if (this.verifyQueue.length === 0 && this.pendingReclaims.length === 0) {
      return (
        this.stateNow === 'active' &&
        this.nextChunk < this.plan.chunkCount &&
        this.merged.mayRun(this.nextChunk) &&
        pinMatches(this.pin, worker.pin)
      );
    }
    return this.nextFor(worker) !== undefined;
  }

  /** Take the next chunk this node may run and record the claim. */
  issue(
    worker: Worker,
    leaseExpiresAt: number,
  ): { chunkIndex: number; attempt: number; range: ChunkRange; replay: boolean } | undefined {
    const next = this.nextFor(worker);
    if (next === undefined) return undefined;
    const { chunkIndex, replay, queueAt } = next;
    if (replay) this.verifyQueue.splice(queueAt, 1);
    else if (queueAt >= 0) this.pendingReclaims.splice(queueAt, 1);
    else this.nextChunk++;
    this.waitingSinceMs.delete(chunkIndex);
    const attempt = this.issues[chunkIndex]! + 1;
    this.issues[chunkIndex] = attempt;
    this.inFlight.set(chunkIndex, { nodeKey: worker.key, ownerId: worker.ownerId, attempt, leaseExpiresAt });
    return { chunkIndex, attempt, range: this.plan.range(chunkIndex), replay };
  }

  holds(chunkIndex: number, nodeKey: string, attempt: number): boolean {
    const claim = this.inFlight.get(chunkIndex);
    return claim !== undefined && claim.nodeKey === nodeKey && claim.attempt === attempt;
  }

  /**
   * A held chunk's result. The job owner's own result is merged at once; another owner's is
   * merged unchecked unless `check()` draws it for a recomputation, in which case it waits for
   * a node of a different owner (or is waived at once when none is connected). A
   * recomputation settles the chunk (or disputes it).
   */
  report(
    chunkIndex: number,
    partial: ChunkPartial,
    bytes: Uint8Array,
    check: ResultCheck,
    nowMs: number,
  ): ReportOutcome {
    const claim = this.inFlight.get(chunkIndex)!;
    const reports = this.open.get(chunkIndex);
    // Decided before anything changes: a throw here leaves the claim as it was.
    const decision = reports === undefined && claim.ownerId !== this.userId ? check(this, claim) : undefined;
    this.inFlight.delete(chunkIndex);
    this.completedBy[chunkIndex] = claim.nodeKey;
    this.completedAttempt[chunkIndex] = claim.attempt;
    if (reports === undefined && decision !== 'verify') {
      return this.mergeChunk(chunkIndex, claim.nodeKey, partial, bytes, decision ?? 'owner');
    }
    const report: ChunkReport = { nodeKey: claim.nodeKey, ownerId: claim.ownerId, bytes, partial };
    if (reports === undefined) {
      this.open.set(chunkIndex, [report]);
      this.queueVerification(chunkIndex, nowMs);
      return { kind: 'held' };
    }
    reports.push(report);
    const verdict = settleReports(reports, this.userId);
    switch (verdict.kind) {
      case 'open':
        this.queueVerification(chunkIndex, nowMs);
        return { kind: 'held' };
      case 'disputed':
        this.queueVerification(chunkIndex, nowMs);
        return { kind: 'disputed', nodeKeys: reports.map((r) => r.nodeKey) };
      case 'settled':
        return {
          kind: 'settled',
          chunkIndex,
          agreeing: verdict.agreeing,
          winner: verdict.winner,
          losers: verdict.losers.map((r) => r.nodeKey),
          quorum: verdict.winnerOwners >= 2,
        };
      default: {
        const never: never = verdict;
        throw new Error(`unknown verdict ${JSON.stringify(never)}`);
      }
    }
  }

  /** Merge a settled chunk's winning bytes; true when the job is now done. */
  mergeSettled(outcome: Extract<ReportOutcome, { kind: 'settled' }>): boolean {
    // Quarantining the losers may have undone the race decisions this chunk ran on: it was then
    // taken out of the open checks and queued again, and its results are not merged.
    if (!this.open.delete(outcome.chunkIndex)) return false;
    const nodes = outcome.agreeing.map((r) => r.nodeKey);
    const merged = this.mergeChunk(
      outcome.chunkIndex,
      nodes,
      outcome.winner.partial,
      outcome.winner.bytes,
      'verified',
    );
    return merged.kind === 'merged' && merged.satisfied;
  }

  private queueVerification(chunkIndex: number, nowMs: number): void {
    this.waitingSinceMs.set(chunkIndex, nowMs);
    this.verifyQueue.push(chunkIndex);
  }

  /** Adds a chunk to the job's result; past the strategy's stop the job is finalizing. */
  private mergeChunk(
    chunkIndex: number,
    credited: string | readonly string[],
    partial: ChunkPartial,
    bytes: Uint8Array,
    trust: ChunkTrust,
  ): ReportOutcome {
    this.waitingSinceMs.delete(chunkIndex);
    if (!this.merged.add(chunkIndex, credited, partial, bytes, trust)) return MERGED[trust];
    this.stateNow = 'finalizing';
    return { kind: 'merged', trust, satisfied: true };
  }

  /**
   * The reclaim cron's pass over work that waited `waitMs` with no connected node able to take
   * it (`anyPresent` asks the store about the nodes that polled lately):
   * - a check with one owner's result is waived (merged as `waived`, counted in the result);
   * - a dispute no third owner can settle fails the job, as does a chunk every connected node
   *   is barred from: a job never hangs forever, and says why it stopped.
   */
  settleStale(
    nowMs: number,
    waitMs: number,
    anyPresent: (accepts: (worker: Worker) => boolean) => boolean,
  ): { waived: number; satisfied: boolean; failure?: string } {
    let waived = 0;
    const waitedLong = (chunkIndex: number) =>
      nowMs - (this.waitingSinceMs.get(chunkIndex) ?? nowMs) >= waitMs;
    for (const chunkIndex of [...this.verifyQueue]) {
      if (!waitedLong(chunkIndex) || anyPresent((worker) => this.mayVerify(chunkIndex, worker))) continue;
      const reports = this.open.get(chunkIndex)!;
      if (new Set(reports.map((r) => r.ownerId)).size > 1) {
        this.stateNow = 'failed';
        return {
          waived,
          satisfied: false,
          failure: `chunk ${chunkIndex}: the results of two owners' nodes differ and no node of a third owner could settle it within ${waitMs} ms`,
        };
      }
      this.verifyQueue.splice(this.verifyQueue.indexOf(chunkIndex), 1);
      this.open.delete(chunkIndex);
      waived++;
      const [only] = reports as [ChunkReport];
      const merged = this.mergeChunk(chunkIndex, only.nodeKey, only.partial, only.bytes, 'waived');
      if (merged.kind === 'merged' && merged.satisfied) return { waived, satisfied: true };
    }
    for (const chunkIndex of this.pendingReclaims) {
      const barred = this.barred.get(chunkIndex);
      if (barred === undefined || !waitedLong(chunkIndex)) continue;
      if (anyPresent((worker) => !barred.has(worker.key))) continue;
      this.stateNow = 'failed';
      return {
        waived,
        satisfied: false,
        failure: `chunk ${chunkIndex} failed on every connected node that could take it (${barred.size} barred)`,
      };
    }
    return { waived, satisfied: false };
  }

  /** Whether this node already completed this attempt of the chunk (a duplicate). */
  completedWith(chunkIndex: number, nodeKey: string, attempt: number): boolean {
    return this.completedBy[chunkIndex] === nodeKey && this.completedAttempt[chunkIndex] === attempt;
  }

  /**
   * Drop a claim and count a failed attempt. With `bar` (a refused or failed result, not an
   * expired lease) a node of another owner never gets that chunk again. The attempt limit
   * fails the job only once the job owner's nodes or `minFailingOwners` distinct owners have
   * failed it: one stranger cannot fail a job. Below that the chunk is queued again. Returns
   * the chunk's failures so far.
   */
  failAttempt(chunkIndex: number, policy: FailurePolicy, bar: boolean, nowMs: number): number {
    const claim = this.inFlight.get(chunkIndex)!;
    this.inFlight.delete(chunkIndex);
    const failures = this.failures[chunkIndex]! + 1;
    this.failures[chunkIndex] = failures;
    let owners = this.failedOwners.get(chunkIndex);
    if (owners === undefined) {
      owners = new Set();
      this.failedOwners.set(chunkIndex, owners);
    }
    owners.add(claim.ownerId);
    if (bar && claim.ownerId !== this.userId) this.bar(chunkIndex, claim.nodeKey);
    const blamed = owners.has(this.userId) || owners.size >= policy.minFailingOwners;
    if (failures >= policy.maxAttempts && blamed) {
      this.stateNow = 'failed';
      return failures;
    }
    this.requeue(chunkIndex, false);
    this.waitingSinceMs.set(chunkIndex, nowMs);
    return failures;
  }

  private bar(chunkIndex: number, nodeKey: string): void {
    let barred = this.barred.get(chunkIndex);
    if (barred === undefined) {
      barred = new Set();
      this.barred.set(chunkIndex, barred);
    }
    barred.add(nodeKey);
  }

  private requeue(chunkIndex: number, front: boolean): void {
    const queue = this.open.has(chunkIndex) ? this.verifyQueue : this.pendingReclaims;
    if (front) queue.unshift(chunkIndex);
    else queue.push(chunkIndex);
  }

  /** Put a chunk back for re-issue without blame (release), at the front of its queue. */
  requeueFront(chunkIndex: number, nowMs: number): void {
    this.inFlight.delete(chunkIndex);
    this.requeue(chunkIndex, true);
    this.waitingSinceMs.set(chunkIndex, nowMs);
  }

  /** The owner cancelled the job: it takes no more claims or completions. */
  cancel(): void {
    this.stateNow = 'cancelled';
  }

  /**
   * A node was caught lying: nothing it sent may stay. Its claims go back, its results of
   * chunks under verification are dropped, and every chunk merged on its word alone is taken
   * out of the result and computed again (MergedChunks.undoNode). Returns the chunks whose
   * claims it held and how many merged chunks were undone.
   */
  purgeNode(nodeKey: string, nowMs: number): { droppedClaims: number[]; undone: number } {
    const droppedClaims: number[] = [];
    for (const [chunkIndex, claim] of [...this.inFlight]) {
      if (claim.nodeKey !== nodeKey) continue;
      droppedClaims.push(chunkIndex);
      this.requeueFront(chunkIndex, nowMs);
    }
    for (const [chunkIndex, reports] of [...this.open]) {
      const kept = reports.filter((r) => r.nodeKey !== nodeKey);
      if (kept.length === reports.length) continue;
      if (kept.length > 0) this.open.set(chunkIndex, kept);
      else this.dropOpen(chunkIndex);
    }
    const { undone, raceUndoneAfter } = this.merged.undoNode(nodeKey);
    this.pendingReclaims.push(...undone);
    if (raceUndoneAfter !== undefined) this.undoRaceAfter(raceUndoneAfter);
    return { droppedClaims, undone: undone.length };
  }

  /**
   * A race's decisions after stage `stage` were undone (MergedChunks.undoNode): what was run
   * on them is computed again once they are made again. Results under verification go back to
   * the queue; claims out now are stale, and their results are refused without blame.
   */
  private undoRaceAfter(stage: number): void {
    const later = (chunkIndex: number) => this.merged.stageOf(chunkIndex) > stage;
    for (const chunkIndex of [...this.open.keys()]) if (later(chunkIndex)) this.dropOpen(chunkIndex);
    for (const [chunkIndex, claim] of this.inFlight)
      if (later(chunkIndex)) this.staleAttempt.set(chunkIndex, claim.attempt);
  }

  /** A chunk under verification loses its results: it is computed again from scratch. */
  private dropOpen(chunkIndex: number): void {
    this.open.delete(chunkIndex);
    this.waitingSinceMs.delete(chunkIndex);
    const queued = this.verifyQueue.indexOf(chunkIndex);
    if (queued >= 0) this.verifyQueue.splice(queued, 1);
    if (!this.inFlight.has(chunkIndex)) this.pendingReclaims.push(chunkIndex);
  }

  /** A claim issued before the race decisions it ran on were undone: its result is not used. */
  isStale(chunkIndex: number, attempt: number): boolean {
    return (this.staleAttempt.get(chunkIndex) ?? 0) >= attempt;
  }

  /** Race stages decided so far (1 unless raced): a new one is new work for the nodes. */
  get stagesDecided(): number {
    return this.merged.stagesDecided;
  }

  /** Where a race stopped each variant it stopped (empty unless raced). */
  get raceStops(): readonly RaceStop[] {
    return this.merged.raceStops;
  }

  /** The variants a chunk runs: a raced profileset's stage's; undefined when it runs them all. */
  variantsFor(chunkIndex: number): readonly number[] | undefined {
    return this.merged.variantsFor(chunkIndex);
  }

  /** Per node over the final prefix: chunks and iterations it computed, and how many were unchecked. */
  contributions(): Map<string, NodeContribution> {
    return this.merged.contributions();
  }

  /** How the chunks of the final prefix came to be trusted: what a report shows. */
  verificationSummary(): Record<ChunkTrust, number> & { chunks: number } {
    return this.merged.verificationSummary();
  }
}
