// The local compute nodes of `simforge start`: real `simforge-node` processes talking to the
// sentinel over HTTP, exactly as a volunteer's machine would. Each gets its own key directory,
// and its claim code is read from its structured log and claimed for the local user, so a
// newcomer never has to copy a code by hand. A node that exits on its own is reported and
// restarted, with the same key, so it comes back linked.
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
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
  /** How a node that exited is brought back; tests shorten it. */
  restart?: Partial<RestartPolicy>;
  now?: () => number;
}

/**
 * A node that exits on its own is restarted after a delay that doubles with each exit in
 * `windowMs` (a node that crashes at once must not spin the machine); after `maxExits` exits in
 * that window it is left down and the terminal says so, as a service manager would.
 */
export interface RestartPolicy {
  firstDelayMs: number;
  maxDelayMs: number;
  windowMs: number;
  maxExits: number;
}

export const RESTART_DEFAULTS: Readonly<RestartPolicy> = Object.freeze({
  firstDelayMs: 1_000,
  maxDelayMs: 30_000,
  windowMs: 5 * 60_000,
  maxExits: 5,
});

export interface LocalNode {
  name: string;
  /** The node's current process (a new one after each restart). */
  readonly child: ChildProcess;
  /** Resolves once a process of it reports it is linked; rejects if it is left stopped first. */
  linked: Promise<void>;
}

export interface LocalNodes {
  nodes: LocalNode[];
  /** SIGTERM every node (they release their chunks), SIGKILL after `graceMs`; no restarts after. */
  stop(graceMs: number): Promise<void>;
}

class SupervisedNode implements LocalNode {
  readonly linked: Promise<void>;
  #child!: ChildProcess;
  /** Resolves when the current process has ended and its log lines are all read. */
  #closed!: Promise<void>;
  #stopping = false;
  #restartTimer: NodeJS.Timeout | undefined;
  #exits: number[] = [];
  #resolveLinked!: () => void;
  #rejectLinked!: (err: Error) => void;
  readonly #logPath: string;
  readonly #logFile: WriteStream;
  readonly #now: () => number;

  constructor(
    readonly name: string,
    private readonly options: LocalNodesOptions,
    private readonly policy: RestartPolicy,
  ) {
    this.#now = options.now ?? Date.now;
    this.#logPath = join(options.dataDir, 'logs', `${name}.log`);
    this.#logFile = createWriteStream(this.#logPath, { flags: 'a' });
    // A full disk must not take simforge start down with it: say so once, keep running.
    let told = false;
    this.#logFile.on('error', (err) => {
      if (!told) options.say(`node ${name}: cannot write ${this.#logPath}: ${err.message}`);
      told = true;
    });
    this.linked = new Promise<void>((resolve, reject) => {
      this.#resolveLinked = resolve;
      this.#rejectLinked = reject;
    });
    // A node left stopped before linking would otherwise be an unhandled rejection.
    this.linked.catch(() => undefined);
    this.#spawn(false);
  }

  get child(): ChildProcess {
    return this.#child;
  }

  async stop(graceMs: number): Promise<void> {
    this.#stopping = true;
    clearTimeout(this.#restartTimer);
    const child = this.#child;
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await this.#closed;
    clearTimeout(timer);
    this.#rejectLinked(new Error(`node ${this.name} was stopped before it linked`));
    await new Promise<void>((resolve) => this.#logFile.end(resolve));
  }

  #spawn(restarted: boolean): void {
    const { options, name } = this;
    const { command, args } = nodeCommand(['--name', name, '--max-parallel', String(options.maxParallel)]);
    const child = spawn(command, args, {
      env: {
        ...options.env,
        SIMFORGE_SENTINEL_URL: options.sentinelUrl,
        SIMFORGE_NODE_CONFIG_DIR: join(options.dataDir, 'nodes', name),
        SIMFORGE_NODE_CACHE_DIR: join(options.dataDir, 'cache'),
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    this.#child = child;
    // 'close' comes after the process ended and its stderr is drained, and also when it never
    // started (ENOENT), where no 'exit' comes.
    this.#closed = new Promise((resolve) => {
      child.once('close', (code, signal) => {
        resolve();
        this.#ended(code, signal);
      });
    });
    child.once('error', (err) => options.say(`node ${name} could not start: ${err.message}`));
    let back = !restarted;
    // No stderr when the spawn itself failed (out of file descriptors): 'close' follows.
    if (!child.stderr) return;
    createInterface({ input: child.stderr }).on('line', (line) => {
      if (this.#logFile.writable) this.#logFile.write(`${line}\n`);
      let event: { event?: unknown; claimCode?: unknown; error?: unknown };
      try {
        event = JSON.parse(line);
      } catch {
        return;
      }
      if (event.event === 'waiting_for_link' && typeof event.claimCode === 'string') {
        const code = event.claimCode;
        options.claim(code).then(
          (node) => {
            if (!node) options.say(`node ${name}: claim code ${code} was not accepted`);
          },
          (err: unknown) => options.say(`node ${name}: could not claim it: ${(err as Error).message}`),
        );
      } else if (event.event === 'linked') {
        this.#resolveLinked();
        if (!back) options.say(`simforge: node ${name} is back (pid ${child.pid})`);
        back = true;
      } else if (event.event === 'node_crashed') {
        options.say(`node ${name} crashed: ${String(event.error)} (log: ${this.#logPath})`);
      }
    });
  }

  #ended(code: number | null, signal: NodeJS.Signals | null): void {
    if (this.#stopping) return;
    const how = signal ?? `code ${code}`;
    const now = this.#now();
    this.#exits = this.#exits.filter((at) => now - at < this.policy.windowMs).concat(now);
    const recent = this.#exits.length;
    const minutes = Math.max(1, Math.round(this.policy.windowMs / 60_000));
    if (recent >= this.policy.maxExits) {
      this.options.say(
        `simforge: node ${this.name} exited (${how}) ${recent} times in ${minutes} min; ` +
          `left stopped, see ${this.#logPath}`,
      );
      this.#rejectLinked(new Error(`node ${this.name} exited (${how}); see ${this.#logPath}`));
      return;
    }
    const delayMs = Math.min(this.policy.maxDelayMs, this.policy.firstDelayMs * 2 ** (recent - 1));
    this.options.say(
      `simforge: node ${this.name} exited (${how}); restarting it in ${formatDelay(delayMs)} ` +
        `(log: ${this.#logPath})`,
    );
    this.#restartTimer = setTimeout(() => {
      if (this.#stopping) return;
      try {
        this.#spawn(true);
      } catch (err) {
        this.options.say(`node ${this.name} could not start: ${(err as Error).message}`);
        this.#ended(null, null);
      }
    }, delayMs);
  }
}

function formatDelay(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}

export async function startLocalNodes(options: LocalNodesOptions): Promise<LocalNodes> {
  await mkdir(join(options.dataDir, 'logs'), { recursive: true });
  const policy = { ...RESTART_DEFAULTS, ...options.restart };
  const nodes: SupervisedNode[] = [];
  for (let i = 1; i <= options.count; i++) nodes.push(new SupervisedNode(`local-${i}`, options, policy));
  return {
    nodes,
    async stop(graceMs) {
      await Promise.all(nodes.map((node) => node.stop(graceMs)));
    },
  };
}
