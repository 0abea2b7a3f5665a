// The rule that makes a job's bytes independent of who computed it: chunks join the merged
// prefix only in chunk order, and the strategy is asked after each one joins. The stopping
// point is then the first prefix length that satisfies the strategy, a function of the
// partials' contents alone, never of which chunk finished first. The sentinel's JobRuntime
// and `simforge sim` both feed their completions through this one class, so a local run and
// a distributed one cannot drift apart. A profileset with a target error is raced (race.ts):
// its stages are decided here too, and a chunk is run only once its stage is.

import type { SentinelConfig } from '../job-config.ts';
import type { ChunkPartial } from '../partial.ts';
import { ChunkPlan } from './chunk-plan.ts';
import { PrefixAccumulator } from './prefix-accumulator.ts';
import { Race } from './race.ts';
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

  /** Set for a raced profileset: which variants each stage runs, and where each stopped. */
  readonly race: Race | undefined;

  /** `variants`: the job's profileset variants (0 for one profile). */
  constructor(config: SentinelConfig, variants = 0) {
    this.plan = new ChunkPlan(config);
    this.strategy = createStrategy(config.strategy, this.plan.chunkCount);
    const { strategy } = config;
    this.race =
      strategy.kind === 'target_error' && variants > 0
        ? new Race(this.plan, {
            variants,
            minIterations: strategy.minIterations,
            targetErrorPct: strategy.targetErrorPct,
          })
        : undefined;
  }

  /** Whether chunk `chunkIndex` may run: always, but in a race only once its stage is decided. */
  mayRun(chunkIndex: number): boolean {
    return this.race === undefined || this.race.runningFor(chunkIndex) !== undefined;
  }

  /** The variants a raced chunk runs (ask mayRun first); undefined when every chunk runs all. */
  variantsFor(chunkIndex: number): readonly number[] | undefined {
    return this.race?.runningFor(chunkIndex);
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
    if (!this.mayRun(chunkIndex))
      throw new RangeError(`chunk ${chunkIndex} is in a race stage not decided yet`);
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
      const done = this.race
        ? this.race.atPrefix(this.prefixChunks, this.prefix)
        : this.strategy.isSatisfied(this.prefixChunks, this.prefix);
      if (done) {
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
