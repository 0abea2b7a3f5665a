// Every way a profile can be refused, with a stable code and a message a player can act on.
// Codes are part of the public contract (the studio and the CLI show them); never reuse or
// renumber one. docs/engine.md documents each, and a test checks both.

import { defineErrorRegistry } from '@simforge/common';

export const PROFILE_ERRORS = defineErrorRegistry('profile', {
  SF_PROFILE_SYNTAX: { message: 'a line must be `key=value`, `key+=value` or a `#` comment' },
  SF_PROFILE_UNKNOWN_OPTION: { message: 'unknown option; see docs/engine.md for the options simforge reads' },
  SF_PROFILE_BAD_VALUE: {
    message: 'the value has the wrong type (a number, a quoted name or a token was expected)',
  },
  SF_PROFILE_OUT_OF_RANGE: { message: 'the value is outside the range simforge accepts for this option' },
  SF_PROFILE_MISSING_CLASS: { message: 'the profile has no class line such as `hunter="Name"`' },
  SF_PROFILE_UNKNOWN_CLASS: {
    message:
      'this class is not simulated; docs/engine.md lists the classes and specs simforge simulates (`hunter`)',
  },
  SF_PROFILE_UNKNOWN_SPEC: {
    message:
      'this specialization is not simulated for the class; docs/engine.md lists the specs (`spec=beast_mastery`)',
  },
  SF_PROFILE_UNKNOWN_RACE: {
    message: 'unknown race token (use the SimulationCraft token, e.g. `race=night_elf`)',
  },
  SF_PROFILE_MALFORMED_TALENTS: { message: 'the `talents=` string is not a valid talent loadout export' },
  SF_PROFILE_TALENTS_WRONG_SPEC: { message: 'the `talents=` string was exported for another specialization' },
  SF_PROFILE_TALENTS_TREE_MISMATCH: {
    message: 'the `talents=` string does not fit the talent tree of this patch',
  },
  SF_PROFILE_TALENTS_NOT_ALLOWED: {
    message:
      'the `talents=` string takes talents the game would not allow together (the node and the reason follow)',
  },
  SF_PROFILE_UNKNOWN_ACTION: { message: 'unknown spell or action in the priority list' },
  SF_PROFILE_UNKNOWN_ACTION_OPTION: {
    message:
      'unknown action option; simforge reads `if=`, `line_cd=`, `target_if=`, `name=` (action lists) and `name=`/`value=`/`default=`/`op=`/`condition=`/`value_else=` (variables)',
  },
  SF_PROFILE_UNKNOWN_ACTION_LIST: { message: 'the action list named here is never defined' },
  SF_PROFILE_ACTION_LIST_CYCLE: {
    message:
      'the action list called here calls itself, directly or through others, so a scan would never end',
  },
  SF_PROFILE_ACTION_LIST_TOO_DEEP: {
    message:
      'call_action_list/run_action_list calls nest deeper than simforge runs (16 lists); flatten the lists',
  },
  SF_PROFILE_BAD_CHARACTER: {
    message:
      'the line holds a character no profile has (a NUL or other control character, or half of a surrogate pair); delete it',
  },
  SF_PROFILE_TOO_LARGE: {
    message: "the text is too large to be one character's profile (a whole addon export is about 20 KB)",
  },
  SF_PROFILE_TOO_MANY_ERRORS: { message: 'fix the errors above first' },
  SF_PROFILE_EMPTY_APL: {
    message:
      'the profile has no default `actions=` list, or every action of it is skipped, so the character would never act',
  },
  SF_PROFILE_EXPRESSION_SYNTAX: { message: 'the condition is not a well-formed expression' },
  SF_PROFILE_UNSUPPORTED_EXPRESSION: { message: 'this expression is not supported by simforge' },
  SF_PROFILE_UNKNOWN_BUFF: { message: 'unknown buff, debuff or dot name in the expression' },
  SF_PROFILE_UNKNOWN_TALENT: { message: 'the talent tree of this patch has no talent of this name' },
  SF_PROFILE_UNKNOWN_VARIABLE: { message: 'no `variable,name=` action in the profile sets this variable' },
  SF_PROFILE_GAME_DATA_MISSING: { message: 'the game data does not contain a spell this profile needs' },
  SF_PROFILE_UNKNOWN_ITEM: {
    message:
      'the game data has no such item (or no stat budget for its item level); check the `id=`, `bonus_id=` and `ilevel=` of this item line',
  },
  SF_PROFILE_PROFILESETS_NOT_RUN: {
    message:
      'profileset lines compare variants of a profile, and this reads one profile: remove them here (`simforge sim`, `simforge submit` and the studio run them; docs/engine.md, "Profilesets")',
  },
  SF_PROFILE_PROFILESET_CHANGES_CLASS: {
    message: 'a profileset may not change the class or spec: its variants are compared with the base profile',
  },
  SF_PROFILE_PROFILESET_RUN_OPTION: {
    message:
      'a profileset may change the character, not the run or the fight (iterations, seed, target_error, max_time, vary_combat_length, desired_targets, fight_style): set it in the base profile, which every variant shares',
  },
  SF_PROFILE_TOO_MANY_PROFILESETS: {
    message: 'more profilesets than one comparison runs (500); split them over several jobs',
  },
});

export type ProfileErrorCode = keyof typeof PROFILE_ERRORS;

/** One refusal: 1-based line and column into the profile text. */
export interface ProfileError {
  code: ProfileErrorCode;
  line: number;
  column: number;
  message: string;
}

export function profileError(
  code: ProfileErrorCode,
  line: number,
  column: number,
  detail: string,
): ProfileError {
  return { code, line, column, message: `${detail}: ${PROFILE_ERRORS[code].message}` };
}

/** Errors listed at most; one more says how many were left out. */
export const MAX_REPORTED_ERRORS = 100;

/** The first MAX_REPORTED_ERRORS errors, and one more at the next that says how many were left out. */
export function capErrors(errors: ProfileError[]): ProfileError[] {
  if (errors.length <= MAX_REPORTED_ERRORS) return errors;
  const next = errors[MAX_REPORTED_ERRORS]!;
  const more = errors.length - MAX_REPORTED_ERRORS;
  return [
    ...errors.slice(0, MAX_REPORTED_ERRORS),
    profileError(
      'SF_PROFILE_TOO_MANY_ERRORS',
      next.line,
      next.column,
      `${more.toLocaleString('en-US')} more errors from here on are not listed`,
    ),
  ];
}

/**
 * Thrown by createSimulation when the game data refuses a profile that parsed cleanly, with
 * its errors: at most MAX_REPORTED_ERRORS of them and a count.
 */
export class ProfileRejectedError extends Error {
  readonly errors: ProfileError[];
  constructor(errors: ProfileError[]) {
    const capped = capErrors(errors);
    super(capped.map((e) => `${e.line}:${e.column} ${e.code} ${e.message}`).join('\n'));
    this.errors = capped;
    this.name = 'ProfileRejectedError';
  }
}

export function formatProfileError(e: ProfileError): string {
  return `line ${e.line}, column ${e.column}: ${e.code}: ${e.message}`;
}
