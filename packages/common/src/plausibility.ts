// Plausibility of a partial sent by an untrusted node, checked before it touches a job's
// aggregates. Determinism lets the sentinel catch a lying node by replaying its chunk; these
// checks are the cheap first line that refuses what no real run can produce: wrong counts,
// impossible statistics, non-canonical lists (which would also break the merge-join in
// mergePartials) and sizes meant to exhaust memory.

import { type ChunkPartial, compareAbilityKeys, histogramBinOf } from './partial.ts';
import { scaledM2Milli } from './welford.ts';
import type { WireErrorCode, WireProblem } from './wire-errors.ts';

/** Bounds far beyond any real simulation; a partial past them is an attack or a bug. */
export const PARTIAL_LIMITS = {
  histogramBins: 100_000,
  abilities: 2_000,
  buffs: 2_000,
  /** One-second timeline bins: ten hours of fight. */
  timelineSeconds: 36_000,
  nameLength: 200,
} as const;

function problem(code: WireErrorCode, message: string): WireProblem {
  return { code, message };
}

function isCount(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

function checkSizes(p: ChunkPartial): WireProblem | null {
  const sizes: Array<[string, number, number]> = [
    ['histogram bins', p.histogram.length, PARTIAL_LIMITS.histogramBins],
    ['abilities', p.abilities.length, PARTIAL_LIMITS.abilities],
    ['buffs', p.buffs.length, PARTIAL_LIMITS.buffs],
    ['timeline seconds', p.timeline.samples.length, PARTIAL_LIMITS.timelineSeconds],
  ];
  for (const [what, size, limit] of sizes) {
    if (size > limit) return problem('PARTIAL_TOO_LARGE', `${size} ${what} (limit ${limit})`);
  }
  for (const named of [...p.abilities, ...p.buffs]) {
    if (named.name.length > PARTIAL_LIMITS.nameLength) {
      return problem('PARTIAL_TOO_LARGE', `a name of ${named.name.length} characters`);
    }
  }
  return null;
}

function checkIntegers(p: ChunkPartial): WireProblem | null {
  const scalars: Array<[string, number]> = [
    ['dpsMinMilli', p.dpsMinMilli],
    ['dpsMaxMilli', p.dpsMaxMilli],
    ['fightLengthMsSum', p.fightLengthMsSum],
    ['events', p.events],
  ];
  for (const h of p.histogram) scalars.push(['histogram bin', h.bin], ['histogram count', h.count]);
  for (const a of p.abilities) {
    scalars.push(
      ['spellId', a.spellId],
      ['damage', a.damage],
      ['executes', a.executes],
      ['hits', a.hits],
      ['crits', a.crits],
      ['ticks', a.ticks],
    );
  }
  for (const b of p.buffs) scalars.push(['auraId', b.auraId], ['uptimeMs', b.uptimeMs]);
  for (const [what, value] of scalars) {
    if (!isCount(value)) return problem('PARTIAL_NOT_INTEGER', `${what} = ${value}`);
  }
  const { damage, focusMilli, samples } = p.timeline;
  for (const [what, list] of [
    ['timeline damage', damage],
    ['timeline focusMilli', focusMilli],
    ['timeline samples', samples],
  ] as const) {
    const bad = list.find((value) => !isCount(value));
    if (bad !== undefined) return problem('PARTIAL_NOT_INTEGER', `${what} has ${bad}`);
  }
  if (p.dpsSumMilli < 0n || p.dpsSumSqMilli < 0n) {
    return problem('PARTIAL_NOT_INTEGER', 'a DPS sum is negative');
  }
  return null;
}

function checkCanonical(p: ChunkPartial): WireProblem | null {
  for (let k = 1; k < p.histogram.length; k++) {
    if (p.histogram[k - 1]!.bin >= p.histogram[k]!.bin)
      return problem('PARTIAL_NOT_CANONICAL', 'histogram bins');
  }
  for (let k = 1; k < p.abilities.length; k++) {
    if (compareAbilityKeys(p.abilities[k - 1]!, p.abilities[k]!) >= 0) {
      return problem('PARTIAL_NOT_CANONICAL', 'abilities');
    }
  }
  for (let k = 1; k < p.buffs.length; k++) {
    if (p.buffs[k - 1]!.auraId >= p.buffs[k]!.auraId) return problem('PARTIAL_NOT_CANONICAL', 'buffs');
  }
  const { damage, focusMilli, samples } = p.timeline;
  if (damage.length !== samples.length || focusMilli.length !== samples.length) {
    return problem('PARTIAL_NOT_CANONICAL', 'timeline lists differ in length');
  }
  return null;
}

function checkDps(p: ChunkPartial): WireProblem | null {
  const n = BigInt(p.iterations);
  if (p.iterations === 0) {
    if (p.dpsSumMilli !== 0n || p.dpsSumSqMilli !== 0n || p.dpsMinMilli !== 0 || p.dpsMaxMilli !== 0) {
      return problem('PARTIAL_MIN_MAX', 'DPS statistics without iterations');
    }
    return null;
  }
  const min = BigInt(p.dpsMinMilli);
  const max = BigInt(p.dpsMaxMilli);
  if (min > max) return problem('PARTIAL_MIN_MAX', `min ${p.dpsMinMilli} > max ${p.dpsMaxMilli} (milli-DPS)`);
  if (p.dpsSumMilli < n * min || p.dpsSumMilli > n * max) {
    return problem('PARTIAL_MIN_MAX', 'the mean DPS lies outside min..max');
  }
  if (scaledM2Milli(p) < 0n) return problem('PARTIAL_NEGATIVE_M2', 'n * sum(x^2) < sum(x)^2');
  if (p.dpsSumSqMilli < n * min * min || p.dpsSumSqMilli > n * max * max) {
    return problem('PARTIAL_MIN_MAX', 'the sum of squares lies outside n*min^2..n*max^2');
  }
  return null;
}

function checkHistogram(p: ChunkPartial): WireProblem | null {
  let total = 0;
  for (const h of p.histogram) {
    if (h.count === 0) return problem('PARTIAL_HISTOGRAM_MISMATCH', `empty bin ${h.bin} listed`);
    total += h.count;
  }
  if (total !== p.iterations) {
    return problem('PARTIAL_HISTOGRAM_MISMATCH', `counts sum to ${total}, iterations are ${p.iterations}`);
  }
  const first = p.histogram[0];
  const last = p.histogram[p.histogram.length - 1];
  if (first !== undefined && last !== undefined) {
    if (first.bin !== histogramBinOf(p.dpsMinMilli) || last.bin !== histogramBinOf(p.dpsMaxMilli)) {
      return problem('PARTIAL_HISTOGRAM_MISMATCH', 'the outermost bins do not hold min and max');
    }
  }
  return null;
}

function checkConsistency(p: ChunkPartial): WireProblem | null {
  for (const a of p.abilities) {
    if (a.crits > a.hits || a.ticks > a.hits) {
      return problem('PARTIAL_INCONSISTENT', `${a.source} spell ${a.spellId}: more crits or ticks than hits`);
    }
  }
  for (const b of p.buffs) {
    if (b.uptimeMs > p.fightLengthMsSum) {
      return problem('PARTIAL_INCONSISTENT', `aura ${b.auraId} is up longer than the fights lasted`);
    }
  }
  const { samples } = p.timeline;
  for (let k = 0; k < samples.length; k++) {
    const previous = k === 0 ? p.iterations : samples[k - 1]!;
    if (samples[k]! > previous) {
      return problem(
        'PARTIAL_INCONSISTENT',
        `timeline second ${k} has more running iterations than before it`,
      );
    }
  }
  return null;
}

/**
 * null when the partial could have come from a real run of `expectedIterations` iterations,
 * otherwise the first problem found, with a stable code.
 */
export function checkPartialPlausible(partial: ChunkPartial, expectedIterations: number): WireProblem | null {
  if (!isCount(partial.iterations) || partial.iterations !== expectedIterations) {
    return problem(
      'PARTIAL_ITERATIONS_MISMATCH',
      `${partial.iterations} iterations reported, ${expectedIterations} expected`,
    );
  }
  return (
    checkSizes(partial) ??
    checkIntegers(partial) ??
    checkCanonical(partial) ??
    checkDps(partial) ??
    checkHistogram(partial) ??
    checkConsistency(partial)
  );
}
