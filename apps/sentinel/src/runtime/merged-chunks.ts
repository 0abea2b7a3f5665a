// The chunks of one job that made it into its result: the in-order PrefixMerge (common), and
// per merged chunk who is credited with it, how it came to be trusted, and its bytes. The
// bytes are kept because a quarantine must be able to take a liar's chunks out again, and the
// accumulator cannot subtract: the merge is rebuilt from the bytes that stay.

import {
  type ChunkPartial,
  type ChunkPlan,
  decodeChunkPartial,
  type PrefixAccumulator,
  PrefixMerge,
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

export class MergedChunks {
  private merge: PrefixMerge;
  readonly plan: ChunkPlan;
  // Flat arrays indexed by chunk: no object per chunk on the complete hot path.
  /** One key (the common case: no array per chunk) or the agreeing nodes of a verified chunk. */
  private readonly credited: (string | readonly string[] | undefined)[];
  private readonly trust: Uint8Array;
  private readonly bytes: (Uint8Array | undefined)[];
  /** Iterations in all merged chunks, for progress. */
  iterations = 0;

  constructor(private readonly config: SentinelConfig) {
    this.merge = new PrefixMerge(config);
    this.plan = this.merge.plan;
    const n = this.plan.chunkCount;
    this.credited = new Array<string | readonly string[] | undefined>(n);
    this.trust = new Uint8Array(n);
    this.bytes = new Array<Uint8Array | undefined>(n);
  }

  /** The merge of chunks 0..prefixChunks-1, in chunk order. */
  get prefix(): PrefixAccumulator {
    return this.merge.prefix;
  }

  get prefixChunks(): number {
    return this.merge.prefixChunks;
  }

  /** Adds a chunk to the prefix merge; true when the strategy is now satisfied. */
  add(
    chunkIndex: number,
    credited: string | readonly string[],
    partial: ChunkPartial,
    bytes: Uint8Array,
    trust: ChunkTrust,
  ): boolean {
    this.credited[chunkIndex] = credited;
    this.trust[chunkIndex] = TRUST_CODE[trust];
    this.bytes[chunkIndex] = bytes;
    this.iterations += partial.iterations;
    return this.merge.add(chunkIndex, partial);
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
   * whose bytes stay. Returns the chunks taken out, to be computed again.
   */
  undoNode(nodeKey: string): number[] {
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
      this.iterations -= this.plan.range(chunkIndex).iterations;
      this.credited[chunkIndex] = undefined;
      this.trust[chunkIndex] = 0;
      this.bytes[chunkIndex] = undefined;
      undone.push(chunkIndex);
    }
    if (undone.length > 0) {
      this.merge = new PrefixMerge(this.config);
      for (let chunkIndex = 0; chunkIndex < this.plan.chunkCount; chunkIndex++) {
        const bytes = this.bytes[chunkIndex];
        if (bytes !== undefined) this.merge.add(chunkIndex, decodeChunkPartial(bytes));
      }
    }
    return undone;
  }

  /** Per node over the final prefix: chunks and iterations it computed, and how many were unchecked. */
  contributions(): Map<string, NodeContribution> {
    const byNode = new Map<string, NodeContribution>();
    for (let i = 0; i < this.prefixChunks; i++) {
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
    for (let i = 0; i < this.prefixChunks; i++) {
      const trust = this.trustOf(i);
      if (trust !== undefined) summary[trust]++;
    }
    return summary;
  }
}
