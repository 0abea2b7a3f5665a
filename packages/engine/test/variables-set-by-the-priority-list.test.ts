import { encodeChunkPartial } from '@simforge/common';
import { describe, expect, it } from 'vitest';
import { createSimulation, parseProfile } from '../src/index.ts';
import { testBundle, testProfile } from './support/test-bundle.ts';

function hex(actions: string[], extra: string[] = []): string {
  const parsed = parseProfile(testProfile(actions, ['max_time=120', ...extra]));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const r = createSimulation(parsed.profile, testBundle()).runIterations(0, 3, 5);
  return Buffer.from(encodeChunkPartial(r)).toString('hex');
}

describe('variable actions', () => {
  it('a condition through a variable behaves exactly like the condition itself', () => {
    const direct = hex(['kill_command', 'cobra_shot,if=focus>=80']);
    const viaVariable = hex([
      'variable,name=pool,value=focus>=80',
      'kill_command',
      'cobra_shot,if=variable.pool',
    ]);
    expect(viaVariable).toBe(direct);
  });

  it('defaults apply until the variable is first set, and every iteration starts from them', () => {
    const never = hex(['variable,name=go,value=1,default=0,if=time>1000', 'cobra_shot,if=variable.go']);
    const always = hex(['variable,name=go,value=0,default=1,if=time>1000', 'cobra_shot,if=variable.go']);
    expect(never).not.toBe(always);
    expect(always).toBe(hex(['cobra_shot']));
  });

  it('runs SimulationCraft’s operations in order: set, add, mul, div, floor, min, max, sub, setif, reset', () => {
    // Before the pull: x = ((10 + 5) * 2) / 4 = 7.5, floor 7, min(7, 3) = 3, max(3, 4) = 4, 4 - 1 = 3.
    const steps = [
      'variable,name=x,op=set,value=10,default=-1',
      'variable,name=x,op=add,value=5',
      'variable,name=x,op=mul,value=2',
      'variable,name=x,op=div,value=4',
      'variable,name=x,op=floor',
      'variable,name=x,op=min,value=3',
      'variable,name=x,op=max,value=4',
      'variable,name=x,op=sub,value=1',
    ];
    const precombat = steps.map((a, i) => `actions.precombat${i === 0 ? '' : '+'}=${i === 0 ? '' : '/'}${a}`);
    const castIf = (cond: string, more: string[] = []) =>
      hex([`cobra_shot,if=${cond}`], [...precombat, ...more]);
    const always = hex(['cobra_shot']);
    expect(castIf('variable.x=3')).toBe(always);
    expect(castIf('variable.x=4')).not.toBe(always);
    // setif picks value= when its condition holds, value_else= otherwise; reset brings the default.
    const setif =
      'actions.precombat+=/variable,name=x,op=setif,condition=variable.x>2,value=100,value_else=-5';
    expect(castIf('variable.x=100', [setif])).toBe(always);
    const reset = 'actions.precombat+=/variable,name=x,op=reset';
    expect(castIf('variable.x=-1', [setif, reset])).toBe(always);
    // Dividing by zero gives 0.
    expect(castIf('variable.x=0', ['actions.precombat+=/variable,name=x,op=div,value=0'])).toBe(always);
  });

  it('refuses an operation it does not run, and one missing its parts, at the action', () => {
    const bad = (line: string) => {
      const r = parseProfile(testProfile(['cobra_shot'], [line]));
      if (r.ok) throw new Error('accepted');
      return r.errors[0]!;
    };
    expect(bad('actions.precombat=variable,name=x,op=pow,value=2')).toMatchObject({
      code: 'SF_PROFILE_UNSUPPORTED_EXPRESSION',
    });
    expect(bad('actions.precombat=variable,name=x,op=setif,value=2').message).toMatch(
      /op=setif needs name=, condition=, value= and value_else=/,
    );
    expect(bad('actions.precombat=variable,name=x,op=add').message).toMatch(/op=add needs name= and value=/);
  });
});
