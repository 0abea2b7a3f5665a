// Racing a profileset to a target precision (Raidbots' Smart Sim, made exact by pairing). The
// chunk plan is cut into stages that double in length; at the end of each stage the merged
// prefix decides which variants run on: a variant stops once it is behind the leader with high
// confidence, and the race ends when every variant still running knows its difference to the
// base to the target precision. Decided on the in-order prefix of whole stages only (as
// strategy.ts decides a stop), so where each variant stopped is a function of the job's config
// alone: a chunk of stage k+1 is not run before stage k is decided, and then runs exactly the
// variants that decision kept.

import type { VariantSums } from '../variant-sums.ts';
import { variantView } from '../variant-view.ts';
import { Z_95 } from '../welford.ts';
import type { ChunkPlan } from './chunk-plan.ts';
import type { PrefixAccumulator } from './prefix-accumulator.ts';

/**
 * The standard errors a gap must exceed to stop a variant: one-sided 0.05%, so a variant that
 * is in truth the best survives the ten or so decisions of a race with about 99.5% certainty.
 */
export const RACE_Z = 3.29;

/** A variant stopped behind `leader` (a variant index, or -1 for the base) at `iterations`. */
export interface RaceStop {
  variant: number;
  leader: number;
  iterations: number;
}

export interface RaceConfig {
  variants: number;
  /** Iterations of the first stage (rounded up to whole chunks). */
  minIterations: number;
  /** The target: each running variant's paired difference to within this % of the base's DPS (95%). */
  targetErrorPct: number;
}

export class Race {
  /** Chunk counts at which the stages end, the last at the plan's end. */
  readonly stageEnds: number[];
  /** The variants each decided stage runs, ascending; stage 0 runs them all. */
  private readonly running: number[][];
  readonly stops: RaceStop[] = [];

  constructor(
    private readonly plan: ChunkPlan,
    private readonly config: RaceConfig,
  ) {
    const ends: number[] = [];
    let end = Math.max(1, Math.ceil(config.minIterations / plan.chunkIterations));
    while (end < plan.chunkCount) {
      ends.push(end);
      end *= 2;
    }
    ends.push(plan.chunkCount);
    this.stageEnds = ends;
    this.running = [Array.from({ length: config.variants }, (_, k) => k)];
  }

  stageOf(chunkIndex: number): number {
    let stage = 0;
    while (this.stageEnds[stage]! <= chunkIndex) stage++;
    return stage;
  }

  /** The variants chunk `chunkIndex` runs, or undefined while its stage is not decided yet. */
  runningFor(chunkIndex: number): readonly number[] | undefined {
    return this.running[this.stageOf(chunkIndex)];
  }

  /** Stages decided so far, the first included. */
  get decidedStages(): number {
    return this.running.length;
  }

  /**
   * The prefix has just reached `prefixChunks`. At a stage's end: stops the variants behind the
   * leader and decides the next stage. True when the race is over (the job's result).
   */
  atPrefix(prefixChunks: number, prefix: PrefixAccumulator): boolean {
    const stage = this.running.length - 1;
    if (prefixChunks !== this.stageEnds[stage]) return false;
    if (prefixChunks >= this.plan.chunkCount) return true;
    const sums = prefix.variantSums();
    const before = this.running[stage]!;
    const views = new Map(before.map((k) => [k, gapView(sums[k]!)]));
    // The leader: the best mean difference to the base, the base itself (0 +- 0) included.
    let leader = -1;
    let best = { mean: 0, se: 0 };
    for (const [k, view] of views) {
      if (view.mean > best.mean) {
        leader = k;
        best = view;
      }
    }
    const after: number[] = [];
    for (const [k, view] of views) {
      // The gap's standard error is at most the sum of the two differences' (Minkowski): the
      // covariance of the two is not in the sums, so the bound is the safe side of it.
      if (k !== leader && view.mean - best.mean + RACE_Z * (view.se + best.se) < 0)
        this.stops.push({ variant: k, leader, iterations: prefix.iterations });
      else after.push(k);
    }
    // A base without damage has no relative precision to reach (strategy.ts stops it likewise).
    if (prefix.meanDps() <= 0) return true;
    const target = (this.config.targetErrorPct / 100) * prefix.meanDps();
    const precise = after.every((k) => views.get(k)!.halfWidth95 <= target);
    if (after.length === 0 || precise) return true;
    this.running.push(after);
    return false;
  }
}

function gapView(sums: VariantSums): { mean: number; se: number; halfWidth95: number } {
  const view = variantView(sums);
  return { mean: view.diffMean, se: view.diffHalfWidth95 / Z_95, halfWidth95: view.diffHalfWidth95 };
}
