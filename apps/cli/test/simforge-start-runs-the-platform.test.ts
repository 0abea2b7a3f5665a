// `simforge start` as a newcomer runs it (`npm start`): one process with embedded PGlite, the
// sentinel and the studio, two real node processes linked automatically; then `simforge
// submit` and `simforge nodes claim` as separate processes through its control API, and a
// clean stop on Ctrl-C (SIGINT).
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@simforge/db/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI_EXIT } from '../src/cli-errors.ts';
import { compiledApp } from './support/compiled-apps.ts';
import { simforgeSimSha256 } from './support/simforge-sim.ts';
import { shortFightProfile } from './support/test-profiles.ts';

function simforge(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const { command, args: argv } = compiledApp('simforge', args);
  const result = spawnSync(command, argv, {
    cwd,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The pid of the child of `parent` whose command line holds `needle` (Linux /proc). */
function childPid(parent: number, needle: string): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (ppid === parent && cmdline.includes(needle)) return Number(entry);
    } catch {
      // The process ended while we looked.
    }
  }
  return undefined;
}

describe('simforge start', () => {
  let dir: string;
  let start: ChildProcess | undefined;
  afterAll(async () => {
    if (start && start.exitCode === null) start.kill('SIGKILL');
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('runs the platform, links two nodes, serves submit and nodes claim, and stops on SIGINT', async () => {
    dir = await mkdtemp(join(tmpdir(), 'simforge-start-'));
    const dataDir = join(dir, '.simforge');
    const [sentinelPort, studioPort] = [await freePort(), await freePort()];
    const { command, args } = compiledApp('simforge', [
      'start',
      '--sentinel-port',
      String(sentinelPort),
      '--studio-port',
      String(studioPort),
    ]);
    // The sentinel's own variables reach the sentinel simforge start runs.
    const env = { ...process.env, SENTINEL_LEASE_MS: '45000' };
    start = spawn(command, args, { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    start.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
    });
    start.stderr!.on('data', (c: Buffer) => {
      out += c.toString();
    });
    const exited = new Promise<number | null>((resolve) => start!.once('exit', resolve));
    const deadline = Date.now() + 240_000;
    const waitFor = async (text: string | RegExp) => {
      while (typeof text === 'string' ? !out.includes(text) : !text.test(out)) {
        if (Date.now() > deadline || start!.exitCode !== null)
          throw new Error(`simforge start never printed ${text}:\n${out}`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    };
    await waitFor('2 of 2 local nodes linked');
    expect(out).toContain(`http://127.0.0.1:${sentinelPort}`);
    expect(out).toContain(`http://127.0.0.1:${studioPort}`);
    expect((await fetch(`http://127.0.0.1:${sentinelPort}/status`)).status).toBe(200);
    const nodeLog = await readFile(join(dataDir, 'logs', 'local-1.log'), 'utf8');
    expect(nodeLog).toMatch(/"event":"registered".*"leaseMs":45000/);
    expect((await fetch(`http://127.0.0.1:${studioPort}/`)).status).toBe(200);
    for (const secret of ['control.json', 'local-user.json', 'nodes/local-1/node-key.pem']) {
      expect(statSync(join(dataDir, secret)).mode & 0o777, secret).toBe(0o600);
    }

    // A local node that dies is reported and restarted with its key, so it comes back linked.
    const victim = childPid(start.pid!, 'local-2');
    expect(victim, 'the local-2 node process').toBeDefined();
    process.kill(victim!, 'SIGKILL');
    await waitFor(/node local-2 exited \(SIGKILL\); restarting it in 1 s \(log: .*local-2\.log\)/);
    await waitFor(/node local-2 is back \(pid \d+\)/);
    expect(childPid(start.pid!, 'local-2')).not.toBe(victim);

    await writeFile(join(dir, 'short.simc'), shortFightProfile(20));
    const submitted = simforge(['submit', 'short.simc', '--iterations', '3000', '--seed', '5'], dir);
    expect(submitted.status, submitted.stderr).toBe(CLI_EXIT.ok);
    expect(submitted.stdout).toMatch(/DPS\s+[\d,]+\.\d/);
    expect(submitted.stdout).toMatch(/iterations 3,000/);
    // The digest simforge sim prints for the same profile, seed and iterations.
    expect(submitted.stdout).toContain(
      `result sha256: ${await simforgeSimSha256(shortFightProfile(20), 3000, 5)}`,
    );
    const tooMany = simforge(['submit', 'short.simc', '--iterations', '20000000'], dir);
    expect(tooMany.status).toBe(CLI_EXIT.usage);
    expect(tooMany.stderr).toMatch(/--iterations: '20000000' is out of range/);

    await writeFile(join(dir, 'broken.simc'), 'hunter="broken"\nspec=beast_mastery\nmax_time=banana\n');
    const refused = simforge(['submit', 'broken.simc'], dir);
    expect(refused.status).toBe(CLI_EXIT.invalidProfile);
    expect(refused.stderr).toMatch(/broken\.simc:3:\d+:/);
    // Checked against the imported game data too, as the nodes would: an item the data lacks
    // (and no gear_* lines to carry its stats) is refused before any job exists.
    const withItem = shortFightProfile(20)
      .replace(/^gear_.*$/gm, '')
      .concat('head=,id=212345\n');
    await writeFile(join(dir, 'unknown-item.simc'), withItem);
    const unknownItem = simforge(['submit', 'unknown-item.simc'], dir);
    expect(unknownItem.status, unknownItem.stderr).toBe(CLI_EXIT.invalidProfile);
    const itemLine = withItem.split('\n').findIndex((l) => l.startsWith('head=')) + 1;
    expect(unknownItem.stderr).toContain(`unknown-item.simc:${itemLine}:10: item 212345 is not in patch`);
    expect(unknownItem.stderr).toContain('[SF_PROFILE_UNKNOWN_ITEM]');

    const unknownCode = simforge(['nodes', 'claim', 'ZZZZ-ZZZZ'], dir);
    expect(unknownCode.status).toBe(CLI_EXIT.badInput);

    start.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(out).toContain('simforge: stopped');
    expect(existsSync(join(dataDir, 'control.json'))).toBe(false);
    for (const name of ['local-1', 'local-2']) {
      expect(await readFile(join(dataDir, 'logs', `${name}.log`), 'utf8')).toContain(
        '"event":"node_stopped"',
      );
    }
    const afterStop = simforge(['submit', 'short.simc'], dir);
    expect(afterStop.status).toBe(CLI_EXIT.unavailable);
  }, 300_000);
});
