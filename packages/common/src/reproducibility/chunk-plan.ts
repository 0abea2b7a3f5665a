// The chunk plan: chunk i covers iterations [i * chunkIterations, ...) up to the strategy's
// iteration cap. A pure function of sentinel_config, so the same chunk always means the same
// iterations (and, with the engine's per-iteration RNG streams, the same partial bytes).

import type { SentinelConfig } from '../job-config.ts';

export interface ChunkRange {
  firstIteration: number;
  iterations: number;
}

export class ChunkPlan {
  readonly chunkIterations: number;
  /** The most iterations the job can run: the fixed count, or target_error's cap. */
  readonly iterationCap: number;
  readonly chunkCount: number;

  constructor(config: SentinelConfig) {
    this.chunkIterations = config.chunkIterations;
    this.iterationCap =
      config.strategy.kind === 'fixed' ? config.strategy.iterations : config.strategy.maxIterations;
    this.chunkCount = Math.ceil(this.iterationCap / this.chunkIterations);
  }

  range(chunkIndex: number): ChunkRange {
    const firstIteration = chunkIndex * this.chunkIterations;
    return {
      firstIteration,
      iterations: Math.min(this.chunkIterations, this.iterationCap - firstIteration),
    };
  }
}
