// Reads a SimulationCraft profile: one `key=value` (or `key+=value`) per line, `#` comments.
// Every refusal names the 1-based line and column of the text a player must edit; all
// errors are collected in one pass so a player fixes them together. The class line and the
// `spec=` line pick the spec from a SpecRegistry, whose catalogue then checks every name in
// the priority list.

import { capErrors, MAX_REPORTED_ERRORS, type ProfileError, profileError } from '../profile-errors.ts';
import { FIGHT_STYLES, fightStyleNamed } from '../sim/fight-styles.ts';
import { allRaidBuffs, RAID_BUFF_OVERRIDES, type RaidBuffSet } from '../sim/raid-buffs.ts';
import { DEFAULT_SPEC_REGISTRY, type SpecRegistry } from '../specs/registry.ts';
import type { Spec } from '../specs/spec.ts';
import { readLoadoutHeader } from '../talents/loadout-string.ts';
import { didYouMean, withSuggestionBudget } from './nearest-names.ts';
import {
  CLASS_TOKENS,
  DEFAULTS,
  INERT_OPTIONS,
  ITEM_SLOTS,
  NUMERIC_OPTIONS,
  RACES,
  UNMODELLED_OPTIONS,
} from './options.ts';
import { parseActionLists } from './parse-actions.ts';
import { parseItemLine, slotOf } from './parse-items.ts';
import { type Line, splitLines, splitProfileText } from './profile-lines.ts';
import {
  byPosition,
  type ItemLine,
  type Profile,
  type ProfileWarning,
  type WeaponSpec,
} from './profile-types.ts';

export type ParseProfileResult =
  | { ok: true; profile: Profile; warnings: ProfileWarning[] }
  | { ok: false; errors: ProfileError[] };

export interface ParseProfileOptions {
  /** The specs a profile may name; DEFAULT_SPEC_REGISTRY when not given. */
  registry?: SpecRegistry;
}

function unquote(v: string): string {
  return v.length >= 2 && v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1) : v;
}

/** ItemModType of a `stats=` token -> the gear_* option whose range bounds the total. */
const STAT_OPTION: Record<number, string> = {
  3: 'gear_agility',
  4: 'gear_strength',
  5: 'gear_intellect',
  7: 'gear_stamina',
  32: 'gear_crit_rating',
  36: 'gear_haste_rating',
  40: 'gear_versatility_rating',
  49: 'gear_mastery_rating',
};

/**
 * Items' `stats=` add to the gear_* totals, so a stat's gear_* line and every item's amount of
 * it together stay within that line's range: no item line can give what a gear_* line may not
 * (a haste rating in the millions makes an iteration take seconds on a volunteer's node).
 */
function checkStatsTotals(
  items: Iterable<ItemLine>,
  numbers: Map<string, number>,
  errors: ProfileError[],
): void {
  const totals = new Map<string, number>();
  for (const item of items)
    for (const { statType, value } of item.stats ?? []) {
      const option = STAT_OPTION[statType]!;
      const total = (totals.get(option) ?? numbers.get(option) ?? 0) + value;
      totals.set(option, total);
      const max = NUMERIC_OPTIONS[option]!.max;
      if (total > max) {
        errors.push(
          profileError(
            'SF_PROFILE_OUT_OF_RANGE',
            item.pos.line,
            item.pos.column,
            `stats= brings the ${option.slice('gear_'.length).replace(/_/g, ' ')} to ${total.toLocaleString('en-US')} (at most ${max.toLocaleString('en-US')} with the gear_* line)`,
          ),
        );
        return;
      }
    }
}

/** `weapon=bow_3.00speed_420min_640max`: `column` is that of the value after `weapon=`. */
/** `bow_3.00speed_420min_640max` as a weapon, unchecked; null when it is not that form. */
export function readWeaponText(spec: string): WeaponSpec | null {
  const m = /^([a-z_]+)_([0-9.]+)speed_([0-9]+)min_([0-9]+)max$/.exec(spec);
  if (!m) return null;
  return {
    kind: m[1]!,
    speedMs: Math.round(Number(m[2]) * 1000),
    minDamage: Number(m[3]),
    maxDamage: Number(m[4]),
  };
}

function parseWeapon(spec: string, line: number, column: number, errors: ProfileError[]): WeaponSpec | null {
  const weapon = readWeaponText(spec);
  if (!weapon) {
    errors.push(
      profileError(
        'SF_PROFILE_BAD_VALUE',
        line,
        column,
        `weapon '${spec}' (expected e.g. bow_3.00speed_420min_640max)`,
      ),
    );
    return null;
  }
  const { speedMs, minDamage, maxDamage } = weapon;
  if (speedMs < 1000 || speedMs > 5000 || minDamage > maxDamage) {
    errors.push(
      profileError('SF_PROFILE_OUT_OF_RANGE', line, column, `weapon '${spec}' (speed 1-5 s, min <= max)`),
    );
    return null;
  }
  return weapon;
}

export function parseProfile(text: string, options: ParseProfileOptions = {}): ParseProfileResult {
  return withSuggestionBudget(MAX_REPORTED_ERRORS, () => parseProfileText(text, options));
}

function parseProfileText(text: string, options: ParseProfileOptions): ParseProfileResult {
  const split = splitProfileText(text);
  if (!split.ok) return split;
  return parseProfileLines(split.lines, split.errors, options.registry ?? DEFAULT_SPEC_REGISTRY);
}

/** The profile these option lines make, in order (a later line wins, as in SimulationCraft). */
export function parseProfileLines(
  lines: readonly Line[],
  errorsSoFar: readonly ProfileError[],
  registry: SpecRegistry,
): ParseProfileResult {
  const errors = [...errorsSoFar];
  const warnings: ProfileWarning[] = [];
  const numbers = new Map<string, number>();
  let classLine: Line | null = null;
  let className: string | null = null;
  let characterName = '';
  let race: string = DEFAULTS.race;
  let raceGiven = false;
  let fightStyle = 'Patchwerk';
  const overrides = new Map<string, boolean>();
  let specLine: Line | null = null;
  let talents: Profile['talents'] = null;
  let weapon: WeaponSpec = { ...DEFAULTS.weapon };
  let weaponGiven = false;
  const items = new Map<string, ItemLine>();
  const rawLists = new Map<string, { value: string; line: Line; offset: number }[]>();
  const listOrder: string[] = [];
  const addActionLine = (line: Line) => {
    const listName = line.key === 'actions' ? 'default' : line.key.slice('actions.'.length);
    if (!rawLists.has(listName)) {
      rawLists.set(listName, []);
      listOrder.push(listName);
    }
    const chunks = rawLists.get(listName)!;
    if (!line.append) chunks.length = 0;
    chunks.push({ value: line.value, line, offset: 0 });
  };

  for (const line of lines) {
    const { key, value } = line;
    if (registry.hasClass(key)) {
      classLine = line;
      className = key;
      characterName = unquote(value);
    } else if (CLASS_TOKENS.has(key)) {
      errors.push(profileError('SF_PROFILE_UNKNOWN_CLASS', line.line, line.keyColumn, `'${key}'`));
      classLine = line;
      className = null;
    } else if (key === 'spec') {
      specLine = line;
    } else if (key === 'race') {
      if (!RACES.has(value))
        errors.push(
          profileError('SF_PROFILE_UNKNOWN_RACE', line.line, line.valueColumn, didYouMean(value, RACES)),
        );
      else race = value;
      raceGiven = true;
    } else if (key === 'talents') {
      talents = { loadout: value, pos: { line: line.line, column: line.valueColumn } };
    } else if (key === 'fight_style') {
      const style = fightStyleNamed(value);
      if (!style) {
        errors.push(
          profileError(
            'SF_PROFILE_OUT_OF_RANGE',
            line.line,
            line.valueColumn,
            `fight_style ${didYouMean(value, FIGHT_STYLE_NAMES)} (simforge simulates ${FIGHT_STYLE_NAMES.join(', ')})`,
          ),
        );
      } else fightStyle = style.name;
    } else if (Object.hasOwn(NUMERIC_OPTIONS, key)) {
      const opt = NUMERIC_OPTIONS[key]!;
      const n = Number(value);
      if (value.trim() === '' || !Number.isFinite(n) || (opt.integer && !Number.isInteger(n))) {
        errors.push(
          profileError(
            'SF_PROFILE_BAD_VALUE',
            line.line,
            line.valueColumn,
            `${key}='${value}' (expected ${opt.integer ? 'an integer' : 'a number'})`,
          ),
        );
      } else if (n < opt.min || n > opt.max) {
        errors.push(
          profileError(
            'SF_PROFILE_OUT_OF_RANGE',
            line.line,
            line.valueColumn,
            `${key}=${value} (allowed ${opt.min} to ${opt.max})`,
          ),
        );
      } else {
        numbers.set(key, n);
      }
    } else if (
      key.startsWith('override.') &&
      Object.hasOwn(RAID_BUFF_OVERRIDES, key.slice('override.'.length))
    ) {
      if (value !== '0' && value !== '1') {
        errors.push(
          profileError(
            'SF_PROFILE_BAD_VALUE',
            line.line,
            line.valueColumn,
            `${key}='${value}' (expected 0 or 1)`,
          ),
        );
      } else overrides.set(key.slice('override.'.length), value === '1');
    } else if (key === 'actions' || key.startsWith('actions.')) {
      addActionLine(line);
    } else if (ITEM_SLOTS.has(key) && value.trim() === '') {
      // `off_hand=`: nothing in that slot (a profileset's two-hander empties the off hand).
      items.delete(slotOf(key));
    } else if (ITEM_SLOTS.has(key)) {
      const parsed = parseItemLine(line, errors, warnings, (part) =>
        parseWeapon(part.value, line.line, part.column, errors),
      );
      if (parsed.weapon) {
        weapon = parsed.weapon;
        weaponGiven = true;
      }
      // A repeated slot replaces the earlier line, as in SimulationCraft.
      if (parsed.item) items.set(parsed.item.slot, parsed.item);
    } else if (UNMODELLED_OPTIONS.has(key)) {
      warnings.push({
        line: line.line,
        column: line.keyColumn,
        message: `${key}=${value}: not simulated yet (the sim runs without it)`,
      });
    } else if (!INERT_OPTIONS.has(key)) {
      errors.push(
        profileError('SF_PROFILE_UNKNOWN_OPTION', line.line, line.keyColumn, didYouMean(key, KNOWN_OPTIONS)),
      );
    }
  }

  if (!classLine) errors.push(profileError('SF_PROFILE_MISSING_CLASS', 1, 1, 'no class line'));
  const spec = pickSpec(registry, className, specLine?.value ?? null);
  if (!spec && specLine) {
    errors.push(
      profileError('SF_PROFILE_UNKNOWN_SPEC', specLine.line, specLine.valueColumn, `'${specLine.value}'`),
    );
  }
  // Without a spec the priority list is still checked, against the class's (or the
  // registry's first) catalogue, so a player sees every other error in the same pass.
  const catalog = (
    spec ??
    (className === null ? undefined : registry.defaultSpecOf(className)) ??
    registry.fallback
  ).catalog;

  if (talents && spec) checkTalentHeader(talents, spec.specId, errors);

  // An addon export has no action lines: the spec's own list, as SimulationCraft does. Its
  // entries take the class line's position, so nothing later points into the player's text
  // at a line that is not theirs.
  if (listOrder.length === 0 && spec?.defaultActions) {
    const ownErrors: ProfileError[] = [];
    const at = classLine?.line ?? 1;
    for (const line of splitLines(spec.defaultActions, ownErrors)) {
      addActionLine({ ...line, line: at, keyColumn: 1, valueColumn: 1 });
    }
    if (ownErrors.length > 0) throw new Error(`${spec.specToken}'s default action lines do not parse`);
    warnings.push({
      line: at,
      column: 1,
      message: `no action lines: ${spec.specToken}'s default priority list is used (docs/engine.md)`,
    });
  }

  const errorsBeforeActions = errors.length;
  const actionLists = parseActionLists(
    listOrder.map((name) => ({
      name,
      chunks: rawLists
        .get(name)!
        .map((c) => ({ value: c.value, line: c.line.line, valueColumn: c.line.valueColumn })),
    })),
    catalog,
    errors,
    warnings,
  );
  const defaultLines = rawLists.get('default');
  if (defaultLines && actionLists.default?.length === 0) {
    // The list is there, but every action of it is one the engine skips (an action it refused
    // has its own error already).
    if (errors.length === errorsBeforeActions) {
      const first = defaultLines[0]!.line;
      errors.push(
        profileError('SF_PROFILE_EMPTY_APL', first.line, first.valueColumn, 'every action of it is skipped'),
      );
    }
  } else if (!defaultLines && (listOrder.length > 0 || spec)) {
    // No default list: refused, unless the spec is unknown and there are no action lines at all
    // (the spec's own error says what to fix).
    const lastLine = lines.at(-1)?.line ?? 1;
    errors.push(profileError('SF_PROFILE_EMPTY_APL', lastLine, 1, 'no default action list'));
  }

  checkStatsTotals(items.values(), numbers, errors);
  if (errors.length > 0 || !spec || className === null) {
    errors.sort(byPosition);
    return { ok: false, errors: capErrors(errors) };
  }
  const num = (k: string, d: number) => numbers.get(k) ?? d;
  const profile: Profile = {
    className,
    characterName,
    level: num('level', DEFAULTS.level),
    race,
    spec: spec.specToken,
    talents,
    gear: {
      agility: num('gear_agility', 0),
      intellect: num('gear_intellect', 0),
      strength: num('gear_strength', 0),
      stamina: num('gear_stamina', 0),
      critRating: num('gear_crit_rating', 0),
      hasteRating: num('gear_haste_rating', 0),
      masteryRating: num('gear_mastery_rating', 0),
      versatilityRating: num('gear_versatility_rating', 0),
      weapon,
    },
    weaponGiven,
    gearGiven: [...numbers.keys()].some((k) => k.startsWith('gear_')),
    items: [...items.values()],
    fight: {
      maxTimeMs: Math.round(num('max_time', DEFAULTS.maxTimeMs / 1000) * 1000),
      varyCombatLength: num('vary_combat_length', DEFAULTS.varyCombatLength),
      desiredTargets: num('desired_targets', DEFAULTS.desiredTargets),
      iterations: num('iterations', DEFAULTS.iterations),
      targetErrorPct: num('target_error', DEFAULTS.targetErrorPct),
      seed: numbers.has('seed') ? numbers.get('seed')! : null,
      style: fightStyle,
    },
    actionLists,
    actorOptions: { maxPrioDamage: num('max_prio_damage', 1) },
    raid: raidBuffs(num('optimal_raid', 1) === 1, overrides),
    bloodlust: {
      atMs: Math.round(num('bloodlust_time', 0.5) * 1000),
      belowHealthPct: num('bloodlust_percent', 25),
    },
  };
  // No silent defaults: what the profile leaves out is named with the value used.
  const at = classLine?.line ?? 1;
  if (!raceGiven) warnings.push({ line: at, column: 1, message: `no race= line: ${DEFAULTS.race} is used` });
  if (!numbers.has('level'))
    warnings.push({ line: at, column: 1, message: `no level= line: level ${DEFAULTS.level} is used` });
  warnings.sort(byPosition);
  return { ok: true, profile, warnings };
}

const FIGHT_STYLE_NAMES = Object.values(FIGHT_STYLES).map((s) => s.name);

/** Every option key a profile may use, for the nearest names of an unknown one. */
const KNOWN_OPTIONS = [
  'spec',
  'race',
  'talents',
  'fight_style',
  'actions',
  ...Object.keys(NUMERIC_OPTIONS),
  ...ITEM_SLOTS,
  ...INERT_OPTIONS,
  ...UNMODELLED_OPTIONS,
  ...Object.keys(RAID_BUFF_OVERRIDES).map((name) => `override.${name}`),
];

/** `optimal_raid` turns every raid buff on or off; an `override.NAME` line wins for its own. */
function raidBuffs(optimal: boolean, overrides: ReadonlyMap<string, boolean>): RaidBuffSet {
  const set = allRaidBuffs(optimal);
  for (const [name, on] of overrides) {
    const field = RAID_BUFF_OVERRIDES[name];
    if (field) set[field] = on;
  }
  return set;
}

/**
 * The spec a profile names: its `spec=` among its class's specs, else the class's default.
 * While the class line is refused (or missing) a `spec=` of any registered class is accepted,
 * and no `spec=` means the registry's first, so the class error is the only one reported for
 * it and the talents and priority list are still checked.
 */
function pickSpec(
  registry: SpecRegistry,
  className: string | null,
  specToken: string | null,
): Spec | undefined {
  if (className === null) return specToken === null ? registry.fallback : registry.findSpecToken(specToken);
  return specToken === null ? registry.defaultSpecOf(className) : registry.find(className, specToken);
}

function checkTalentHeader(
  talents: NonNullable<Profile['talents']>,
  specId: number,
  errors: ProfileError[],
): void {
  const header = readLoadoutHeader(talents.loadout);
  if ('offset' in header) {
    errors.push(
      profileError(
        'SF_PROFILE_MALFORMED_TALENTS',
        talents.pos.line,
        talents.pos.column + header.offset,
        header.message,
      ),
    );
  } else if (header.specId !== specId) {
    errors.push(
      profileError(
        'SF_PROFILE_TALENTS_WRONG_SPEC',
        talents.pos.line,
        talents.pos.column,
        `exported for specialization ${header.specId}, not ${specId}`,
      ),
    );
  }
}
