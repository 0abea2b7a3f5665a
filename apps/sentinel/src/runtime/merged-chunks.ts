// The chunks of one job that made it into its result, and per merged chunk who is credited
// with it and how it came to be trusted. A quarantine must be able to take a liar's chunks out
// again, and an accumulator cannot subtract, so what could be taken out is kept apart:
//
// - A target-error job stops at the first prefix of chunks that satisfies it, so its chunks
//   join the in-order PrefixMerge (common, the rule `simforge sim` runs) and their bytes are
//   kept: after a quarantine the merge is rebuilt from the bytes that stay.
// - A fixed-iteration job's result is the merge of all its chunks, whatever their order (the
//   merge is exact), so each chunk is merged as it arrives into its group's accumulator: one
//   for the chunks no quarantine can take out (the owner's, verified ones), and one per node
//   for the chunks merged on that node's word alone. A quarantine drops the node's accumulator;
//   nothing per chunk is kept but two small arrays. A 100,000-chunk job holds a few MB, not
//   the ~1 GB its partials' bytes would be.

import {
  type ChunkPartial,
  type ChunkPlan,
  decodeChunkPartial,
  PrefixAccumulator,
  PrefixMerge,
  type RaceStop,
  type SentinelConfig,
} from '@simforge/common';

/** Why a merged chunk's result is trusted (or is not). */
export type ChunkTrust = 'owner' | 'verified' | 'unchecked' | 'waived';
const TRUST_CODES: readonly ChunkTrust[] = ['owner', 'verified', 'unchecked', 'waived'];
const TRUST_CODE: Record<ChunkTrust, number> = { owner: 1, verified: 2, unchecked: 3, waived: 4 };

export interface NodeContribution {
  chunks: number;
  iterations: number;
  unverifiedChunks: number;
}

/** The group of chunks no quarantine can take out (fixed-iteration jobs). */
const SETTLED = '';

export class MergedChunks {
  private merge: PrefixMerge;
  readonly plan: ChunkPlan;
  /** Fixed-iteration jobs: merged in any order, by group (see the top of this file). */
  private readonly anyOrder: boolean;
  private readonly groups = new Map<string, PrefixAccumulator>();
  private mergedChunks = 0;
  private combined: PrefixAccumulator | undefined;
  // Flat arrays indexed by chunk: no object per chunk on the complete hot path.
  /** One key (the common case: no array per chunk) or the agreeing nodes of a verified chunk. */
  private readonly credited: (string | readonly string[] | undefined)[];
  private readonly trust: Uint8Array;
  private readonly bytes: (Uint8Array | undefined)[];
  /** Iterations in all merged chunks, for progress. */
  iterations = 0;

  /** `variants`: the job's profileset variants (0 for one profile); a target error races them. */
  constructor(
    private readonly config: SentinelConfig,
    private readonly variants = 0,
  ) {
    this.merge = new PrefixMerge(config, variants);
    this.plan = this.merge.plan;
    this.anyOrder = config.strategy.kind === 'fixed';
    const n = this.plan.chunkCount;
    this.credited = new Array<string | readonly string[] | undefined>(n);
    this.trust = new Uint8Array(n);
    this.bytes = new Array<Uint8Array | undefined>(n);
  }

  /** The merge of the result's chunks: chunks 0..prefixChunks-1. */
  get prefix(): PrefixAccumulator {
    if (!this.anyOrder) return this.merge.prefix;
    if (this.combined === undefined) {
      this.combined = new PrefixAccumulator();
      // Group by group in a fixed order; the merge is exact, so the order cannot show anyway.
      for (const key of [...this.groups.keys()].sort()) this.combined.add(this.groups.get(key)!.toPartial());
    }
    return this.combined;
  }

  /** Whether a chunk may run now: a raced profileset's chunk only once its stage is decided. */
  mayRun(chunkIndex: number): boolean {
    return this.merge.mayRun(chunkIndex);
  }

  /** The variants a raced chunk runs; undefined when every chunk runs them all. */
  variantsFor(chunkIndex: number): readonly number[] | undefined {
    return this.merge.variantsFor(chunkIndex);
  }

  get stagesDecided(): number {
    return this.merge.race?.decidedStages ?? 1;
  }

  /** Where a race stopped each variant it stopped (empty unless raced). */
  get raceStops(): readonly RaceStop[] {
    return this.merge.race?.stops ?? [];
  }

  /** The race stage of a chunk (0 unless raced). */
  stageOf(chunkIndex: number): number {
    return this.merge.race?.stageOf(chunkIndex) ?? 0;
  }

  /** For a fixed-iteration job, the chunks merged so far (all of them once it is satisfied). */
  get prefixChunks(): number {
    return this.anyOrder ? this.mergedChunks : this.merge.prefixChunks;
  }

  /** Whether chunk `i` is in the result (for reports): merged, and in the prefix if order counts. */
  private inResult(chunkIndex: number): boolean {
    return this.anyOrder ? this.trust[chunkIndex] !== 0 : chunkIndex < this.merge.prefixChunks;
  }

  /** Adds a chunk to the prefix merge; true when the strategy is now satisfied. */
  add(
    chunkIndex: number,
    credited: string | readonly string[],
    partial: ChunkPartial,
    bytes: Uint8Array,
    trust: ChunkTrust,
  ): boolean {
    // Checked before anything changes: a chunk of an undecided race stage must not half-join.
    if (!this.merge.mayRun(chunkIndex))
      throw new RangeError(`chunk ${chunkIndex} is in a race stage not decided yet`);
    this.credited[chunkIndex] = credited;
    this.trust[chunkIndex] = TRUST_CODE[trust];
    this.iterations += partial.iterations;
    if (!this.anyOrder) {
      this.bytes[chunkIndex] = bytes;
      return this.merge.add(chunkIndex, partial);
    }
    const group = trust === 'unchecked' || trust === 'waived' ? (credited as string) : SETTLED;
    let accumulator = this.groups.get(group);
    if (accumulator === undefined) {
      accumulator = new PrefixAccumulator();
      this.groups.set(group, accumulator);
    }
    accumulator.add(partial);
    this.combined = undefined;
    this.mergedChunks++;
    return this.mergedChunks >= this.plan.chunkCount;
  }

  private trustOf(chunkIndex: number): ChunkTrust | undefined {
    return TRUST_CODES[this.trust[chunkIndex]! - 1];
  }

  private creditedFor(chunkIndex: number): readonly string[] | undefined {
    const nodes = this.credited[chunkIndex];
    return typeof nodes === 'string' ? [nodes] : nodes;
  }

  /**
   * A quarantined node's share: chunks merged on its word alone (unchecked or waived) leave
   * the merge, which is rebuilt from the bytes that stay (no prefix it passes through was ever
   * satisfied, so it cannot stop early); it loses the credit for chunks other owners verified,
   * whose bytes stay. In a race, every chunk of a later stage than the earliest one taken out
   * goes too: the decisions that chose its variants rested on what was taken out, and are made
   * again. Returns the chunks taken out, to be computed again, and for a race the stage after
   * which its decisions were undone.
   */
  undoNode(nodeKey: string): { undone: number[]; raceUndoneAfter?: number } {
    const undone: number[] = [];
    for (let chunkIndex = 0; chunkIndex < this.plan.chunkCount; chunkIndex++) {
      const nodes = this.creditedFor(chunkIndex);
      if (nodes === undefined || !nodes.includes(nodeKey)) continue;
      const trust = this.trustOf(chunkIndex);
      if (trust === 'verified') {
        this.credited[chunkIndex] = nodes.filter((key) => key !== nodeKey);
        continue;
      }
      if (trust !== 'unchecked' && trust !== 'waived') continue;
      this.takeOut(chunkIndex);
      undone.push(chunkIndex);
    }
    const race = this.merge.race;
    let raceUndoneAfter: number | undefined;
    if (race !== undefined && undone.length > 0) {
      raceUndoneAfter = race.stageOf(undone[0]!);
      for (
        let chunkIndex = race.stageEnds[raceUndoneAfter]!;
        chunkIndex < this.plan.chunkCount;
        chunkIndex++
      ) {
        if (this.bytes[chunkIndex] === undefined) continue;
        this.takeOut(chunkIndex);
        undone.push(chunkIndex);
      }
    }
    if (this.anyOrder) {
      // The node's group holds exactly the chunks merged on its word: they leave with it.
      this.groups.delete(nodeKey);
      this.mergedChunks -= undone.length;
      this.combined = undefined;
    } else if (undone.length > 0) {
      this.merge = new PrefixMerge(this.config, this.variants);
      for (let chunkIndex = 0; chunkIndex < this.plan.chunkCount; chunkIndex++) {
        const bytes = this.bytes[chunkIndex];
        if (bytes !== undefined) this.merge.add(chunkIndex, decodeChunkPartial(bytes));
      }
    }
    return raceUndoneAfter === undefined ? { undone } : { undone, raceUndoneAfter };
  }

  /** Forgets a merged chunk (its merge is rebuilt or its group dropped by the caller). */
  private takeOut(chunkIndex: number): void {
    this.iterations -= this.plan.range(chunkIndex).iterations;
    this.credited[chunkIndex] = undefined;
    this.trust[chunkIndex] = 0;
    this.bytes[chunkIndex] = undefined;
  }

  /** Per node over the final prefix: chunks and iterations it computed, and how many were unchecked. */
  contributions(): Map<string, NodeContribution> {
    const byNode = new Map<string, NodeContribution>();
    for (let i = 0; i < this.plan.chunkCount; i++) {
      if (!this.inResult(i)) continue;
      const nodes = this.creditedFor(i);
      if (nodes === undefined) continue;
      const trust = this.trustOf(i);
      for (const nodeKey of nodes) {
        const entry = byNode.get(nodeKey) ?? { chunks: 0, iterations: 0, unverifiedChunks: 0 };
        entry.chunks++;
        // Accepted partials passed the plausibility check: their iterations are the plan's.
        entry.iterations += this.plan.range(i).iterations;
        if (trust === 'unchecked' || trust === 'waived') entry.unverifiedChunks++;
        byNode.set(nodeKey, entry);
      }
    }
    return byNode;
  }

  /** How the chunks of the final prefix came to be trusted: what a report shows. */
  verificationSummary(): Record<ChunkTrust, number> & { chunks: number } {
    const summary = { chunks: this.prefixChunks, owner: 0, verified: 0, unchecked: 0, waived: 0 };
    for (let i = 0; i < this.plan.chunkCount; i++) {
      if (!this.inResult(i)) continue;
      const trust = this.trustOf(i);
      if (trust !== undefined) summary[trust]++;
    }
    return summary;
  }
}
