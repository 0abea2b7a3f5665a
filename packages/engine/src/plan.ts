// planJob and runChunk: the two functions hosts call. planJob turns profile text into the
// job row's sim_config and sentinel_config; runChunk runs one chunk of a job. Every host (the
// CLI, a node, the sentinel's validation) goes through the same chunk plan, so a local run
// and a distributed one produce the same bytes.
import {
  type ChunkPartial,
  type JobCharacter,
  type JobTalents,
  MAX_CHUNKS_PER_JOB,
  type SentinelConfig,
  type SimConfig,
  type StrategyConfig,
} from '@simforge/common';
import type { GameDataBundle, GameDataRequest } from '@simforge/gamedata';
import { CompiledCache } from './compiled-cache.ts';
import { parseProfile } from './profile/parse-profile.ts';
import { byPosition, type Profile, type ProfileWarning } from './profile/profile-types.ts';
import { parseProfileset } from './profile/profilesets.ts';
import { type ProfileError, ProfileRejectedError } from './profile-errors.ts';
import { checkProfilesetConfig, profilesetGameData, runProfilesetChunk } from './profileset-run.ts';
import { createSimulation, requiredGameData, type Simulation } from './simulation.ts';
import { DEFAULT_SPEC_REGISTRY, type SpecRegistry } from './specs/registry.ts';

export type { SentinelConfig, SimConfig, StrategyConfig } from '@simforge/common';

export interface PlanOverrides {
  iterations?: number;
  seed?: number;
  chunkIterations?: number;
  targetErrorPct?: number;
}

export type PlanResult =
  | {
      ok: true;
      simConfig: SimConfig;
      sentinelConfig: SentinelConfig;
      /** The base profile. */
      profile: Profile;
      warnings: ProfileWarning[];
      /** With `profilesets: true`: the variants' names in the profile's order (maybe none). */
      variants: string[];
    }
  | { ok: false; errors: ProfileError[] };

/** Iterations per chunk: ~0.3 s of work on one core, small enough to spread and reclaim. */
export const DEFAULT_CHUNK_ITERATIONS = 1000;
/**
 * A large fixed-iteration job gets larger chunks, up to this (~6 s of work on one core), so it
 * is at least CHUNKS_PER_LARGE_JOB chunks: every chunk costs the sentinel the same to check and
 * merge whatever its size, and a fixed job's bytes do not depend on its chunk size (the merge
 * is exact). A target-error job keeps DEFAULT_CHUNK_ITERATIONS: it stops at a chunk boundary,
 * so its chunk size is its stopping grid.
 */
export const MAX_CHUNK_ITERATIONS = 25_000;
const CHUNKS_PER_LARGE_JOB = 256;
/** With target_error and no explicit iterations, the most a job may run. */
export const DEFAULT_TARGET_ERROR_MAX_ITERATIONS = 1_000_000;
const TARGET_ERROR_MIN_ITERATIONS = 1000;

// Leading whitespace as the profile reader trims it (a non-breaking space or a BOM included).
const PROFILESET_LINES = /^[^\S\r\n]*profileset\..*(?:\r?\n|$)/gim;
const HAS_PROFILESET_LINE = /^[^\S\r\n]*profileset\./im;

/** FNV-1a over the profile text: the seed when neither the profile nor the caller gives one. */
export function seedFromText(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export interface PlanOptions {
  /** The specs a profile may name; DEFAULT_SPEC_REGISTRY when not given. */
  registry?: SpecRegistry;
  /**
   * The host runs profilesets (runProfilesetChunk): their lines are read as variants. Without
   * it they are refused, so no host runs the base alone and drops the variants unsaid.
   */
  profilesets?: boolean;
}

function explicitIterationsOf(overrides: PlanOverrides, profileText: string): boolean {
  return overrides.iterations !== undefined || /^\s*iterations\s*=/m.test(profileText);
}

export function planJob(
  profileText: string,
  overrides: PlanOverrides = {},
  options: PlanOptions = {},
): PlanResult {
  const parsed = options.profilesets
    ? parseProfileset(profileText, { registry: options.registry })
    : parseProfile(profileText, { registry: options.registry });
  if (!parsed.ok) return parsed;
  const profile = 'base' in parsed ? parsed.base : parsed.profile;
  const variants = 'variants' in parsed ? parsed.variants.map((v) => v.name) : [];
  // Without its profileset lines, so adding a variant leaves the base's numbers where they were.
  const seedText = variants.length > 0 ? profileText.replace(PROFILESET_LINES, '') : profileText;
  const seed = (overrides.seed ?? profile.fight.seed ?? seedFromText(seedText)) >>> 0;
  const iterations = overrides.iterations ?? profile.fight.iterations;
  const targetErrorPct = overrides.targetErrorPct ?? profile.fight.targetErrorPct;
  const sized =
    targetErrorPct > 0
      ? DEFAULT_CHUNK_ITERATIONS
      : Math.min(
          MAX_CHUNK_ITERATIONS,
          Math.max(
            DEFAULT_CHUNK_ITERATIONS,
            Math.ceil(iterations / CHUNKS_PER_LARGE_JOB / DEFAULT_CHUNK_ITERATIONS) *
              DEFAULT_CHUNK_ITERATIONS,
          ),
        );
  // A profileset's chunk runs every variant too: fewer iterations keep it about as long.
  const cap =
    targetErrorPct > 0
      ? explicitIterationsOf(overrides, profileText)
        ? iterations
        : DEFAULT_TARGET_ERROR_MAX_ITERATIONS
      : iterations;
  // ... and never more chunks than a job may plan (a raced Top Gear of 500 variants up to the cap).
  const perChunk = Math.max(
    1,
    Math.round(sized / (variants.length + 1)),
    Math.ceil(cap / MAX_CHUNKS_PER_JOB),
  );
  const chunkIterations = Math.max(1, Math.min(overrides.chunkIterations ?? perChunk, iterations));
  const explicitIterations = explicitIterationsOf(overrides, profileText);
  const strategy: StrategyConfig =
    targetErrorPct > 0
      ? {
          kind: 'target_error',
          targetErrorPct,
          minIterations: Math.min(TARGET_ERROR_MIN_ITERATIONS, iterations),
          maxIterations: explicitIterations ? iterations : DEFAULT_TARGET_ERROR_MAX_ITERATIONS,
        }
      : { kind: 'fixed', iterations };
  return {
    ok: true,
    simConfig: { profile: profileText },
    sentinelConfig: { seed, chunkIterations, strategy },
    profile,
    warnings: parsed.warnings,
    variants,
  };
}

export interface RunChunkInput {
  simConfig: SimConfig;
  sentinelConfig: SentinelConfig;
  gameData: GameDataBundle;
  firstIteration: number;
  count: number;
  /**
   * A raced profileset's chunk: the variants still in the race (their indices, ascending); the
   * others' sums stay empty. Absent: every variant runs.
   */
  running?: readonly number[];
  /** The specs a profile may name; DEFAULT_SPEC_REGISTRY when not given. */
  registry?: SpecRegistry;
}

const cache = new CompiledCache<CompiledJob>(8);

interface CompiledJob {
  sim: Simulation;
  report: ProfileReport;
}

/** What a job's result records about its profile besides the numbers. */
export interface ProfileReport {
  talents: JobTalents;
  /** Who was simulated in what fight (the report's header). */
  character: JobCharacter;
  /** Lines accepted but not simulated, in line order. */
  warnings: ProfileWarning[];
}

function simulationFor(simConfig: SimConfig, gameData: GameDataBundle, registry: SpecRegistry): CompiledJob {
  return cache.get(registry, gameData, simConfig.profile, () => {
    const parsed = parseProfile(simConfig.profile, { registry });
    if (!parsed.ok) throw new ProfileRejectedError(parsed.errors);
    const sim = createSimulation(parsed.profile, gameData, { registry });
    const warnings = [...parsed.warnings, ...sim.warnings].sort(byPosition);
    return { sim, report: { talents: sim.talents, warnings, character: sim.character } };
  });
}

/**
 * Everything the nodes will check, against this game data, before any iteration runs: throws
 * ProfileRejectedError (line and column) where a chunk would. Returns the talents and warnings
 * as the job's result records them.
 */
export function checkSimConfig(
  simConfig: SimConfig,
  gameData: GameDataBundle,
  registry: SpecRegistry = DEFAULT_SPEC_REGISTRY,
): ProfileReport {
  return simulationFor(simConfig, gameData, registry).report;
}

/** Loads the records a request names (the host's game-data source: SQL, CSV, the sentinel). */
export type BundleLoader = (request: GameDataRequest) => Promise<GameDataBundle>;

export type ProfileCheck =
  /** `patch`: the game data the check ran against. */
  ({ ok: true; patch: string } & ProfileReport) | { ok: false; errors: ProfileError[] };

/**
 * checkSimConfig for a profile's text, loading just the game data it needs: what the sentinel
 * runs before admitting a job and the studio before inserting one. The loader's own failures
 * (no data imported, the database away) are thrown for the host to judge.
 */
export async function checkProfileWithData(
  profileText: string,
  load: BundleLoader,
  registry: SpecRegistry = DEFAULT_SPEC_REGISTRY,
): Promise<ProfileCheck> {
  if (HAS_PROFILESET_LINE.test(profileText)) {
    // A profileset: the base and every variant, against what all of them need.
    const parsed = parseProfileset(profileText, { registry });
    if (!parsed.ok) return { ok: false, errors: parsed.errors };
    const bundle = await load(profilesetGameData(profileText, { registry }));
    try {
      const { talents, character, warnings } = checkProfilesetConfig(
        { profile: profileText },
        bundle,
        registry,
      );
      return { ok: true, talents, character, warnings, patch: bundle.patch };
    } catch (error) {
      if (error instanceof ProfileRejectedError) return { ok: false, errors: error.errors };
      throw error;
    }
  }
  const parsed = parseProfile(profileText, { registry });
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  const bundle = await load(requiredGameData(parsed.profile, { registry }));
  try {
    return { ok: true, ...checkSimConfig({ profile: profileText }, bundle, registry), patch: bundle.patch };
  } catch (error) {
    if (error instanceof ProfileRejectedError) return { ok: false, errors: error.errors };
    throw error;
  }
}

/**
 * One chunk of a job. A profileset's (its text has profileset lines, planned with
 * `profilesets: true`) runs the base and every variant: the base's partial with the variants'
 * sums in `variants`.
 */
/** The game data a job's text needs: its profile's, or a profileset's base and variants'. */
export function jobGameData(
  profileText: string,
  registry: SpecRegistry = DEFAULT_SPEC_REGISTRY,
): GameDataRequest {
  if (HAS_PROFILESET_LINE.test(profileText)) return profilesetGameData(profileText, { registry });
  const parsed = parseProfile(profileText, { registry });
  if (!parsed.ok) throw new ProfileRejectedError(parsed.errors);
  return requiredGameData(parsed.profile, { registry });
}

export function runChunk(input: RunChunkInput): ChunkPartial {
  if (HAS_PROFILESET_LINE.test(input.simConfig.profile)) {
    const { base, variants } = runProfilesetChunk(input);
    return { ...base, variants };
  }
  const { sim } = simulationFor(input.simConfig, input.gameData, input.registry ?? DEFAULT_SPEC_REGISTRY);
  return sim.runIterations(input.firstIteration, input.count, input.sentinelConfig.seed);
}
