// Top Gear: the best gear from what a character carries. The items equipped (the profile's item
// lines) and the alternatives (the addon export's commented bag and vault lines, or item lines
// pasted per slot) give every legal combination: one item per slot, two different rings and two
// different trinkets (none twice: rings and trinkets are unique-equipped), and no off-hand with a
// two-handed main hand. Each combination other than what is equipped becomes a profileset
// variant holding the item lines it changes, so the whole search runs (or races) as one
// comparison on the same seeds.
import { ITEM_SLOTS } from './profile/options.ts';
import { slotOf } from './profile/parse-items.ts';
import { splitProfileText } from './profile/profile-lines.ts';
import { MAX_PROFILESETS } from './profile/profilesets.ts';

export interface GearCandidate {
  /** The slot as written (`finger2`, `shoulder`). */
  slot: string;
  /** The item line's value, as written after `slot=`. */
  value: string;
  itemId: number;
  /** The addon's name comment above the line (`Radiant Plume (292)`), else `item N`. */
  name: string;
  /** Where it came from: the profile's equipped line, a commented line of the text, a paste. */
  source: 'equipped' | 'bags' | 'pasted';
  /** Its line in the text it came from. */
  line: number;
}

export interface GearCandidates {
  equipped: GearCandidate[];
  alternatives: GearCandidate[];
}

/** The combinations of one Top Gear search: what each changes against the equipped gear. */
export interface TopGearCombination {
  name: string;
  /** `slot=value` lines, the changed slots only. */
  lines: string[];
}

export type TopGearPlan =
  | { ok: true; combinations: TopGearCombination[]; text: string; notes: string[] }
  | { ok: false; message: string };

/** Where each slot's item goes: rings and trinkets share a pool of two places. */
const PAIR_OF: Record<string, string> = {
  finger1: 'finger',
  finger2: 'finger',
  trinket1: 'trinket',
  trinket2: 'trinket',
};
const groupOf = (slot: string): string => PAIR_OF[slot] ?? slotOf(slot);
const PAIRED: Record<string, [string, string]> = {
  finger: ['finger1', 'finger2'],
  trinket: ['trinket1', 'trinket2'],
};

const ITEM_ID = /(?:^|,)id=([0-9]{1,10})(?:,|$)/;
const COMMENTED_ITEM = /^#\s*([a-z_0-9]+)=(.*)$/i;
const NAME_COMMENT = /^#\s*(.+?)\s*$/;

function candidate(
  slot: string,
  value: string,
  name: string | undefined,
  source: GearCandidate['source'],
  line: number,
): GearCandidate | null {
  const key = slot.toLowerCase();
  const id = ITEM_ID.exec(value.trim());
  if (!ITEM_SLOTS.has(key) || key === 'shirt' || key === 'tabard' || !id) return null;
  const itemId = Number(id[1]);
  return { slot: key, value: value.trim(), itemId, name: name ?? `item ${itemId}`, source, line };
}

/**
 * The equipped items (the profile's item lines) and the alternatives: commented item lines of
 * the text (the addon's "Gear from Bags" and "Weekly Reward Choices"), each named by the comment
 * line above it, and the lines of `pasted` (commented or not).
 */
export function readGearCandidates(text: string, pasted = ''): GearCandidates {
  const split = splitProfileText(text, []);
  const equipped: GearCandidate[] = [];
  if (split.ok) {
    const bySlot = new Map<string, GearCandidate>();
    for (const line of split.lines) {
      const found = candidate(line.key, line.value, undefined, 'equipped', line.line);
      // A repeated slot keeps its last line, as the engine reads it.
      if (found) bySlot.set(PAIR_OF[found.slot] ? found.slot : groupOf(found.slot), found);
    }
    equipped.push(...bySlot.values());
  }
  const named = (rows: string[], i: number): string | undefined => {
    const above = rows[i - 1]?.trim() ?? '';
    const m = NAME_COMMENT.exec(above);
    return m && !COMMENTED_ITEM.test(above) && !above.startsWith('##') ? m[1]!.replace(/"/g, '') : undefined;
  };
  // The equipped items are named by their comment too.
  const rows = text.split('\n');
  for (const item of equipped) item.name = named(rows, item.line - 1) ?? item.name;
  const alternatives: GearCandidate[] = [];
  const read = (source: string, kind: GearCandidate['source']) => {
    const lines = source.split('\n');
    lines.forEach((raw, i) => {
      const body = raw.trim();
      const commented = COMMENTED_ITEM.exec(body);
      const plain = kind === 'pasted' && !body.startsWith('#') ? /^([a-z_0-9]+)=(.*)$/i.exec(body) : null;
      const m = commented ?? plain;
      if (!m) return;
      const found = candidate(m[1]!, m[2]!, named(lines, i), kind, i + 1);
      if (found) alternatives.push(found);
    });
  };
  read(text, 'bags');
  read(pasted, 'pasted');
  return { equipped, alternatives };
}

/** A hunter's main hand is a ranged weapon: bows, guns and crossbows are all two-handed. */
function twoHanded(item: GearCandidate): boolean {
  const weapon = /(?:^|,)weapon=([a-z0-9]+)/i.exec(item.value)?.[1]?.toLowerCase() ?? '';
  return weapon === '' || /^(bow|gun|crossbow|polearm|staff|2h|axe2h|sword2h|mace2h)/.test(weapon);
}

/** Unordered pairs of different items from a pool, the equipped pair first. */
function pairs(pool: GearCandidate[]): [GearCandidate, GearCandidate][] {
  const out: [GearCandidate, GearCandidate][] = [];
  for (let a = 0; a < pool.length; a++)
    for (let b = a + 1; b < pool.length; b++)
      if (pool[a]!.itemId !== pool[b]!.itemId) out.push([pool[a]!, pool[b]!]);
  return out;
}

const sameItem = (a: GearCandidate, b: GearCandidate) => a.value === b.value;

/** An item in a slot; null empties the slot (the off hand beside a two-hander). */
interface Placement {
  slot: string;
  item: GearCandidate | null;
}

/**
 * Every legal combination of the equipped items and `alternatives` other than what is
 * equipped, as profileset variants of `text`, at most `cap` (MAX_PROFILESETS) of them.
 */
export function planTopGear(
  text: string,
  alternatives: readonly GearCandidate[],
  options: { cap?: number } = {},
): TopGearPlan {
  const cap = Math.min(options.cap ?? MAX_PROFILESETS, MAX_PROFILESETS);
  const { equipped } = readGearCandidates(text);
  const notes: string[] = [];
  // Each group's choices: lists of [slot, item] placements, the equipped one first.
  const groups = new Map<string, { equipped: GearCandidate[]; pool: GearCandidate[] }>();
  const groupFor = (name: string) => {
    let g = groups.get(name);
    if (!g) {
      g = { equipped: [], pool: [] };
      groups.set(name, g);
    }
    return g;
  };
  for (const item of equipped) {
    const g = groupFor(groupOf(item.slot));
    g.equipped.push(item);
    g.pool.push(item);
  }
  for (const item of alternatives) {
    const g = groupFor(groupOf(item.slot));
    if (!g.pool.some((have) => sameItem(have, item))) g.pool.push(item);
  }
  const choices: { group: string; options: Placement[][] }[] = [];
  // The hands together: a two-handed main hand leaves the off hand empty.
  const mainHands = groups.get('main_hand');
  const offHands = groups.get('off_hand');
  groups.delete('main_hand');
  groups.delete('off_hand');
  // Without a main-hand item the weapon is the profile's `weapon=` (or the default bow): ranged.
  const mains = mainHands?.pool ?? [];
  const offs = offHands?.pool ?? [];
  if (offs.length > 0 && mains.every(twoHanded))
    notes.push('off_hand items are left out: every main hand here is a two-handed ranged weapon');
  if (mains.length > 0) {
    const worn = offHands?.equipped[0];
    const options: Placement[][] = [];
    for (const main of mains) {
      const hand: Placement = { slot: 'main_hand', item: main };
      if (twoHanded(main)) options.push([hand, ...(worn ? [{ slot: 'off_hand', item: null }] : [])]);
      else if (offs.length === 0) options.push([hand]);
      else for (const off of offs) options.push([hand, { slot: 'off_hand', item: off }]);
    }
    choices.push({ group: 'weapons', options });
  }
  for (const [group, g] of groups) {
    const paired = PAIRED[group];
    if (paired) {
      // Keep an equipped item where it is, so a variant changes as few lines as it can.
      const at = (slot: string, item: GearCandidate) =>
        g.equipped.some((e) => e.slot === slot && sameItem(e, item));
      const options = pairs(g.pool).map(([a, b]) => {
        const swap = at(paired[1], a) || at(paired[0], b);
        return [
          { slot: paired[0], item: swap ? b : a },
          { slot: paired[1], item: swap ? a : b },
        ];
      });
      if (options.length > 0) choices.push({ group, options });
    } else {
      const slot = g.equipped[0]?.slot ?? g.pool[0]!.slot;
      choices.push({ group, options: g.pool.map((item) => [{ slot, item }]) });
    }
  }
  const total = choices.reduce((n, c) => n * c.options.length, 1);
  if (total - 1 > cap) {
    const sizes = choices
      .filter((c) => c.options.length > 1)
      .map((c) => `${c.group} ${c.options.length}`)
      .join(' x ');
    return {
      ok: false,
      message: `${total.toLocaleString('en-US')} combinations (${sizes}): at most ${cap} can be compared with what is equipped in one job; leave some items out`,
    };
  }

  // An empty placement (the off hand beside a two-hander) changes the line only if one is worn.
  const equippedIn = (slot: string, item: GearCandidate | null) =>
    item === null
      ? !equipped.some((e) => e.slot === slot)
      : equipped.some((e) => e.slot === slot && sameItem(e, item));
  const combinations: TopGearCombination[] = [];
  const usedNames = new Set<string>();
  const seen = new Set<string>();
  const walk = (k: number, chosen: Placement[]) => {
    if (k === choices.length) {
      const changed = chosen.filter((p) => !equippedIn(p.slot, p.item));
      if (changed.length === 0) return;
      // A ring or trinket says which of the two it replaces.
      const label = (p: Placement) => {
        if (p.item === null) return `no ${p.slot.replace('_', ' ')}`;
        const was = PAIRED[groupOf(p.slot)] ? equipped.find((e) => e.slot === p.slot) : undefined;
        return was ? `${p.item.name} for ${was.name}` : p.item.name;
      };
      const lines = changed.map((p) => `${p.slot}=${p.item?.value ?? ''}`);
      // Two rings worn alike give some combinations twice: each is compared once.
      if (seen.has(lines.join('\n'))) return;
      seen.add(lines.join('\n'));
      const full = changed.map(label).join(' + ');
      let name = full.length > 120 ? `${full.slice(0, 117)}...` : full;
      for (let n = 2; usedNames.has(name); n++) name = `${full.slice(0, 110)} #${n}`;
      usedNames.add(name);
      combinations.push({ name, lines });
      return;
    }
    for (const option of choices[k]!.options) walk(k + 1, [...chosen, ...option]);
  };
  walk(0, []);
  if (combinations.length === 0)
    return {
      ok: false,
      message:
        'no alternatives to compare: paste an addon export with its "Gear from Bags" lines, or add item lines for the slots to try',
    };
  if (combinations.length > cap)
    return {
      ok: false,
      message: `${combinations.length.toLocaleString('en-US')} combinations: at most ${cap} can be compared with what is equipped in one job; leave some items out`,
    };
  const sets = combinations.flatMap((c) => c.lines.map((line) => `profileset."${c.name}"+=${line}`));
  return {
    ok: true,
    combinations,
    notes,
    text: `${text.trimEnd()}\n\n# simforge: Top Gear, ${combinations.length} combinations against what is equipped\n${sets.join('\n')}\n`,
  };
}
