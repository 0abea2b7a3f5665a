// The rule that makes a job's bytes independent of who computed it: chunks join the merged
// prefix only in chunk order, and the strategy is asked after each one joins. The stopping
// point is then the first prefix length that satisfies the strategy, a function of the
// partials' contents alone, never of which chunk finished first. The sentinel's JobRuntime
// and `simforge sim` both feed their completions through this one class, so a local run and
// a distributed one cannot drift apart.

import type { SentinelConfig } from '../job-config.ts';
import type { ChunkPartial } from '../partial.ts';
import { ChunkPlan } from './chunk-plan.ts';
import { PrefixAccumulator } from './prefix-accumulator.ts';
import { createStrategy, type Strategy } from './strategy.ts';

export class PrefixMerge {
  readonly plan: ChunkPlan;
  private readonly strategy: Strategy;
  /** The merge of chunks 0..prefixChunks-1, in chunk order. */
  readonly prefix = new PrefixAccumulator();
  prefixChunks = 0;
  /** Set once the strategy accepts the prefix; later completions are ignored. */
  satisfied = false;
  /** Completed partials not yet joined because an earlier chunk is missing. */
  private readonly waiting = new Map<number, ChunkPartial>();

  constructor(config: SentinelConfig) {
    this.plan = new ChunkPlan(config);
    this.strategy = createStrategy(config.strategy, this.plan.chunkCount);
  }

  /**
   * Add chunk `chunkIndex`'s partial; join whatever it unblocks to the prefix in chunk order.
   * Returns true when the strategy is (now) satisfied: the prefix is the job's result.
   */
  add(chunkIndex: number, partial: ChunkPartial): boolean {
    if (this.satisfied) return true;
    if (
      !Number.isInteger(chunkIndex) ||
      chunkIndex < this.prefixChunks ||
      chunkIndex >= this.plan.chunkCount
    ) {
      throw new RangeError(`chunk ${chunkIndex} is outside the open part of the plan`);
    }
    // In-order completions (the common case) skip the waiting map.
    let next: ChunkPartial | undefined = partial;
    if (chunkIndex !== this.prefixChunks) {
      this.waiting.set(chunkIndex, partial);
      next = undefined;
    }
    while (next !== undefined) {
      this.waiting.delete(this.prefixChunks);
      this.prefix.add(next);
      this.prefixChunks++;
      if (this.strategy.isSatisfied(this.prefixChunks, this.prefix)) {
        this.satisfied = true;
        this.waiting.clear();
        return true;
      }
      next = this.waiting.get(this.prefixChunks);
    }
    return false;
  }

  /** The result: the canonical partial of the accepted prefix. */
  result(): ChunkPartial {
    return this.prefix.toPartial();
  }
}
