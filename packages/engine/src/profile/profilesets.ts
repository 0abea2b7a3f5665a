// Profilesets, SimulationCraft's way to compare variants of one character: the base profile,
// and `profileset."NAME"+=OPTION` lines, each adding an option line to the variant NAME
// (`profileset."NAME"=OPTION` starts it over). A variant is the base profile with its own lines
// read after the base's, so they win where both set an option, and `actions+=` adds to the
// base's list. Every error names the line the player wrote, and a variant's errors say whose.
import { capErrors, MAX_REPORTED_ERRORS, type ProfileError, profileError } from '../profile-errors.ts';
import { DEFAULT_SPEC_REGISTRY } from '../specs/registry.ts';
import { withSuggestionBudget } from './nearest-names.ts';
import { CLASS_TOKENS } from './options.ts';
import { type ParseProfileOptions, parseProfileLines } from './parse-profile.ts';
import { type Line, type ProfilesetLine, splitProfileText } from './profile-lines.ts';
import { byPosition, type Profile, type ProfileWarning, type SourcePos } from './profile-types.ts';

/** Variants in one comparison: Raidbots-sized Top Gear runs are a few hundred. */
export const MAX_PROFILESETS = 500;

/**
 * Each variant re-reads the base's lines: base option lines x variants is bounded, so a long
 * base with many variants is refused at once rather than parsed for a minute.
 */
export const MAX_PROFILESET_LINES = 250_000;

/**
 * What the whole comparison shares: the iterations, their seeds and the fight. A variant that
 * set one would not be paired with the base any more.
 */
const RUN_OPTIONS = new Set([
  'iterations',
  'seed',
  'target_error',
  'max_time',
  'vary_combat_length',
  'desired_targets',
  'fight_style',
]);

export interface ProfilesetVariant {
  name: string;
  /** Its first line. */
  pos: SourcePos;
  profile: Profile;
  /** The warnings of its own lines (the base's are the base's). */
  warnings: ProfileWarning[];
}

export type ParseProfilesetResult =
  | { ok: true; base: Profile; warnings: ProfileWarning[]; variants: ProfilesetVariant[] }
  | { ok: false; errors: ProfileError[] };

/**
 * The variants' names in the order the text first names them, read from the profileset lines
 * alone (what a job's result lists them by); empty for one profile or a text too large to read.
 */
export function profilesetNames(text: string): string[] {
  const setLines: ProfilesetLine[] = [];
  if (!splitProfileText(text, setLines).ok) return [];
  return [...new Set(setLines.map((set) => set.name))].slice(0, MAX_PROFILESETS);
}

export function parseProfileset(text: string, options: ParseProfileOptions = {}): ParseProfilesetResult {
  return withSuggestionBudget(MAX_REPORTED_ERRORS, () => parse(text, options));
}

function parse(text: string, options: ParseProfileOptions): ParseProfilesetResult {
  const registry = options.registry ?? DEFAULT_SPEC_REGISTRY;
  const setLines: ProfilesetLine[] = [];
  const split = splitProfileText(text, setLines);
  if (!split.ok) return split;
  const base = parseProfileLines(split.lines, split.errors, registry);
  // One profile: exactly parseProfile's answer (its errors are capped once, there).
  if (setLines.length === 0)
    return base.ok ? { ok: true, base: base.profile, warnings: base.warnings, variants: [] } : base;
  const errors: ProfileError[] = [];
  if (!base.ok) errors.push(...base.errors.filter((e) => e.code !== 'SF_PROFILE_TOO_MANY_ERRORS'));

  const named = new Map<string, { pos: SourcePos; lines: Line[] }>();
  for (const set of setLines) {
    const { option } = set;
    if (registry.hasClass(option.key) || CLASS_TOKENS.has(option.key) || option.key === 'spec') {
      errors.push(
        profileError('SF_PROFILE_PROFILESET_CHANGES_CLASS', set.line, option.keyColumn, `'${option.key}'`),
      );
      continue;
    }
    if (RUN_OPTIONS.has(option.key)) {
      errors.push(
        profileError('SF_PROFILE_PROFILESET_RUN_OPTION', set.line, option.keyColumn, `'${option.key}'`),
      );
      continue;
    }
    let variant = named.get(set.name);
    if (variant === undefined) {
      if (named.size === MAX_PROFILESETS) {
        errors.push(
          profileError(
            'SF_PROFILE_TOO_MANY_PROFILESETS',
            set.line,
            set.nameColumn,
            `profileset "${set.name}"`,
          ),
        );
        break;
      }
      variant = { pos: { line: set.line, column: set.nameColumn }, lines: [] };
      named.set(set.name, variant);
    }
    if (!set.append) variant.lines.length = 0;
    variant.lines.push(option);
  }
  if (named.size * split.lines.length > MAX_PROFILESET_LINES) {
    const last = setLines.at(-1)!;
    errors.push(
      profileError(
        'SF_PROFILE_TOO_MANY_PROFILESETS',
        last.line,
        last.nameColumn,
        `${named.size} profilesets of a ${split.lines.length}-line profile (at most ${MAX_PROFILESET_LINES.toLocaleString('en-US')} lines read in all)`,
      ),
    );
  }
  if (errors.length > 0 || !base.ok) return refused(errors);

  const variants: ProfilesetVariant[] = [];
  for (const [name, { pos, lines }] of named) {
    const parsed = parseProfileLines([...split.lines, ...lines], [], registry);
    if (!parsed.ok) {
      // Errors at the base's lines too: the variant's options can break what the base says
      // (other talents than its action list names, say).
      for (const e of parsed.errors)
        if (e.code !== 'SF_PROFILE_TOO_MANY_ERRORS')
          errors.push({ ...e, message: `profileset "${name}": ${e.message}` });
      continue;
    }
    const own = new Set(lines.map((l) => l.line));
    variants.push({
      name,
      pos,
      profile: parsed.profile,
      warnings: parsed.warnings
        .filter((w) => own.has(w.line))
        .map((w) => ({ ...w, message: `profileset "${name}": ${w.message}` })),
    });
  }
  if (errors.length > 0) return refused(errors);
  return { ok: true, base: base.profile, warnings: base.warnings, variants };
}

function refused(errors: ProfileError[]): { ok: false; errors: ProfileError[] } {
  return { ok: false, errors: capErrors(errors.sort(byPosition)) };
}
