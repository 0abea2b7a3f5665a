// Spell descriptions as the game shows them: the client's text carries tokens (`$s1`, `$d`,
// `$83381s1`, `$@spellname123`) that the tooltip fills from the spell's own data or another
// spell's. We fill the ones our tables can answer; a value that depends on the character
// (attack power) is written as its share of it, the way database sites do without a character.
// A token we cannot answer (a conditional, a formula, a spell the data lacks) stays as written.
import type { SpellData, SpellEffectData } from './types.ts';

/** Finds another spell a description refers to; undefined when the data lacks it. */
export type SpellLookup = (id: number) => SpellData | undefined;

// A formula (`${...}`) or a conditional (`$?s123[a][b]`), kept whole: filling the tokens inside
// one we cannot evaluate would leave it half-rendered. Else `$@spellname|spelldesc|spellaura`
// id, or `$` [spell id] code [effect number].
const TOKEN =
  /\$\{[^}]*\}|\$\?[^[\s]*(?:\[[^\]]*\])+|\$(?:@(spellname|spelldesc|spellaura)(\d+)|(\d*)([a-zA-Z])(\d?))/g;

/** Spell ids are int32 in the tables: a larger number in a text names no spell. */
const MAX_SPELL_ID = 2_147_483_647;

/** Nested `$@spelldesc` is followed this deep, so a spell that quotes itself cannot loop. */
export const SPELL_TEXT_MAX_DEPTH = 3;

/** Every spell id a text refers to, so a caller can load them before rendering. */
export function spellTextReferences(text: string): number[] {
  const ids = new Set<number>();
  for (const match of text.matchAll(TOKEN)) {
    const id = match[2] ?? match[3];
    if (id && Number(id) <= MAX_SPELL_ID) ids.add(Number(id));
  }
  return [...ids];
}

export function renderSpellText(text: string, spell: SpellData, lookup: SpellLookup, depth = 0): string {
  return text.replace(TOKEN, (token, quote, quotedId, id, code, effect) => {
    if (!quote && !code) return token;
    if (quote) {
      const other = lookup(Number(quotedId));
      if (!other) return token;
      if (quote === 'spellname') return other.name;
      if (depth >= SPELL_TEXT_MAX_DEPTH) return token;
      const quoted = quote === 'spelldesc' ? other.description : other.auraDescription;
      return renderSpellText(quoted, other, lookup, depth + 1);
    }
    const source = id ? lookup(Number(id)) : spell;
    if (!source) return token;
    return tokenValue(source, code, effect ? Number(effect) : 1) ?? token;
  });
}

function tokenValue(spell: SpellData, code: string, effectNumber: number): string | undefined {
  const effect: SpellEffectData | undefined = spell.effects.find((e) => e.index === effectNumber - 1);
  switch (code) {
    case 's':
    case 'S':
    case 'm':
    case 'M':
    case 'w':
    case 'W':
      return effect ? amount(effect, 1) : undefined;
    case 'o':
    case 'O': {
      if (!effect || effect.periodMs <= 0 || spell.durationMs <= 0) return undefined;
      return amount(effect, Math.floor(spell.durationMs / effect.periodMs));
    }
    case 't':
    case 'T':
      return effect && effect.periodMs > 0 ? number(effect.periodMs / 1000) : undefined;
    case 'd':
    case 'D':
      return spell.durationMs !== 0 ? duration(spell.durationMs) : undefined;
    case 'u':
    case 'U':
      return spell.maxStacks > 0 ? number(spell.maxStacks) : undefined;
    case 'x':
    case 'X':
      return effect ? number(effect.chainTargets) : undefined;
    case 'e':
    case 'E':
      return effect ? number(effect.amplitude) : undefined;
    case 'h':
    case 'H':
      return number(Math.min(spell.procChance, 100));
    case 'n':
    case 'N':
      return spell.procCharges > 0 ? number(spell.procCharges) : undefined;
    case 'a':
    case 'A': {
      const yards = effect ? Math.max(...effect.radiusYards) : 0;
      return yards > 0 ? number(yards) : undefined;
    }
    case 'r':
    case 'R':
      return spell.rangeMaxYards > 0 ? number(spell.rangeMaxYards) : undefined;
    default:
      return undefined;
  }
}

/** An effect's amount, `times` over: flat points, a share of attack or spell power, or both. */
function amount(effect: SpellEffectData, times: number): string {
  const flat = number(Math.abs(effect.basePoints) * times);
  if (effect.apCoefficient <= 0 && effect.spCoefficient <= 0) return flat;
  const parts = effect.basePoints !== 0 ? [flat] : [];
  if (effect.apCoefficient > 0) parts.push(`${number(effect.apCoefficient * 100 * times)}% of Attack Power`);
  if (effect.spCoefficient > 0) parts.push(`${number(effect.spCoefficient * 100 * times)}% of Spell Power`);
  return `(${parts.join(' + ')})`;
}

function number(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

function duration(ms: number): string {
  if (ms < 0) return 'until cancelled';
  const seconds = ms / 1000;
  if (seconds >= 60 && seconds % 60 === 0) return `${number(seconds / 60)} min`;
  return `${number(seconds)} sec`;
}
