// The action-list names real SimulationCraft lists lean on: prev.X and prev_gcd.N.X (the action
// history), execute_time, time_to_die, apex.N (the spec's apex talent) and the buffs of talents
// the engine does not simulate yet. Each is pinned on a case whose outcome follows by hand.
import { encodeChunkPartial } from '@simforge/common';
import { SIMC_MID1_BM_TALENTS } from '@simforge/engine/testing';
import { describe, expect, it } from 'vitest';
import { createSimulation, decodeLoadout, parseProfile, requiredGameData } from '../src/index.ts';
import { fixtureBundle } from './support/fixture-bundle.ts';
import { testBundle, testProfile } from './support/test-bundle.ts';

function run(actions: string[], extra: string[] = []) {
  const parsed = parseProfile(testProfile(actions, ['max_time=120', ...extra]));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const partial = createSimulation(parsed.profile, testBundle()).runIterations(0, 1, 5);
  const executes = (spellId: number) =>
    partial.abilities.filter((a) => a.source === 'player' && a.spellId === spellId)[0]?.executes ?? 0;
  return {
    hex: Buffer.from(encodeChunkPartial(partial)).toString('hex'),
    cobra: executes(193455),
    kill: executes(34026),
  };
}

describe('the action history', () => {
  it('prev_gcd.N.X looks N global cooldowns back: two Cobra Shots, then Kill Command, repeating', () => {
    // History starts empty, so the list casts C, C, then K (waiting for it if needed), C, C, K, ...
    const twoThenKill = run([
      'kill_command,if=prev_gcd.1.cobra_shot&prev_gcd.2.cobra_shot',
      'cobra_shot,if=!(prev_gcd.1.cobra_shot&prev_gcd.2.cobra_shot)',
    ]);
    expect(twoThenKill.kill).toBeGreaterThan(5);
    expect(twoThenKill.cobra - 2 * twoThenKill.kill).toBeGreaterThanOrEqual(0);
    expect(twoThenKill.cobra - 2 * twoThenKill.kill).toBeLessThanOrEqual(2);

    const threeThenKill = run([
      'kill_command,if=prev_gcd.1.cobra_shot&prev_gcd.2.cobra_shot&prev_gcd.3.cobra_shot',
      'cobra_shot,if=!(prev_gcd.1.cobra_shot&prev_gcd.2.cobra_shot&prev_gcd.3.cobra_shot)',
    ]);
    expect(threeThenKill.cobra - 3 * threeThenKill.kill).toBeGreaterThanOrEqual(0);
    expect(threeThenKill.cobra - 3 * threeThenKill.kill).toBeLessThanOrEqual(3);
  });

  it('prev.X is the last action used: Cobra Shot and Kill Command alternate', () => {
    const alternate = run(['kill_command,if=prev.cobra_shot', 'cobra_shot,if=!prev.cobra_shot']);
    expect(alternate.kill).toBeGreaterThan(5);
    expect(Math.abs(alternate.cobra - alternate.kill)).toBeLessThanOrEqual(1);
  });

  it('refuses prev_gcd beyond five back and a prev of an action the spec does not have', () => {
    const refused = (line: string) => {
      const r = parseProfile(testProfile([line]));
      if (r.ok) throw new Error('accepted');
      return r.errors[0]!.code;
    };
    expect(refused('cobra_shot,if=prev_gcd.6.cobra_shot')).toBe('SF_PROFILE_UNSUPPORTED_EXPRESSION');
    expect(refused('cobra_shot,if=prev.fireball')).toBe('SF_PROFILE_UNKNOWN_ACTION');
  });
});

describe('execute_time and time_to_die', () => {
  it('execute_time is the action’s global cooldown for an instant (1.5 s without haste)', () => {
    const always = run(['cobra_shot']).hex;
    expect(run(['cobra_shot,if=execute_time=1.5']).hex).toBe(always);
    expect(run(['cobra_shot,if=execute_time>1.5']).hex).not.toBe(always);
  });

  it('time_to_die and time_to_die.remains read like target.time_to_die', () => {
    const late = run(['cobra_shot,if=target.time_to_die<30']).hex;
    expect(run(['cobra_shot,if=time_to_die<30']).hex).toBe(late);
    expect(run(['cobra_shot,if=time_to_die.remains<30']).hex).toBe(late);
  });
});

describe('buffs of talents not simulated yet', () => {
  it('read as never up, with a warning at the name', () => {
    const never = run(['kill_command,if=time>9999']).hex;
    const always = run(['kill_command']).hex;
    expect(run(['kill_command,if=buff.natures_ally.react']).hex).toBe(never);
    expect(run(['kill_command,if=buff.withering_fire.remains>0|buff.hogstrider.stack>0']).hex).toBe(never);
    expect(run(['kill_command,if=buff.natures_ally.down']).hex).toBe(always);
    const parsed = parseProfile(testProfile(['kill_command,if=buff.natures_ally.react']));
    if (!parsed.ok) throw new Error('refused');
    expect(parsed.warnings).toContainEqual({
      line: testProfile(['kill_command']).split('\n').length,
      column: 25,
      message: "buff.natures_ally: Nature's Ally is not simulated yet, so the buff is never up",
    });
    // A name no talent has is still an error.
    expect(parseProfile(testProfile(['kill_command,if=buff.natures_aly.up'])).ok).toBe(false);
  });
});

describe('apex.N', () => {
  it('is true when the spec’s apex talent (its tiered node) has at least N ranks', async () => {
    const profile = (condition: string) =>
      [
        'hunter="Apex"',
        'level=90',
        'race=orc',
        'spec=beast_mastery',
        `talents=${SIMC_MID1_BM_TALENTS}`,
        'gear_agility=1000',
        'main_hand=,weapon=bow_3.00speed_420min_640max',
        'max_time=60',
        `actions=kill_command${condition}`,
        'actions+=/cobra_shot',
      ].join('\n');
    const first = parseProfile(profile(''));
    if (!first.ok) throw new Error(JSON.stringify(first.errors));
    const data = await fixtureBundle(requiredGameData(first.profile));
    // The export's own record of the apex node (Nature's Ally, node 110428: 1 + 2 + 1 ranks).
    const loadout = decodeLoadout(SIMC_MID1_BM_TALENTS, data.talentTree!);
    if (Array.isArray(loadout)) throw new Error('the string decodes');
    const apex = data.talentTree!.nodes.find((n) => n.type === 1 && n.specIds.includes(253))!;
    expect(apex.entries.map((e) => e.name)).toEqual(["Nature's Ally", "Nature's Ally", "Nature's Ally"]);
    const ranks = loadout.picks.get(apex.id)?.ranks ?? 0;
    expect(ranks).toBeGreaterThan(0);

    const hexOf = (condition: string) => {
      const parsed = parseProfile(profile(condition));
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
      return Buffer.from(
        encodeChunkPartial(createSimulation(parsed.profile, data).runIterations(0, 2, 9)),
      ).toString('hex');
    };
    const always = hexOf('');
    const never = hexOf(',if=time>9999');
    expect(hexOf(`,if=apex.${ranks}`)).toBe(always);
    expect(hexOf(`,if=apex.${ranks + 1}`)).toBe(never);
    expect(hexOf(`,if=!apex.${ranks + 1}`)).toBe(always);
  });
});
