import { execFile, execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface PostgresCluster {
  readonly port: number;
  readonly dataDir: string;
  /** Superuser connection URL for `database` (default `postgres`). */
  url(database?: string): string;
  /** Stops the server abruptly (as a crash would), keeps it down `downMs`, starts it again on the same port. */
  restart(downMs?: number): Promise<void>;
  /** Stops the server immediately and deletes its files. Safe to call twice. */
  stop(): Promise<void>;
}

export interface StartPostgresOptions {
  /** Directory holding initdb and pg_ctl; found on PATH or under /usr/lib/postgresql otherwise. */
  binDir?: string;
  /**
   * Keep Postgres's default durability (fsync, synchronous_commit, full_page_writes on), as a
   * production server runs. Off by default: tests want speed, not crash safety.
   */
  durable?: boolean;
}

/** Finds a Postgres binary on PATH, else in Debian's /usr/lib/postgresql/<version>/bin. */
export function findPostgresBinary(name: 'initdb' | 'pg_ctl', binDir?: string): string {
  if (binDir) return join(binDir, name);
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', name)))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions[0]) return join(root, versions[0], 'bin', name);
  throw new Error(
    `Postgres test cluster: ${name} not found on PATH or under ${root}/*/bin; install postgresql`,
  );
}

/** A loopback port that was free a moment ago (nothing listens on it once this resolves). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

/**
 * Postgres refuses to run as root, and tests here run as root: then every server command
 * runs as the `postgres` OS user, which must own the cluster directory.
 */
function asPostgresUser(): { wrap: (argv: string[]) => string[]; chown: (path: string) => void } {
  if (process.getuid?.() !== 0) return { wrap: (argv) => argv, chown: () => undefined };
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return {
    wrap: (argv) => ['runuser', '-u', 'postgres', '--', ...argv],
    chown: (path) => chownSync(path, uid, gid),
  };
}

/**
 * Vitest ends its worker processes with a signal, and a signal skips 'exit' hooks: a test
 * that failed before `stop()` would leave its server running for good. A detached watchdog
 * outlives any kind of death of this process; when it is gone and the cluster directory
 * still exists, it stops the server and deletes the directory. After a normal `stop()` the
 * directory is gone and the watchdog just ends.
 */
function watchOwner(root: string, stopArgv: string[]): void {
  const script = [
    'owner=$1; root=$2; shift 2',
    'while kill -0 "$owner" 2>/dev/null && [ -d "$root" ]; do sleep 1; done',
    'if [ -d "$root" ]; then "$@" >/dev/null 2>&1; rm -rf "$root"; fi',
  ].join('\n');
  spawn('sh', ['-c', script, 'simforge-pg-watchdog', String(process.pid), root, ...stopArgv], {
    detached: true,
    stdio: 'ignore',
  }).unref();
}

async function exec(argv: string[]): Promise<void> {
  const [file, ...args] = argv;
  await run(file!, args, { timeout: 60_000 });
}

/**
 * Starts a throwaway Postgres cluster: initdb into a temp directory, then pg_ctl (with fsync
 * off unless `durable`) on a free loopback port (about a second). It throws when the server cannot start, so
 * a database test fails rather than silently skipping. An exit hook stops the server if the
 * process ends without calling `stop()`, so no postgres outlives the test run.
 */
export async function startPostgres(options: StartPostgresOptions = {}): Promise<PostgresCluster> {
  const initdb = findPostgresBinary('initdb', options.binDir);
  const pgCtl = findPostgresBinary('pg_ctl', options.binDir);
  const user = asPostgresUser();
  const root = await mkdtemp(join(tmpdir(), 'simforge-pg-'));
  user.chown(root);
  const dataDir = join(root, 'data');
  const logFile = join(root, 'server.log');
  const fail = async (step: string, error: unknown): Promise<never> => {
    const log = await readFile(logFile, 'utf8').catch(() => '');
    const stderr = String((error as { stderr?: unknown }).stderr ?? '');
    await rm(root, { recursive: true, force: true });
    throw new Error(`Postgres test cluster: ${step} failed\n${stderr}${log}`.slice(0, 4000), {
      cause: error,
    });
  };
  try {
    await exec(
      user.wrap([initdb, '-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '-N']),
    );
  } catch (error) {
    return fail('initdb', error);
  }
  const startArgv = (port: number) => {
    const serverOptions = [
      `-p ${port}`,
      `-k ${root}`,
      '-c listen_addresses=127.0.0.1',
      ...(options.durable ? [] : ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off']),
    ].join(' ');
    return user.wrap([pgCtl, '-D', dataDir, '-l', logFile, '-o', serverOptions, '-w', '-t', '30', 'start']);
  };
  let port = 0;
  for (let attempt = 0; ; attempt++) {
    port = await freePort();
    try {
      await exec(startArgv(port));
      break;
    } catch (error) {
      // Another process may have taken the port between probing and binding: try another.
      if (attempt >= 2) return fail('pg_ctl start', error);
    }
  }
  const [stopFile, ...stopArgs] = user.wrap([pgCtl, '-D', dataDir, '-m', 'immediate', '-w', 'stop']);
  let stopped = false;
  const stopSync = () => {
    if (stopped) return;
    stopped = true;
    try {
      execFileSync(stopFile!, stopArgs, { stdio: 'ignore' });
      rmSync(root, { recursive: true, force: true });
    } catch {
      // Already gone.
    }
  };
  process.once('exit', stopSync);
  watchOwner(root, [stopFile!, ...stopArgs]);
  return {
    port,
    dataDir,
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    async restart(downMs = 0) {
      if (stopped) throw new Error('Postgres test cluster: restart after stop');
      await run(stopFile!, stopArgs, { timeout: 60_000 });
      await new Promise((resolve) => setTimeout(resolve, downMs));
      await exec(startArgv(port));
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      process.removeListener('exit', stopSync);
      await run(stopFile!, stopArgs, { timeout: 60_000 }).catch(() => undefined);
      await rm(root, { recursive: true, force: true });
    },
  };
}
