// @simforge/common: the wire between engine, nodes, sentinel and studio. Pure; runs in Node and
// in the browser. Request signing needs node:crypto and lives in '@simforge/common/signing'.

export { bigUintToBytes, bytesToBigUint } from './biguint.ts';
export { BUNDLED } from './bundled.ts';
export type { BytesInput } from './bytea.ts';
export { bytesFromInput, bytesToByteaHex } from './bytea.ts';
export {
  defineErrorRegistry,
  ERROR_AREAS,
  ERROR_CODE_PATTERN,
  type ErrorDefinition,
  type ErrorRegistryName,
  errorArea,
  errorCodeProblem,
} from './error-registry.ts';
export {
  MAX_CHUNKS_PER_JOB,
  type ParseResult,
  parseSentinelConfig,
  type SentinelConfig,
  type SimConfig,
  type StrategyConfig,
} from './job-config.ts';
export type { JobProgress, JobProgressNotice, JobStatus, JobStatusNotice } from './job-notifications.ts';
export { NODE_API_ERRORS, type NodeApiErrorCode } from './node-api-errors.ts';
export type {
  ClaimedChunk,
  ClaimRef,
  ClaimRequest,
  ClaimResponse,
  CompleteOutcome,
  CompleteRequest,
  CompleteResponse,
  CompletesRequest,
  CompletesResponse,
  FailRequest,
  FailResponse,
  GameDataResponse,
  HeartbeatResponse,
  JobConfigResponse,
  NodeApiErrorBody,
  NodeStatus,
  RegisterRequest,
  RegisterResponse,
  ReleaseRequest,
  ReleaseResponse,
} from './node-protocol.ts';
export {
  CONFIG_HASH_PATTERN,
  configPath,
  NODE_PROTOCOL_LIMITS,
  NODE_PROTOCOL_PATHS,
} from './node-protocol.ts';
export type {
  AbilityPartial,
  ActorSource,
  BuffPartial,
  ChunkPartial,
  HistogramBin,
  TimelinePartial,
} from './partial.ts';
export {
  compareAbilityKeys,
  DPS_HISTOGRAM_BIN_MILLI,
  dpsToMilli,
  emptyPartial,
  histogramBinOf,
  mergeAllPartials,
  mergePartials,
} from './partial.ts';
export type { IterationAbility, IterationBuff, IterationRecord } from './partial-builder.ts';
export { PartialBuilder } from './partial-builder.ts';
export { decodeChunkPartial, encodeChunkPartial } from './partial-codec.ts';
export { checkPartialPlausible, PARTIAL_LIMITS } from './plausibility.ts';
// The reproducibility core: the chunk plan, the strategies and the in-order prefix merge.
export { ChunkPlan, type ChunkRange } from './reproducibility/chunk-plan.ts';
export { PrefixAccumulator } from './reproducibility/prefix-accumulator.ts';
export { PrefixMerge } from './reproducibility/prefix-merge.ts';
export { RACE_Z, Race, type RaceConfig, type RaceStop } from './reproducibility/race.ts';
export { createStrategy, type Strategy } from './reproducibility/strategy.ts';
export type {
  JobCharacter,
  JobResultExtras,
  JobRunMeta,
  JobTalents,
  NodeContribution,
  ResultTalent,
  ResultWarning,
} from './result-codec.ts';
export {
  encodeJobResult,
  encodeJobTimeline,
  JOB_RESULT_FORMAT_VERSION,
  jobResultWithoutRun,
  profilesetResults,
  TIMELINE_BIN_MS,
} from './result-codec.ts';
export type {
  AbilityView,
  BuffView,
  DpsView,
  HistogramBinView,
  JobResultView,
  ProfilesetView,
  TalentsView,
  TimelineView,
} from './result-view.ts';
export { decodeJobResult, decodeJobTimeline, talentsView } from './result-view.ts';
export type { SignatureErrorCode, SignatureProblem } from './signing-errors.ts';
export { SIGNATURE_ERRORS, SIGNATURE_HEADERS } from './signing-errors.ts';
export { addVariantIteration, emptyVariantSums, mergeVariantSums, type VariantSums } from './variant-sums.ts';
export { variantSumsFromPb, variantSumsToPb } from './variant-sums-codec.ts';
export { type VariantView, variantView } from './variant-view.ts';
export type { DpsQuartiles, WelfordView } from './welford.ts';
export { dpsQuartiles, histogramQuantile, scaledM2Milli, welfordView, Z_95 } from './welford.ts';
export type { WireErrorCode, WireProblem } from './wire-errors.ts';
export { WIRE_ERRORS, WireError } from './wire-errors.ts';
