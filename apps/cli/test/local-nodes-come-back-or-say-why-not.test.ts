// simforge start's local nodes under a supervisor: a node that keeps exiting is restarted with
// a growing delay, then left stopped with a line saying so; stopping during a pending restart
// starts nothing more. The node processes are real: one started with --max-parallel 0 exits at
// once with its usage error (exit code 2), as a broken install would.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startLocalNodes } from '../src/local-nodes.ts';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function crashingNodes(restart: { firstDelayMs: number; maxExits: number }) {
  const dataDir = await mkdtemp(join(tmpdir(), 'simforge-local-nodes-'));
  dirs.push(dataDir);
  const lines: string[] = [];
  const nodes = await startLocalNodes({
    count: 1,
    maxParallel: 0,
    sentinelUrl: 'http://127.0.0.1:9',
    dataDir,
    claim: async () => null,
    say: (line) => lines.push(line),
    env: process.env,
    restart: { ...restart, maxDelayMs: 60_000, windowMs: 60_000 },
  });
  return { nodes, lines, dataDir };
}

async function until(what: () => boolean, message: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!what()) {
    if (Date.now() > deadline) throw new Error(message());
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('local nodes', () => {
  it('restart a node that exits, with a growing delay, then leave it stopped and say so', async () => {
    const { nodes, lines, dataDir } = await crashingNodes({ firstDelayMs: 20, maxExits: 3 });
    await expect(nodes.nodes[0]!.linked).rejects.toThrow(/local-1 exited \(code 2\)/);
    expect(lines).toEqual([
      expect.stringMatching(
        /^simforge: node local-1 exited \(code 2\); restarting it in 20 ms \(log: .*local-1\.log\)$/,
      ),
      expect.stringMatching(/^simforge: node local-1 exited \(code 2\); restarting it in 40 ms /),
      expect.stringMatching(
        /^simforge: node local-1 exited \(code 2\) 3 times in 1 min; left stopped, see .*local-1\.log$/,
      ),
    ]);
    await nodes.stop(1_000);
    // Each process's own words are in the log.
    const log = await readFile(join(dataDir, 'logs', 'local-1.log'), 'utf8');
    expect(log.match(/--max-parallel must be a positive integer/g)).toHaveLength(3);
  }, 90_000);

  it('start nothing more once stopped, even with a restart pending', async () => {
    const { nodes, lines } = await crashingNodes({ firstDelayMs: 60_000, maxExits: 5 });
    await until(
      () => lines.some((l) => l.includes('restarting it in 60 s')),
      () => `no restart line: ${lines.join('\n')}`,
    );
    const first = nodes.nodes[0]!.child;
    await nodes.stop(1_000);
    await expect(nodes.nodes[0]!.linked).rejects.toThrow(/stopped before it linked/);
    expect(nodes.nodes[0]!.child).toBe(first);
    expect(lines).toHaveLength(1);
  }, 90_000);
});
