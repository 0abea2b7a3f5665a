// Pack Leader's Howl of the Pack Leader: a beast is ready at the pull and `cooldownMs` after
// each; the next Kill Command brings it, in turn the wyvern (Wyvern's Cry: more damage for the
// hunter and the pet while it lasts), the boar (a charge through every target, up to the cap)
// and the bear (a rend on the primary target). The beasts hit off the pet's attack power.
import { Aura } from '../../sim/aura.ts';
import type { AbilityStats, Combat } from '../../sim/combat.ts';
import type { PeriodicDamage } from '../../sim/periodic-damage.ts';
import { BM_SPELLS as S } from './catalog.ts';
import type { BmNumbers, DotNumbers } from './numbers.ts';
import type { HunterPet } from './pet.ts';

type HowlNumbers = NonNullable<BmNumbers['howl']>;

/** Makes a dot of the hunter's (its haste and the target's life decide the ticks). */
export type DotFactory = (
  id: number,
  name: string,
  numbers: DotNumbers | null,
  tick: (fraction: number) => void,
) => PeriodicDamage;

export class PackLeader {
  /** The wait until the next beast (`buff.howl_of_the_pack_leader_cooldown`). */
  readonly cooldown: Aura;
  readonly wyvernsCry: Aura;
  /** The bear's rend on the primary target. */
  readonly bearRend: PeriodicDamage;
  /** `howl_summon.ready`: the next Kill Command brings a beast. */
  ready = false;
  /** Which beast comes next: 0 wyvern, 1 boar, 2 bear. */
  private next = 0;
  private readonly stats: { boar: AbilityStats; boarCleave: AbilityStats; bear: AbilityStats } | null;
  private readonly onReady = () => {
    this.ready = true;
  };

  /** Wyvern's Cry, made before the pet (whose damage it raises) and handed to the constructor. */
  static wyvernsCryAura(howl: HowlNumbers | null): Aura {
    return new Aura(S.wyvernsCry, "Wyvern's Cry", howl?.wyvernsCry.durationMs ?? 0, 1, false);
  }

  constructor(
    private readonly combat: Combat,
    private readonly howl: HowlNumbers | null,
    private readonly pet: HunterPet,
    wyvernsCry: Aura,
    dot: DotFactory,
  ) {
    this.cooldown = new Aura(
      S.howlCooldown,
      'Howl of the Pack Leader (cooldown)',
      howl?.cooldownMs ?? 0,
      1,
      false,
    );
    this.wyvernsCry = wyvernsCry;
    this.bearRend = dot(S.bearRend, 'Bear Rend', howl?.bear ?? null, (f) => this.bearRendTick(f));
    // Registered only with the talent, so a build without it reports nothing for the beasts.
    this.stats = howl
      ? {
          boar: combat.ability('pet', S.boarCharge, 'Boar Charge'),
          boarCleave: combat.ability('pet', S.boarChargeCleave, 'Boar Charge (cleave)'),
          bear: combat.ability('pet', S.bearRend, 'Bear Rend'),
        }
      : null;
  }

  get auras(): Aura[] {
    return [this.cooldown, this.wyvernsCry, this.bearRend.aura];
  }

  reset(): void {
    // The first beast answers the first Kill Command of the fight.
    this.ready = this.howl !== null;
    this.next = 0;
    this.cooldown.reset();
    this.wyvernsCry.reset();
    this.bearRend.reset();
  }

  /** The hunter's damage multiplier from Wyvern's Cry at `now`. */
  damageMultiplier(now: number): number {
    const howl = this.howl;
    return howl && this.wyvernsCry.expiresAtMs > now ? 1 + howl.wyvernsCry.pct / 100 : 1;
  }

  /** A Kill Command landed: the beast whose turn it is joins it, if one is ready. */
  answerKillCommand(): void {
    const howl = this.howl;
    const stats = this.stats;
    if (!this.ready || !howl || !stats) return;
    const c = this.combat;
    const now = c.now;
    const beast = this.next;
    this.next = (beast + 1) % 3;
    this.ready = false;
    this.cooldown.trigger(now);
    c.schedule(now + howl.cooldownMs, this.onReady);
    if (beast === 0) {
      this.wyvernsCry.trigger(now);
    } else if (beast === 1) {
      this.pet.packHit(stats.boar, howl.boar.petAp, false);
      const others = Math.min(c.activeTargets - 1, howl.boar.cleaveTargets);
      for (let i = 0; i < others; i++) this.pet.packHit(stats.boarCleave, howl.boar.cleavePetAp, false);
    } else {
      this.bearRend.apply(now);
    }
  }

  private bearRendTick(fraction: number): void {
    const howl = this.howl;
    const stats = this.stats;
    if (howl && stats) this.pet.packHit(stats.bear, howl.bear.tickAp, true, fraction);
  }
}
