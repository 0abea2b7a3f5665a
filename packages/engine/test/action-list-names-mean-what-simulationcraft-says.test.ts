// What each name of the action-list language means, pinned as identities that follow from its
// definition on the test bundle (no haste, no raid, a 300 s fight without variation): two lists
// that must act alike give the same bytes, and one that must act otherwise does not.
import { encodeChunkPartial } from '@simforge/common';
import { describe, expect, it } from 'vitest';
import { createSimulation, parseProfile } from '../src/index.ts';
import { testBundle, testProfile } from './support/test-bundle.ts';

function hex(actions: string[], extra: string[] = []): string {
  const parsed = parseProfile(testProfile(actions, extra));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return Buffer.from(
    encodeChunkPartial(createSimulation(parsed.profile, testBundle()).runIterations(0, 2, 9)),
  ).toString('hex');
}

describe('cooldown.X', () => {
  it('ready, remains=0 and charges_fractional>=1 hold exactly when the spell is usable', () => {
    const plain = hex(['kill_command', 'cobra_shot']);
    for (const cond of [
      'cooldown.kill_command.ready',
      'cooldown.kill_command.remains=0',
      'cooldown.kill_command.charges_fractional>=1',
      // One charge: fully recharged is the same as ready.
      'cooldown.kill_command.full_recharge_time=0',
    ]) {
      expect(hex([`kill_command,if=${cond}`, 'cobra_shot']), cond).toBe(plain);
    }
  });

  it('charges counts whole charges: both of Barbed Shot’s back is a full recharge, and not always', () => {
    const both = hex(['barbed_shot,if=cooldown.barbed_shot.charges=2', 'cobra_shot']);
    expect(hex(['barbed_shot,if=cooldown.barbed_shot.full_recharge_time=0', 'cobra_shot'])).toBe(both);
    expect(hex(['barbed_shot', 'cobra_shot'])).not.toBe(both);
  });
});

describe('buff.X and dot.X', () => {
  it('up, remains>0, !down and stack>0 are one fact', () => {
    const up = hex(['bestial_wrath', 'cobra_shot,if=buff.bestial_wrath.up']);
    for (const cond of [
      'buff.bestial_wrath.remains>0',
      '!buff.bestial_wrath.down',
      'buff.bestial_wrath.stack>0',
    ]) {
      expect(hex(['bestial_wrath', `cobra_shot,if=${cond}`]), cond).toBe(up);
    }
    expect(hex(['bestial_wrath', 'cobra_shot'])).not.toBe(up);
  });

  it('ticking is remains>0', () => {
    expect(hex(['barbed_shot', 'cobra_shot,if=dot.barbed_shot.remains>0'])).toBe(
      hex(['barbed_shot', 'cobra_shot,if=dot.barbed_shot.ticking']),
    );
  });
});

describe('the fight', () => {
  it('fight_remains counts down from the fight length (300 s here), time up from 0', () => {
    expect(hex(['cobra_shot,if=fight_remains<30'])).toBe(hex(['cobra_shot,if=time>270']));
  });

  it('gcd is the global cooldown with the actor’s haste: 1.5 s here', () => {
    expect(hex(['cobra_shot,if=gcd=1.5'])).toBe(hex(['cobra_shot']));
  });
});

describe('call_action_list and run_action_list', () => {
  const never = ['actions.x=kill_command,if=time>9999'];

  it('call_action_list falls through to the caller’s next entry when its list has nothing to do', () => {
    expect(hex(['call_action_list,name=x', 'cobra_shot'], never)).toBe(hex(['cobra_shot']));
  });

  it('run_action_list never comes back, so what follows it is never reached', () => {
    expect(hex(['run_action_list,name=x', 'cobra_shot'], never)).toBe(hex(['cobra_shot,if=time>9999']));
  });

  it('a call whose condition is false is skipped', () => {
    expect(hex(['run_action_list,name=x,if=time>9999', 'cobra_shot'], never)).toBe(hex(['cobra_shot']));
  });
});
