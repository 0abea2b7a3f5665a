// One JobRuntime per active job: the whole in-flight picture of the spec, in memory only.
// The chunk plan, the `in_flight` claims (node, attempt, lease deadline), the
// `pending_reclaims` queue, attempts per chunk, and the strategy's partial aggregates (the
// common PrefixMerge, the same rule `simforge sim` runs). It owns its state transitions;
// nothing here touches the database: the runtime store hands a finished or failed runtime to
// its sink.

import {
  type ChunkPartial,
  type ChunkPlan,
  type ChunkRange,
  type PrefixAccumulator,
  PrefixMerge,
  type SentinelConfig,
} from '@simforge/common';

export interface Claim {
  nodeKey: string;
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
}

export type JobRuntimeState = 'active' | 'finalizing' | 'failed' | 'cancelled';

export class JobRuntime {
  readonly jobId: string;
  readonly userId: string;
  readonly configHash: string;
  readonly simConfig: unknown;
  readonly sentinelConfig: SentinelConfig;
  readonly startedAtMs: number;
  readonly plan: ChunkPlan;
  private readonly merge: PrefixMerge;

  private stateNow: JobRuntimeState = 'active';
  /** The next chunk never issued before. */
  nextChunk = 0;
  readonly inFlight = new Map<number, Claim>();
  /** Chunks whose claim expired, failed or was released, to be issued again before new ones. */
  readonly pendingReclaims: number[] = [];
  // Per-chunk bookkeeping in flat arrays indexed by chunk (a plan has at most
  // MAX_CHUNKS_PER_JOB chunks): no object per chunk on the claim/complete hot path.
  /** Issues per chunk; the next issue's attempt number is this plus one. */
  private readonly issues: Uint32Array;
  /** Failed or expired attempts per chunk, against the attempt limit. */
  private readonly failures: Uint16Array;
  /** Who completed each accepted chunk, and with which attempt (duplicates, contributions). */
  private readonly completedBy: (string | undefined)[];
  private readonly completedAttempt: Uint32Array;
  /** Iterations in all accepted chunks, for progress. */
  iterationsDone = 0;

  constructor(init: JobRuntimeInit) {
    this.jobId = init.jobId;
    this.userId = init.userId;
    this.configHash = init.configHash;
    this.simConfig = init.simConfig;
    this.sentinelConfig = init.sentinelConfig;
    this.startedAtMs = init.startedAtMs;
    this.merge = new PrefixMerge(init.sentinelConfig);
    this.plan = this.merge.plan;
    this.issues = new Uint32Array(this.plan.chunkCount);
    this.failures = new Uint16Array(this.plan.chunkCount);
    this.completedAttempt = new Uint32Array(this.plan.chunkCount);
    this.completedBy = new Array<string | undefined>(this.plan.chunkCount);
  }

  get state(): JobRuntimeState {
    return this.stateNow;
  }

  /** The merge of chunks 0..prefixChunks-1, in chunk order. */
  get prefix(): PrefixAccumulator {
    return this.merge.prefix;
  }

  get prefixChunks(): number {
    return this.merge.prefixChunks;
  }

  hasWork(): boolean {
    return (
      this.stateNow === 'active' && (this.pendingReclaims.length > 0 || this.nextChunk < this.plan.chunkCount)
    );
  }

  /** Take the next chunk to issue (reclaims first) and record the claim. */
  issue(nodeKey: string, leaseExpiresAt: number): { chunkIndex: number; attempt: number; range: ChunkRange } {
    const chunkIndex = this.pendingReclaims.length > 0 ? this.pendingReclaims.shift()! : this.nextChunk++;
    const attempt = this.issues[chunkIndex]! + 1;
    this.issues[chunkIndex] = attempt;
    this.inFlight.set(chunkIndex, { nodeKey, attempt, leaseExpiresAt });
    return { chunkIndex, attempt, range: this.plan.range(chunkIndex) };
  }

  holds(chunkIndex: number, nodeKey: string, attempt: number): boolean {
    const claim = this.inFlight.get(chunkIndex);
    return claim !== undefined && claim.nodeKey === nodeKey && claim.attempt === attempt;
  }

  /**
   * Accept a held chunk's partial into the prefix merge. When the strategy is satisfied the
   * runtime moves to `finalizing` and this returns true: the caller hands it to the sink.
   */
  accept(chunkIndex: number, partial: ChunkPartial): boolean {
    const claim = this.inFlight.get(chunkIndex)!;
    this.inFlight.delete(chunkIndex);
    this.completedBy[chunkIndex] = claim.nodeKey;
    this.completedAttempt[chunkIndex] = claim.attempt;
    this.iterationsDone += partial.iterations;
    if (!this.merge.add(chunkIndex, partial)) return false;
    this.stateNow = 'finalizing';
    return true;
  }

  /** Whether this node already completed this attempt of the chunk (a duplicate). */
  completedWith(chunkIndex: number, nodeKey: string, attempt: number): boolean {
    return this.completedBy[chunkIndex] === nodeKey && this.completedAttempt[chunkIndex] === attempt;
  }

  /**
   * Drop a claim and count a failed attempt. Below `maxAttempts` the chunk is queued for
   * re-issue; at the limit the runtime moves to `failed`. Returns the chunk's failures so far.
   */
  failAttempt(chunkIndex: number, maxAttempts: number): number {
    this.inFlight.delete(chunkIndex);
    const failures = this.failures[chunkIndex]! + 1;
    this.failures[chunkIndex] = failures;
    if (failures >= maxAttempts) this.stateNow = 'failed';
    else this.pendingReclaims.push(chunkIndex);
    return failures;
  }

  /** The owner cancelled the job: it takes no more claims or completions. */
  cancel(): void {
    this.stateNow = 'cancelled';
  }

  /** Put a chunk back for re-issue without blame (release), at the front of the queue. */
  requeueFront(chunkIndex: number): void {
    this.inFlight.delete(chunkIndex);
    this.pendingReclaims.unshift(chunkIndex);
  }

  /** Iterations and chunks per node over the final prefix: meta's contributions. */
  contributions(): Map<string, { chunks: number; iterations: number }> {
    const byNode = new Map<string, { chunks: number; iterations: number }>();
    for (let i = 0; i < this.prefixChunks; i++) {
      const nodeKey = this.completedBy[i];
      if (nodeKey === undefined) continue;
      const entry = byNode.get(nodeKey) ?? { chunks: 0, iterations: 0 };
      entry.chunks++;
      // Accepted partials passed the plausibility check: their iterations are the plan's.
      entry.iterations += this.plan.range(i).iterations;
      byNode.set(nodeKey, entry);
    }
    return byNode;
  }
}
