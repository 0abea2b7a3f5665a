// Every number Beast Mastery uses, read once from the game data through the spell book (the
// spec aura and chosen talents already folded in as modifiers), so the hot loop reads plain
// fields. Where a talent is not chosen its effect is neutral here, not a branch later.
import type { SpellData } from '@simforge/gamedata';
import { AURA, EFFECT, SPELL_MOD, type SpellBook } from '../../sim/spell-book.ts';
import { BM_SPELLS as S } from './catalog.ts';

export interface ActionNumbers {
  spellId: number;
  name: string;
  cost: number;
  gcdMs: number;
  gcdHasted: boolean;
  castTimeMs: number;
  cooldownMs: number;
  cooldownHasted: boolean;
  charges: number;
  /** SpellMisc.SchoolMask is not physical (1): the target's magic damage taken applies. */
  magic: boolean;
}

/** A damage-over-time effect: its spell's first periodic-damage effect and tick rules. */
export interface DotNumbers {
  /** Attack power per tick (the pet's, for a pet's or a beast's dot). */
  tickAp: number;
  /** Unhasted; the hunter shortens it by haste where `hastedTicks`. */
  tickPeriodMs: number;
  dotDurationMs: number;
  pandemic: boolean;
  hastedTicks: boolean;
  tickOnApplication: boolean;
}

export interface BmNumbers {
  autoShot: { weaponPct: number };
  killCommand: ActionNumbers & { petAp: number; petMultiplier: number };
  barbedShot: ActionNumbers &
    DotNumbers & {
      multiplier: number;
      focusPerTick: number;
      focusPeriodMs: number;
      focusDurationMs: number;
    };
  cobraShot: ActionNumbers & { ap: number; multiplier: number; killCommandReductionMs: number };
  bestialWrath: ActionNumbers & {
    durationMs: number;
    playerPct: number;
    petPct: number;
    petDurationMs: number;
  };
  killShot: ActionNumbers & { ap: number; multiplier: number; healthPct: number };
  multiShot: ActionNumbers & { ap: number; multiplier: number; maxTargets: number };
  /** The pets' thrash; null without the talent (the action is then never usable). */
  wildThrash: (ActionNumbers & { petAp: number; multiplier: number; maxTargets: number }) | null;
  /** Dark Ranger: direct shadow damage and a shadow dot; replaces Kill Shot; null without the talent. */
  blackArrow: (ActionNumbers & DotNumbers & { ap: number; multiplier: number }) | null;
  /** Pack Leader's Howl of the Pack Leader; null without the talent. Beasts deal damage off the pet's attack power. */
  howl: {
    /** The wait after a beast before the next is ready. */
    cooldownMs: number;
    wyvernsCry: { durationMs: number; pct: number };
    boar: { petAp: number; cleavePetAp: number; cleaveTargets: number };
    bear: DotNumbers;
  } | null;
  frenzy: { durationMs: number; maxStacks: number; speedPctPerStack: number };
  petMelee: { weaponPct: number; multiplier: number };
  claw: { ap: number; cooldownMs: number; cooldownHasted: boolean; multiplier: number };
  masteryPctPerPoint: number;
  talents: {
    wildCallChance: number;
    beastCleave: { durationMs: number; pct: number; maxTargets: number } | null;
    killCleavePct: number;
    killerInstinct: { pct: number; belowHealthPct: number } | null;
    scentOfBloodCharges: number;
    killerCobra: boolean;
    /** Pack Tactics: percent more passive focus regeneration. */
    focusRegenPct: number;
    /** Kindred Spirits: more maximum focus. */
    maxFocusBonus: number;
    thrill: { durationMs: number; maxStacks: number; critPctPerStack: number } | null;
  };
}

function action(book: SpellBook, id: number): ActionNumbers {
  const s = book.spell(id);
  const hasCharges = s.chargeCategoryId !== 0 && s.maxCharges > 0;
  return {
    spellId: id,
    name: s.name,
    cost: s.powerCost,
    gcdMs: s.gcdMs,
    gcdHasted: s.gcdHasted || book.hastedByPassive(id, 'gcd'),
    castTimeMs: s.castTimeMs,
    cooldownMs: hasCharges ? s.chargeRecoveryMs : Math.max(s.cooldownMs, s.categoryCooldownMs),
    cooldownHasted: s.cooldownHasted || book.hastedByPassive(id, hasCharges ? 'charge' : 'cooldown'),
    charges: (hasCharges ? s.maxCharges : 1) + book.extraCharges(s.chargeCategoryId),
    magic: s.schoolMask !== 1,
  };
}

function firstEffect(s: SpellData, type: number, auraType?: number) {
  return s.effects.find((e) => e.type === type && (auraType === undefined || e.auraType === auraType));
}

function apOf(s: SpellData): number {
  return firstEffect(s, EFFECT.schoolDamage)?.apCoefficient ?? 0;
}

function durationOf(book: SpellBook, id: number): number {
  return Math.max(0, book.spell(id).durationMs) + book.flatModifier(id, SPELL_MOD.duration);
}

function dotNumbers(book: SpellBook, id: number): DotNumbers {
  const s = book.spell(id);
  const tick = firstEffect(s, EFFECT.applyAura, AURA.periodicDamage);
  return {
    tickAp: tick?.apCoefficient ?? 0,
    tickPeriodMs: tick?.periodMs || s.tickPeriodMs || 2000,
    dotDurationMs: durationOf(book, id),
    pandemic: s.pandemic,
    hastedTicks: s.hastedTicks,
    tickOnApplication: s.tickOnApplication,
  };
}

export function readBmNumbers(book: SpellBook, talents: ReadonlySet<number>): BmNumbers {
  const dmgMod = (id: number) => book.pctModifier(id, SPELL_MOD.damage);
  const has = (id: number) => talents.has(id) && book.has(id);
  const focusBuff = book.spell(S.barbedShotFocus);
  const focusEffect = firstEffect(focusBuff, EFFECT.applyAura, AURA.periodicEnergize);
  const frenzy = book.spell(S.frenzy);
  const bw = book.spell(S.bestialWrath);
  const bwPet = book.spell(S.bestialWrathPet);
  const killShot = book.spell(S.killShot);
  const bestialWrathAction = action(book, S.bestialWrath);
  if (has(S.theBeastWithin)) {
    const shorterMs = book.effectPoints(S.theBeastWithin, 0, 0) * 1000;
    bestialWrathAction.cooldownMs = Math.max(0, bestialWrathAction.cooldownMs + shorterMs);
  }
  const multi = book.spell(S.multiShot);
  const thrash = has(S.wildThrash) && book.has(S.wildThrashDamage) ? book.spell(S.wildThrashDamage) : null;
  const blackArrow = has(S.blackArrow) ? book.spell(S.blackArrow) : null;
  const howlSpells = [S.howlCooldown, S.wyvernsCry, S.boarCharge, S.boarChargeCleave, S.bearRend];
  const howl = has(S.howlOfThePackLeader) && howlSpells.every((id) => book.has(id));
  const cleaveBuff = book.has(S.beastCleavePet) ? book.spell(S.beastCleavePet) : null;
  const thrillBuff = book.has(S.thrillOfTheHuntBuff) ? book.spell(S.thrillOfTheHuntBuff) : null;
  // Auto Attack (6603) is not a class spell, so a class-scoped import may lack it: 100% weapon damage.
  const melee = book.has(S.petMelee) ? book.spell(S.petMelee) : null;
  const claw = book.spell(S.petClaw);
  const mastery = book.has(S.masterOfBeasts) ? book.spell(S.masterOfBeasts) : null;
  const masteryEffect = mastery ? firstEffect(mastery, EFFECT.applyAura, AURA.masteryDamage) : undefined;

  return {
    autoShot: {
      weaponPct: firstEffect(book.spell(S.autoShot), EFFECT.weaponPercentDamage)?.basePoints ?? 100,
    },
    killCommand: {
      ...action(book, S.killCommand),
      petAp: apOf(book.spell(S.killCommandPet)),
      petMultiplier: dmgMod(S.killCommandPet),
    },
    barbedShot: {
      ...action(book, S.barbedShot),
      ...dotNumbers(book, S.barbedShot),
      multiplier: dmgMod(S.barbedShot),
      focusPerTick: focusEffect?.basePoints ?? 0,
      focusPeriodMs: focusEffect?.periodMs || 2000,
      focusDurationMs: Math.max(0, focusBuff.durationMs),
    },
    cobraShot: {
      ...action(book, S.cobraShot),
      ap: apOf(book.spell(S.cobraShot)),
      multiplier: dmgMod(S.cobraShot),
      // The dummy effect's points are seconds of Kill Command cooldown.
      killCommandReductionMs: (firstEffect(book.spell(S.cobraShot), EFFECT.dummy)?.basePoints ?? 0) * 1000,
    },
    bestialWrath: {
      ...bestialWrathAction,
      durationMs: durationOf(book, S.bestialWrath),
      playerPct: firstEffect(bw, EFFECT.applyAura, AURA.modDamagePercentDone)?.basePoints ?? 0,
      petPct: firstEffect(bwPet, EFFECT.applyAura, AURA.modDamagePercentDone)?.basePoints ?? 0,
      petDurationMs: durationOf(book, S.bestialWrathPet),
    },
    killShot: {
      ...action(book, S.killShot),
      ap: apOf(killShot),
      multiplier: dmgMod(S.killShot),
      healthPct: firstEffect(killShot, EFFECT.dummy)?.basePoints ?? 20,
    },
    multiShot: {
      ...action(book, S.multiShot),
      ap: apOf(multi),
      multiplier: dmgMod(S.multiShot),
      maxTargets: Math.max(1, firstEffect(multi, EFFECT.schoolDamage)?.chainTargets ?? 1),
    },
    wildThrash: thrash && {
      ...action(book, S.wildThrash),
      petAp: apOf(thrash),
      multiplier: dmgMod(S.wildThrashDamage),
      maxTargets: Math.max(1, firstEffect(thrash, EFFECT.schoolDamage)?.chainTargets ?? 1),
    },
    blackArrow: blackArrow && {
      ...action(book, S.blackArrow),
      ap: apOf(blackArrow),
      multiplier: dmgMod(S.blackArrow),
      ...dotNumbers(book, S.blackArrow),
    },
    howl: howl
      ? {
          cooldownMs: durationOf(book, S.howlCooldown),
          wyvernsCry: {
            durationMs: durationOf(book, S.wyvernsCry),
            pct:
              firstEffect(book.spell(S.wyvernsCry), EFFECT.applyAura, AURA.modDamagePercentDone)
                ?.basePoints ?? 0,
          },
          boar: {
            petAp: apOf(book.spell(S.boarCharge)),
            cleavePetAp: apOf(book.spell(S.boarChargeCleave)),
            cleaveTargets: Math.max(
              1,
              firstEffect(book.spell(S.boarChargeCleave), EFFECT.schoolDamage)?.chainTargets ?? 1,
            ),
          },
          bear: dotNumbers(book, S.bearRend),
        }
      : null,
    frenzy: {
      durationMs: durationOf(book, S.frenzy),
      maxStacks: Math.max(1, frenzy.maxStacks),
      speedPctPerStack: firstEffect(frenzy, EFFECT.applyAura, AURA.modMeleeHaste)?.basePoints ?? 0,
    },
    petMelee: {
      weaponPct: (melee && firstEffect(melee, EFFECT.weaponPercentDamage)?.basePoints) ?? 100,
      multiplier: dmgMod(S.petMelee),
    },
    claw: {
      ap: apOf(claw),
      cooldownMs: Math.max(claw.cooldownMs, claw.gcdMs),
      cooldownHasted: claw.cooldownHasted || book.hastedByPassive(S.petClaw, 'cooldown'),
      multiplier: dmgMod(S.petClaw),
    },
    masteryPctPerPoint: masteryEffect?.spCoefficient ?? 0,
    talents: {
      wildCallChance: has(S.wildCall) ? book.effectPoints(S.wildCall, 0, 0) / 100 : 0,
      beastCleave:
        has(S.beastCleave) && cleaveBuff && book.has(S.beastCleaveDamage)
          ? {
              durationMs: Math.max(
                0,
                book.spell(book.has(S.beastCleaveTrigger) ? S.beastCleaveTrigger : S.beastCleavePet)
                  .durationMs,
              ),
              pct: firstEffect(cleaveBuff, EFFECT.applyAura, AURA.procTriggerSpell)?.basePoints ?? 0,
              maxTargets: Math.max(
                1,
                firstEffect(book.spell(S.beastCleaveDamage), EFFECT.schoolDamage)?.chainTargets ?? 1,
              ),
            }
          : null,
      killCleavePct: has(S.killCleave) ? book.effectPoints(S.killCleave, 0, 0) / 100 : 0,
      killerInstinct: has(S.killerInstinct)
        ? {
            pct: book.effectPoints(S.killerInstinct, 0, 0),
            belowHealthPct: book.effectPoints(S.killerInstinct, 1, 0),
          }
        : null,
      scentOfBloodCharges: has(S.scentOfBlood) ? book.effectPoints(S.scentOfBlood, 0, 0) : 0,
      killerCobra: has(S.killerCobra),
      focusRegenPct: has(S.packTactics) ? book.effectPoints(S.packTactics, 0, 0) : 0,
      maxFocusBonus: has(S.kindredSpirits) ? book.effectPoints(S.kindredSpirits, 0, 0) : 0,
      thrill:
        has(S.thrillOfTheHunt) && thrillBuff
          ? {
              durationMs: Math.max(0, thrillBuff.durationMs),
              maxStacks: Math.max(1, thrillBuff.maxStacks),
              critPctPerStack: firstEffect(thrillBuff, EFFECT.applyAura, AURA.modCritPct)?.basePoints ?? 0,
            }
          : null,
    },
  };
}
