// Accumulates iterations into a ChunkPartial, so the engine reports numbers per iteration and
// never re-implements the integer accumulation rules of partial.ts.
//
// Hot path: the engine calls this once per iteration (thousands per second), so it keeps Maps
// and growable arrays and only sorts once, in build().

import {
  type AbilityPartial,
  type ActorSource,
  type BuffPartial,
  type ChunkPartial,
  compareAbilityKeys,
  dpsToMilli,
  histogramBinOf,
} from './partial.ts';

/** One ability's numbers in one iteration. */
export interface IterationAbility {
  source: ActorSource;
  spellId: number;
  name: string;
  /** Integer: the sum of integer hits. */
  damage: number;
  executes: number;
  hits: number;
  crits: number;
  ticks: number;
}

/** One aura's uptime in one iteration. */
export interface IterationBuff {
  auraId: number;
  name: string;
  uptimeMs: number;
}

/** Everything one iteration reports. */
export interface IterationRecord {
  dps: number;
  fightLengthMs: number;
  events: number;
  abilities: Iterable<IterationAbility>;
  /** Integer damage landing in each second of this iteration: length = seconds the fight ran. */
  timelineDamage: ArrayLike<number>;
  /** The spec's resource at the end of each second (real numbers; rounded to milli here); same length. */
  timelineResource: ArrayLike<number>;
  buffs: Iterable<IterationBuff>;
}

function requireCount(value: number, what: string): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${what} must be a non-negative safe integer, got ${value}`);
  }
  return value;
}

export class PartialBuilder {
  private iterations = 0;
  private dpsSumMilli = 0n;
  private dpsSumSqMilli = 0n;
  private dpsMinMilli = 0;
  private dpsMaxMilli = 0;
  private readonly histogram = new Map<number, number>();
  // Keyed by spellId * 2 + (pet ? 1 : 0): numeric keys keep the per-iteration lookup cheap.
  private readonly abilities = new Map<number, AbilityPartial>();
  private readonly buffs = new Map<number, BuffPartial>();
  private readonly timelineDamage: number[] = [];
  private readonly timelineResourceMilli: number[] = [];
  private readonly timelineSamples: number[] = [];
  private fightLengthMsSum = 0;
  private events = 0;

  recordIteration(record: IterationRecord): void {
    this.recordDps(record.dps);
    this.recordFight(record.fightLengthMs, record.events);
    for (const ability of record.abilities) this.recordAbility(ability);
    this.recordTimeline(record.timelineDamage, record.timelineResource);
    for (const buff of record.buffs) this.recordBuff(buff.auraId, buff.name, buff.uptimeMs);
  }

  /** Counts one iteration: the DPS sums, min/max and histogram. */
  recordDps(dps: number): void {
    if (!Number.isFinite(dps) || dps < 0) throw new RangeError(`dps must be finite and >= 0, got ${dps}`);
    const milli = dpsToMilli(dps);
    const big = BigInt(milli);
    if (this.iterations === 0) {
      this.dpsMinMilli = milli;
      this.dpsMaxMilli = milli;
    } else {
      if (milli < this.dpsMinMilli) this.dpsMinMilli = milli;
      if (milli > this.dpsMaxMilli) this.dpsMaxMilli = milli;
    }
    this.iterations++;
    this.dpsSumMilli += big;
    this.dpsSumSqMilli += big * big;
    const bin = histogramBinOf(milli);
    this.histogram.set(bin, (this.histogram.get(bin) ?? 0) + 1);
  }

  recordFight(fightLengthMs: number, events: number): void {
    this.fightLengthMsSum += requireCount(fightLengthMs, 'fightLengthMs');
    this.events += requireCount(events, 'events');
  }

  recordAbility(ability: IterationAbility): void {
    const key = ability.spellId * 2 + (ability.source === 'pet' ? 1 : 0);
    let sums = this.abilities.get(key);
    if (sums === undefined) {
      requireCount(ability.spellId, 'spellId');
      sums = {
        source: ability.source,
        spellId: ability.spellId,
        name: ability.name,
        damage: 0,
        executes: 0,
        hits: 0,
        crits: 0,
        ticks: 0,
      };
      this.abilities.set(key, sums);
    }
    sums.damage += requireCount(ability.damage, 'ability damage');
    sums.executes += requireCount(ability.executes, 'ability executes');
    sums.hits += requireCount(ability.hits, 'ability hits');
    sums.crits += requireCount(ability.crits, 'ability crits');
    sums.ticks += requireCount(ability.ticks, 'ability ticks');
  }

  recordBuff(auraId: number, name: string, uptimeMs: number): void {
    let sums = this.buffs.get(auraId);
    if (sums === undefined) {
      requireCount(auraId, 'auraId');
      sums = { auraId, name, uptimeMs: 0 };
      this.buffs.set(auraId, sums);
    }
    sums.uptimeMs += requireCount(uptimeMs, 'buff uptimeMs');
  }

  /** One iteration's per-second damage and end-of-second resource; both arrays span its whole fight. */
  recordTimeline(damage: ArrayLike<number>, resource: ArrayLike<number>): void {
    if (damage.length !== resource.length) {
      throw new RangeError(
        `timeline damage has ${damage.length} seconds but resource has ${resource.length}`,
      );
    }
    const seconds = damage.length;
    while (this.timelineSamples.length < seconds) {
      this.timelineDamage.push(0);
      this.timelineResourceMilli.push(0);
      this.timelineSamples.push(0);
    }
    for (let b = 0; b < seconds; b++) {
      const resourceValue = resource[b] as number;
      if (!Number.isFinite(resourceValue) || resourceValue < 0) {
        throw new RangeError(`resource must be finite and >= 0, got ${resourceValue} at second ${b}`);
      }
      this.timelineDamage[b]! += requireCount(damage[b] as number, 'timeline damage');
      this.timelineResourceMilli[b]! += Math.round(resourceValue * 1000);
      this.timelineSamples[b]! += 1;
    }
  }

  /** A snapshot in canonical (sorted) form; the builder can keep accumulating afterwards. */
  build(): ChunkPartial {
    return {
      iterations: this.iterations,
      dpsSumMilli: this.dpsSumMilli,
      dpsSumSqMilli: this.dpsSumSqMilli,
      dpsMinMilli: this.dpsMinMilli,
      dpsMaxMilli: this.dpsMaxMilli,
      histogram: [...this.histogram].map(([bin, count]) => ({ bin, count })).sort((a, b) => a.bin - b.bin),
      abilities: [...this.abilities.values()].map((a) => ({ ...a })).sort(compareAbilityKeys),
      timeline: {
        damage: [...this.timelineDamage],
        resourceMilli: [...this.timelineResourceMilli],
        samples: [...this.timelineSamples],
      },
      buffs: [...this.buffs.values()].map((b) => ({ ...b })).sort((a, b) => a.auraId - b.auraId),
      fightLengthMsSum: this.fightLengthMsSum,
      events: this.events,
    };
  }
}
