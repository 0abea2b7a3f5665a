// @simforge/engine: a pure, deterministic simulation of one character. No I/O, no clock, no
// Math.random: the same profile, game data, seed and iteration index give the same numbers.

export {
  type BundleLoader,
  checkProfileWithData,
  checkSimConfig,
  DEFAULT_CHUNK_ITERATIONS,
  jobGameData,
  type PlanOptions,
  type PlanOverrides,
  type PlanResult,
  type ProfileCheck,
  type ProfileReport,
  planJob,
  type RunChunkInput,
  runChunk,
  type SentinelConfig,
  type SimConfig,
  type StrategyConfig,
  seedFromText,
} from './plan.ts';
export { type ParseProfileOptions, type ParseProfileResult, parseProfile } from './profile/parse-profile.ts';
export { MAX_PROFILE_BYTES } from './profile/profile-lines.ts';
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
  type ProfilesetChange,
  type ProfilesetChanges,
  profilesetChanges,
} from './profile/profileset-changes.ts';
export {
  MAX_PROFILESETS,
  type ParseProfilesetResult,
  type ProfilesetVariant,
  parseProfileset,
  profilesetNames,
} from './profile/profilesets.ts';
export {
  capErrors,
  formatProfileError,
  MAX_REPORTED_ERRORS,
  PROFILE_ERRORS,
  type ProfileError,
  type ProfileErrorCode,
  ProfileRejectedError,
} from './profile-errors.ts';
export {
  checkProfilesetConfig,
  createProfilesetSimulation,
  type ProfilesetChunk,
  type ProfilesetSimulation,
  profilesetGameData,
  runProfilesetChunk,
} from './profileset-run.ts';
export { FIGHT_STYLES, type FightStyle } from './sim/fight-styles.ts';
export { type ResolvedItem, resolveItems } from './sim/items.ts';
export type { CombatStats, PrimaryStat } from './sim/stats.ts';
export {
  createSimulation,
  requiredGameData,
  type Simulation,
  type SimulationOptions,
} from './simulation.ts';
export { DEFAULT_SPEC_REGISTRY, SpecRegistry } from './specs/registry.ts';
export type {
  RotationInput,
  Spec,
  SpecActor,
  SpecActorInput,
  SpecResource,
  SpecRotation,
} from './specs/spec.ts';
export {
  DEFAULT_WEIGHTS_DELTA,
  MAX_WEIGHTS_DELTA,
  pawnString,
  readStatWeights,
  type StatWeight,
  statWeightsProfile,
  WEIGHED_STATS,
  type WeighedStat,
} from './stat-weights.ts';
export {
  checkLoadout,
  decodeLoadout,
  encodeLoadout,
  type Loadout,
  type LoadoutProblem,
  type NodePick,
  starterLoadout,
  withHeroTree,
} from './talents/loadout.ts';
export { type LoadoutFailure, readLoadoutHeader } from './talents/loadout-string.ts';
export {
  type ChosenTalent,
  type ChosenTalents,
  chosenTalents,
  resolveTalents,
  talentReport,
  talentToken,
} from './talents/resolve-talents.ts';
export {
  type GearCandidate,
  type GearCandidates,
  planTopGear,
  readGearCandidates,
  type TopGearCombination,
  type TopGearPlan,
} from './top-gear.ts';
