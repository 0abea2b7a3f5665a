// Real `simforge-node` processes for the end-to-end tests: the compiled node, as `simforge
// start` and volunteers run it, their structured log parsed line by line so a test can wait for an
// event (`linked`, `chunk_completed`) instead of sleeping.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { nodeCommand } from '@simforge/node';
import { compiledApp } from './compiled-apps.ts';

export type NodeEvent = Record<string, unknown> & { event: string };

/** A real node process whose worker misbehaves as SIMFORGE_TEST_WORKER says (fixtures/). */
export const MISBEHAVING_NODE = new URL('../fixtures/misbehaving-node-main.ts', import.meta.url);

export interface TestNode {
  name: string;
  child: ChildProcess;
  events: NodeEvent[];
  /** The first event (past or future) named `event` that matches. */
  waitFor(event: string, match?: (e: NodeEvent) => boolean, timeoutMs?: number): Promise<NodeEvent>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Kills (default SIGTERM) and waits for the exit; a no-op once exited. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  dir: string;
}

export interface SpawnNodeOptions {
  name: string;
  sentinelUrl: string;
  maxParallel?: number;
  /** A node entry other than apps/node/src/main.ts (a misbehaving fixture node). */
  entry?: URL;
  /** Reuse a config dir (same key) instead of a fresh temp dir. */
  dir?: string;
  env?: NodeJS.ProcessEnv;
}

const dirs: string[] = [];

export async function spawnNode(options: SpawnNodeOptions): Promise<TestNode> {
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), `simforge-${options.name}-`)));
  if (!options.dir) dirs.push(dir);
  const nodeArgs = ['--name', options.name, '--max-parallel', String(options.maxParallel ?? 1)];
  // The compiled node, as volunteers run it; a misbehaving fixture node runs from its source.
  const { command, args } = options.entry
    ? nodeCommand(nodeArgs, options.entry)
    : compiledApp('simforge-node', nodeArgs);
  const child = spawn(command, args, {
    env: {
      ...process.env,
      ...options.env,
      SIMFORGE_SENTINEL_URL: options.sentinelUrl,
      SIMFORGE_NODE_CONFIG_DIR: join(dir, 'config'),
      SIMFORGE_NODE_CACHE_DIR: join(dir, 'cache'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const events: NodeEvent[] = [];
  const waiters: { event: string; match: (e: NodeEvent) => boolean; resolve: (e: NodeEvent) => void }[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  createInterface({ input: child.stderr! }).on('line', (line) => {
    let parsed: NodeEvent;
    try {
      parsed = JSON.parse(line) as NodeEvent;
    } catch {
      events.push({ event: 'stderr_text', text: line });
      return;
    }
    events.push(parsed);
    for (const waiter of [...waiters]) {
      if (waiter.event === parsed.event && waiter.match(parsed)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(parsed);
      }
    }
  });
  child.stdout!.resume();
  return {
    name: options.name,
    child,
    events,
    dir,
    exited,
    waitFor(event, match = () => true, timeoutMs = 60_000) {
      const seen = events.find((e) => e.event === event && match(e));
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          const tail = events.slice(-8).map((e) => JSON.stringify(e));
          reject(
            new Error(
              `node ${options.name}: no '${event}' within ${timeoutMs} ms; last lines:\n${tail.join('\n')}`,
            ),
          );
        }, timeoutMs);
        const onExit = exited.then(({ code, signal }) => {
          clearTimeout(timer);
          const tail = events.slice(-8).map((e) => JSON.stringify(e));
          reject(
            new Error(
              `node ${options.name} exited (${signal ?? code}) before '${event}':\n${tail.join('\n')}`,
            ),
          );
        });
        void onExit;
        waiters.push({
          event,
          match,
          resolve: (e) => {
            clearTimeout(timer);
            resolve(e);
          },
        });
      });
    },
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Removes the temp dirs of every node spawned so far (call in afterAll). */
export async function removeNodeDirs(): Promise<void> {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
}
