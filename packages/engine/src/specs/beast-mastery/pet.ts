// The hunter's main pet: melee swings sped up by the owner's haste and Frenzy, its basic
// attack (Claw) on cooldown, Kill Command, Wild Thrash, Beast Cleave and Kill Cleave. Pets inherit the
// owner's attack power share, crit and versatility (SimulationCraft's pet model); Master of
// Beasts mastery multiplies all of its damage.
import { Aura } from '../../sim/aura.ts';
import type { AbilityStats, Combat } from '../../sim/combat.ts';
import { AUTO_ATTACK_AP_DIVISOR } from '../../sim/constants.ts';
import type { CombatStats } from '../../sim/stats.ts';
import { BM_SPELLS as S } from './catalog.ts';
import { PET_AP_FROM_OWNER, PET_SWING_MS } from './hunter-constants.ts';
import type { BmNumbers } from './numbers.ts';

export class HunterPet {
  readonly frenzy: Aura;
  readonly bestialWrath: Aura;
  readonly beastCleave: Aura;
  readonly attackPower: number;
  private readonly baseMultiplier: number;
  private readonly melee: AbilityStats;
  private readonly claw: AbilityStats;
  private readonly killCommand: AbilityStats;
  private readonly cleave: AbilityStats;
  private readonly killCleave: AbilityStats;
  /** Registered only with the talent, so a build without it reports nothing for it. */
  private readonly thrashStats: AbilityStats | null;
  /** The owner's haste multiplier in force now (gear, Bloodlust). */
  private haste(): number {
    return (1 + this.stats.haste) * this.combat.hasteMultiplier();
  }

  /** Claw is used on cooldown, so its next use is one (hasted) cooldown after the last. */
  private clawIntervalMs(): number {
    const claw = this.n.claw;
    return Math.max(1, Math.round(claw.cooldownMs / (claw.cooldownHasted ? this.haste() : 1)));
  }
  private readonly onSwing = () => this.swing();
  private readonly onClaw = () => this.useClaw();

  constructor(
    private readonly combat: Combat,
    private readonly n: BmNumbers,
    private readonly stats: CombatStats,
    /** The owner's crit bonus from buffs at this moment (Thrill of the Hunt). */
    private readonly ownerCritBonus: () => number,
    /** The owner's buff that raises the pets' damage too (Wyvern's Cry), by `sharedPct`. */
    private readonly sharedBuff: Aura,
    private readonly sharedPct: number,
  ) {
    this.attackPower = stats.attackPower * PET_AP_FROM_OWNER;
    const masteryPct = stats.masteryPoints * n.masteryPctPerPoint;
    this.baseMultiplier = (1 + stats.versatility) * (1 + masteryPct / 100);
    this.frenzy = new Aura(S.frenzy, 'Frenzy', n.frenzy.durationMs, n.frenzy.maxStacks, false);
    this.bestialWrath = new Aura(
      S.bestialWrathPet,
      'Bestial Wrath (pet)',
      n.bestialWrath.petDurationMs,
      1,
      false,
    );
    this.beastCleave = new Aura(
      S.beastCleavePet,
      'Beast Cleave',
      n.talents.beastCleave?.durationMs ?? 0,
      1,
      false,
    );
    this.melee = combat.ability('pet', S.petMelee, 'Melee');
    this.claw = combat.ability('pet', S.petClaw, 'Claw');
    this.killCommand = combat.ability('pet', S.killCommandPet, 'Kill Command');
    this.cleave = combat.ability('pet', S.beastCleaveDamage, 'Beast Cleave');
    this.killCleave = combat.ability('pet', S.killCleaveDamage, 'Kill Cleave');
    this.thrashStats = n.wildThrash ? combat.ability('pet', S.wildThrashDamage, 'Wild Thrash') : null;
  }

  get auras(): Aura[] {
    return [this.frenzy, this.bestialWrath, this.beastCleave];
  }

  reset(): void {
    this.frenzy.reset();
    this.bestialWrath.reset();
    this.beastCleave.reset();
  }

  start(): void {
    this.combat.schedule(0, this.onSwing);
    if (this.n.claw.ap > 0) this.combat.schedule(0, this.onClaw);
  }

  private multiplier(now: number): number {
    const bw = this.bestialWrath.expiresAtMs > now ? 1 + this.n.bestialWrath.petPct / 100 : 1;
    const shared = this.sharedBuff.expiresAtMs > now ? 1 + this.sharedPct / 100 : 1;
    return this.baseMultiplier * bw * shared;
  }

  /**
   * A hit by one of the pack (Howl of the Pack Leader's beasts) off the pet's attack power,
   * crit and multipliers; `fraction` < 1 for a partial last tick of a bleed (bleeds ignore armor).
   */
  packHit(stats: AbilityStats, petAp: number, bleed: boolean, fraction = 1): void {
    const amount = petAp * this.attackPower * this.multiplier(this.combat.now) * fraction;
    this.combat.hit(stats, amount, this.critChance(), !bleed, bleed);
  }

  private critChance(): number {
    return this.stats.critChance + this.ownerCritBonus();
  }

  private swingIntervalMs(now: number): number {
    const frenzy = 1 + (this.frenzy.stack(now) * this.n.frenzy.speedPctPerStack) / 100;
    return Math.max(100, Math.round(PET_SWING_MS / (this.haste() * frenzy)));
  }

  private swing(): void {
    const c = this.combat;
    const now = c.now;
    // Pet weapon damage scales with attack power as an auto attack of the base swing time.
    const base =
      (((this.n.petMelee.weaponPct / 100) * this.attackPower) / AUTO_ATTACK_AP_DIVISOR) *
      (PET_SWING_MS / 1000);
    const amount = base * this.n.petMelee.multiplier * this.multiplier(now);
    this.melee.executes++;
    const dealt = c.hit(this.melee, amount, this.critChance(), true, false);
    this.cleaveFrom(dealt, this.cleave, this.n.talents.beastCleave?.pct ?? 0);
    c.schedule(now + this.swingIntervalMs(now), this.onSwing);
  }

  private useClaw(): void {
    const c = this.combat;
    const amount = this.n.claw.ap * this.attackPower * this.n.claw.multiplier * this.multiplier(c.now);
    this.claw.executes++;
    c.hit(this.claw, amount, this.critChance(), true, false);
    c.schedule(c.now + this.clawIntervalMs(), this.onClaw);
  }

  /** Kill Command's damage, dealt by the pet. `bonusPct` carries Killer Instinct. */
  killCommandHit(bonusPct: number): void {
    const c = this.combat;
    const amount =
      this.n.killCommand.petAp *
      this.attackPower *
      this.n.killCommand.petMultiplier *
      this.multiplier(c.now) *
      (1 + bonusPct / 100);
    this.killCommand.executes++;
    const dealt = c.hit(this.killCommand, amount, this.critChance(), true, false);
    this.cleaveFrom(dealt, this.killCleave, this.n.talents.killCleavePct * 100);
  }

  /** Wild Thrash: one physical hit on each target in reach, up to the data's cap. */
  thrash(): void {
    const t = this.n.wildThrash;
    const stats = this.thrashStats;
    if (!t || !stats) return;
    const c = this.combat;
    const amount = t.petAp * this.attackPower * t.multiplier * this.multiplier(c.now);
    const crit = this.critChance();
    stats.executes++;
    const targets = Math.min(c.activeTargets, t.maxTargets);
    for (let i = 0; i < targets; i++) c.hit(stats, amount, crit, true, false);
  }

  /** While Beast Cleave is up, a share of a hit strikes the other targets. */
  private cleaveFrom(dealt: number, stats: AbilityStats, pct: number): void {
    const c = this.combat;
    const cleave = this.n.talents.beastCleave;
    if (pct <= 0 || cleave === null || c.activeTargets < 2 || this.beastCleave.expiresAtMs <= c.now) return;
    const others = Math.min(c.activeTargets - 1, cleave.maxTargets);
    const share = Math.round((dealt * pct) / 100);
    if (share <= 0) return;
    for (let i = 0; i < others; i++) {
      stats.damage += share;
      stats.hits++;
      c.addTimelineDamage(share);
    }
  }
}
