// Plausibility of a partial sent by an untrusted node, checked before it touches a job's
// aggregates. Determinism lets the sentinel catch a lying node by replaying its chunk; these
// checks are the cheap first line that refuses what no real run can produce: wrong counts,
// impossible statistics, non-canonical lists (which would also break the merge-join in
// mergePartials) and sizes meant to exhaust memory.

import { type ChunkPartial, compareAbilityKeys, histogramBinOf } from './partial.ts';
import { scaledM2Milli } from './welford.ts';
import type { WireErrorCode, WireProblem } from './wire-errors.ts';

// Local references for the hot pass: under tsx an imported binding is a getter call per use.
const compareKeys = compareAbilityKeys;
const binOf = histogramBinOf;

/** Bounds far beyond any real simulation; a partial past them is an attack or a bug. */
export const PARTIAL_LIMITS = {
  histogramBins: 100_000,
  abilities: 2_000,
  buffs: 2_000,
  /** One-second timeline bins: ten hours of fight. */
  timelineSeconds: 36_000,
  nameLength: 200,
  /** A profileset's variants (the engine's MAX_PROFILESETS). */
  variants: 500,
} as const;

function problem(code: WireErrorCode, message: string): WireProblem {
  return { code, message };
}

function isCount(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

/** isCount, with a cheap proof first for the usual case of a count below 2^32. */
function isCountQuick(value: number): boolean {
  return value >>> 0 === value || isCount(value);
}

function checkNames(list: readonly { name: string }[]): WireProblem | null {
  for (let k = 0; k < list.length; k++) {
    const length = list[k]!.name.length;
    if (length > PARTIAL_LIMITS.nameLength)
      return problem('SF_WIRE_PARTIAL_TOO_LARGE', `a name of ${length} characters`);
  }
  return null;
}

function checkSizes(p: ChunkPartial): WireProblem | null {
  const tooLarge = (what: string, size: number, limit: number) =>
    problem('SF_WIRE_PARTIAL_TOO_LARGE', `${size} ${what} (limit ${limit})`);
  if (p.histogram.length > PARTIAL_LIMITS.histogramBins)
    return tooLarge('histogram bins', p.histogram.length, PARTIAL_LIMITS.histogramBins);
  if (p.abilities.length > PARTIAL_LIMITS.abilities)
    return tooLarge('abilities', p.abilities.length, PARTIAL_LIMITS.abilities);
  if (p.buffs.length > PARTIAL_LIMITS.buffs) return tooLarge('buffs', p.buffs.length, PARTIAL_LIMITS.buffs);
  if (p.timeline.samples.length > PARTIAL_LIMITS.timelineSeconds)
    return tooLarge('timeline seconds', p.timeline.samples.length, PARTIAL_LIMITS.timelineSeconds);
  return checkNames(p.abilities) ?? checkNames(p.buffs);
}

function notInteger(what: string, value: number): WireProblem {
  return problem('SF_WIRE_PARTIAL_NOT_INTEGER', `${what} = ${value}`);
}

function checkList(what: string, list: readonly number[]): WireProblem | null {
  for (let k = 0; k < list.length; k++) {
    const value = list[k]!;
    if (!isCount(value)) return problem('SF_WIRE_PARTIAL_NOT_INTEGER', `${what} has ${value}`);
  }
  return null;
}

function checkIntegers(p: ChunkPartial): WireProblem | null {
  if (!isCount(p.dpsMinMilli)) return notInteger('dpsMinMilli', p.dpsMinMilli);
  if (!isCount(p.dpsMaxMilli)) return notInteger('dpsMaxMilli', p.dpsMaxMilli);
  if (!isCount(p.fightLengthMsSum)) return notInteger('fightLengthMsSum', p.fightLengthMsSum);
  if (!isCount(p.events)) return notInteger('events', p.events);
  for (let k = 0; k < p.histogram.length; k++) {
    const h = p.histogram[k]!;
    if (!isCount(h.bin)) return notInteger('histogram bin', h.bin);
    if (!isCount(h.count)) return notInteger('histogram count', h.count);
  }
  for (let k = 0; k < p.abilities.length; k++) {
    const a = p.abilities[k]!;
    if (!isCount(a.spellId)) return notInteger('spellId', a.spellId);
    if (!isCount(a.damage)) return notInteger('damage', a.damage);
    if (!isCount(a.executes)) return notInteger('executes', a.executes);
    if (!isCount(a.hits)) return notInteger('hits', a.hits);
    if (!isCount(a.crits)) return notInteger('crits', a.crits);
    if (!isCount(a.ticks)) return notInteger('ticks', a.ticks);
  }
  for (let k = 0; k < p.buffs.length; k++) {
    const b = p.buffs[k]!;
    if (!isCount(b.auraId)) return notInteger('auraId', b.auraId);
    if (!isCount(b.uptimeMs)) return notInteger('uptimeMs', b.uptimeMs);
  }
  const problemInLists =
    checkList('timeline damage', p.timeline.damage) ??
    checkList('timeline resourceMilli', p.timeline.resourceMilli) ??
    checkList('timeline samples', p.timeline.samples);
  if (problemInLists !== null) return problemInLists;
  if (p.dpsSumMilli < 0n || p.dpsSumSqMilli < 0n) {
    return problem('SF_WIRE_PARTIAL_NOT_INTEGER', 'a DPS sum is negative');
  }
  return null;
}

function checkCanonical(p: ChunkPartial): WireProblem | null {
  for (let k = 1; k < p.histogram.length; k++) {
    if (p.histogram[k - 1]!.bin >= p.histogram[k]!.bin)
      return problem('SF_WIRE_PARTIAL_NOT_CANONICAL', 'histogram bins');
  }
  for (let k = 1; k < p.abilities.length; k++) {
    if (compareAbilityKeys(p.abilities[k - 1]!, p.abilities[k]!) >= 0) {
      return problem('SF_WIRE_PARTIAL_NOT_CANONICAL', 'abilities');
    }
  }
  for (let k = 1; k < p.buffs.length; k++) {
    if (p.buffs[k - 1]!.auraId >= p.buffs[k]!.auraId)
      return problem('SF_WIRE_PARTIAL_NOT_CANONICAL', 'buffs');
  }
  const { damage, resourceMilli, samples } = p.timeline;
  if (damage.length !== samples.length || resourceMilli.length !== samples.length) {
    return problem('SF_WIRE_PARTIAL_NOT_CANONICAL', 'timeline lists differ in length');
  }
  return null;
}

type DpsSums = Pick<
  ChunkPartial,
  'iterations' | 'dpsSumMilli' | 'dpsSumSqMilli' | 'dpsMinMilli' | 'dpsMaxMilli'
>;

function checkDps(p: DpsSums): WireProblem | null {
  const n = BigInt(p.iterations);
  if (p.iterations === 0) {
    if (p.dpsSumMilli !== 0n || p.dpsSumSqMilli !== 0n || p.dpsMinMilli !== 0 || p.dpsMaxMilli !== 0) {
      return problem('SF_WIRE_PARTIAL_MIN_MAX', 'DPS statistics without iterations');
    }
    return null;
  }
  const min = BigInt(p.dpsMinMilli);
  const max = BigInt(p.dpsMaxMilli);
  if (min > max)
    return problem('SF_WIRE_PARTIAL_MIN_MAX', `min ${p.dpsMinMilli} > max ${p.dpsMaxMilli} (milli-DPS)`);
  if (p.dpsSumMilli < n * min || p.dpsSumMilli > n * max) {
    return problem('SF_WIRE_PARTIAL_MIN_MAX', 'the mean DPS lies outside min..max');
  }
  if (scaledM2Milli(p) < 0n) return problem('SF_WIRE_PARTIAL_NEGATIVE_M2', 'n * sum(x^2) < sum(x)^2');
  if (p.dpsSumSqMilli < n * min * min || p.dpsSumSqMilli > n * max * max) {
    return problem('SF_WIRE_PARTIAL_MIN_MAX', 'the sum of squares lies outside n*min^2..n*max^2');
  }
  return null;
}

function checkHistogram(p: ChunkPartial): WireProblem | null {
  let total = 0;
  for (let k = 0; k < p.histogram.length; k++) {
    const h = p.histogram[k]!;
    if (h.count === 0) return problem('SF_WIRE_PARTIAL_HISTOGRAM_MISMATCH', `empty bin ${h.bin} listed`);
    total += h.count;
  }
  if (total !== p.iterations) {
    return problem(
      'SF_WIRE_PARTIAL_HISTOGRAM_MISMATCH',
      `counts sum to ${total}, iterations are ${p.iterations}`,
    );
  }
  const first = p.histogram[0];
  const last = p.histogram[p.histogram.length - 1];
  if (first !== undefined && last !== undefined) {
    if (first.bin !== histogramBinOf(p.dpsMinMilli) || last.bin !== histogramBinOf(p.dpsMaxMilli)) {
      return problem('SF_WIRE_PARTIAL_HISTOGRAM_MISMATCH', 'the outermost bins do not hold min and max');
    }
  }
  return null;
}

function checkConsistency(p: ChunkPartial): WireProblem | null {
  for (let k = 0; k < p.abilities.length; k++) {
    const a = p.abilities[k]!;
    if (a.crits > a.hits || a.ticks > a.hits) {
      return problem(
        'SF_WIRE_PARTIAL_INCONSISTENT',
        `${a.source} spell ${a.spellId}: more crits or ticks than hits`,
      );
    }
  }
  for (let k = 0; k < p.buffs.length; k++) {
    const b = p.buffs[k]!;
    if (b.uptimeMs > p.fightLengthMsSum) {
      return problem('SF_WIRE_PARTIAL_INCONSISTENT', `aura ${b.auraId} is up longer than the fights lasted`);
    }
  }
  const { samples } = p.timeline;
  for (let k = 0; k < samples.length; k++) {
    const previous = k === 0 ? p.iterations : samples[k - 1]!;
    if (samples[k]! > previous) {
      return problem(
        'SF_WIRE_PARTIAL_INCONSISTENT',
        `timeline second ${k} has more running iterations than before it`,
      );
    }
  }
  return null;
}

/** The timeline's part of passesAll: counts, and running iterations that never increase. */
function timelinePasses(
  n: number,
  damage: readonly number[],
  resourceMilli: readonly number[],
  samples: readonly number[],
): boolean {
  const seconds = samples.length;
  let running = n;
  for (let k = 0; k < seconds; k++) {
    const d = damage[k]!;
    const f = resourceMilli[k]!;
    const s = samples[k]!;
    if (!isCountQuick(d) || !isCountQuick(f) || !isCountQuick(s) || s > running) return false;
    running = s;
  }
  return true;
}

/**
 * Every rule below in one pass per list, as a yes/no: the hot path of every `complete`
 * (no allocation per element). Only a partial this refuses goes through the ordered checks,
 * which name the first problem; test/plausibility-fast-path-agrees.test.ts pins that both
 * agree on which partials are plausible.
 */
function passesAll(p: ChunkPartial, expectedIterations: number): boolean {
  const n = p.iterations;
  if (!isCountQuick(n) || n !== expectedIterations) return false;
  const { histogram, abilities, buffs } = p;
  const { damage, resourceMilli, samples } = p.timeline;
  const seconds = samples.length;
  if (
    histogram.length > PARTIAL_LIMITS.histogramBins ||
    abilities.length > PARTIAL_LIMITS.abilities ||
    buffs.length > PARTIAL_LIMITS.buffs ||
    seconds > PARTIAL_LIMITS.timelineSeconds ||
    damage.length !== seconds ||
    resourceMilli.length !== seconds
  ) {
    return false;
  }
  const min = p.dpsMinMilli;
  const max = p.dpsMaxMilli;
  const fightLengthMsSum = p.fightLengthMsSum;
  if (!isCountQuick(min) || !isCountQuick(max) || !isCountQuick(fightLengthMsSum) || !isCountQuick(p.events))
    return false;

  let total = 0;
  let previousBin = -1;
  for (let k = 0; k < histogram.length; k++) {
    const { bin, count } = histogram[k]!;
    if (!isCountQuick(bin) || !isCountQuick(count) || count === 0 || bin <= previousBin) return false;
    previousBin = bin;
    total += count;
  }
  if (total !== n) return false;
  if (histogram.length > 0 && (histogram[0]!.bin !== binOf(min) || previousBin !== binOf(max))) {
    return false;
  }

  for (let k = 0; k < abilities.length; k++) {
    const a = abilities[k]!;
    if (
      a.name.length > PARTIAL_LIMITS.nameLength ||
      !isCountQuick(a.spellId) ||
      !isCountQuick(a.damage) ||
      !isCountQuick(a.executes) ||
      !isCountQuick(a.hits) ||
      !isCountQuick(a.crits) ||
      !isCountQuick(a.ticks) ||
      a.crits > a.hits ||
      a.ticks > a.hits ||
      (k > 0 && compareKeys(abilities[k - 1]!, a) >= 0)
    ) {
      return false;
    }
  }
  let previousAura = -1;
  for (let k = 0; k < buffs.length; k++) {
    const b = buffs[k]!;
    if (
      b.name.length > PARTIAL_LIMITS.nameLength ||
      !isCountQuick(b.auraId) ||
      !isCountQuick(b.uptimeMs) ||
      b.auraId <= previousAura ||
      b.uptimeMs > fightLengthMsSum
    ) {
      return false;
    }
    previousAura = b.auraId;
  }

  if (!timelinePasses(n, damage, resourceMilli, samples)) return false;

  const sum = p.dpsSumMilli;
  const sumSq = p.dpsSumSqMilli;
  if (sum < 0n || sumSq < 0n) return false;
  if (n === 0) return sum === 0n && sumSq === 0n && min === 0 && max === 0;
  if (min > max) return false;
  const bigN = BigInt(n);
  const bigMin = BigInt(min);
  const bigMax = BigInt(max);
  return (
    sum >= bigN * bigMin &&
    sum <= bigN * bigMax &&
    bigN * sumSq >= sum * sum &&
    sumSq >= bigN * bigMin * bigMin &&
    sumSq <= bigN * bigMax * bigMax
  );
}

/**
 * A profileset chunk's variants: each over the chunk's iterations, its DPS sums as plausible as
 * the base's, and its differences to the base within what the two ranges allow (each
 * difference lies in [variant min - base max, variant max - base min]) with a variance >= 0.
 */
function checkVariants(p: ChunkPartial, running?: readonly number[]): WireProblem | null {
  const runs = running === undefined ? undefined : new Set(running);
  const variants = p.variants ?? [];
  if (variants.length > PARTIAL_LIMITS.variants)
    return problem(
      'SF_WIRE_PARTIAL_TOO_LARGE',
      `${variants.length} variants (limit ${PARTIAL_LIMITS.variants})`,
    );
  for (let k = 0; k < variants.length; k++) {
    const v = variants[k]!;
    const at = (found: WireProblem) => problem(found.code, `variant ${k}: ${found.message}`);
    const expected = runs === undefined || runs.has(k) ? p.iterations : 0;
    if (v.iterations !== expected) {
      return problem(
        'SF_WIRE_PARTIAL_ITERATIONS_MISMATCH',
        `variant ${k}: ${v.iterations} iterations, ${expected === 0 ? 'stopped by the race' : `the chunk has ${p.iterations}`}`,
      );
    }
    if (!Number.isSafeInteger(v.dpsMinMilli) || !Number.isSafeInteger(v.dpsMaxMilli))
      return at(notInteger('DPS min/max', v.dpsMinMilli));
    const dps = checkDps(v);
    if (dps) return at(dps);
    const n = BigInt(v.iterations);
    const S = v.diffSumMilli;
    const Q = v.diffSumSqMilli;
    if (v.iterations === 0) {
      if (S !== 0n || Q !== 0n)
        return at(problem('SF_WIRE_PARTIAL_MIN_MAX', 'differences without iterations'));
      continue;
    }
    const lo = BigInt(v.dpsMinMilli) - BigInt(p.dpsMaxMilli);
    const hi = BigInt(v.dpsMaxMilli) - BigInt(p.dpsMinMilli);
    if (S < n * lo || S > n * hi)
      return at(
        problem('SF_WIRE_PARTIAL_MIN_MAX', 'the mean difference lies outside what the two DPS ranges allow'),
      );
    if (Q < 0n || n * Q < S * S)
      return at(problem('SF_WIRE_PARTIAL_NEGATIVE_M2', 'the differences imply a negative variance'));
    const widest = lo * lo > hi * hi ? lo * lo : hi * hi;
    if (Q > n * widest)
      return at(
        problem('SF_WIRE_PARTIAL_MIN_MAX', 'the differences are larger than the two DPS ranges allow'),
      );
  }
  return null;
}

/**
 * The first problem of a partial in a fixed order of checks (sizes, integers, canonical
 * order, DPS statistics, histogram, consistency), with a stable code; null when none.
 */
export function firstPartialProblem(
  partial: ChunkPartial,
  expectedIterations: number,
  running?: readonly number[],
): WireProblem | null {
  if (!isCount(partial.iterations) || partial.iterations !== expectedIterations) {
    return problem(
      'SF_WIRE_PARTIAL_ITERATIONS_MISMATCH',
      `${partial.iterations} iterations reported, ${expectedIterations} expected`,
    );
  }
  return (
    checkSizes(partial) ??
    checkIntegers(partial) ??
    checkCanonical(partial) ??
    checkDps(partial) ??
    checkHistogram(partial) ??
    checkConsistency(partial) ??
    checkVariants(partial, running)
  );
}

/**
 * null when the partial could have come from a real run of `expectedIterations` iterations,
 * otherwise the first problem found, with a stable code.
 */
export function checkPartialPlausible(
  partial: ChunkPartial,
  expectedIterations: number,
  /** The job's profileset variants (0 for one profile): merges assume every partial has as many. */
  expectedVariants = 0,
  /** A raced chunk's running variants: only they carry sums, the others none. Undefined: all. */
  running?: readonly number[],
): WireProblem | null {
  const variants = partial.variants?.length ?? 0;
  if (variants !== expectedVariants) {
    return problem(
      'SF_WIRE_PARTIAL_VARIANTS_MISMATCH',
      `${variants} variants reported, ${expectedVariants} expected`,
    );
  }
  if (passesAll(partial, expectedIterations) && checkVariants(partial, running) === null) return null;
  return firstPartialProblem(partial, expectedIterations, running);
}
