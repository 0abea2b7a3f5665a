// The merged prefix of a job, accumulated in place. mergePartials (common) builds a new
// partial per merge, which on the complete hot path means allocating the whole timeline and
// histogram for every chunk. This adds into one mutable accumulator instead (typed arrays for
// the timeline and, while its bins stay within a window, the histogram: no allocation per
// value), with exactly the same integer rules (sums, min/max ignoring empty partials, the
// smaller name on a clash), and produces the canonical, sorted ChunkPartial once, at finalize.
// The equivalence with mergeAllPartials is pinned by
// apps/sentinel/test/prefix-accumulator-matches-merge.test.ts.

import {
  type AbilityPartial,
  type BuffPartial,
  type ChunkPartial,
  compareAbilityKeys,
  type HistogramBin,
} from '../partial.ts';
import { mergeVariantSums, type VariantSums } from '../variant-sums.ts';
import { scaledM2Milli, Z_95 } from '../welford.ts';

/** A growable list of sums: a Float64Array holds the same doubles a number[] would, unboxed. */
class SumList {
  values = new Float64Array(0);
  length = 0;

  /** Makes room for n values and returns the array to add into. */
  reserve(n: number): Float64Array {
    if (n > this.values.length) {
      const grown = new Float64Array(Math.max(n, this.values.length * 2));
      grown.set(this.values.subarray(0, this.length));
      this.values = grown;
    }
    if (n > this.length) this.length = n;
    return this.values;
  }

  add(source: readonly number[]): void {
    const values = this.reserve(source.length);
    for (let i = 0; i < source.length; i++) values[i] = values[i]! + source[i]!;
  }

  toArray(): number[] {
    return Array.from(this.values.subarray(0, this.length));
  }
}

/** A standalone function (not a method): V8 compiles this loop measurably tighter. */
function addThree(
  n: number,
  d: Float64Array,
  damage: readonly number[],
  f: Float64Array,
  resourceMilli: readonly number[],
  s: Float64Array,
  samples: readonly number[],
): void {
  for (let i = 0; i < n; i++) {
    d[i] = d[i]! + damage[i]!;
    f[i] = f[i]! + resourceMilli[i]!;
    s[i] = s[i]! + samples[i]!;
  }
}

/** Bins a dense window may span before the histogram moves to a map (10 DPS each: 164k DPS). */
const DENSE_HISTOGRAM_SPAN = 16_384;

/**
 * Histogram counts by bin: a dense window [base, base + span) while the bins stay close
 * together, which is every real job; a Map once a partial spreads them wider.
 */
class HistogramSums {
  private base = 0;
  private counts = new Float64Array(0);
  private present = new Uint8Array(0);
  private sparse: Map<number, number> | null = null;

  add(bins: readonly HistogramBin[]): void {
    const n = bins.length;
    if (n === 0) return;
    if (this.sparse === null && !this.fit(bins[0]!.bin, bins[n - 1]!.bin)) this.toSparse();
    const sparse = this.sparse;
    if (sparse !== null) {
      for (let k = 0; k < n; k++) {
        const { bin, count } = bins[k]!;
        sparse.set(bin, (sparse.get(bin) ?? 0) + count);
      }
      return;
    }
    const { base, counts, present } = this;
    for (let k = 0; k < n; k++) {
      const { bin, count } = bins[k]!;
      counts[bin - base] = counts[bin - base]! + count;
      present[bin - base] = 1;
    }
  }

  /** Widens the window to hold first..last (bins arrive sorted); false when it would be too wide. */
  private fit(first: number, last: number): boolean {
    if (!Number.isSafeInteger(first) || !Number.isSafeInteger(last) || last < first) return false;
    const empty = this.counts.length === 0;
    const low = empty ? first : Math.min(this.base, first);
    const high = empty ? last : Math.max(this.base + this.counts.length - 1, last);
    if (!empty && low === this.base && high < this.base + this.counts.length) return true;
    const span = high - low + 1;
    if (span > DENSE_HISTOGRAM_SPAN) return false;
    // Room on both sides, so a slowly drifting range does not copy on every chunk.
    const slack = Math.min(span, DENSE_HISTOGRAM_SPAN - span) >> 1;
    const newBase = Math.max(low - slack, high - DENSE_HISTOGRAM_SPAN + 1);
    const size = Math.min(span + 2 * slack, DENSE_HISTOGRAM_SPAN);
    const counts = new Float64Array(size);
    const present = new Uint8Array(size);
    if (!empty) {
      counts.set(this.counts, this.base - newBase);
      present.set(this.present, this.base - newBase);
    }
    this.base = newBase;
    this.counts = counts;
    this.present = present;
    return true;
  }

  private toSparse(): void {
    const sparse = new Map<number, number>();
    for (let i = 0; i < this.counts.length; i++) {
      if (this.present[i] === 1) sparse.set(this.base + i, this.counts[i]!);
    }
    this.sparse = sparse;
  }

  toBins(): HistogramBin[] {
    if (this.sparse !== null) {
      return [...this.sparse].map(([bin, count]) => ({ bin, count })).sort((x, y) => x.bin - y.bin);
    }
    const out: HistogramBin[] = [];
    for (let i = 0; i < this.counts.length; i++) {
      if (this.present[i] === 1) out.push({ bin: this.base + i, count: this.counts[i]! });
    }
    return out;
  }
}

export class PrefixAccumulator {
  iterations = 0;
  dpsSumMilli = 0n;
  dpsSumSqMilli = 0n;
  dpsMinMilli = 0;
  dpsMaxMilli = 0;
  private readonly histogram = new HistogramSums();
  /** Abilities by spell id, one map per source (no key string per ability per chunk). */
  private readonly playerAbilities = new Map<number, AbilityPartial>();
  private readonly petAbilities = new Map<number, AbilityPartial>();
  private readonly buffs = new Map<number, BuffPartial>();
  private readonly damage = new SumList();
  private readonly resourceMilli = new SumList();
  private readonly samples = new SumList();
  private fightLengthMsSum = 0;
  private events = 0;
  /** A profileset's variants, merged one by one (absent for one profile). */
  private variants: VariantSums[] | undefined;

  add(p: ChunkPartial): void {
    // Checked before anything is added, so a refused partial leaves the sums as they were.
    const variants = p.variants?.length ?? 0;
    if (variants > 0 && this.variants !== undefined && this.variants.length !== variants)
      throw new RangeError(`cannot merge ${variants} variants into ${this.variants.length}`);
    if (p.iterations > 0) {
      this.dpsMinMilli = this.iterations === 0 ? p.dpsMinMilli : Math.min(this.dpsMinMilli, p.dpsMinMilli);
      this.dpsMaxMilli = this.iterations === 0 ? p.dpsMaxMilli : Math.max(this.dpsMaxMilli, p.dpsMaxMilli);
    }
    this.iterations += p.iterations;
    this.dpsSumMilli += p.dpsSumMilli;
    this.dpsSumSqMilli += p.dpsSumSqMilli;
    this.histogram.add(p.histogram);
    const abilities = p.abilities;
    for (let k = 0; k < abilities.length; k++) {
      const a = abilities[k]!;
      const bySpell = a.source === 'pet' ? this.petAbilities : this.playerAbilities;
      const have = bySpell.get(a.spellId);
      if (have === undefined) {
        bySpell.set(a.spellId, { ...a });
      } else {
        if (a.name < have.name) have.name = a.name;
        have.damage += a.damage;
        have.executes += a.executes;
        have.hits += a.hits;
        have.crits += a.crits;
        have.ticks += a.ticks;
      }
    }
    const buffs = p.buffs;
    for (let k = 0; k < buffs.length; k++) {
      const b = buffs[k]!;
      const have = this.buffs.get(b.auraId);
      if (have === undefined) {
        this.buffs.set(b.auraId, { ...b });
      } else {
        if (b.name < have.name) have.name = b.name;
        have.uptimeMs += b.uptimeMs;
      }
    }
    this.addTimeline(p.timeline);
    this.fightLengthMsSum += p.fightLengthMsSum;
    this.events += p.events;
    if (p.variants?.length) this.addVariants(p.variants);
  }

  /** The variants' sums so far (empty for one profile). */
  variantSums(): readonly VariantSums[] {
    return this.variants ?? [];
  }

  private addVariants(variants: VariantSums[]): void {
    const have = this.variants;
    if (have === undefined) {
      this.variants = variants.map((v) => ({ ...v }));
      return;
    }
    for (let k = 0; k < have.length; k++) have[k] = mergeVariantSums(have[k]!, variants[k]!);
  }

  private addTimeline({ damage, resourceMilli, samples }: ChunkPartial['timeline']): void {
    const n = samples.length;
    if (damage.length !== n || resourceMilli.length !== n) {
      this.damage.add(damage);
      this.resourceMilli.add(resourceMilli);
      this.samples.add(samples);
      return;
    }
    // The three lists of a (plausible) partial have one length: one loop for all three.
    addThree(
      n,
      this.damage.reserve(n),
      damage,
      this.resourceMilli.reserve(n),
      resourceMilli,
      this.samples.reserve(n),
      samples,
    );
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
      histogram: this.histogram.toBins(),
      abilities: [...this.playerAbilities.values(), ...this.petAbilities.values()]
        .map((a) => ({ ...a }))
        .sort(compareAbilityKeys),
      timeline: {
        damage: this.damage.toArray(),
        resourceMilli: this.resourceMilli.toArray(),
        samples: this.samples.toArray(),
      },
      buffs: [...this.buffs.values()].map((b) => ({ ...b })).sort((x, y) => x.auraId - y.auraId),
      fightLengthMsSum: this.fightLengthMsSum,
      events: this.events,
      ...(this.variants ? { variants: this.variants.map((v) => ({ ...v })) } : {}),
    };
  }
}
