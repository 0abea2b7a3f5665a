// The Beast Mastery hunter: focus, auto shot, the priority list and each spell's effect.
// Focus is a lazily regenerating ResourcePool, so no regeneration ticks are scheduled.
import type { RotationActor } from '../../apl/priority-list-runner.ts';
import type { WeaponSpec } from '../../profile/profile-types.ts';
import { Aura } from '../../sim/aura.ts';
import type { AbilityStats, Combat } from '../../sim/combat.ts';
import { AUTO_ATTACK_AP_DIVISOR, GCD_FLOOR_MS } from '../../sim/constants.ts';
import { Cooldown } from '../../sim/cooldown.ts';
import { ResourcePool } from '../../sim/resource-pool.ts';
import type { CombatStats } from '../../sim/stats.ts';
import type { SpecActor } from '../spec.ts';
import { BM_SPELLS as S } from './catalog.ts';
import { FOCUS_MAX, FOCUS_REGEN_PER_SECOND } from './hunter-constants.ts';
import type { ActionNumbers, BmNumbers } from './numbers.ts';
import { HunterPet } from './pet.ts';

export type SpellActionName =
  | 'kill_command'
  | 'barbed_shot'
  | 'cobra_shot'
  | 'bestial_wrath'
  | 'kill_shot'
  | 'multishot';

export interface SpellAction {
  name: SpellActionName;
  numbers: ActionNumbers;
  /** Focus cost (the runner reads it on every scan). */
  cost: number;
  cooldown: Cooldown;
  stats: AbilityStats;
  /** Earliest time the spell is usable at all (Kill Shot: when the target drops below the threshold). */
  usableFromMs: () => number;
  effect: () => void;
}

export class BeastMasteryHunter implements SpecActor, RotationActor<SpellAction> {
  readonly pet: HunterPet;
  readonly bestialWrath: Aura;
  readonly thrill: Aura;
  /** `buff.barbed_shot`: up while any Barbed Shot focus instance is running. */
  readonly barbedFocus: Aura;
  /** The Barbed Shot bleed on the primary target. */
  readonly barbedDot: Aura;
  readonly actions: Record<SpellActionName, SpellAction>;
  readonly focus: ResourcePool;
  gcdReadyMs = 0;
  lastGcdAction: SpellActionName | null = null;
  autoAttackRunning = false;
  private dotLastTickMs = 0;
  /** The bleed's tick period, shortened by haste when the data marks its ticks hasted. */
  private readonly dotPeriodMs: number;
  private dotGeneration = 0;
  private readonly playerMultiplier: number;
  private readonly autoShotStats: AbilityStats;
  private readonly autoShotIntervalMs: number;
  private readonly onAutoShot = () => this.autoShot();
  private readonly onFocusTick = () => this.gainFocus(this.n.barbedShot.focusPerTick);
  private readonly onDotTick = (generation: number) => this.dotTick(generation);
  private readonly onCastComplete = (index: number) => {
    // Like SimulationCraft, a cast-time spell counts as executed when its cast completes.
    const a = this.actionList[index]!;
    a.stats.executes++;
    a.effect();
  };
  private readonly actionList: SpellAction[];

  constructor(
    readonly combat: Combat,
    readonly n: BmNumbers,
    readonly stats: CombatStats,
    private readonly weapon: WeaponSpec,
  ) {
    this.focus = new ResourcePool(
      FOCUS_MAX + n.talents.maxFocusBonus,
      (FOCUS_REGEN_PER_SECOND * (1 + n.talents.focusRegenPct / 100) * (1 + stats.haste)) / 1000,
    );
    this.playerMultiplier = 1 + stats.versatility;
    this.bestialWrath = new Aura(S.bestialWrath, 'Bestial Wrath', n.bestialWrath.durationMs, 1, false);
    const thrill = n.talents.thrill;
    this.thrill = new Aura(
      S.thrillOfTheHuntBuff,
      'Thrill of the Hunt',
      thrill?.durationMs ?? 0,
      thrill?.maxStacks ?? 1,
      false,
    );
    this.barbedFocus = new Aura(
      S.barbedShotFocus,
      'Barbed Shot (focus)',
      n.barbedShot.focusDurationMs,
      1,
      false,
    );
    this.barbedDot = new Aura(
      S.barbedShot,
      'Barbed Shot (bleed)',
      n.barbedShot.dotDurationMs,
      1,
      n.barbedShot.pandemic,
    );
    this.pet = new HunterPet(combat, n, stats, () => this.critBonus());
    this.autoShotStats = combat.ability('player', S.autoShot, 'Auto Shot');
    this.autoShotIntervalMs = Math.round(weapon.speedMs / (1 + stats.haste));
    const period = n.barbedShot.tickPeriodMs;
    this.dotPeriodMs = Math.max(
      1,
      n.barbedShot.hastedTicks ? Math.round(period / (1 + stats.haste)) : period,
    );
    combat.ability('player', S.barbedShot, n.barbedShot.name);
    const make = (
      name: SpellActionName,
      numbers: ActionNumbers,
      usableFromMs: () => number,
      effect: () => void,
    ): SpellAction => ({
      name,
      numbers,
      cost: numbers.cost,
      cooldown: new Cooldown(
        name,
        numbers.charges,
        numbers.cooldownMs,
        numbers.cooldownHasted ? 1 + stats.haste : 1,
      ),
      stats: combat.ability('player', numbers.spellId, numbers.name),
      usableFromMs,
      effect,
    });
    const always = () => 0;
    // Patchwerk health is linear in time, so "below X%" starts at a known millisecond.
    const executeFrom = () => Math.floor(combat.fightLengthMs * (1 - n.killShot.healthPct / 100)) + 1;
    this.actions = {
      kill_command: make('kill_command', n.killCommand, always, () => this.killCommand()),
      barbed_shot: make('barbed_shot', n.barbedShot, always, () => this.barbedShot()),
      cobra_shot: make('cobra_shot', n.cobraShot, always, () => this.cobraShot()),
      bestial_wrath: make('bestial_wrath', n.bestialWrath, always, () => this.bestialWrathCast()),
      kill_shot: make('kill_shot', n.killShot, executeFrom, () => this.killShot()),
      multishot: make('multishot', n.multiShot, always, () => this.multiShot()),
    };
    this.actionList = Object.values(this.actions);
  }

  get auras(): Aura[] {
    return [this.bestialWrath, this.thrill, this.barbedFocus, this.barbedDot, ...this.pet.auras];
  }

  reset(): void {
    this.focus.reset();
    this.gcdReadyMs = 0;
    this.lastGcdAction = null;
    this.autoAttackRunning = false;
    this.dotGeneration++;
    for (const a of this.actionList) a.cooldown.reset();
    this.bestialWrath.reset();
    this.thrill.reset();
    this.barbedFocus.reset();
    this.barbedDot.reset();
    this.pet.reset();
  }

  // Focus ------------------------------------------------------------------------------

  resourceAt(atMs: number): number {
    return this.focus.at(atMs);
  }

  gainFocus(amount: number): void {
    this.focus.gain(amount, this.combat.now);
  }

  resourceWaitMs(cost: number): number {
    return this.focus.waitMs(cost, this.combat.now);
  }

  // Actions ----------------------------------------------------------------------------

  hastedGcdMs(numbers: ActionNumbers): number {
    if (numbers.gcdMs <= 0) return 0;
    if (!numbers.gcdHasted) return numbers.gcdMs;
    return Math.max(GCD_FLOOR_MS, Math.round(numbers.gcdMs / (1 + this.stats.haste)));
  }

  castTimeMs(numbers: ActionNumbers): number {
    return numbers.castTimeMs > 0 ? Math.round(numbers.castTimeMs / (1 + this.stats.haste)) : 0;
  }

  actionNamed(name: string): SpellAction | undefined {
    return Object.hasOwn(this.actions, name) ? this.actions[name as SpellActionName] : undefined;
  }

  canUse(a: SpellAction): boolean {
    const now = this.combat.now;
    return a.cooldown.ready(now) && this.focus.at(now) >= a.cost && now >= a.usableFromMs();
  }

  /**
   * Starts an action; returns when the player is free again. Instant spells take effect at
   * once, cast-time spells when the cast completes.
   */
  use(a: SpellAction): number {
    const c = this.combat;
    const now = c.now;
    if (a.cost > 0) this.focus.spend(a.cost, now);
    a.cooldown.start(now);
    const gcd = this.hastedGcdMs(a.numbers);
    if (gcd > 0) {
      this.gcdReadyMs = now + gcd;
      this.lastGcdAction = a.name;
    }
    const cast = this.castTimeMs(a.numbers);
    if (cast > 0) c.schedule(now + cast, this.onCastComplete, this.actionList.indexOf(a));
    else {
      a.stats.executes++;
      a.effect();
    }
    return Math.max(this.gcdReadyMs, now + cast);
  }

  startAutoAttack(): void {
    if (this.autoAttackRunning) return;
    this.autoAttackRunning = true;
    this.combat.schedule(this.combat.now, this.onAutoShot);
  }

  start(): void {
    this.pet.start();
  }

  // Damage -----------------------------------------------------------------------------

  critBonus(): number {
    const t = this.n.talents.thrill;
    return t ? (this.thrill.stack(this.combat.now) * t.critPctPerStack) / 100 : 0;
  }

  private critChance(): number {
    return this.stats.critChance + this.critBonus();
  }

  private multiplier(): number {
    const bw = this.bestialWrath.expiresAtMs > this.combat.now ? 1 + this.n.bestialWrath.playerPct / 100 : 1;
    return this.playerMultiplier * bw;
  }

  private autoShot(): void {
    const c = this.combat;
    const w = this.weapon;
    const weaponDamage = w.minDamage + (w.maxDamage - w.minDamage) * c.rng.real();
    const base =
      (this.n.autoShot.weaponPct / 100) *
      (weaponDamage + (this.stats.attackPower / AUTO_ATTACK_AP_DIVISOR) * (w.speedMs / 1000));
    this.autoShotStats.executes++;
    c.hit(this.autoShotStats, base * this.multiplier(), this.critChance(), true, false);
    if (c.lastCrit && this.n.talents.wildCallChance > 0 && c.rng.real() < this.n.talents.wildCallChance) {
      this.actions.barbed_shot.cooldown.resetOne(c.now);
    }
    c.schedule(c.now + this.autoShotIntervalMs, this.onAutoShot);
  }

  private killCommand(): void {
    const ki = this.n.talents.killerInstinct;
    const bonus = ki && this.combat.healthPct() < ki.belowHealthPct ? ki.pct : 0;
    this.pet.killCommandHit(bonus);
  }

  private barbedShot(): void {
    const c = this.combat;
    const now = c.now;
    const n = this.n.barbedShot;
    // The bleed: refreshing keeps the tick schedule, so the last tick may be partial.
    const wasTicking = this.barbedDot.up(now);
    this.barbedDot.trigger(now);
    if (!wasTicking) {
      this.dotGeneration++;
      this.dotLastTickMs = now;
      if (n.tickOnApplication) this.dotDamage(1);
      c.schedule(now + this.dotPeriodMs, this.onDotTick, this.dotGeneration);
    }
    // Focus over time: each cast is its own instance, so overlapping casts both pay out.
    const focusTicks = n.focusPeriodMs > 0 ? Math.floor(n.focusDurationMs / n.focusPeriodMs) : 0;
    for (let k = 1; k <= focusTicks; k++) c.schedule(now + k * n.focusPeriodMs, this.onFocusTick);
    this.barbedFocus.trigger(now);
    this.pet.frenzy.trigger(now);
    const t = this.n.talents;
    if (t.thrill) this.thrill.trigger(now);
    if (t.barbedWrathMs > 0) this.actions.bestial_wrath.cooldown.reduce(now, t.barbedWrathMs);
  }

  private dotTick(generation: number): void {
    if (generation !== this.dotGeneration) return;
    const c = this.combat;
    const now = c.now;
    this.dotDamage((now - this.dotLastTickMs) / this.dotPeriodMs);
    this.dotLastTickMs = now;
    const expires = this.barbedDot.expiresAtMs;
    if (now < expires) c.schedule(Math.min(now + this.dotPeriodMs, expires), this.onDotTick, generation);
  }

  /** One tick of the bleed; `fraction` < 1 for the partial last tick. Bleeds ignore armor. */
  private dotDamage(fraction: number): void {
    const n = this.n.barbedShot;
    const amount = n.tickAp * this.stats.attackPower * n.multiplier * this.multiplier() * fraction;
    this.combat.hit(this.actions.barbed_shot.stats, amount, this.critChance(), false, true);
  }

  private cobraShot(): void {
    const c = this.combat;
    const n = this.n.cobraShot;
    c.hit(
      this.actions.cobra_shot.stats,
      n.ap * this.stats.attackPower * n.multiplier * this.multiplier(),
      this.critChance(),
      true,
      false,
    );
    const kc = this.actions.kill_command.cooldown;
    if (this.n.talents.killerCobra && this.bestialWrath.up(c.now)) kc.resetOne(c.now);
    else if (n.killCommandReductionMs > 0) kc.reduce(c.now, n.killCommandReductionMs);
  }

  private bestialWrathCast(): void {
    const now = this.combat.now;
    this.bestialWrath.trigger(now);
    this.pet.bestialWrath.trigger(now);
    const barbed = this.actions.barbed_shot.cooldown;
    for (let i = 0; i < this.n.talents.scentOfBloodCharges; i++) barbed.resetOne(now);
  }

  private killShot(): void {
    const n = this.n.killShot;
    this.combat.hit(
      this.actions.kill_shot.stats,
      n.ap * this.stats.attackPower * n.multiplier * this.multiplier(),
      this.critChance(),
      true,
      false,
    );
  }

  private multiShot(): void {
    const c = this.combat;
    const n = this.n.multiShot;
    const targets = Math.min(c.targets, n.maxTargets);
    const amount = n.ap * this.stats.attackPower * n.multiplier * this.multiplier();
    const crit = this.critChance();
    for (let i = 0; i < targets; i++) c.hit(this.actions.multishot.stats, amount, crit, true, false);
    if (this.n.talents.beastCleave && c.targets > 1) this.pet.beastCleave.trigger(c.now);
  }
}
