// `simforge weights`: stat weights from paired runs (the profile and one variant per stat, +delta
// points, on the same seeds), normalised to agility, with a Pawn string; a bad delta is a usage
// error.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_EXIT } from '../src/cli-errors.ts';
import { compiledApp } from './support/compiled-apps.ts';
import { GAMEDATA_DIRS, shortFightProfile } from './support/test-profiles.ts';

describe('simforge weights', () => {
  let dir: string;
  let profile: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'simforge-weights-'));
    profile = join(dir, 'short.simc');
    await writeFile(profile, shortFightProfile(60));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  const weights = (args: string[]) => {
    const { command, args: argv } = compiledApp('simforge', [
      'weights',
      profile,
      ...args,
      '--gamedata',
      GAMEDATA_DIRS[0]!,
    ]);
    return spawnSync(command, argv, { encoding: 'utf8', timeout: 180_000 });
  };

  it('gives each stat its DPS per point with a paired error, normalised, and a Pawn string', () => {
    const run = weights(['--iterations', '300', '--seed', '4', '--threads', '2', '--json']);
    expect(run.status, run.stderr).toBe(CLI_EXIT.ok);
    const out = JSON.parse(run.stdout) as {
      delta: number;
      iterations: number;
      weights: { stat: string; delta: number; perPoint: number; error: number; normalised: number }[];
      pawn: string;
    };
    expect(out.delta).toBe(500);
    expect(out.iterations).toBe(300);
    expect(out.weights.map((w) => w.stat)).toEqual([
      'Agility',
      'Critical Strike',
      'Haste',
      'Mastery',
      'Versatility',
      'Weapon DPS',
    ]);
    expect(out.weights[0]!.normalised).toBe(1);
    // The default bow's damage raised by 20 DPS (500 / 25).
    expect(out.weights.map((w) => w.delta)).toEqual([500, 500, 500, 500, 500, 20]);
    for (const w of out.weights) {
      expect(w.perPoint, w.stat).toBeGreaterThan(0);
      // Paired: the error is a small part of the weight.
      expect(w.error, w.stat).toBeLessThan(w.perPoint / 4);
    }
    expect(out.pawn).toMatch(
      /^\( Pawn: v1: "simforge [^"]+": Class=Hunter, Spec=BeastMastery, Agility=1\.00, CritRating=\d\.\d\d, HasteRating=\d\.\d\d, MasteryRating=\d\.\d\d, Versatility=\d\.\d\d, Dps=\d+\.\d\d \)$/,
    );
  }, 200_000);

  it('refuses a delta that is not a positive integer', () => {
    for (const delta of ['0', '-5', '2.5', 'lots']) {
      const run = weights([`--delta=${delta}`]);
      expect(run.status, delta).toBe(CLI_EXIT.usage);
      expect(run.stderr).toMatch(/--delta: .* is not an integer from 1 to 100000/);
    }
  });
});
