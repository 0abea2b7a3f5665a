// Item lines, the way SimulationCraft writes them: `SLOT=[name],id=N[,bonus_id=a/b/c][,ilevel=N]
// [,enchant_id=N][,gem_id=a/b][,weapon=..][,stats=..]`. Only the syntax is checked here; the
// item's stats (or those `stats=` gives), its enchantment's and its gems' come from the game
// data when the simulation is created (sim/items.ts).
import { type ProfileError, profileError } from '../profile-errors.ts';
import type { ItemLine, SourcePos, WeaponSpec } from './profile-types.ts';

/** The highest item level RandPropPoints has a budget for. */
export const MAX_ITEM_LEVEL = 1300;

const SLOT_ALIASES: Record<string, string> = { shoulder: 'shoulders', wrist: 'wrists' };

/** The slot an item line's key names, SimulationCraft's aliases folded. */
export const slotOf = (key: string): string => SLOT_ALIASES[key] ?? key;

/**
 * Options SimulationCraft reads on an item line that change nothing here (enchants and gems by
 * name, relics, crafting, embellishments): accepted with a warning so an exported profile still
 * runs, and the player knows those stats are missing.
 */
const UNAPPLIED_ITEM_OPTIONS = new Set([
  'enchant',
  'gems',
  'addon',
  'addon_id',
  'context',
  'crafted_stats',
  'crafting_quality',
  'drop_level',
  'relic_id',
  'relic_ilevel',
  'relic_data',
  'azerite_powers',
  'azerite_level',
  'upgrade',
  'source',
  'initial_cd',
]);

/** `stats=` tokens (SimulationCraft's) -> ItemModType. */
const STAT_TOKENS: Record<string, number> = {
  agi: 3,
  agility: 3,
  str: 4,
  strength: 4,
  int: 5,
  intellect: 5,
  sta: 7,
  stamina: 7,
  crit: 32,
  haste: 36,
  vers: 40,
  versatility: 40,
  mastery: 49,
};
const STAT_PART = /^([0-9]{1,8})([a-z]+)$/;
/** A line names each stat at most once: eight stats. */
const MAX_STAT_PARTS = 8;

/** `120agi_80crit` as stats; null when a part is not an amount and a known stat. */
function statList(value: string): { statType: number; value: number }[] | null {
  const stats: { statType: number; value: number }[] = [];
  const tokens = value.toLowerCase().split('_');
  if (tokens.length > MAX_STAT_PARTS) return null;
  for (const token of tokens) {
    const m = STAT_PART.exec(token);
    const statType = m ? STAT_TOKENS[m[2]!] : undefined;
    if (!m || statType === undefined) return null;
    stats.push({ statType, value: Number(m[1]) });
  }
  return stats;
}

export interface ItemLineInput {
  key: string;
  value: string;
  line: number;
  keyColumn: number;
  valueColumn: number;
}

export interface ItemWarning {
  line: number;
  column: number;
  message: string;
}

export interface ParsedItemLine {
  item: ItemLine | null;
  weapon: WeaponSpec | null;
}

interface Part {
  name: string;
  value: string;
  /** 1-based column of the value. */
  column: number;
  /** 1-based column of the option name. */
  nameColumn: number;
}

function splitParts(input: ItemLineInput): { first: string; parts: Part[] } {
  const parts: Part[] = [];
  let first = '';
  let offset = 0;
  const pieces = input.value.split(',');
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i]!;
    const eq = piece.indexOf('=');
    if (i === 0 && eq < 0) first = piece;
    else if (piece !== '') {
      parts.push({
        name: eq < 0 ? piece.toLowerCase() : piece.slice(0, eq).toLowerCase(),
        value: eq < 0 ? '' : piece.slice(eq + 1),
        column: input.valueColumn + offset + (eq < 0 ? piece.length : eq + 1),
        nameColumn: input.valueColumn + offset,
      });
    }
    offset += piece.length + 1;
  }
  return { first, parts };
}

const POSITIVE_INT = /^[0-9]{1,10}$/;

/** `a/b/c` (or `a:b:c`) as integers; null when any part is not one. */
function idList(value: string): number[] | null {
  const ids = value.split(/[/:]/);
  return ids.every((v) => POSITIVE_INT.test(v)) ? ids.map(Number) : null;
}

export function parseItemLine(
  input: ItemLineInput,
  errors: ProfileError[],
  warnings: ItemWarning[],
  parseWeapon: (part: { value: string; column: number }) => WeaponSpec | null,
): ParsedItemLine {
  const slot = slotOf(input.key);
  const { parts } = splitParts(input);
  const before = errors.length;
  let itemId: number | null = null;
  let idColumn = input.valueColumn;
  let bonusIds: number[] = [];
  let bonusPos: SourcePos = { line: input.line, column: input.valueColumn };
  let enchant: ItemLine['enchant'] = null;
  let gems: ItemLine['gems'] = [];
  let itemLevel: number | null = null;
  let weapon: WeaponSpec | null = null;
  let weaponGiven = false;
  let stats: ItemLine['stats'] = null;

  for (const part of parts) {
    const bad = (detail: string) =>
      errors.push(profileError('SF_PROFILE_BAD_VALUE', input.line, part.column, detail));
    if (part.name === 'id') {
      if (!POSITIVE_INT.test(part.value) || Number(part.value) === 0) {
        bad(`item id='${part.value}' (expected a positive integer)`);
      } else {
        itemId = Number(part.value);
        idColumn = part.column;
      }
    } else if (part.name === 'bonus_id') {
      const ids = idList(part.value);
      if (!ids) bad(`bonus_id='${part.value}' (expected integers separated by '/')`);
      else {
        bonusIds = ids;
        bonusPos = { line: input.line, column: part.column };
      }
    } else if (part.name === 'enchant_id') {
      if (!POSITIVE_INT.test(part.value)) bad(`enchant_id='${part.value}' (expected an integer)`);
      else if (Number(part.value) > 0)
        enchant = { id: Number(part.value), pos: { line: input.line, column: part.column } };
    } else if (part.name === 'gem_id') {
      const ids = idList(part.value);
      if (!ids) bad(`gem_id='${part.value}' (expected item ids separated by '/')`);
      else {
        // An empty socket is exported as 0.
        gems = ids
          .filter((id) => id > 0)
          .map((id) => ({ id, pos: { line: input.line, column: part.column } }));
      }
    } else if (part.name === 'ilevel') {
      if (!POSITIVE_INT.test(part.value)) bad(`ilevel='${part.value}' (expected an integer)`);
      else if (Number(part.value) < 1 || Number(part.value) > MAX_ITEM_LEVEL) {
        errors.push(
          profileError(
            'SF_PROFILE_OUT_OF_RANGE',
            input.line,
            part.column,
            `ilevel=${part.value} (allowed 1 to ${MAX_ITEM_LEVEL})`,
          ),
        );
      } else itemLevel = Number(part.value);
    } else if (part.name === 'stats') {
      stats = statList(part.value);
      if (!stats)
        bad(
          `stats='${part.value}' (expected amounts and stats joined by '_', such as 120agi_80crit_60haste; stats: agi, str, int, sta, crit, haste, mastery, vers)`,
        );
    } else if (part.name === 'weapon' && slot === 'main_hand') {
      weaponGiven = true;
      weapon = parseWeapon(part);
    } else if (UNAPPLIED_ITEM_OPTIONS.has(part.name) || part.name === 'weapon') {
      warnings.push({
        line: input.line,
        column: part.nameColumn,
        message: `\`${part.name}=\` is not simulated (only \`enchant_id=\`, \`gem_id=\` and \`stats=\` are read, and a weapon on main_hand); add its stats with \`stats=\` or gear_* lines`,
      });
    } else {
      errors.push(
        profileError('SF_PROFILE_UNKNOWN_OPTION', input.line, part.nameColumn, `item option '${part.name}'`),
      );
    }
  }

  if (errors.length > before) return { item: null, weapon: null };
  if (itemId === null) {
    if (!weaponGiven) {
      warnings.push({
        line: input.line,
        column: input.keyColumn,
        message: 'item line without `id=` is not read; add `id=` or use gear_* lines for stats',
      });
    }
    return { item: null, weapon };
  }
  return {
    item: {
      slot,
      itemId,
      bonusIds,
      bonusPos,
      enchant,
      gems,
      itemLevel,
      weaponOverride: weaponGiven,
      stats,
      pos: { line: input.line, column: idColumn },
    },
    weapon,
  };
}
