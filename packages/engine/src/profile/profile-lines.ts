// A profile's text as lines: `key=value` / `key+=value` with the line and columns of each
// part, `#` comments and blank lines dropped, characters no profile holds refused, and
// `profileset."NAME"+=OPTION` lines read apart (profilesets.ts). parse-profile.ts reads what
// the lines say.
import { type ProfileError, profileError } from '../profile-errors.ts';

export interface Line {
  key: string;
  append: boolean;
  value: string;
  line: number;
  keyColumn: number;
  valueColumn: number;
}

/** The largest profile read, in UTF-8 bytes: a whole addon export with bags is ~20 KB. */
export const MAX_PROFILE_BYTES = 1024 * 1024;

/**
 * Characters no profile holds and that break what stores or shows the text (Postgres refuses
 * NUL; an unpaired surrogate has no UTF-8 form): C0 controls other than tab, LF and CR, DEL,
 * and a surrogate without its other half.
 */
const BAD_CHARACTER =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function badCharacter(raw: string, line: number): ProfileError | null {
  const m = BAD_CHARACTER.exec(raw);
  if (!m) return null;
  const code = m[0].charCodeAt(0);
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  const what = code >= 0xd800 ? `an unpaired surrogate (${hex})` : `the control character ${hex}`;
  return profileError('SF_PROFILE_BAD_CHARACTER', line, m.index + 1, what);
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // A surrogate pair is one 4-byte character; counted at its high half, its low half adds 0.
    bytes +=
      c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdbff ? 4 : c >= 0xdc00 && c <= 0xdfff ? 0 : 3;
  }
  return bytes;
}

/**
 * `profileset."NAME"+=OPTION` (or `profileset.NAME=OPTION`): an option line of a named variant
 * of the profile (profilesets.ts). `option` is that option line, placed where it is written.
 */
export interface ProfilesetLine {
  name: string;
  /** `=` starts the variant's lines over; `+=` adds to them. */
  append: boolean;
  option: Line;
  line: number;
  nameColumn: number;
}

const PROFILESET_LINE = /^profileset\.(?:"([^"]*)"|([A-Za-z0-9_.-]+))(\+?=)(.*)$/i;
const OPTION_LINE = /^([A-Za-z0-9_.]+)(\+?=)(.*)$/;

export function splitLines(text: string, errors: ProfileError[], profilesets?: ProfilesetLine[]): Line[] {
  const out: Line[] = [];
  const rows = text.split('\n');
  for (let i = 0; i < rows.length; i++) {
    const raw = rows[i]!.replace(/\r$/, '');
    const bad = badCharacter(raw, i + 1);
    if (bad) {
      errors.push(bad);
      continue;
    }
    const indent = raw.length - raw.trimStart().length;
    const body = raw.trim();
    if (body === '' || body.startsWith('#')) continue;
    const set = PROFILESET_LINE.exec(body);
    if (set) {
      const prefix = body.length - set[4]!.length;
      const option = OPTION_LINE.exec(set[4]!);
      if (!option || (set[1] ?? set[2])!.trim() === '') {
        const column = indent + 1 + (option ? 'profileset.'.length : prefix);
        errors.push(profileError('SF_PROFILE_SYNTAX', i + 1, column, `'${body.slice(0, 40)}'`));
        continue;
      }
      const keyColumn = indent + 1 + prefix;
      (profilesets ?? []).push({
        name: (set[1] ?? set[2])!,
        append: set[3] === '+=',
        line: i + 1,
        nameColumn: indent + 1 + 'profileset.'.length,
        option: {
          key: option[1]!.toLowerCase(),
          append: option[2] === '+=',
          value: option[3]!,
          line: i + 1,
          keyColumn,
          valueColumn: keyColumn + option[1]!.length + option[2]!.length,
        },
      });
      if (!profilesets)
        errors.push(
          profileError(
            'SF_PROFILE_PROFILESETS_NOT_RUN',
            i + 1,
            indent + 1,
            `profileset "${(set[1] ?? set[2])!}"`,
          ),
        );
      continue;
    }
    const m = OPTION_LINE.exec(body);
    if (!m) {
      errors.push(profileError('SF_PROFILE_SYNTAX', i + 1, indent + 1, `'${body.slice(0, 40)}'`));
      continue;
    }
    out.push({
      key: m[1]!.toLowerCase(),
      append: m[2] === '+=',
      value: m[3]!,
      line: i + 1,
      keyColumn: indent + 1,
      valueColumn: indent + 1 + m[1]!.length + m[2]!.length,
    });
  }
  return out;
}

/**
 * A profile's text as lines: the options, and (when `profilesets` is given) the profileset
 * lines apart; without it a profileset line is an error (this profile is simulated alone).
 * Refuses a text over MAX_PROFILE_BYTES before reading it; other errors go to `errors`.
 */
export function splitProfileText(
  text: string,
  profilesets?: ProfilesetLine[],
): { ok: true; lines: Line[]; errors: ProfileError[] } | { ok: false; errors: ProfileError[] } {
  // Measured before anything else, so a paste of megabytes costs one pass over its length.
  const bytes = utf8Length(text);
  if (bytes > MAX_PROFILE_BYTES) {
    const size = bytes.toLocaleString('en-US');
    return {
      ok: false,
      errors: [
        profileError(
          'SF_PROFILE_TOO_LARGE',
          1,
          1,
          `the profile is ${size} bytes; at most ${MAX_PROFILE_BYTES.toLocaleString('en-US')} are read`,
        ),
      ],
    };
  }
  const errors: ProfileError[] = [];
  return { ok: true, lines: splitLines(text, errors, profilesets), errors };
}
