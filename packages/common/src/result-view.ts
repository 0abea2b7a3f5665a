// decodeJobResult: `result_pb` (and optionally `timeline_pb`) to the plain view structs the
// studio draws and the CLI prints. The DPS statistics are recomputed from the exact integer
// sums rather than read from the stored doubles, so the view cannot drift from the sums.

import { bytesToBigUint, toSafeNumber } from './biguint.ts';
import { type BytesInput, bytesFromInput } from './bytea.ts';
import { LEGACY_FOCUS_MILLI_FIELD, legacyUintsFromUnknown, resourceOrLegacy } from './legacy-fields.ts';
import { type ActorSource, type ChunkPartial, emptyPartial } from './partial.ts';
import { abilitiesFromPb, buffsFromPb, histogramFromPb, numbersFromPb } from './partial-codec.ts';
import {
  characterFromPb,
  JOB_RESULT_FORMAT_VERSION,
  type JobCharacter,
  type JobRunMeta,
  type JobTalents,
  parseJobResult,
  parseJobTimeline,
  type ResultWarning,
  talentsFromPb,
} from './result-codec.ts';
import { variantSumsFromPb } from './variant-sums-codec.ts';
import { type VariantView, variantView } from './variant-view.ts';
import { dpsQuartiles, welfordView } from './welford.ts';
import { WireError } from './wire-errors.ts';

export interface DpsView {
  mean: number;
  /** 95% confidence half-width of the mean, in DPS (SimulationCraft's "DPS error"). */
  error: number;
  /** error as a percentage of the mean. */
  errorPct: number;
  stddev: number;
  min: number;
  max: number;
  q1: number;
  median: number;
  q3: number;
}

export interface HistogramBinView {
  /** Lower edge, inclusive, in DPS. */
  lowDps: number;
  /** Upper edge, exclusive, in DPS. */
  highDps: number;
  count: number;
}

export interface AbilityView {
  source: ActorSource;
  spellId: number;
  name: string;
  /** Mean damage per iteration. */
  damagePerIteration: number;
  /** Share of all damage, in percent. */
  sharePct: number;
  /** Damage over total fight time. */
  dps: number;
  /** Mean executes per iteration. */
  executesPerIteration: number;
  /** Crits over hits (ticks included), in percent. */
  critPct: number;
  /** Damage per hit (ticks included). */
  avgHit: number;
  /** Mean periodic ticks per iteration. */
  ticksPerIteration: number;
}

export interface BuffView {
  auraId: number;
  name: string;
  /** Uptime over total fight time, in percent. */
  uptimePct: number;
}

export interface TimelineView {
  binMs: number;
  /** Mean damage per second in each bin, over the iterations still running in it. */
  dps: number[];
  /** Mean of the spec's resource (focus, mana, ...) at the end of each bin, over the iterations still running in it. */
  resource: number[];
  /** Iterations still running in each bin. */
  samples: number[];
}

export interface JobResultView {
  formatVersion: number;
  iterations: number;
  dps: DpsView;
  histogram: { binWidthDps: number; bins: HistogramBinView[] };
  abilities: AbilityView[];
  buffs: BuffView[];
  fightLengthMsMean: number;
  events: number;
  run: JobRunMeta | null;
  /** Null for results written before talents were recorded. */
  talents: TalentsView | null;
  /** Profile lines accepted but not simulated, in line order. */
  warnings: ResultWarning[];
  /** Null for results written before the character was recorded. */
  character: JobCharacter | null;
  timeline: TimelineView | null;
  /** A profileset's variants with their paired difference to this (the base's) DPS; empty for one profile. */
  profilesets: ProfilesetView[];
}

export interface ProfilesetView extends VariantView {
  name: string;
  /**
   * A race stopped this variant (at `iterations`) because it was behind this profile beyond
   * the error: "base" or a variant's name (race.ts); null when it ran to the end.
   */
  stoppedBehind: { base: true } | { base: false; name: string } | null;
}

export interface TalentsView extends JobTalents {
  /** Names of the chosen talents the engine does not simulate yet, once each. */
  notModelled: string[];
}

/** Accepts Uint8Array, Node Buffer, or bytea hex text (`\x...`) for either column. */
export function decodeJobResult(result: BytesInput, timeline?: BytesInput | null): JobResultView {
  const message = parseJobResult(bytesFromInput(result, 'result_pb'));
  // Derived fields may change meaning between versions; showing them misread would be worse
  // than refusing. Version 0 is what empty or foreign bytes decode to.
  if (message.formatVersion !== JOB_RESULT_FORMAT_VERSION) {
    throw new WireError('SF_WIRE_UNSUPPORTED_VERSION', `format_version ${message.formatVersion}`);
  }
  const partial: ChunkPartial = {
    ...emptyPartial(),
    iterations: toSafeNumber(message.iterations, 'iterations'),
    dpsSumMilli: bytesToBigUint(message.dpsSumMilli, 'dpsSumMilli'),
    dpsSumSqMilli: bytesToBigUint(message.dpsSumSqMilli, 'dpsSumSqMilli'),
    dpsMinMilli: toSafeNumber(message.dpsMinMilli, 'dpsMinMilli'),
    dpsMaxMilli: toSafeNumber(message.dpsMaxMilli, 'dpsMaxMilli'),
    histogram: histogramFromPb(message.histogram),
    abilities: abilitiesFromPb(message.abilities),
    buffs: buffsFromPb(message.buffs),
    fightLengthMsSum: toSafeNumber(message.fightLengthMsSum, 'fightLengthMsSum'),
    events: toSafeNumber(message.events, 'events'),
  };
  const n = partial.iterations;
  const welford = welfordView(partial);
  const quartiles = dpsQuartiles(partial);
  const binMilli = message.histogramBinMilli;
  const fightSeconds = partial.fightLengthMsSum / 1000;
  let totalDamage = 0;
  for (const a of partial.abilities) totalDamage += a.damage;

  return {
    formatVersion: message.formatVersion,
    iterations: n,
    dps: {
      mean: welford.mean,
      error: welford.halfWidth95,
      errorPct: welford.halfWidth95Pct,
      stddev: welford.stddev,
      min: welford.min,
      max: welford.max,
      ...quartiles,
    },
    histogram: {
      binWidthDps: binMilli / 1000,
      bins: partial.histogram.map((h) => ({
        lowDps: (h.bin * binMilli) / 1000,
        highDps: ((h.bin + 1) * binMilli) / 1000,
        count: h.count,
      })),
    },
    abilities: partial.abilities.map((a) => ({
      source: a.source,
      spellId: a.spellId,
      name: a.name,
      damagePerIteration: ratio(a.damage, n),
      sharePct: ratio(a.damage * 100, totalDamage),
      dps: ratio(a.damage, fightSeconds),
      executesPerIteration: ratio(a.executes, n),
      critPct: ratio(a.crits * 100, a.hits),
      avgHit: ratio(a.damage, a.hits),
      ticksPerIteration: ratio(a.ticks, n),
    })),
    buffs: partial.buffs.map((b) => ({
      auraId: b.auraId,
      name: b.name,
      uptimePct: ratio(b.uptimeMs * 100, partial.fightLengthMsSum),
    })),
    fightLengthMsMean: ratio(partial.fightLengthMsSum, n),
    events: partial.events,
    run:
      message.run === undefined
        ? null
        : {
            wallTimeMs: toSafeNumber(message.run.wallTimeMs, 'run.wallTimeMs'),
            chunks: message.run.chunks,
            nodes: message.run.nodes.map((node) => ({
              nodeId: node.nodeId,
              iterations: toSafeNumber(node.iterations, 'run.nodes.iterations'),
              chunks: node.chunks,
            })),
          },
    talents: message.talents === undefined ? null : talentsView(talentsFromPb(message.talents)),
    warnings: message.warnings.map(({ line, column, message: text }) => ({ line, column, message: text })),
    character: message.character === undefined ? null : characterFromPb(message.character),
    timeline: timeline === undefined || timeline === null ? null : decodeJobTimeline(timeline),
    // Recomputed from the sums, like the DPS above, rather than trusted from the stored doubles.
    profilesets: message.profilesets.map((p) => ({
      name: p.name,
      ...variantView(variantSumsFromPb(p.sums)),
      stoppedBehind:
        p.stoppedBehind === 0
          ? null
          : p.stoppedBehind === 1
            ? { base: true as const }
            : { base: false as const, name: message.profilesets[p.stoppedBehind - 2]?.name ?? '?' },
    })),
  };
}

/** The talents with the unmodelled ones named once, as reports show them. */
export function talentsView(talents: JobTalents): TalentsView {
  const notModelled = [...new Set(talents.talents.filter((t) => !t.modelled).map((t) => t.name))];
  return { ...talents, notModelled };
}

export function decodeJobTimeline(input: BytesInput): TimelineView {
  const message = parseJobTimeline(bytesFromInput(input, 'timeline_pb'));
  const damage = numbersFromPb(message.damage, 'timeline.damage');
  // A timeline_pb stored before the rename carries the same numbers as field 3.
  const resourceMilli = resourceOrLegacy(numbersFromPb(message.resourceMilli, 'timeline.resourceMilli'), () =>
    legacyUintsFromUnknown(
      message.$unknown,
      LEGACY_FOCUS_MILLI_FIELD.jobTimeline,
      'timeline.focus_milli (legacy field)',
    ),
  );
  const samples = numbersFromPb(message.samples, 'timeline.samples');
  const perSecond = 1000 / (message.binMs || 1000);
  return {
    binMs: message.binMs,
    dps: samples.map((s, b) => ratio((damage[b] ?? 0) * perSecond, s)),
    resource: samples.map((s, b) => ratio(resourceMilli[b] ?? 0, s * 1000)),
    samples,
  };
}

/** a / b, or 0 when there is nothing to divide by (no iterations, no hits). */
function ratio(a: number, b: number): number {
  return b > 0 ? a / b : 0;
}
