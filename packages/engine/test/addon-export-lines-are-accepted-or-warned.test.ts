// What the SimulationCraft addon writes and the engine does not simulate yet is accepted with a
// warning at its line, never a hard error; an export without action lines runs the spec's own
// priority list (as SimulationCraft does) and says so.
import { readFileSync } from 'node:fs';
import { encodeChunkPartial } from '@simforge/common';
import { describe, expect, it } from 'vitest';
import { createSimulation, DEFAULT_SPEC_REGISTRY, parseProfile, requiredGameData } from '../src/index.ts';
import { fixtureBundle } from './support/fixture-bundle.ts';

const PROFILE = readFileSync(new URL('../profiles/beast-mastery.simc', import.meta.url), 'utf8');
const withoutActions = PROFILE.split('\n')
  .filter((l) => !l.startsWith('actions') && !l.startsWith('# Single target') && !l.startsWith('# Cleave'))
  .join('\n');

describe('addon export lines', () => {
  it('accepts consumables with a warning at each line', () => {
    const consumables = [
      'potion=tempered_potion_3',
      'flask=flask_of_alchemical_chaos_3',
      'food=feast_of_the_divine_day',
      'augmentation=crystallized',
      'temporary_enchant=main_hand:algari_mana_oil_3',
    ];
    const parsed = parseProfile(`${PROFILE}\n${consumables.join('\n')}\n`);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const first = PROFILE.split('\n').length + 1;
    expect(parsed.warnings).toEqual(
      consumables.map((line, i) => ({
        line: first + i,
        column: 1,
        message: `${line}: not simulated yet (the sim runs without it)`,
      })),
    );
  });

  it('accepts potions, trinkets, racials and external buffs in action lists, each with a warning', () => {
    const lines = [
      'actions.precombat+=/use_item,name=algethar_puzzle_box',
      'actions.cds=invoke_external_buff,name=power_infusion,if=buff.bestial_wrath.up|fight_remains<16',
      'actions.cds+=/berserking,if=cooldown.bestial_wrath.ready|fight_remains<13',
      'actions.cds+=/potion,if=cooldown.bestial_wrath.ready|fight_remains<31',
      'actions.trinkets=use_item,name=light_company_guidon,if=this_trinket.has_use_buff',
      'actions+=/call_action_list,name=cds',
      'actions+=/call_action_list,name=trinkets',
    ];
    const parsed = parseProfile(`${PROFILE}\n${lines.join('\n')}\n`);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const first = PROFILE.split('\n').length + 1;
    expect(parsed.warnings.map((w) => [w.line - first, w.column, w.message])).toEqual([
      [0, 21, 'use_item: not simulated yet (the action is skipped)'],
      [1, 13, 'invoke_external_buff: not simulated yet (the action is skipped)'],
      [2, 15, 'berserking: not simulated yet (the action is skipped)'],
      [3, 15, 'potion: not simulated yet (the action is skipped)'],
      [4, 18, 'use_item: not simulated yet (the action is skipped)'],
    ]);
    expect(parsed.profile.actionLists.cds).toEqual([]);
    // Such a profile simulates, skipping those actions.
    return fixtureBundle(requiredGameData(parsed.profile)).then((bundle) => {
      const result = createSimulation(parsed.profile, bundle).runIterations(0, 2, 3);
      expect(result.abilities.find((a) => a.spellId === 34026)!.executes).toBeGreaterThan(0);
    });
  });

  it('refuses a default list whose every action is skipped, at that list', () => {
    const parsed = parseProfile('hunter="t"\nspec=beast_mastery\nactions=potion/berserking\n');
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toMatchObject([{ code: 'SF_PROFILE_EMPTY_APL', line: 3, column: 9 }]);
  });

  it('reads target_if= (several-targets-and-target-if.test.ts pins what it does)', () => {
    const parsed = parseProfile(
      PROFILE.replace(
        'actions.st=barbed_shot,',
        'actions.st=barbed_shot,target_if=min:dot.barbed_shot.remains|max_prio_damage,',
      ),
    );
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    expect(parsed.warnings).toEqual([]);
    expect(parsed.profile.actionLists.st![0]!.targetIf).toMatchObject({
      mode: 'min',
      text: 'dot.barbed_shot.remains|max_prio_damage',
    });
    expect(parsed.profile.actionLists.st![0]!.condition?.text).toMatch(/^pet\.main\.buff\.frenzy\.up/);
  });

  it('runs the spec’s own priority list for a profile without action lines, and says so', async () => {
    const parsed = parseProfile(withoutActions);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    // At the class line (line 3), as are the list's entries: nothing points at a line of the
    // player's text that does not hold them.
    expect(parsed.warnings).toEqual([
      {
        line: 3,
        column: 1,
        message: "no action lines: beast_mastery's default priority list is used (docs/engine.md)",
      },
    ]);
    for (const list of Object.values(parsed.profile.actionLists))
      for (const entry of list) expect(entry.pos.line).toBe(3);
    const full = parseProfile(PROFILE);
    if (!full.ok) throw new Error('default profile');
    const names = (lists: typeof full.profile.actionLists) =>
      Object.fromEntries(Object.entries(lists).map(([k, v]) => [k, v.map((e) => e.name)]));
    expect(names(parsed.profile.actionLists)).toEqual(names(full.profile.actionLists));
    // The same fight, the same seed: the same numbers as the default profile's own lines.
    const bundle = await fixtureBundle(requiredGameData(full.profile));
    const run = (p: typeof full.profile) =>
      Buffer.from(encodeChunkPartial(createSimulation(p, bundle).runIterations(0, 20, 5)));
    expect(run(parsed.profile)).toEqual(run(full.profile));
  });

  it('the default profile carries the spec’s default list, line for line', () => {
    const own = PROFILE.split('\n').filter((l) => l.startsWith('actions'));
    const spec = DEFAULT_SPEC_REGISTRY.find('hunter', 'beast_mastery');
    expect(own).toEqual(spec?.defaultActions?.trim().split('\n'));
  });
});
