import type { SpellData } from './types.ts';

/** Aura types through which a passive makes haste shorten other spells' recovery. */
export const HASTE_AURA = {
  cooldownByHaste: 416,
  gcdByHaste: 417,
  chargeRecoveryByHaste: 453,
  chargeRecoveryByHasteRegen: 454,
} as const;

const COOLDOWN_AURAS: ReadonlySet<number> = new Set([
  HASTE_AURA.cooldownByHaste,
  HASTE_AURA.chargeRecoveryByHaste,
  HASTE_AURA.chargeRecoveryByHasteRegen,
]);

function masksOverlap(a: readonly number[], b: readonly number[]): boolean {
  return a.some((word, i) => (word & (b[i] ?? 0)) !== 0);
}

/**
 * Marks `cooldownHasted` / `gcdHasted` on the spells a spec's passives make haste-scaled: a
 * passive effect of aura 416/453/454 (cooldown, charge recovery) or 417 (GCD) whose spell
 * class mask matches the spell's family mask. Which passives apply differs per spec (Kill
 * Command's cooldown is hasted for Beast Mastery only), so this runs per bundle, on copies:
 * cached records are shared and never mutated.
 */
export function applyHasteFromPassives(
  spells: Record<string, SpellData>,
  passiveSpellIds: readonly number[],
): Record<string, SpellData> {
  const effects = passiveSpellIds
    .map((id) => spells[id])
    .filter((s): s is SpellData => s !== undefined)
    .flatMap((passive) => passive.effects.map((effect) => ({ classSetId: passive.classSetId, effect })))
    .filter(({ effect }) => COOLDOWN_AURAS.has(effect.auraType) || effect.auraType === HASTE_AURA.gcdByHaste);
  if (effects.length === 0) return spells;
  const result: Record<string, SpellData> = {};
  for (const [id, spell] of Object.entries(spells)) {
    let cooldownHasted = spell.cooldownHasted;
    let gcdHasted = spell.gcdHasted;
    for (const { classSetId, effect } of effects) {
      if (classSetId !== spell.classSetId || !masksOverlap(effect.spellClassMask, spell.classMask)) continue;
      if (effect.auraType === HASTE_AURA.gcdByHaste) gcdHasted = true;
      else cooldownHasted = true;
    }
    result[id] =
      cooldownHasted === spell.cooldownHasted && gcdHasted === spell.gcdHasted
        ? spell
        : { ...spell, cooldownHasted, gcdHasted };
  }
  return result;
}
