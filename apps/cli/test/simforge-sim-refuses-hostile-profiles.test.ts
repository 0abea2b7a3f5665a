// Hostile profile files get the engine's clear, line-numbered refusal from `simforge sim`, quickly
// and with the invalid-profile exit code, never a stack trace: a NUL byte, an unpaired surrogate
// (written as the bytes a broken editor leaves), a 10 MB file and lists nested thousands deep.
import { describe, expect, it } from 'vitest';
import { CLI_EXIT } from '../src/cli-errors.ts';
import { runSimforgeSim } from './support/simforge-sim.ts';
import { shortFightProfile } from './support/test-profiles.ts';

describe('simforge sim refuses hostile profiles', () => {
  it('names the line and column of a NUL character', async () => {
    const profile = `${shortFightProfile(30)}# saved by a bot\u0000\n`;
    const line = profile.split('\n').length - 1;
    const run = await runSimforgeSim(profile, ['--iterations', '10']);
    expect(run.code).toBe(CLI_EXIT.invalidProfile);
    expect(run.err).toContain(
      `line ${line}, column 17: SF_PROFILE_BAD_CHARACTER: the control character U+0000`,
    );
    expect(run.err).not.toMatch(/\n\s+at /);
  });

  it('refuses a 10 MB file at once, with its size and the limit', async () => {
    const profile = `${shortFightProfile(30)}${'# padding padding padding padding padding padding\n'.repeat(210_000)}`;
    const run = await runSimforgeSim(profile, ['--iterations', '10']);
    expect(run.code).toBe(CLI_EXIT.invalidProfile);
    expect(run.err).toMatch(
      /line 1, column 1: SF_PROFILE_TOO_LARGE: the profile is [\d,]+ bytes; at most 1,048,576 are read/,
    );
  });

  it('refuses lists nested thousands deep at the call that goes too deep', async () => {
    const chain = Array.from({ length: 5000 }, (_, i) => `actions.l${i}=call_action_list,name=l${i + 1}`);
    const profile = `${shortFightProfile(30)}actions+=/call_action_list,name=l0\n${chain.join('\n')}\nactions.l5000=kill_command\n`;
    const run = await runSimforgeSim(profile, ['--iterations', '10']);
    expect(run.code).toBe(CLI_EXIT.invalidProfile);
    expect(run.err).toMatch(/SF_PROFILE_ACTION_LIST_TOO_DEEP|nest deeper than simforge runs/);
  });
});
