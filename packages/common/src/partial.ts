// The partial statistics of a run of iterations, and their merge.
//
// Every accumulator is an integer (DPS in milli-DPS, damage in whole points, time in ms),
// so merging is plain integer addition plus min/max: exact, commutative and associative.
// A job's merged partial, and so its `result_pb` bytes, is then the same on 1 node or 20,
// whatever the chunk split, merge grouping or order. Floating-point Welford merges would
// differ in the last bits with grouping; that is why the mean and M2 are derived from
// integer sums (see welford.ts) rather than carried.
//
// Collections are kept sorted by key (see the compare functions below) so that a partial
// has exactly one representation and its protobuf encoding is canonical.

import { mergeVariantSums, type VariantSums } from './variant-sums.ts';

/** Width of one DPS histogram bin, in milli-DPS: 10 DPS. */
export const DPS_HISTOGRAM_BIN_MILLI = 10_000;

export type ActorSource = 'player' | 'pet';

/** One non-empty bin of the sparse DPS histogram: bin = floor(dpsMilli / DPS_HISTOGRAM_BIN_MILLI). */
export interface HistogramBin {
  bin: number;
  count: number;
}

/** Sums over iterations for one ability of one actor. */
export interface AbilityPartial {
  source: ActorSource;
  spellId: number;
  name: string;
  /** Integer sum of integer hit damage. */
  damage: number;
  executes: number;
  /** Direct hits and ticks that landed (crits included). */
  hits: number;
  crits: number;
  ticks: number;
}

/** Sums over iterations for one aura. */
export interface BuffPartial {
  auraId: number;
  name: string;
  uptimeMs: number;
}

/** One-second bins, summed over iterations; the three arrays have the same length. */
export interface TimelinePartial {
  /** damage[b]: damage landing in second b. */
  damage: number[];
  /**
   * resourceMilli[b]: round(resource * 1000) sampled at the end of second b, in the spec's
   * resource (focus for Beast Mastery, mana for a caster).
   */
  resourceMilli: number[];
  /** samples[b]: iterations still running in second b (the divisor for both means). */
  samples: number[];
}

export interface ChunkPartial {
  iterations: number;
  /** Sum of round(dps_i * 1000). */
  dpsSumMilli: bigint;
  /** Sum of round(dps_i * 1000)^2; overflows a double after a handful of iterations. */
  dpsSumSqMilli: bigint;
  /** Min/max of round(dps_i * 1000); 0 when iterations = 0 (and then ignored by merges). */
  dpsMinMilli: number;
  dpsMaxMilli: number;
  /** Sorted by bin ascending, counts > 0. */
  histogram: HistogramBin[];
  /** Sorted by source ('player' before 'pet'), then spellId ascending. */
  abilities: AbilityPartial[];
  timeline: TimelinePartial;
  /** Sorted by auraId ascending. */
  buffs: BuffPartial[];
  fightLengthMsSum: number;
  /** Events processed, for benchmarks. */
  events: number;
  /**
   * A profileset chunk's variants (variant-sums.ts) in the profile's order; the fields above
   * are the base's. Absent for one profile, so its partials are as they always were.
   */
  variants?: VariantSums[];
}

export function emptyPartial(): ChunkPartial {
  return {
    iterations: 0,
    dpsSumMilli: 0n,
    dpsSumSqMilli: 0n,
    dpsMinMilli: 0,
    dpsMaxMilli: 0,
    histogram: [],
    abilities: [],
    timeline: { damage: [], resourceMilli: [], samples: [] },
    buffs: [],
    fightLengthMsSum: 0,
    events: 0,
  };
}

/** round(dps * 1000), the integer every DPS accumulator is built from. */
export function dpsToMilli(dps: number): number {
  return Math.round(dps * 1000);
}

export function histogramBinOf(dpsMilli: number): number {
  return Math.floor(dpsMilli / DPS_HISTOGRAM_BIN_MILLI);
}

/** 'player' before 'pet'; NaN for anything else (so no order holds), as a lookup table gave. */
function sourceOrder(source: ActorSource): number {
  return source === 'player' ? 0 : source === 'pet' ? 1 : Number.NaN;
}

export function compareAbilityKeys(
  a: { source: ActorSource; spellId: number },
  b: { source: ActorSource; spellId: number },
): number {
  // Comparisons, not a keyed table lookup: this runs per ability in every check and merge.
  return sourceOrder(a.source) - sourceOrder(b.source) || a.spellId - b.spellId;
}

/**
 * When two partials name the same key differently (they should not), keep the smaller name,
 * so the choice does not depend on merge order.
 */
function pickName(a: string, b: string): string {
  return a <= b ? a : b;
}

// The merge-joins below walk both sorted lists once, by index, and build each output entry
// as one object literal (no spread, no intermediate tuple).

function mergeHistograms(a: readonly HistogramBin[], b: readonly HistogramBin[]): HistogramBin[] {
  const out: HistogramBin[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x.bin < y.bin) {
      out.push({ bin: x.bin, count: x.count });
      i++;
    } else if (y.bin < x.bin) {
      out.push({ bin: y.bin, count: y.count });
      j++;
    } else {
      out.push({ bin: x.bin, count: x.count + y.count });
      i++;
      j++;
    }
  }
  for (; i < a.length; i++) out.push({ bin: a[i]!.bin, count: a[i]!.count });
  for (; j < b.length; j++) out.push({ bin: b[j]!.bin, count: b[j]!.count });
  return out;
}

function copyAbility(a: AbilityPartial): AbilityPartial {
  return {
    source: a.source,
    spellId: a.spellId,
    name: a.name,
    damage: a.damage,
    executes: a.executes,
    hits: a.hits,
    crits: a.crits,
    ticks: a.ticks,
  };
}

function mergeAbilities(a: readonly AbilityPartial[], b: readonly AbilityPartial[]): AbilityPartial[] {
  const out: AbilityPartial[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    const order = compareAbilityKeys(x, y);
    if (order < 0) {
      out.push(copyAbility(x));
      i++;
    } else if (order > 0) {
      out.push(copyAbility(y));
      j++;
    } else {
      out.push({
        source: x.source,
        spellId: x.spellId,
        name: pickName(x.name, y.name),
        damage: x.damage + y.damage,
        executes: x.executes + y.executes,
        hits: x.hits + y.hits,
        crits: x.crits + y.crits,
        ticks: x.ticks + y.ticks,
      });
      i++;
      j++;
    }
  }
  for (; i < a.length; i++) out.push(copyAbility(a[i]!));
  for (; j < b.length; j++) out.push(copyAbility(b[j]!));
  return out;
}

function mergeBuffs(a: readonly BuffPartial[], b: readonly BuffPartial[]): BuffPartial[] {
  const out: BuffPartial[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x.auraId < y.auraId) {
      out.push({ auraId: x.auraId, name: x.name, uptimeMs: x.uptimeMs });
      i++;
    } else if (y.auraId < x.auraId) {
      out.push({ auraId: y.auraId, name: y.name, uptimeMs: y.uptimeMs });
      j++;
    } else {
      out.push({ auraId: x.auraId, name: pickName(x.name, y.name), uptimeMs: x.uptimeMs + y.uptimeMs });
      i++;
      j++;
    }
  }
  for (; i < a.length; i++) out.push({ auraId: a[i]!.auraId, name: a[i]!.name, uptimeMs: a[i]!.uptimeMs });
  for (; j < b.length; j++) out.push({ auraId: b[j]!.auraId, name: b[j]!.name, uptimeMs: b[j]!.uptimeMs });
  return out;
}

function sumArrays(a: readonly number[], b: readonly number[]): number[] {
  const length = Math.max(a.length, b.length);
  const out = new Array<number>(length);
  for (let k = 0; k < length; k++) out[k] = (a[k] ?? 0) + (b[k] ?? 0);
  return out;
}

/**
 * Merge two partials into a new one (inputs untouched). Exact, commutative and associative,
 * so any grouping or order of merges gives a partial that encodes to the same bytes.
 */
export function mergePartials(a: ChunkPartial, b: ChunkPartial): ChunkPartial {
  let dpsMinMilli: number;
  let dpsMaxMilli: number;
  if (a.iterations === 0) {
    dpsMinMilli = b.dpsMinMilli;
    dpsMaxMilli = b.dpsMaxMilli;
  } else if (b.iterations === 0) {
    dpsMinMilli = a.dpsMinMilli;
    dpsMaxMilli = a.dpsMaxMilli;
  } else {
    dpsMinMilli = Math.min(a.dpsMinMilli, b.dpsMinMilli);
    dpsMaxMilli = Math.max(a.dpsMaxMilli, b.dpsMaxMilli);
  }
  return {
    iterations: a.iterations + b.iterations,
    dpsSumMilli: a.dpsSumMilli + b.dpsSumMilli,
    dpsSumSqMilli: a.dpsSumSqMilli + b.dpsSumSqMilli,
    dpsMinMilli,
    dpsMaxMilli,
    histogram: mergeHistograms(a.histogram, b.histogram),
    abilities: mergeAbilities(a.abilities, b.abilities),
    timeline: {
      damage: sumArrays(a.timeline.damage, b.timeline.damage),
      resourceMilli: sumArrays(a.timeline.resourceMilli, b.timeline.resourceMilli),
      samples: sumArrays(a.timeline.samples, b.timeline.samples),
    },
    buffs: mergeBuffs(a.buffs, b.buffs),
    fightLengthMsSum: a.fightLengthMsSum + b.fightLengthMsSum,
    events: a.events + b.events,
    ...mergeVariants(a.variants, b.variants),
  };
}

/** Variant by variant; two lists of different lengths come from different jobs. */
function mergeVariants(
  a: VariantSums[] | undefined,
  b: VariantSums[] | undefined,
): { variants?: VariantSums[] } {
  if (!a?.length) return b?.length ? { variants: b.map((v) => ({ ...v })) } : {};
  if (!b?.length) return { variants: a.map((v) => ({ ...v })) };
  if (a.length !== b.length) throw new RangeError(`cannot merge ${a.length} variants with ${b.length}`);
  return { variants: a.map((v, i) => mergeVariantSums(v, b[i]!)) };
}

/** Merge a list in the order given (finalize merges in chunk order); empty list -> emptyPartial(). */
export function mergeAllPartials(partials: Iterable<ChunkPartial>): ChunkPartial {
  let merged = emptyPartial();
  for (const partial of partials) merged = mergePartials(merged, partial);
  return merged;
}
