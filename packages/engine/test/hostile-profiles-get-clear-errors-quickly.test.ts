// Text no SimulationCraft export contains (NUL and control characters, unpaired surrogates, a
// paste of megabytes, thousands of bad lines, call_action_list chains thousands deep) is refused
// with a line and a column, in one pass, without throwing: the studio, the CLI and the nodes all
// parse with this function, and a throw there is a 500 or a crashed chunk. Vitest's timeout is the
// "nothing hangs" guard; no timing is asserted.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_PROFILE_BYTES, MAX_REPORTED_ERRORS, type ProfileError, planJob } from '../src/index.ts';

const DEFAULT_PROFILE = readFileSync(new URL('../profiles/beast-mastery.simc', import.meta.url), 'utf8');
const HEAD = ['hunter="Test"', 'spec=beast_mastery', 'actions=kill_command'];

function refused(text: string): ProfileError[] {
  const planned = planJob(text);
  if (planned.ok) throw new Error('expected the profile to be refused');
  return planned.errors;
}

describe('hostile profiles get clear errors quickly', () => {
  it('refuses a NUL character, even in a comment, at its line and column', () => {
    const errors = refused([...HEAD, '# exported by\u0000 a bot', 'race=orc\u0000'].join('\n'));
    expect(errors.map(({ code, line, column }) => ({ code, line, column }))).toEqual([
      { code: 'SF_PROFILE_BAD_CHARACTER', line: 4, column: 14 },
      { code: 'SF_PROFILE_BAD_CHARACTER', line: 5, column: 9 },
    ]);
    expect(errors[0]!.message).toMatch(/U\+0000/);
  });

  it('refuses other control characters but keeps tabs and Windows line ends', () => {
    expect(refused([...HEAD, 'race=orc\u0007'].join('\n'))[0]).toMatchObject({
      code: 'SF_PROFILE_BAD_CHARACTER',
      line: 4,
      column: 9,
    });
    expect(planJob([...HEAD, '\trace=orc', '\t# tabbed'].join('\r\n')).ok).toBe(true);
  });

  it('refuses an unpaired surrogate, high or low, but reads a paired one (an emoji in a comment)', () => {
    for (const lone of ['\ud800', '\udc00']) {
      const [error] = refused([...HEAD, `# note ${lone} here`].join('\n'));
      expect(error).toMatchObject({ code: 'SF_PROFILE_BAD_CHARACTER', line: 4, column: 8 });
      expect(error!.message).toMatch(/unpaired surrogate/);
    }
    expect(planJob([...HEAD, '# good luck 🏹'].join('\n')).ok).toBe(true);
  });

  it('refuses a paste over the size limit at once, with the size and the limit', () => {
    const huge = `${DEFAULT_PROFILE}\n${'# padding padding padding padding padding padding\n'.repeat(220_000)}`;
    expect(huge.length).toBeGreaterThan(10_000_000);
    const errors = refused(huge);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'SF_PROFILE_TOO_LARGE', line: 1, column: 1 });
    expect(errors[0]!.message).toContain(MAX_PROFILE_BYTES.toLocaleString('en-US'));
    // A multi-byte text is measured in UTF-8 bytes, as it is stored and sent.
    const wide = `${DEFAULT_PROFILE}\n# ${'é'.repeat(MAX_PROFILE_BYTES / 2)}`;
    expect(wide.length).toBeLessThan(MAX_PROFILE_BYTES);
    expect(refused(wide)[0]!.code).toBe('SF_PROFILE_TOO_LARGE');
  });

  it('reads 10,000 gear lines (the last line of a slot wins) and lists at most a hundred errors', () => {
    const gear = Array.from({ length: 10_000 }, (_, i) => `head=,id=${i + 1},bonus_id=1/2/3`);
    expect(planJob([DEFAULT_PROFILE, ...gear].join('\n')).ok).toBe(true);

    const badSlots = Array.from({ length: 10_000 }, (_, i) => `hed${i}=,id=${i + 1}`);
    const errors = refused([...HEAD, ...badSlots].join('\n'));
    expect(errors).toHaveLength(MAX_REPORTED_ERRORS + 1);
    expect(errors.slice(0, MAX_REPORTED_ERRORS).every((e) => e.code === 'SF_PROFILE_UNKNOWN_OPTION')).toBe(
      true,
    );
    expect(errors.at(-1)).toMatchObject({
      code: 'SF_PROFILE_TOO_MANY_ERRORS',
      line: 4 + MAX_REPORTED_ERRORS,
    });
    expect(errors.at(-1)!.message).toContain('9,900 more');
  });

  it('refuses call_action_list chains nested too deep, at the call that goes too deep, without overflowing', () => {
    const chain = (depth: number) => [
      'hunter="Test"',
      'spec=beast_mastery',
      'actions=call_action_list,name=l1',
      ...Array.from({ length: depth - 1 }, (_, i) => `actions.l${i + 1}=call_action_list,name=l${i + 2}`),
      `actions.l${depth}=kill_command`,
    ];
    expect(planJob(chain(16).join('\n')).ok).toBe(true);
    const errors = refused(chain(17).join('\n'));
    expect(errors).toHaveLength(1);
    // Line 3 is depth 1 (the default list calls l1), so the 17th call is on line 19.
    expect(errors[0]).toMatchObject({ code: 'SF_PROFILE_ACTION_LIST_TOO_DEEP', line: 19, column: 35 });
    const deep = refused(chain(20_000).join('\n'));
    expect(deep[0]!.code).toBe('SF_PROFILE_ACTION_LIST_TOO_DEEP');
  });
});

describe('hostile profiles that name thousands of things', () => {
  it('suggests names for the listed errors only, so thousands of unknown names stay cheap', () => {
    const head = ['hunter="Test"', 'spec=beast_mastery', 'actions=kill_command'];
    const vars = Array.from({ length: 4000 }, (_, i) => `actions+=/variable,name=v${i},value=1`);
    const refs = Array.from({ length: 4000 }, (_, i) => `actions+=/cobra_shot,if=variable.w${i}`);
    const errors = refused([...head, ...vars, ...refs].join('\n'));
    expect(errors).toHaveLength(MAX_REPORTED_ERRORS + 1);
    expect(errors[0]!.code).toBe('SF_PROFILE_UNKNOWN_VARIABLE');
    const calls = Array.from({ length: 4000 }, (_, i) => `actions+=/call_action_list,name=m${i}`);
    expect(refused([...head, ...calls].join('\n'))).toHaveLength(MAX_REPORTED_ERRORS + 1);
  });

  it('reads an action list named __proto__ or constructor like any other, and refuses such option names', () => {
    const head = ['hunter="Test"', 'spec=beast_mastery', 'actions=kill_command'];
    const planned = planJob(
      [...head, 'actions+=/call_action_list,name=__proto__', 'actions.__proto__=cobra_shot'].join('\n'),
    );
    expect(planned.ok).toBe(true);
    if (planned.ok) expect(Object.keys(planned.profile.actionLists)).toContain('__proto__');
    expect(refused([...head, 'constructor=1', '__proto__=3'].join('\n')).map((e) => e.code)).toEqual([
      'SF_PROFILE_UNKNOWN_OPTION',
      'SF_PROFILE_UNKNOWN_OPTION',
    ]);
  });
});
