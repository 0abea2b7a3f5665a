// Runs a profileset (profile/profilesets.ts): the base profile and every variant over the same
// iterations on the same seeds, so each variant's difference to the base is paired iteration
// by iteration. The base keeps its whole partial (the report's abilities, timeline, buffs);
// a variant keeps its DPS and its paired difference (VariantSums), as SimulationCraft's
// profileset output does.
import { addVariantIteration, type ChunkPartial, emptyVariantSums, type VariantSums } from '@simforge/common';
import type { GameDataBundle, GameDataRequest } from '@simforge/gamedata';
import { CompiledCache } from './compiled-cache.ts';
import type { ProfileReport, RunChunkInput, SimConfig } from './plan.ts';
import type { ParseProfileOptions } from './profile/parse-profile.ts';
import { byPosition, type ProfileWarning } from './profile/profile-types.ts';
import { parseProfileset } from './profile/profilesets.ts';
import type { ProfileError } from './profile-errors.ts';
import { ProfileRejectedError } from './profile-errors.ts';
import { createSimulation, requiredGameData, type Simulation } from './simulation.ts';
import { DEFAULT_SPEC_REGISTRY, type SpecRegistry } from './specs/registry.ts';

export interface ProfilesetChunk {
  base: ChunkPartial;
  /** In the order the variants are first named in the text. */
  variants: VariantSums[];
}

export interface ProfilesetSimulation {
  base: Simulation;
  /** The base's talents, character and warnings (the profile's and the game data's), as a job's result records them. */
  report: ProfileReport;
  variants: { name: string; simulation: Simulation }[];
  /** `only`: a raced chunk's running variants (ascending); the others' sums stay empty. */
  runIterations(
    firstIteration: number,
    count: number,
    seed: number,
    only?: readonly number[],
  ): ProfilesetChunk;
}

/** The game data a profileset needs: the base's and every variant's (other items, talents). */
export function profilesetGameData(text: string, options: ParseProfileOptions = {}): GameDataRequest {
  const parsed = parseProfileset(text, options);
  if (!parsed.ok) throw new ProfileRejectedError(parsed.errors);
  const requests = [parsed.base, ...parsed.variants.map((v) => v.profile)].map((p) =>
    requiredGameData(p, { registry: options.registry }),
  );
  // Every list of ids, whichever a request has (spells, items, bonus lists, levels, ...).
  const merged: Record<string, unknown> = { ...requests[0]! };
  for (const request of requests.slice(1)) {
    for (const [key, value] of Object.entries(request)) {
      if (!Array.isArray(value)) continue;
      const before = (merged[key] as unknown[] | undefined) ?? [];
      if (key === 'itemBonusSets') {
        const sets = new Map<string, unknown>();
        for (const set of [...before, ...value] as { itemId: number; bonusListIds: number[] }[])
          sets.set(`${set.itemId}:${set.bonusListIds.join('/')}`, set);
        merged[key] = [...sets.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, set]) => set);
      } else {
        merged[key] = [...new Set([...(before as number[]), ...(value as number[])])].sort((a, b) => a - b);
      }
    }
  }
  return merged as unknown as GameDataRequest;
}

/** Compiles the base and every variant against the game data; throws ProfileRejectedError. */
export function createProfilesetSimulation(
  text: string,
  data: GameDataBundle,
  options: ParseProfileOptions = {},
): ProfilesetSimulation {
  const registry = options.registry ?? DEFAULT_SPEC_REGISTRY;
  const parsed = parseProfileset(text, { registry });
  if (!parsed.ok) throw new ProfileRejectedError(parsed.errors);
  const base = createSimulation(parsed.base, data, { registry });
  const errors: ProfileError[] = [];
  // A variant's warnings that are not the base's: its own lines', and the game data's about it.
  const said = new Set(base.warnings.map((w) => `${w.line}:${w.column}:${w.message}`));
  const variantWarnings: ProfileWarning[] = [];
  const variants = parsed.variants.flatMap(({ name, profile, warnings }) => {
    try {
      const simulation = createSimulation(profile, data, { registry });
      variantWarnings.push(
        ...warnings,
        ...simulation.warnings
          .filter((w) => !said.has(`${w.line}:${w.column}:${w.message}`))
          .map((w) => ({ ...w, message: `profileset "${name}": ${w.message}` })),
      );
      return [{ name, simulation }];
    } catch (error) {
      if (!(error instanceof ProfileRejectedError)) throw error;
      for (const e of error.errors) errors.push({ ...e, message: `profileset "${name}": ${e.message}` });
      return [];
    }
  });
  if (errors.length > 0) throw new ProfileRejectedError(errors.sort(byPosition));
  return {
    base,
    report: {
      talents: base.talents,
      character: base.character,
      warnings: [...parsed.warnings, ...base.warnings, ...variantWarnings].sort(byPosition),
    },
    variants,
    runIterations(firstIteration, count, seed, only) {
      const baseMilli: number[] = [];
      const basePartial = base.runIterations(firstIteration, count, seed, baseMilli);
      const variantMilli: number[] = [];
      const running = only === undefined ? undefined : new Set(only);
      return {
        base: basePartial,
        variants: variants.map(({ simulation }, k) => {
          if (running !== undefined && !running.has(k)) return emptyVariantSums();
          variantMilli.length = 0;
          simulation.runIterations(firstIteration, count, seed, variantMilli);
          const sums = emptyVariantSums();
          for (let i = 0; i < count; i++) addVariantIteration(sums, variantMilli[i]!, baseMilli[i]!);
          return sums;
        }),
      };
    },
  };
}

// Up to 500 variants each: fewer texts kept than for one profile.
const compiled = new CompiledCache<ProfilesetSimulation>(4);

function profilesetFor(text: string, data: GameDataBundle, registry: SpecRegistry): ProfilesetSimulation {
  return compiled.get(registry, data, text, () => createProfilesetSimulation(text, data, { registry }));
}

/** One chunk of a profileset job (planJob with `profilesets: true`): the base and every variant. */
export function runProfilesetChunk(input: RunChunkInput): ProfilesetChunk {
  const sim = profilesetFor(input.simConfig.profile, input.gameData, input.registry ?? DEFAULT_SPEC_REGISTRY);
  return sim.runIterations(input.firstIteration, input.count, input.sentinelConfig.seed, input.running);
}

/**
 * checkSimConfig for a profileset: compiles the base and every variant against the game data
 * (throws ProfileRejectedError, a variant's errors naming it) and returns the base's report.
 */
export function checkProfilesetConfig(
  simConfig: SimConfig,
  gameData: GameDataBundle,
  registry: SpecRegistry = DEFAULT_SPEC_REGISTRY,
): ProfileReport & { variants: string[] } {
  const sim = profilesetFor(simConfig.profile, gameData, registry);
  return { ...sim.report, variants: sim.variants.map((v) => v.name) };
}
