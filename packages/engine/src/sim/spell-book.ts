// The engine's view of the game data: spells by id, and the passive modifiers (spec aura,
// chosen talents) applied to a spell through the data's class-mask matching, the way the
// game does it: an aura effect with a spell class mask modifies every spell of the same
// class family whose own mask shares a bit.
import type { GameDataBundle, SpellData, SpellEffectData } from '@simforge/gamedata';

/** Effect and aura type numbers from the game's enums, as the data uses them. */
export const EFFECT = {
  schoolDamage: 2,
  dummy: 3,
  weaponPercentDamage: 31,
  applyAura: 6,
  triggerSpell: 64,
} as const;

export const AURA = {
  periodicDamage: 3,
  dummy: 4,
  periodicEnergize: 24,
  procTriggerSpell: 42,
  modCritPct: 52,
  modDamagePercentDone: 79,
  addFlatModifier: 107,
  addPctModifier: 108,
  modMeleeHaste: 138,
  masteryDamage: 318,
  modMaxCharges: 411,
  cooldownByHaste: 416,
  gcdByHaste: 417,
  chargeRecoveryByHaste: 453,
  chargeRecoveryByHasteRegen: 454,
} as const;

/** SpellModOp values of EffectMiscValue_0 for modifier auras 107/108. */
export const SPELL_MOD = { damage: 0, duration: 1 } as const;

export class SpellBook {
  private readonly passiveEffects: { classSetId: number; effect: SpellEffectData }[] = [];

  constructor(
    private readonly bundle: GameDataBundle,
    passiveSpellIds: Iterable<number>,
  ) {
    for (const id of passiveSpellIds) {
      const spell = bundle.spells[id];
      if (!spell) continue;
      for (const effect of spell.effects) {
        if (effect.type === EFFECT.applyAura)
          this.passiveEffects.push({ classSetId: spell.classSetId, effect });
      }
    }
  }

  has(id: number): boolean {
    return this.bundle.spells[id] !== undefined;
  }

  /** The spell; callers check `has` (createSimulation verifies the required ids first). */
  spell(id: number): SpellData {
    const s = this.bundle.spells[id];
    if (!s) throw new Error(`spell ${id} missing from the game data bundle`);
    return s;
  }

  /** First effect of the spell matching the predicate, or undefined. */
  effect(id: number, match: (e: SpellEffectData) => boolean): SpellEffectData | undefined {
    return this.bundle.spells[id]?.effects.find(match);
  }

  /** Base points of the effect at `index`, or `fallback` when the data has none. */
  effectPoints(id: number, index: number, fallback: number): number {
    const e = this.bundle.spells[id]?.effects.find((x) => x.index === index);
    return e ? e.basePoints : fallback;
  }

  private matches(spell: SpellData, classSetId: number, mask: readonly number[]): boolean {
    if (spell.classSetId === 0 || spell.classSetId !== classSetId) return false;
    for (let w = 0; w < 4; w++) if (((mask[w] ?? 0) & (spell.classMask[w] ?? 0)) !== 0) return true;
    return false;
  }

  /** Product of the percent modifiers of `op` (aura 108) that the passives apply to a spell. */
  pctModifier(spellId: number, op: number): number {
    const spell = this.bundle.spells[spellId];
    if (!spell) return 1;
    let m = 1;
    for (const { classSetId, effect } of this.passiveEffects) {
      if (effect.auraType === AURA.addPctModifier && effect.miscValues[0] === op) {
        if (this.matches(spell, classSetId, effect.spellClassMask)) m *= 1 + effect.basePoints / 100;
      }
    }
    return m;
  }

  /** Sum of the flat modifiers of `op` (aura 107) that the passives apply to a spell. */
  flatModifier(spellId: number, op: number): number {
    const spell = this.bundle.spells[spellId];
    if (!spell) return 0;
    let sum = 0;
    for (const { classSetId, effect } of this.passiveEffects) {
      if (effect.auraType === AURA.addFlatModifier && effect.miscValues[0] === op) {
        if (this.matches(spell, classSetId, effect.spellClassMask)) sum += effect.basePoints;
      }
    }
    return sum;
  }

  /**
   * Whether a passive makes haste shorten this spell's GCD, cooldown or charge recovery
   * (auras 417, 416, 453/454 with a class mask matching the spell). Complements the
   * importer's own flags, which depend on the passive being marked as one in SpellMisc.
   */
  hastedByPassive(spellId: number, what: 'gcd' | 'cooldown' | 'charge'): boolean {
    const spell = this.bundle.spells[spellId];
    if (!spell) return false;
    for (const { classSetId, effect } of this.passiveEffects) {
      const a = effect.auraType;
      const kind =
        a === AURA.gcdByHaste
          ? 'gcd'
          : a === AURA.cooldownByHaste
            ? 'cooldown'
            : a === AURA.chargeRecoveryByHaste || a === AURA.chargeRecoveryByHasteRegen
              ? 'charge'
              : null;
      // Aura 416 hastes cooldowns and charge recovery alike.
      const applies = kind === what || (kind === 'cooldown' && what === 'charge');
      if (applies && this.matches(spell, classSetId, effect.spellClassMask)) return true;
    }
    return false;
  }

  /** Extra charges granted to a charge category (aura 411, misc value = category). */
  extraCharges(chargeCategoryId: number): number {
    if (chargeCategoryId === 0) return 0;
    let sum = 0;
    for (const { effect } of this.passiveEffects) {
      if (effect.auraType === AURA.modMaxCharges && effect.miscValues[0] === chargeCategoryId)
        sum += effect.basePoints;
    }
    return sum;
  }
}
