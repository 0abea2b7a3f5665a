// The merged prefix of a job, accumulated in place. mergePartials (common) builds a new
// partial per merge, which on the complete hot path means allocating the whole timeline and
// histogram for every chunk. This adds into one mutable accumulator instead, with exactly the
// same integer rules (sums, min/max ignoring empty partials, the smaller name on a clash), and
// produces the canonical, sorted ChunkPartial once, at finalize. The equivalence with
// mergeAllPartials is pinned by test/prefix-accumulator-matches-merge.test.ts.

import {
  type AbilityPartial,
  type BuffPartial,
  type ChunkPartial,
  compareAbilityKeys,
  scaledM2Milli,
  Z_95,
} from '@simforge/common';

function addInto(target: number[], source: readonly number[]): void {
  for (let i = 0; i < source.length; i++) target[i] = (target[i] ?? 0) + source[i]!;
}

export class PrefixAccumulator {
  iterations = 0;
  dpsSumMilli = 0n;
  dpsSumSqMilli = 0n;
  dpsMinMilli = 0;
  dpsMaxMilli = 0;
  private readonly histogram = new Map<number, number>();
  private readonly abilities = new Map<string, AbilityPartial>();
  private readonly buffs = new Map<number, BuffPartial>();
  private readonly damage: number[] = [];
  private readonly focusMilli: number[] = [];
  private readonly samples: number[] = [];
  private fightLengthMsSum = 0;
  private events = 0;

  add(p: ChunkPartial): void {
    if (p.iterations > 0) {
      this.dpsMinMilli = this.iterations === 0 ? p.dpsMinMilli : Math.min(this.dpsMinMilli, p.dpsMinMilli);
      this.dpsMaxMilli = this.iterations === 0 ? p.dpsMaxMilli : Math.max(this.dpsMaxMilli, p.dpsMaxMilli);
    }
    this.iterations += p.iterations;
    this.dpsSumMilli += p.dpsSumMilli;
    this.dpsSumSqMilli += p.dpsSumSqMilli;
    for (const { bin, count } of p.histogram) this.histogram.set(bin, (this.histogram.get(bin) ?? 0) + count);
    for (const a of p.abilities) {
      const key = `${a.source}:${a.spellId}`;
      const have = this.abilities.get(key);
      if (have === undefined) {
        this.abilities.set(key, { ...a });
      } else {
        if (a.name < have.name) have.name = a.name;
        have.damage += a.damage;
        have.executes += a.executes;
        have.hits += a.hits;
        have.crits += a.crits;
        have.ticks += a.ticks;
      }
    }
    for (const b of p.buffs) {
      const have = this.buffs.get(b.auraId);
      if (have === undefined) {
        this.buffs.set(b.auraId, { ...b });
      } else {
        if (b.name < have.name) have.name = b.name;
        have.uptimeMs += b.uptimeMs;
      }
    }
    addInto(this.damage, p.timeline.damage);
    addInto(this.focusMilli, p.timeline.focusMilli);
    addInto(this.samples, p.timeline.samples);
    this.fightLengthMsSum += p.fightLengthMsSum;
    this.events += p.events;
  }

  /** 95% confidence half-width of mean DPS as a percentage of the mean (welfordView's formula). */
  halfWidth95Pct(): number {
    const n = this.iterations;
    if (n < 2) return Number.POSITIVE_INFINITY;
    const mean = Number(this.dpsSumMilli) / n / 1000;
    if (mean <= 0) return 0;
    const m2 = Number(scaledM2Milli(this)) / n / 1_000_000;
    const halfWidth = (Z_95 * Math.sqrt(m2 / (n - 1))) / Math.sqrt(n);
    return (halfWidth / mean) * 100;
  }

  meanDps(): number {
    return this.iterations === 0 ? 0 : Number(this.dpsSumMilli) / this.iterations / 1000;
  }

  /** The canonical partial: what mergeAllPartials gives for the same partials. */
  toPartial(): ChunkPartial {
    return {
      iterations: this.iterations,
      dpsSumMilli: this.dpsSumMilli,
      dpsSumSqMilli: this.dpsSumSqMilli,
      dpsMinMilli: this.dpsMinMilli,
      dpsMaxMilli: this.dpsMaxMilli,
      histogram: [...this.histogram].map(([bin, count]) => ({ bin, count })).sort((x, y) => x.bin - y.bin),
      abilities: [...this.abilities.values()].map((a) => ({ ...a })).sort(compareAbilityKeys),
      timeline: { damage: [...this.damage], focusMilli: [...this.focusMilli], samples: [...this.samples] },
      buffs: [...this.buffs.values()].map((b) => ({ ...b })).sort((x, y) => x.auraId - y.auraId),
      fightLengthMsSum: this.fightLengthMsSum,
      events: this.events,
    };
  }
}
