// The reference a distributed job must match byte for byte: `simforge sim` itself, run as a
// process on the same profile, seed and iterations (two threads), which prints the SHA-256 of
// the result_pb it would store.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compiledApp } from './compiled-apps.ts';
import { GAMEDATA_DIRS } from './test-profiles.ts';

export interface SimRun {
  code: number | null;
  out: string;
  err: string;
}

/** Runs `simforge sim` as a process on `profile` (two threads unless `args` say, the test game data). */
export async function runSimforgeSim(profile: string, args: string[]): Promise<SimRun> {
  const dir = await mkdtemp(join(tmpdir(), 'simforge-sim-ref-'));
  try {
    const path = join(dir, 'profile.simc');
    await writeFile(path, profile);
    const { command, args: argv } = compiledApp('simforge', [
      'sim',
      path,
      ...args,
      ...(args.includes('--threads') ? [] : ['--threads', '2']),
      '--gamedata',
      GAMEDATA_DIRS[0]!,
    ]);
    const child = spawn(command, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      err += c.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    return { code, out, err };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function simforgeSimSha256(profile: string, iterations: number, seed: number): Promise<string> {
  const { code, out, err } = await runSimforgeSim(profile, [
    '--iterations',
    String(iterations),
    '--seed',
    String(seed),
  ]);
  const digest = /result sha256: ([0-9a-f]{64})/.exec(out);
  if (code !== 0 || !digest) throw new Error(`simforge sim exited ${code}:\n${out}\n${err}`);
  return digest[1]!;
}
