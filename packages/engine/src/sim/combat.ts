// The per-simulation runtime a spec acts in: the clock, the event queue, the iteration's
// random stream, the fight (length, targets, health), damage bookkeeping and timelines.
// One instance is reused across iterations; `beginIteration` resets it without allocating.
import { type EventHandler, EventHeap } from '../core/heap.ts';
import { Rng } from '../core/rng.ts';
import { BOSS_ARMOR, BOSS_ARMOR_CONSTANT, CRIT_DAMAGE_MULTIPLIER } from './constants.ts';
import type { AddWaves } from './fight-styles.ts';
import {
  BLOODLUST_DURATION_MS,
  BLOODLUST_HASTE,
  type BloodlustTiming,
  SATED_DURATION_MS,
} from './raid-buffs.ts';

/** Per-iteration counters of one ability of one actor. */
export class AbilityStats {
  damage = 0;
  executes = 0;
  hits = 0;
  crits = 0;
  ticks = 0;
  constructor(
    readonly source: 'player' | 'pet',
    readonly spellId: number,
    readonly name: string,
    /** Not physical (SpellMisc.SchoolMask other than 1): the target's magic damage taken applies. */
    readonly magic = false,
  ) {}
  reset(): void {
    this.damage = 0;
    this.executes = 0;
    this.hits = 0;
    this.crits = 0;
    this.ticks = 0;
  }
}

export interface FightSetup {
  maxTimeMs: number;
  varyCombatLength: number;
  /** Targets present the whole fight (desired_targets): index 0 is the primary. */
  targets: number;
  /** Adds that come and go on top of them (the fight style's), null for none. */
  waves?: AddWaves | null;
  /** Multipliers on the damage the targets take by school (the raid's debuffs), 1 for none. */
  physicalTaken?: number;
  magicTaken?: number;
  /** Bloodlust from the raid: when it is cast (sim/raid-buffs.ts), null without it. */
  bloodlust?: BloodlustTiming | null;
}

export class Combat {
  now = 0;
  fightLengthMs = 0;
  events = 0;
  readonly heap = new EventHeap(512);
  readonly rng = new Rng(0, 0);
  readonly abilities: AbilityStats[] = [];
  /** Seconds in the current iteration (the last one may be partial). */
  private seconds = 0;
  // Sized for the longest iteration seen and reused, so iterations allocate no timeline arrays.
  private damageBins = new Float64Array(0);
  private resourceBins = new Float64Array(0);
  private nextSampleMs = 1000;
  private sampleResource: (atMs: number) => number = () => 0;
  private readonly popped = { handler: (() => {}) as EventHandler, arg: 0, timeMs: 0 };
  readonly physicalMitigation = 1 - BOSS_ARMOR / (BOSS_ARMOR + BOSS_ARMOR_CONSTANT);
  private readonly physicalTaken: number;
  private readonly magicTaken: number;
  /** Set by `hit`: whether the last hit was a critical strike. */
  lastCrit = false;
  /**
   * The target the action being decided or executed is about (0 = the primary): `target_if`
   * sets it for one action, and per-target state (dots) reads it. 0 between actions.
   */
  target = 0;

  constructor(readonly setup: FightSetup) {
    this.physicalTaken = setup.physicalTaken ?? 1;
    this.magicTaken = setup.magicTaken ?? 1;
  }

  /** Every target slot of the fight: the ones present throughout, then one per add of a wave. */
  get targets(): number {
    return this.setup.targets + (this.setup.waves?.count ?? 0);
  }

  /** Whether haste changes during the fight (Bloodlust): what is hasted is then read when used. */
  get hasteChanges(): boolean {
    return this.setup.bloodlust != null;
  }

  /** When this iteration's first Bloodlust lands (-1 without it); again after each Sated. */
  private lustStartMs = -1;

  /** 1.3 while Bloodlust is up, else 1: every haste the actor has is multiplied by it. */
  hasteMultiplier(): number {
    const start = this.lustStartMs;
    if (start < 0 || this.now < start) return 1;
    return (this.now - start) % SATED_DURATION_MS < BLOODLUST_DURATION_MS ? 1 + BLOODLUST_HASTE : 1;
  }

  /** The times haste changes in this iteration (Bloodlust on and off), in order. */
  hasteChangeTimes(): number[] {
    const times: number[] = [];
    for (let t = this.lustStartMs; t >= 0 && t < this.fightLengthMs; t += SATED_DURATION_MS)
      times.push(t, t + BLOODLUST_DURATION_MS);
    return times;
  }

  /** Whether the number of targets changes during the fight (adds come and go). */
  get hasWaves(): boolean {
    return (this.setup.waves?.count ?? 0) > 0;
  }

  /** Whether the current time falls in a wave of adds. */
  private inWave(): boolean {
    const w = this.setup.waves;
    if (!w || this.now < w.firstMs) return false;
    return (this.now - w.firstMs) % w.periodMs < w.durationMs;
  }

  /** Targets alive now: `active_enemies`, and what a cleave can reach. */
  get activeTargets(): number {
    return this.setup.targets + (this.inWave() ? this.setup.waves!.count : 0);
  }

  /** Target slot `t` is alive now: the fixed targets always, an add during its waves. */
  isAlive(t: number): boolean {
    return t < this.setup.targets || (t < this.targets && this.inWave());
  }

  ability(source: 'player' | 'pet', spellId: number, name: string, magic = false): AbilityStats {
    const existing = this.abilities.find((a) => a.source === source && a.spellId === spellId);
    if (existing) return existing;
    const created = new AbilityStats(source, spellId, name, magic);
    this.abilities.push(created);
    return created;
  }

  setResourceSampler(sampler: (atMs: number) => number): void {
    this.sampleResource = sampler;
  }

  /** Resets the clock, queue and counters, and draws this iteration's fight length. */
  beginIteration(seed: number, iteration: number): void {
    this.rng.reseed(seed, iteration);
    const vary = this.setup.varyCombatLength;
    // Patchwerk with vary_combat_length: uniform in maxTime * (1 +- vary), drawn first so the
    // rest of the stream does not depend on it.
    const factor = vary > 0 ? 1 + vary * (2 * this.rng.real() - 1) : 1;
    this.fightLengthMs = Math.max(1000, Math.round(this.setup.maxTimeMs * factor));
    this.now = 0;
    this.events = 0;
    this.target = 0;
    this.heap.clear();
    for (const a of this.abilities) a.reset();
    const seconds = Math.ceil(this.fightLengthMs / 1000);
    this.seconds = seconds;
    if (this.damageBins.length < seconds) {
      this.damageBins = new Float64Array(seconds);
      this.resourceBins = new Float64Array(seconds);
    } else {
      this.damageBins.fill(0, 0, seconds);
      this.resourceBins.fill(0, 0, seconds);
    }
    this.nextSampleMs = 1000;
    // Bloodlust: at its time, or when the primary falls below its health share, whichever is
    // first (Patchwerk health falls linearly over the fight).
    const lust = this.setup.bloodlust;
    this.lustStartMs = lust
      ? Math.max(0, Math.min(lust.atMs, Math.round(this.fightLengthMs * (1 - lust.belowHealthPct / 100))))
      : -1;
  }

  schedule(atMs: number, handler: EventHandler, arg = 0): void {
    this.heap.push(atMs, handler, arg);
  }

  /** Runs events until the fight ends; events at exactly the end time still run. */
  run(): void {
    const heap = this.heap;
    const end = this.fightLengthMs;
    const popped = this.popped;
    while (heap.length > 0) {
      if (heap.peekTimeMs() > end) break;
      heap.pop(popped);
      const t = popped.timeMs;
      while (this.nextSampleMs <= t) this.sample();
      this.now = t;
      this.events++;
      popped.handler(popped.arg);
    }
    this.now = end;
    while (this.nextSampleMs <= end) this.sample();
    if (this.nextSampleMs - 1000 < end) this.resourceBins[this.seconds - 1] = this.sampleResource(end);
  }

  private sample(): void {
    const bin = this.nextSampleMs / 1000 - 1;
    if (bin < this.seconds) this.resourceBins[bin] = this.sampleResource(this.nextSampleMs);
    this.nextSampleMs += 1000;
  }

  /** Patchwerk: health falls linearly from 100% to 0% over the iteration's fight length. */
  healthPct(): number {
    return (100 * (this.fightLengthMs - this.now)) / this.fightLengthMs;
  }

  /**
   * Damage of one hit: `amount` already carries every multiplier but crit, armor and what the
   * target takes by school. Rolls crit, applies armor where `armor` (physical non-periodic
   * hits), the raid's damage-taken debuff of the ability's school, rounds to an integer and
   * records it.
   */
  hit(stats: AbilityStats, amount: number, critChance: number, armor: boolean, tick: boolean): number {
    const crit = this.rng.real() < critChance;
    this.lastCrit = crit;
    let dmg =
      (crit ? amount * CRIT_DAMAGE_MULTIPLIER : amount) *
      (stats.magic ? this.magicTaken : this.physicalTaken);
    if (armor) dmg *= this.physicalMitigation;
    const whole = Math.round(dmg);
    stats.damage += whole;
    stats.hits++;
    if (crit) stats.crits++;
    if (tick) stats.ticks++;
    this.addTimelineDamage(whole);
    return whole;
  }

  /** Damage at exactly the last millisecond belongs to the last (possibly partial) second. */
  addTimelineDamage(amount: number): void {
    const bin = Math.floor(this.now / 1000);
    this.damageBins[Math.min(bin, this.seconds - 1)]! += amount;
  }

  /** Damage landing in each second of the current iteration (integers). */
  get timelineDamage(): Float64Array {
    return this.damageBins.subarray(0, this.seconds);
  }

  /** Resource at the end of each second of the current iteration. */
  get timelineResource(): Float64Array {
    return this.resourceBins.subarray(0, this.seconds);
  }

  totalDamage(): number {
    let sum = 0;
    for (const a of this.abilities) sum += a.damage;
    return sum;
  }
}
