// The Beast Mastery hunter: focus, auto shot, the priority list and each spell's effect.
// Focus is a lazily regenerating ResourcePool, so no regeneration ticks are scheduled.

import { PREV_GCD_DEPTH } from '../../apl/identifiers.ts';
import type { RotationActor } from '../../apl/priority-list-runner.ts';
import type { WeaponSpec } from '../../profile/profile-types.ts';
import { Aura } from '../../sim/aura.ts';
import { AbilityStats, type Combat } from '../../sim/combat.ts';
import { AUTO_ATTACK_AP_DIVISOR, GCD_FLOOR_MS } from '../../sim/constants.ts';
import { Cooldown } from '../../sim/cooldown.ts';
import { PeriodicDamage, PeriodicDamageByTarget } from '../../sim/periodic-damage.ts';
import { ResourcePool } from '../../sim/resource-pool.ts';
import type { CombatStats } from '../../sim/stats.ts';
import type { SpecActor } from '../spec.ts';
import { BM_SPELLS as S } from './catalog.ts';
import { FOCUS_MAX, FOCUS_REGEN_PER_SECOND } from './hunter-constants.ts';
import type { ActionNumbers, BmNumbers, DotNumbers } from './numbers.ts';
import { PackLeader } from './pack-leader.ts';
import { HunterPet } from './pet.ts';

export type SpellActionName =
  | 'kill_command'
  | 'barbed_shot'
  | 'cobra_shot'
  | 'bestial_wrath'
  | 'kill_shot'
  | 'multishot'
  | 'wild_thrash'
  | 'black_arrow';

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
  readonly barbedDots: PeriodicDamageByTarget;
  /** Dark Ranger's Black Arrow dot on the primary target (never applied without the talent). */
  readonly blackArrowDots: PeriodicDamageByTarget;
  /** Pack Leader's beasts (inert without the talent). */
  readonly pack: PackLeader;
  readonly actions: Record<SpellActionName, SpellAction>;
  readonly focus: ResourcePool;
  gcdReadyMs = 0;
  /** The last PREV_GCD_DEPTH actions on the global cooldown, the latest at [0]: `prev_gcd.N.X`. */
  private readonly gcdHistory: (SpellActionName | null)[] = new Array(PREV_GCD_DEPTH).fill(null);
  /** The last action used, on the global cooldown or off it: `prev.X`. */
  lastAction: SpellActionName | null = null;
  autoAttackRunning = false;
  private readonly playerMultiplier: number;
  private readonly autoShotStats: AbilityStats;
  private readonly weaponSpeedMs: number;
  /** The base focus regeneration per millisecond, before haste. */
  private readonly focusRegenBasePerMs: number;
  private readonly onHasteChange = () => this.hasteChanged();
  private readonly onAutoShot = () => this.autoShot();
  private readonly onFocusTick = () => this.gainFocus(this.n.barbedShot.focusPerTick);
  private readonly onCastComplete = (arg: number) => {
    // Like SimulationCraft, a cast-time spell counts as executed when its cast completes, on
    // the target it was cast at (the event's argument carries both: action index and target).
    const a = this.actionList[arg % CAST_ACTION_SLOTS]!;
    const c = this.combat;
    c.target = Math.floor(arg / CAST_ACTION_SLOTS);
    a.stats.executes++;
    a.effect();
    c.target = 0;
  };
  private readonly actionList: SpellAction[];

  constructor(
    readonly combat: Combat,
    readonly n: BmNumbers,
    readonly stats: CombatStats,
    private readonly weapon: WeaponSpec,
  ) {
    this.focusRegenBasePerMs = (FOCUS_REGEN_PER_SECOND * (1 + n.talents.focusRegenPct / 100)) / 1000;
    this.focus = new ResourcePool(
      FOCUS_MAX + n.talents.maxFocusBonus,
      this.focusRegenBasePerMs * (1 + stats.haste),
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
    // A talent's dot without the talent is never applied: its numbers may be absent.
    const dot = (
      id: number,
      name: string,
      d: DotNumbers | null,
      tick: (fraction: number) => void,
      target = 0,
    ) => {
      const period = d?.tickPeriodMs ?? 2000;
      return new PeriodicDamage(
        combat,
        new Aura(id, name, d?.dotDurationMs ?? 0, 1, d?.pandemic ?? false),
        d?.hastedTicks ? () => Math.max(1, Math.round(period / this.haste())) : () => period,
        d?.tickOnApplication ?? false,
        tick,
        () => combat.isAlive(target),
      );
    };
    const targets = combat.targets;
    this.barbedDots = new PeriodicDamageByTarget(targets, (t) =>
      dot(S.barbedShot, 'Barbed Shot (bleed)', n.barbedShot, (f) => this.barbedBleedTick(f), t),
    );
    this.blackArrowDots = new PeriodicDamageByTarget(targets, (t) =>
      dot(S.blackArrow, 'Black Arrow (dot)', n.blackArrow, (f) => this.blackArrowTick(f), t),
    );
    const howl = n.howl;
    const wyvernsCry = PackLeader.wyvernsCryAura(howl);
    this.pet = new HunterPet(combat, n, stats, () => this.critBonus(), wyvernsCry, howl?.wyvernsCry.pct ?? 0);
    this.pack = new PackLeader(combat, howl, this.pet, wyvernsCry, (id, name, d, tick) =>
      dot(id, name, d, tick),
    );
    this.autoShotStats = combat.ability('player', S.autoShot, 'Auto Shot');
    this.weaponSpeedMs = weapon.speedMs;
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
      stats: combat.ability('player', numbers.spellId, numbers.name, numbers.magic),
      usableFromMs,
      effect,
    });
    // A talent's action without the talent: never usable, and not in the ability report.
    const untaken = (name: SpellActionName, spellId: number): SpellAction => ({
      name,
      numbers: UNTAKEN,
      cost: 0,
      cooldown: new Cooldown(name, 1, 0, 1),
      stats: new AbilityStats('player', spellId, name),
      usableFromMs: () => Number.POSITIVE_INFINITY,
      effect: () => {},
    });
    const always = () => 0;
    const never = () => Number.POSITIVE_INFINITY;
    // Patchwerk health is linear in time, so "below X%" starts at a known millisecond.
    const executeFrom = () => Math.floor(combat.fightLengthMs * (1 - n.killShot.healthPct / 100)) + 1;
    this.actions = {
      kill_command: make('kill_command', n.killCommand, always, () => this.killCommand()),
      barbed_shot: make('barbed_shot', n.barbedShot, always, () => this.barbedShot()),
      cobra_shot: make('cobra_shot', n.cobraShot, always, () => this.cobraShot()),
      bestial_wrath: make('bestial_wrath', n.bestialWrath, always, () => this.bestialWrathCast()),
      // Black Arrow takes Kill Shot's place on the bar (the two share a charge category).
      kill_shot: make('kill_shot', n.killShot, n.blackArrow ? never : executeFrom, () => this.killShot()),
      multishot: make('multishot', n.multiShot, always, () => this.multiShot()),
      wild_thrash: n.wildThrash
        ? make('wild_thrash', n.wildThrash, always, () => this.wildThrash())
        : untaken('wild_thrash', S.wildThrash),
      black_arrow: n.blackArrow
        ? make('black_arrow', n.blackArrow, always, () => this.blackArrow())
        : untaken('black_arrow', S.blackArrow),
    };
    this.actionList = Object.values(this.actions);
  }

  get auras(): Aura[] {
    return [
      this.bestialWrath,
      this.thrill,
      this.barbedFocus,
      this.barbedDots.primary.aura,
      this.blackArrowDots.primary.aura,
      ...this.pack.auras,
      ...this.pet.auras,
    ];
  }

  reset(): void {
    this.focus.reset();
    this.gcdReadyMs = 0;
    this.gcdHistory.fill(null);
    this.lastAction = null;
    this.autoAttackRunning = false;
    for (const a of this.actionList) a.cooldown.reset();
    this.bestialWrath.reset();
    this.thrill.reset();
    this.barbedFocus.reset();
    this.barbedDots.reset();
    this.blackArrowDots.reset();
    this.pack.reset();
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
    return Math.max(GCD_FLOOR_MS, Math.round(numbers.gcdMs / this.haste()));
  }

  /** The action used `back` global cooldowns ago (1 = the last), null before that many. */
  gcdActionBack(back: number): SpellActionName | null {
    return this.gcdHistory[back - 1] ?? null;
  }

  castTimeMs(numbers: ActionNumbers): number {
    return numbers.castTimeMs > 0 ? Math.round(numbers.castTimeMs / this.haste()) : 0;
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
      this.gcdHistory.pop();
      this.gcdHistory.unshift(a.name);
    }
    this.lastAction = a.name;
    const cast = this.castTimeMs(a.numbers);
    if (cast > 0)
      c.schedule(now + cast, this.onCastComplete, c.target * CAST_ACTION_SLOTS + this.actionList.indexOf(a));
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
    for (const t of this.combat.hasteChangeTimes()) this.combat.schedule(t, this.onHasteChange);
  }

  /** The haste multiplier in force now: gear's, and Bloodlust's while it is up. */
  haste(): number {
    return (1 + this.stats.haste) * this.combat.hasteMultiplier();
  }

  /**
   * Bloodlust came or went: focus regenerates and hasted cooldowns recover at the new pace
   * (swings, Claw, ticks, the GCD and casts read haste when they are next scheduled).
   */
  private hasteChanged(): void {
    const now = this.combat.now;
    const haste = this.haste();
    this.focus.setRegen(this.focusRegenBasePerMs * haste, now);
    for (const a of this.actionList) if (a.numbers.cooldownHasted) a.cooldown.setHaste(haste, now);
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
    return this.playerMultiplier * bw * this.pack.damageMultiplier(this.combat.now);
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
    c.schedule(c.now + Math.round(this.weaponSpeedMs / this.haste()), this.onAutoShot);
  }

  private killCommand(): void {
    const ki = this.n.talents.killerInstinct;
    const bonus = ki && this.combat.healthPct() < ki.belowHealthPct ? ki.pct : 0;
    this.pet.killCommandHit(bonus);
    this.pack.answerKillCommand();
  }

  private barbedShot(): void {
    const c = this.combat;
    const now = c.now;
    const n = this.n.barbedShot;
    this.barbedDots.on(c.target).apply(now);
    // Focus over time: each cast is its own instance, so overlapping casts both pay out.
    const focusTicks = n.focusPeriodMs > 0 ? Math.floor(n.focusDurationMs / n.focusPeriodMs) : 0;
    for (let k = 1; k <= focusTicks; k++) c.schedule(now + k * n.focusPeriodMs, this.onFocusTick);
    this.barbedFocus.trigger(now);
    this.pet.frenzy.trigger(now);
    if (this.n.talents.thrill) this.thrill.trigger(now);
  }

  /** One tick of the bleed; `fraction` < 1 for the partial last tick. Bleeds ignore armor. */
  private barbedBleedTick(fraction: number): void {
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
    const targets = Math.min(c.activeTargets, n.maxTargets);
    const amount = n.ap * this.stats.attackPower * n.multiplier * this.multiplier();
    const crit = this.critChance();
    for (let i = 0; i < targets; i++) c.hit(this.actions.multishot.stats, amount, crit, true, false);
    if (this.n.talents.beastCleave && c.activeTargets > 1) this.pet.beastCleave.trigger(c.now);
  }

  /** Wild Thrash: the pets thrash every target in reach, and it opens Beast Cleave as Multi-Shot does. */
  private wildThrash(): void {
    const c = this.combat;
    this.pet.thrash();
    if (this.n.talents.beastCleave && c.activeTargets > 1) this.pet.beastCleave.trigger(c.now);
  }

  /** Black Arrow: shadow damage now and over time (a magic school: no armor). */
  private blackArrow(): void {
    const n = this.n.blackArrow;
    if (!n) return;
    this.combat.hit(
      this.actions.black_arrow.stats,
      n.ap * this.stats.attackPower * n.multiplier * this.multiplier(),
      this.critChance(),
      false,
      false,
    );
    this.blackArrowDots.on(this.combat.target).apply(this.combat.now);
  }

  private blackArrowTick(fraction: number): void {
    const n = this.n.blackArrow;
    if (!n) return;
    const amount = n.tickAp * this.stats.attackPower * n.multiplier * this.multiplier() * fraction;
    this.combat.hit(this.actions.black_arrow.stats, amount, this.critChance(), false, true);
  }
}

/** Cast completions carry `target * CAST_ACTION_SLOTS + action index` in one event argument (fewer than 1,024 actions). */
const CAST_ACTION_SLOTS = 1024;

/** The numbers of an action whose talent is not taken (it is never usable). */
const UNTAKEN: ActionNumbers = {
  spellId: 0,
  name: '',
  cost: 0,
  gcdMs: 0,
  gcdHasted: false,
  castTimeMs: 0,
  cooldownMs: 0,
  cooldownHasted: false,
  charges: 1,
  magic: false,
};
