// Profilesets, SimulationCraft's way to compare variants of one character: the base profile,
// and `profileset."NAME"+=OPTION` lines, each adding an option line to the variant NAME
// (`profileset."NAME"=OPTION` starts it over). A variant is the base profile with its own lines
// read after the base's, so they win where both set an option, and `actions+=` adds to the
// base's list. Every error names the line the player wrote, and a variant's errors say whose.
import { capErrors, MAX_REPORTED_ERRORS, type ProfileError, profileError } from '../profile-errors.ts';
import { DEFAULT_SPEC_REGISTRY } from '../specs/registry.ts';
import { withSuggestionBudget } from './nearest-names.ts';
import { CLASS_TOKENS } from './options.ts';
import {
  type Line,
  type ParseProfileOptions,
  type ProfilesetLine,
  parseProfileLines,
  splitProfileText,
} from './parse-profile.ts';
import { byPosition, type Profile, type ProfileWarning, type SourcePos } from './profile-types.ts';

/** Variants in one comparison: Raidbots-sized Top Gear runs are a few hundred. */
export const MAX_PROFILESETS = 500;

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

export function parseProfileset(text: string, options: ParseProfileOptions = {}): ParseProfilesetResult {
  return withSuggestionBudget(MAX_REPORTED_ERRORS, () => parse(text, options));
}

function parse(text: string, options: ParseProfileOptions): ParseProfilesetResult {
  const registry = options.registry ?? DEFAULT_SPEC_REGISTRY;
  const setLines: ProfilesetLine[] = [];
  const split = splitProfileText(text, setLines);
  if (!split.ok) return split;
  const errors: ProfileError[] = [];
  const base = parseProfileLines(split.lines, split.errors, registry);
  if (!base.ok) errors.push(...base.errors);

  const named = new Map<string, { pos: SourcePos; lines: Line[] }>();
  for (const set of setLines) {
    const { option } = set;
    if (registry.hasClass(option.key) || CLASS_TOKENS.has(option.key) || option.key === 'spec') {
      errors.push(
        profileError('SF_PROFILE_PROFILESET_CHANGES_CLASS', set.line, option.keyColumn, `'${option.key}'`),
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
  if (errors.length > 0 || !base.ok) return refused(errors);

  const variants: ProfilesetVariant[] = [];
  for (const [name, { pos, lines }] of named) {
    const parsed = parseProfileLines([...split.lines, ...lines], [], registry);
    if (!parsed.ok) {
      // Errors at the base's lines too: the variant's options can break what the base says
      // (other talents than its action list names, say).
      for (const e of parsed.errors) errors.push({ ...e, message: `profileset "${name}": ${e.message}` });
      continue;
    }
    const own = new Set(lines.map((l) => l.line));
    variants.push({
      name,
      pos,
      profile: parsed.profile,
      warnings: parsed.warnings.filter((w) => own.has(w.line)),
    });
  }
  if (errors.length > 0) return refused(errors);
  return { ok: true, base: base.profile, warnings: base.warnings, variants };
}

function refused(errors: ProfileError[]): { ok: false; errors: ProfileError[] } {
  return { ok: false, errors: capErrors(errors.sort(byPosition)) };
}
