// The job row's two configs, the schema every part shares: `sim_config` (what to simulate,
// the profile text the engine parses) and `sentinel_config` (how to run it: seed, chunk size,
// strategy). The engine's planJob writes them; the sentinel reads them back from a row any
// signed-in user could have inserted, so parseSentinelConfig checks rather than trusts.

/** `public.jobs.sim_config`. */
export interface SimConfig {
  /** The SimulationCraft profile text, verbatim. */
  profile: string;
}

export type StrategyConfig =
  | { kind: 'fixed'; iterations: number }
  | { kind: 'target_error'; targetErrorPct: number; minIterations: number; maxIterations: number };

export interface SentinelConfig {
  seed: number;
  chunkIterations: number;
  strategy: StrategyConfig;
}

/** A job may not plan more chunks than this; a sane plan is at most a few thousand. */
export const MAX_CHUNKS_PER_JOB = 100_000;

function isPositiveInt(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; message: string };

export function parseSentinelConfig(raw: unknown): ParseResult<SentinelConfig> {
  if (!isRecord(raw)) return { ok: false, message: 'sentinel_config must be an object' };
  const { seed, chunkIterations, strategy } = raw;
  if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > 0xffff_ffff) {
    return { ok: false, message: 'sentinel_config.seed must be a uint32' };
  }
  if (!isPositiveInt(chunkIterations)) {
    return { ok: false, message: 'sentinel_config.chunkIterations must be a positive integer' };
  }
  if (!isRecord(strategy)) return { ok: false, message: 'sentinel_config.strategy must be an object' };
  let parsed: StrategyConfig;
  if (strategy.kind === 'fixed') {
    if (!isPositiveInt(strategy.iterations)) {
      return { ok: false, message: 'strategy.iterations must be a positive integer' };
    }
    parsed = { kind: 'fixed', iterations: strategy.iterations };
  } else if (strategy.kind === 'target_error') {
    const { targetErrorPct, minIterations, maxIterations } = strategy;
    if (typeof targetErrorPct !== 'number' || !(targetErrorPct > 0) || !Number.isFinite(targetErrorPct)) {
      return { ok: false, message: 'strategy.targetErrorPct must be a positive number' };
    }
    if (!isPositiveInt(minIterations) || !isPositiveInt(maxIterations) || minIterations > maxIterations) {
      return { ok: false, message: 'strategy needs positive integers minIterations <= maxIterations' };
    }
    parsed = { kind: 'target_error', targetErrorPct, minIterations, maxIterations };
  } else {
    return { ok: false, message: "strategy.kind must be 'fixed' or 'target_error'" };
  }
  const cap = parsed.kind === 'fixed' ? parsed.iterations : parsed.maxIterations;
  if (Math.ceil(cap / chunkIterations) > MAX_CHUNKS_PER_JOB) {
    return { ok: false, message: `the plan exceeds ${MAX_CHUNKS_PER_JOB} chunks; raise chunkIterations` };
  }
  return { ok: true, value: { seed, chunkIterations, strategy: parsed } };
}
