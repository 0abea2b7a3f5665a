import { readFileSync } from 'node:fs';
import { errorRegistryDocProblems } from '@simforge/common/testing';
import { describe, expect, it } from 'vitest';
import {
  createSimulation,
  encodeLoadout,
  PROFILE_ERRORS,
  type ProfileError,
  ProfileRejectedError,
  parseProfile,
} from '../src/index.ts';
import { talentsLine, talentTreeOf, testBundle } from './support/test-bundle.ts';

const HEAD = ['hunter="Test"', 'spec=beast_mastery'];

function refuse(lines: string[]): ProfileError[] {
  const r = parseProfile(lines.join('\n'));
  if (r.ok) throw new Error('expected the profile to be refused');
  return r.errors;
}

function only(lines: string[]): ProfileError {
  const errors = refuse(lines);
  expect(errors).toHaveLength(1);
  return errors[0]!;
}

describe('bad profiles are refused with a code, a line and a column', () => {
  it('unknown spell in the priority list', () => {
    const e = only([...HEAD, 'actions=auto_shot', 'actions+=/arcane_shot,if=focus>50']);
    expect(e).toMatchObject({ code: 'SF_PROFILE_UNKNOWN_ACTION', line: 4, column: 11 });
    expect(e.message).toContain("'arcane_shot'");
  });

  it('unknown buff in a condition, pointing at the name', () => {
    const e = only([...HEAD, 'actions=kill_command,if=focus>30&buff.nonexistent.up']);
    expect(e).toMatchObject({ code: 'SF_PROFILE_UNKNOWN_BUFF', line: 3, column: 34 });
  });

  it('unknown pet buff and unknown cooldown', () => {
    expect(only([...HEAD, 'actions=kill_command,if=pet.main.buff.rabid.up'])).toMatchObject({
      code: 'SF_PROFILE_UNKNOWN_BUFF',
      column: 25,
    });
    expect(only([...HEAD, 'actions=kill_command,if=cooldown.fireball.ready'])).toMatchObject({
      code: 'SF_PROFILE_UNKNOWN_ACTION',
      column: 25,
    });
  });

  it('unsupported expression', () => {
    const e = only([...HEAD, 'actions=cobra_shot,if=raid_event.adds.in>1']);
    expect(e).toMatchObject({ code: 'SF_PROFILE_UNSUPPORTED_EXPRESSION', line: 3, column: 23 });
  });

  it('a variable nobody sets', () => {
    const e = only([
      ...HEAD,
      'actions=variable,name=pool,value=focus>80',
      'actions+=/cobra_shot,if=variable.pol',
    ]);
    expect(e).toMatchObject({ code: 'SF_PROFILE_UNKNOWN_VARIABLE', line: 4, column: 25 });
  });

  it('malformed expression points at the offending token', () => {
    expect(only([...HEAD, 'actions=cobra_shot,if=focus>'])).toMatchObject({
      code: 'SF_PROFILE_EXPRESSION_SYNTAX',
      column: 29,
    });
    expect(only([...HEAD, 'actions=cobra_shot,if=(focus>1'])).toMatchObject({
      code: 'SF_PROFILE_EXPRESSION_SYNTAX',
    });
  });

  it('unknown spec and unknown class', () => {
    expect(only(['hunter="Test"', 'spec=marksmanship', 'actions=auto_shot'])).toMatchObject({
      code: 'SF_PROFILE_UNKNOWN_SPEC',
      line: 2,
      column: 6,
    });
    expect(refuse(['mage="Jaina"', 'actions=auto_shot'])[0]).toMatchObject({
      code: 'SF_PROFILE_UNKNOWN_CLASS',
      line: 1,
      column: 1,
    });
  });

  it('malformed talents string points at the bad character', () => {
    expect(only([...HEAD, 'talents=C0PAAA$AAAA', 'actions=auto_shot'])).toMatchObject({
      code: 'SF_PROFILE_MALFORMED_TALENTS',
      line: 3,
      column: 15,
    });
    expect(only([...HEAD, 'talents=C0PA', 'actions=auto_shot']).code).toBe('SF_PROFILE_MALFORMED_TALENTS');
  });

  it('talents exported for another spec', () => {
    const other = encodeLoadout(talentTreeOf([]), { specId: 254, heroTreeId: 0, picks: new Map() });
    expect(only([...HEAD, `talents=${other}`, 'actions=auto_shot'])).toMatchObject({
      code: 'SF_PROFILE_TALENTS_WRONG_SPEC',
      line: 3,
      column: 9,
    });
  });

  it('out-of-range iterations, fight length and targets name the value', () => {
    const errors = refuse([
      ...HEAD,
      'iterations=0',
      'max_time=5',
      'desired_targets=50',
      'vary_combat_length=2',
      'actions=auto_shot',
    ]);
    expect(errors.map((e) => [e.code, e.line, e.column])).toEqual([
      ['SF_PROFILE_OUT_OF_RANGE', 3, 12],
      ['SF_PROFILE_OUT_OF_RANGE', 4, 10],
      ['SF_PROFILE_OUT_OF_RANGE', 5, 17],
      ['SF_PROFILE_OUT_OF_RANGE', 6, 20],
    ]);
    expect(only([...HEAD, 'iterations=lots', 'actions=auto_shot']).code).toBe('SF_PROFILE_BAD_VALUE');
  });

  it('unknown option, unknown action option, undefined action list, empty priority list', () => {
    expect(only([...HEAD, 'pet_name=Fluffy', 'actions=auto_shot'])).toMatchObject({
      code: 'SF_PROFILE_UNKNOWN_OPTION',
      line: 3,
      column: 1,
    });
    expect(only([...HEAD, 'actions=kill_command,target_iff=min:x'])).toMatchObject({
      code: 'SF_PROFILE_UNKNOWN_ACTION_OPTION',
      column: 22,
    });
    expect(only([...HEAD, 'actions=call_action_list,name=aoe'])).toMatchObject({
      code: 'SF_PROFILE_UNKNOWN_ACTION_LIST',
      column: 31,
    });
    // A list that calls itself, directly or through another, is refused at the closing call.
    expect(
      only([...HEAD, 'actions=call_action_list,name=a', 'actions.a=run_action_list,name=a']),
    ).toMatchObject({
      code: 'SF_PROFILE_ACTION_LIST_CYCLE',
      line: 4,
      column: 32,
    });
    expect(
      only([
        ...HEAD,
        'actions=call_action_list,name=a',
        'actions.a=cobra_shot/call_action_list,name=b',
        'actions.b=call_action_list,name=a',
      ]),
    ).toMatchObject({ code: 'SF_PROFILE_ACTION_LIST_CYCLE', line: 5, column: 33 });
    // No action lines at all runs the spec's own list; lists without the default one are refused.
    expect(only([...HEAD, 'actions.precombat=summon_pet']).code).toBe('SF_PROFILE_EMPTY_APL');
  });

  it('every error of a profile is reported at once, in line order', () => {
    const errors = refuse([
      ...HEAD,
      'actions=fireball',
      'iterations=-1',
      'actions+=/cobra_shot,if=buff.x.up',
    ]);
    expect(errors.map((e) => e.line)).toEqual([3, 4, 5]);
    expect(errors.map((e) => e.code)).toEqual([
      'SF_PROFILE_UNKNOWN_ACTION',
      'SF_PROFILE_OUT_OF_RANGE',
      'SF_PROFILE_UNKNOWN_BUFF',
    ]);
  });

  it('a talents string that does not fit the patch talent tree is refused by createSimulation', () => {
    // Written for a one-node tree, read against a 40-node one: it ends before the tree does.
    const small = talentTreeOf([1]);
    const tree = talentTreeOf(Array.from({ length: 40 }, (_, i) => i + 1));
    const text = [...HEAD, talentsLine(small, [1]), 'actions=auto_shot'].join('\n');
    const parsed = parseProfile(text);
    if (!parsed.ok) throw new Error('should parse');
    const bundle = { ...testBundle(), talentTree: tree };
    try {
      createSimulation(parsed.profile, bundle);
      throw new Error('expected a refusal');
    } catch (err) {
      expect(err).toBeInstanceOf(ProfileRejectedError);
      expect((err as ProfileRejectedError).errors[0]).toMatchObject({
        code: 'SF_PROFILE_TALENTS_TREE_MISMATCH',
        line: 3,
      });
    }
  });

  it('game data lacking a needed spell is refused at the action that needs it', () => {
    const parsed = parseProfile([...HEAD, 'actions=auto_shot', 'actions+=/cobra_shot'].join('\n'));
    if (!parsed.ok) throw new Error('should parse');
    const bundle = testBundle((s) => {
      delete s[193455];
    });
    expect(() => createSimulation(parsed.profile, bundle)).toThrow(ProfileRejectedError);
    try {
      createSimulation(parsed.profile, bundle);
    } catch (err) {
      expect((err as ProfileRejectedError).errors[0]).toMatchObject({
        code: 'SF_PROFILE_GAME_DATA_MISSING',
        line: 4,
        column: 11,
      });
    }
  });
});

describe('the error registry', () => {
  const docs = readFileSync(new URL('../../../docs/engine.md', import.meta.url), 'utf8');

  it('documents every code once in docs/engine.md, never reuses a code or a message, and documents no code that does not exist', () => {
    expect(errorRegistryDocProblems('profile', PROFILE_ERRORS, docs)).toEqual([]);
  });
});

describe('an unknown name gets the nearest known names', () => {
  const messages = (lines: string[]) => refuse(lines).map((e) => e.message);

  it('for actions, buffs, pet buffs, dots, lists, options and races', () => {
    expect(
      messages([
        ...HEAD,
        'actions=kill_comand',
        'actions+=/cobra_shot,if=buff.bestial_wrat.up|pet.main.buff.frenzyy.up|dot.barbed_shott.ticking',
        'actions+=/call_action_list,name=clave',
        'actions.cleave=cobra_shot',
        'desired_target=2',
        'race=nightelf',
      ]),
    ).toEqual([
      expect.stringContaining("'kill_comand'; did you mean 'kill_command'?"),
      expect.stringContaining("buff 'bestial_wrat'; did you mean 'bestial_wrath'?"),
      expect.stringContaining("pet buff 'frenzyy'; did you mean 'frenzy'?"),
      expect.stringContaining("dot 'barbed_shott'; did you mean 'barbed_shot'?"),
      expect.stringContaining("'clave'; did you mean 'cleave'?"),
      expect.stringContaining("'desired_target'; did you mean 'desired_targets'?"),
      expect.stringContaining("'nightelf'; did you mean 'night_elf'?"),
    ]);
  });

  it('treats a list named like an object property as unknown, without crashing', () => {
    for (const name of ['constructor', '__proto__', 'toString']) {
      expect(
        refuse([...HEAD, 'actions=kill_command', `actions+=/call_action_list,name=${name}`])[0],
      ).toMatchObject({
        code: 'SF_PROFILE_UNKNOWN_ACTION_LIST',
      });
    }
    expect(refuse([...HEAD, 'actions=kill_command', 'override.constructor=1'])[0]!.code).toBe(
      'SF_PROFILE_UNKNOWN_OPTION',
    );
  });
});
