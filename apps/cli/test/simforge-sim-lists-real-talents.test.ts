// A player's real talent export (the live tree 774, with a hero tree) runs in `simforge sim`,
// which says what it chose: the hero tree, every selected talent, and the ones the engine does
// not simulate yet by name. An export the game would refuse is refused at its node.
import { SIMC_MID1_BM_TALENTS } from '@simforge/engine/testing';
import { describe, expect, it } from 'vitest';
import { CLI_EXIT } from '../src/cli-errors.ts';
import { runSimforgeSim } from './support/simforge-sim.ts';
import { shortFightProfile } from './support/test-profiles.ts';

const withTalents = (talents: string) => shortFightProfile(30).replace(/^talents=.*$/m, `talents=${talents}`);

describe('simforge sim with a real talent export', () => {
  it('prints the hero tree, the chosen talents, the unmodelled ones by name, and a result', async () => {
    const run = await runSimforgeSim(withTalents(SIMC_MID1_BM_TALENTS), [
      '--iterations',
      '50',
      '--seed',
      '7',
    ]);
    expect(run.code, run.err).toBe(CLI_EXIT.ok);
    expect(run.out).toContain('hero tree: Pack Leader');
    expect(run.out).toMatch(/spec talents: .*Kill Command.*Barbed Shot/);
    // Howl of the Pack Leader is simulated (no star); Hogstrider is not yet.
    expect(run.out).toMatch(/hero talents: .*Howl of the Pack Leader(,|\n)/);
    expect(run.out).toMatch(/hero talents: .*Hogstrider\*/);
    expect(run.out).toMatch(/\* not modelled yet \(\d+; the sim runs without them\): .*Hogstrider/);
    expect(run.out).toMatch(/DPS: [\d,]+\.\d/);
    expect(run.out).toMatch(/result sha256: [0-9a-f]{64}/);

    const json = await runSimforgeSim(withTalents(SIMC_MID1_BM_TALENTS), [
      '--iterations',
      '50',
      '--seed',
      '7',
      '--json',
    ]);
    const view = JSON.parse(json.out) as { talents: { heroTree: string; notModelled: string[] } };
    expect(view.talents.heroTree).toBe('Pack Leader');
    expect(view.talents.notModelled).toContain('Hogstrider');
    expect(view.talents.notModelled).not.toContain('Howl of the Pack Leader');
  });

  it('refuses a string the game would refuse, naming the node and the reason', async () => {
    // The same build cut short: the last hero and spec records are gone.
    const run = await runSimforgeSim(withTalents(SIMC_MID1_BM_TALENTS.slice(0, 70)), ['--iterations', '10']);
    expect(run.code).toBe(CLI_EXIT.invalidProfile);
    expect(run.err).toMatch(/line \d+, column \d+: .*ends before all 211 talent nodes/);
  });
});
