// @simforge/common: the wire between engine, nodes, sentinel and studio. Pure; runs in Node and
// in the browser. Request signing needs node:crypto and lives in '@simforge/common/signing'.

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
export type { DpsQuartiles, WelfordView } from './welford.ts';
export { dpsQuartiles, histogramQuantile, scaledM2Milli, welfordView, Z_95 } from './welford.ts';
