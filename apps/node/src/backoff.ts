// Exponential backoff with full jitter for when the sentinel is unreachable. Full jitter
// (a uniform draw in [0, cap]) spreads a fleet of nodes that all lost the sentinel at the
// same moment, so they do not come back as one synchronized wave when it restarts.

export interface BackoffOptions {
  initialDelayMs: number;
  maxDelayMs: number;
  /** Uniform in [0, 1); injected so tests are deterministic. */
  random: () => number;
}

export interface Backoff {
  /** The delay before the next attempt; grows with each consecutive failure. */
  nextDelayMs(): number;
  /** Call after a success: the next failure starts from the initial delay again. */
  reset(): void;
  readonly failures: number;
}

export function createBackoff(options: BackoffOptions): Backoff {
  let failures = 0;
  return {
    nextDelayMs() {
      const ceiling = Math.min(options.maxDelayMs, options.initialDelayMs * 2 ** Math.min(failures, 30));
      failures++;
      // Never zero: a floor of the initial delay's half keeps a dead sentinel from being hammered.
      const floorMs = options.initialDelayMs / 2;
      return Math.round(floorMs + options.random() * Math.max(0, ceiling - floorMs));
    },
    reset() {
      failures = 0;
    },
    get failures() {
      return failures;
    },
  };
}
