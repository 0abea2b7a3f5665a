// `simforge sim` on a profile with profilesets: the base and every variant on the same seeds,
// a ranked table of each variant's difference to the base with its paired error, the variants
// in result_pb (so the digest covers them), the same bytes on one thread or two, and the
// refusals a comparison needs.
import { describe, expect, it } from 'vitest';
import { CLI_EXIT } from '../src/cli-errors.ts';
import { runSimforgeSim } from './support/simforge-sim.ts';
import { RACED_PROFILE as RACE, shortFightProfile } from './support/test-profiles.ts';

const PROFILE = `${shortFightProfile(60).trimEnd()}
profileset.same+=gear_agility=2400
profileset."+10% agility"+=gear_agility=2640
profileset."less crit"+=gear_crit_rating=400
`;

const digestOf = (out: string) => /result sha256: ([0-9a-f]{64})/.exec(out)?.[1];

describe('simforge sim with profilesets', () => {
  it('ranks each variant by its paired difference to the base, the same on one thread or two', async () => {
    const one = await runSimforgeSim(PROFILE, ['--iterations', '600', '--seed', '9', '--threads', '1']);
    expect(one.code, one.err).toBe(CLI_EXIT.ok);
    const table = one.out.slice(one.out.indexOf('profilesets: 3'));
    expect(table).toMatch(/profilesets: 3, each on the base's 600 seeds/);
    const rows = table
      .split('\n')
      .slice(2, 5)
      .map((row) => row.trim().split(/\s{2,}/)[0]);
    expect(rows).toEqual(['+10% agility', 'same', 'less crit']);
    // An identical variant: a difference of exactly 0 with error 0.
    expect(table).toMatch(/same\s+[\d,.]+\s+[\d.]+\s+\+0\.0\s+0\.0\s+\+0\.00%/);
    expect(table).toMatch(/less crit\s+[\d,.]+\s+[\d.]+\s+-[\d,.]+\s+[\d.]+\s+-[\d.]+%/);
    const two = await runSimforgeSim(PROFILE, ['--iterations', '600', '--seed', '9', '--threads', '2']);
    expect(two.code, two.err).toBe(CLI_EXIT.ok);
    expect(digestOf(two.out)).toBe(digestOf(one.out));
    // Without the variants the digest is the base's alone.
    const base = await runSimforgeSim(shortFightProfile(60), ['--iterations', '600', '--seed', '9']);
    expect(digestOf(base.out)).not.toBe(digestOf(one.out));
  }, 180_000);

  it('races variants to a target error: the ones behind stop at a stage end, the same on one thread or two', async () => {
    const one = await runSimforgeSim(RACE, ['--seed', '31', '--threads', '1']);
    expect(one.code, one.err).toBe(CLI_EXIT.ok);
    const table = one.out.slice(one.out.indexOf('profilesets: 6'));
    expect(table).toMatch(/profilesets: 6, raced on the base's seeds \(up to 8,008\)/);
    const rows = Object.fromEntries(
      table
        .split('\n')
        .slice(2, 8)
        .map((row) => {
          const cells = row.trim().split(/\s{2,}/);
          return [cells[0], { iterations: cells[6], stopped: cells[7] ?? null }];
        }),
    );
    // Stages of 1,001 iterations doubling; the winner runs until its difference is known to
    // the target (0.04% of the base's DPS), the others stop behind it where they are clearly worse.
    expect(rows).toEqual({
      'crit +60': { iterations: '8,008', stopped: null },
      'mastery +60': { iterations: '4,004', stopped: 'behind crit +60' },
      'haste +30': { iterations: '1,001', stopped: 'behind crit +60' },
      same: { iterations: '1,001', stopped: 'behind crit +60' },
      'haste +90': { iterations: '1,001', stopped: 'behind crit +60' },
      'vers -60': { iterations: '1,001', stopped: 'behind crit +60' },
    });
    const two = await runSimforgeSim(RACE, ['--seed', '31', '--threads', '2']);
    expect(two.code, two.err).toBe(CLI_EXIT.ok);
    expect(digestOf(two.out)).toBe(digestOf(one.out));
  }, 180_000);

  it('refuses a comparison it cannot run, with a clear error', async () => {
    const otherClass = await runSimforgeSim(`${PROFILE}profileset.mage+=mage="Jaina"\n`, [
      '--iterations',
      '10',
    ]);
    expect(otherClass.code).toBe(CLI_EXIT.invalidProfile);
    expect(otherClass.err).toMatch(/line \d+, column 18: SF_PROFILE_PROFILESET_CHANGES_CLASS: .mage./);
  }, 120_000);
});
