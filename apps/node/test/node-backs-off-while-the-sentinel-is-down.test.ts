// A real node process (the compiled one a volunteer runs) started while no sentinel listens: it logs each failed attempt with a
// growing, jittered delay instead of hammering, keeps its key file private, and still stops
// cleanly (exit 0) on SIGTERM.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { freePort } from '@simforge/db/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { compiledApp } from '../../cli/test/support/compiled-apps.ts';
import { NODE_KEY_FILE } from '../src/node-key.ts';

describe('a node without a sentinel', () => {
  let dir: string | undefined;
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('backs off with growing delays and exits 0 on SIGTERM', async () => {
    dir = await mkdtemp(join(tmpdir(), 'simforge-node-backoff-'));
    const { command, args } = compiledApp('simforge-node', ['--name', 'lonely', '--max-parallel', '1']);
    const child = spawn(command, args, {
      env: {
        ...process.env,
        SIMFORGE_SENTINEL_URL: `http://127.0.0.1:${await freePort()}`,
        SIMFORGE_NODE_CONFIG_DIR: join(dir, 'config'),
        SIMFORGE_NODE_CACHE_DIR: join(dir, 'cache'),
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const delays: number[] = [];
    const lines: Record<string, unknown>[] = [];
    const threeFailures = new Promise<void>((resolve) => {
      createInterface({ input: child.stderr! }).on('line', (line) => {
        const event = JSON.parse(line) as Record<string, unknown>;
        lines.push(event);
        if (event.event === 'sentinel_unavailable') delays.push(Number(event.retryInMs));
        if (delays.length === 3) resolve();
      });
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    await threeFailures;
    expect(lines[0]).toMatchObject({ event: 'key_created', node: 'lonely' });
    expect((await stat(join(dir, 'config', NODE_KEY_FILE))).mode & 0o777).toBe(0o600);
    // Full jitter inside a doubling ceiling: 0.25-0.5 s, 0.25-1 s, 0.25-2 s.
    expect(delays[0]).toBeGreaterThanOrEqual(250);
    expect(delays[0]).toBeLessThanOrEqual(500);
    expect(delays[1]).toBeLessThanOrEqual(1_000);
    expect(delays[2]).toBeLessThanOrEqual(2_000);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(lines.some((l) => l.event === 'node_stopped')).toBe(true);
  }, 30_000);
});
