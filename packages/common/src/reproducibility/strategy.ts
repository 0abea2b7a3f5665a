// When is a job done? Decided only on the contiguous completed prefix of chunks 0..k-1, merged
// in chunk order, and checked after each chunk joins the prefix. So the stopping point k is the
// first prefix length that satisfies the strategy, which depends on the partials' contents
// only, never on which node finished first: the result stays a pure function of the config.

import type { StrategyConfig } from '../job-config.ts';
import type { PrefixAccumulator } from './prefix-accumulator.ts';

export interface Strategy {
  /** True when the prefix of `prefixChunks` chunks (merged into `prefix`) is the final result. */
  isSatisfied(prefixChunks: number, prefix: PrefixAccumulator): boolean;
}

export function createStrategy(config: StrategyConfig, chunkCount: number): Strategy {
  switch (config.kind) {
    case 'fixed':
      return { isSatisfied: (prefixChunks) => prefixChunks >= chunkCount };
    case 'target_error':
      return {
        isSatisfied(prefixChunks, prefix) {
          if (prefixChunks >= chunkCount) return true;
          if (prefix.iterations < config.minIterations) return false;
          // A zero mean (a profile that does no damage) never converges in relative terms;
          // stop at the minimum rather than burn the whole cap.
          if (prefix.meanDps() <= 0) return true;
          return prefix.halfWidth95Pct() <= config.targetErrorPct;
        },
      };
    default: {
      const never: never = config;
      throw new Error(`unknown strategy ${JSON.stringify(never)}`);
    }
  }
}
