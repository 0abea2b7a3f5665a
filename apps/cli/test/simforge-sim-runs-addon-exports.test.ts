// Exports in the SimulationCraft addon's own format (packages/engine/profiles/examples: a
// level-90 Beast Mastery hunter of each hero tree, every gear slot with bonus, gem and enchant
// ids, consumables, saved loadouts, bags and checksum) run in `simforge sim` as pasted, with each
// line the engine does not simulate listed as a warning at its line, never an error.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CLI_EXIT } from '../src/cli-errors.ts';
import { runSimforgeSim } from './support/simforge-sim.ts';

const example = (name: string) =>
  readFileSync(
    fileURLToPath(new URL(`../../../packages/engine/profiles/examples/${name}`, import.meta.url)),
    'utf8',
  );

const lineOf = (text: string, prefix: string) => text.split('\n').findIndex((l) => l.startsWith(prefix)) + 1;

describe.each([
  ['addon-export-pack-leader.simc', 'Pack Leader'],
  ['addon-export-dark-ranger.simc', 'Dark Ranger'],
])('simforge sim on %s', (file, heroTree) => {
  it(`runs as exported, on ${heroTree}, listing what it does not simulate`, async () => {
    const text = example(file);
    const run = await runSimforgeSim(text, ['--iterations', '200', '--seed', '3']);
    expect(run.code, run.err).toBe(CLI_EXIT.ok);
    expect(run.out).toContain(`hero tree: ${heroTree}`);
    // The header: who, in what fight, with which raid (item level unknown: the data lacks the items).
    expect(run.out).toMatch(/character: \w+, [a-z ]+, level 90 beast mastery, item level unknown/);
    expect(run.out).toContain('fight: Patchwerk, 1 target, 300 s');
    expect(run.out).toContain('raid: Battle Shout, Mystic Touch, Chaos Brand, Bloodlust');
    expect(run.out).toMatch(/DPS: [\d,]+\.\d/);
    const warned = (prefix: string, message: string) =>
      expect(run.err).toMatch(new RegExp(`line ${lineOf(text, prefix)}, column \\d+: warning: ${message}`));
    warned('hunter=', "no action lines: beast_mastery's default priority list is used");
    warned('potion=', 'potion=lights_potential_2: not simulated yet');
    warned('temporary_enchant=', 'temporary_enchant=.*not simulated yet');
    // The shipped data has no Item table: each item adds nothing and the gear_* lines carry the stats.
    warned(
      'head=',
      'item 249988 is not in the game data: it adds nothing, your gear_\\* lines carry the stats',
    );
    const itemLines = text.split('\n').filter((l) => /^[a-z_0-9]+=,id=\d+/.test(l)).length;
    expect(itemLines).toBe(15);
    expect(run.err.match(/is not in the game data: it adds nothing/g)).toHaveLength(itemLines);
    warned('waist=', '`crafted_stats=` is not simulated');
    warned('main_hand=', 'no main_hand weapon: bow_3.00speed_420min_640max is used');
    expect(run.err).not.toMatch(/error/i);
  });
});
