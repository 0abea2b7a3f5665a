// The local compute nodes of `simforge start`: real `simforge-node` processes talking to the
// sentinel over HTTP, exactly as a volunteer's machine would. Each gets its own key directory,
// and its claim code is read from its structured log and claimed for the local user, so a
// newcomer never has to copy a code by hand.
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { nodeCommand } from '@simforge/node';
import type { ClaimedNode } from './node-links.ts';

export interface LocalNodesOptions {
  count: number;
  maxParallel: number;
  sentinelUrl: string;
  dataDir: string;
  claim: (code: string) => Promise<ClaimedNode | null>;
  /** One human line of progress for the terminal. */
  say: (line: string) => void;
  env: NodeJS.ProcessEnv;
}

export interface LocalNode {
  name: string;
  child: ChildProcess;
  /** Resolves once the node reports it is linked and claiming. */
  linked: Promise<void>;
}

export interface LocalNodes {
  nodes: LocalNode[];
  /** SIGTERM every node (they release their chunks), SIGKILL after `graceMs`. */
  stop(graceMs: number): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

async function startOne(options: LocalNodesOptions, name: string): Promise<LocalNode> {
  const configDir = join(options.dataDir, 'nodes', name);
  const logPath = join(options.dataDir, 'logs', `${name}.log`);
  await mkdir(join(options.dataDir, 'logs'), { recursive: true });
  const { command, args } = nodeCommand(['--name', name, '--max-parallel', String(options.maxParallel)]);
  const child = spawn(command, args, {
    env: {
      ...options.env,
      SIMFORGE_SENTINEL_URL: options.sentinelUrl,
      SIMFORGE_NODE_CONFIG_DIR: configDir,
      SIMFORGE_NODE_CACHE_DIR: join(options.dataDir, 'cache'),
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const logFile = createWriteStream(logPath, { flags: 'a' });
  let resolveLinked!: () => void;
  let rejectLinked!: (err: Error) => void;
  const linked = new Promise<void>((resolve, reject) => {
    resolveLinked = resolve;
    rejectLinked = reject;
  });
  // A node that dies before linking would otherwise leave `linked` pending forever.
  linked.catch(() => undefined);
  child.once('exit', (code, signal) => {
    rejectLinked(new Error(`node ${name} exited (${signal ?? `code ${code}`}); see ${logPath}`));
    logFile.end();
  });
  const lines = createInterface({ input: child.stderr! });
  lines.on('line', (line) => {
    logFile.write(`${line}\n`);
    let event: { event?: unknown; claimCode?: unknown; level?: unknown; error?: unknown };
    try {
      event = JSON.parse(line);
    } catch {
      return;
    }
    if (event.event === 'waiting_for_link' && typeof event.claimCode === 'string') {
      options.claim(event.claimCode).then(
        (node) => {
          if (!node) options.say(`node ${name}: claim code ${event.claimCode} was not accepted`);
        },
        (err: unknown) => options.say(`node ${name}: could not claim it: ${(err as Error).message}`),
      );
    } else if (event.event === 'linked') {
      resolveLinked();
    } else if (event.event === 'node_crashed') {
      options.say(`node ${name} crashed: ${String(event.error)} (log: ${logPath})`);
    }
  });
  return { name, child, linked };
}

export async function startLocalNodes(options: LocalNodesOptions): Promise<LocalNodes> {
  const nodes: LocalNode[] = [];
  for (let i = 1; i <= options.count; i++) nodes.push(await startOne(options, `local-${i}`));
  return {
    nodes,
    async stop(graceMs) {
      await Promise.all(
        nodes.map(async ({ child }) => {
          if (child.exitCode !== null || child.signalCode !== null) return;
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
          await exited(child);
          clearTimeout(timer);
        }),
      );
    },
  };
}
