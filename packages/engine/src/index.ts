// @simforge/engine: a pure, deterministic simulation of one character. No I/O, no clock, no
// Math.random: the same profile, game data, seed and iteration index give the same numbers.

export {
  DEFAULT_CHUNK_ITERATIONS,
  type PlanOverrides,
  type PlanResult,
  planJob,
  type RunChunkInput,
  runChunk,
  type SentinelConfig,
  type SimConfig,
  type StrategyConfig,
  seedFromText,
} from './plan.ts';
export { type ParseProfileResult, parseProfile } from './profile/parse-profile.ts';
export type {
  ActionEntry,
  FightOptions,
  GearStats,
  ItemLine,
  Profile,
  ProfileWarning,
  SourcePos,
} from './profile/profile-types.ts';
export {
  formatProfileError,
  PROFILE_ERRORS,
  type ProfileError,
  type ProfileErrorCode,
  ProfileRejectedError,
} from './profile-errors.ts';
export { type ResolvedItem, resolveItems } from './sim/items.ts';
export {
  createSimulation,
  requiredGameData,
  type Simulation,
  type SimulationOptions,
} from './simulation.ts';
export { decodeLoadout, encodeLoadout, type LoadoutTree } from './talents/loadout-string.ts';
export { loadoutTreeOf } from './talents/resolve-talents.ts';
