import { encodeChunkPartial } from '@simforge/common';
import { describe, expect, it } from 'vitest';
import { createSimulation, parseProfile } from '../src/index.ts';
import { testBundle, testProfile } from './support/test-bundle.ts';

function hex(actions: string[]): string {
  const parsed = parseProfile(testProfile(actions, ['max_time=120']));
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
});
