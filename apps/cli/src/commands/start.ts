// `simforge start` (`npm start`): the whole platform on this machine. Embedded PGlite lives
// inside one process, so the sentinel and the studio server run here together on one driver
// (DESIGN.md); the compute nodes are real separate processes on real HTTP, as anywhere else.
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { type Database, migrate, openDatabase } from '@simforge/db';
import { REAL_TABLES_DIR } from '@simforge/gamedata';
import { createSentinel, jsonLogger, readSentinelSettings } from '@simforge/sentinel';
import { createStudioServer } from '@simforge/studio';
import { CLI_EXIT, CliError } from '../cli-errors.ts';
import { parseCommandArgs } from '../command-args.ts';
import { type ControlFile, createControlServer } from '../control-api.ts';
import { databasePlatform } from '../database-platform.ts';
import { ensureGameData } from '../local-gamedata.ts';
import { type LocalNodes, startLocalNodes } from '../local-nodes.ts';
import { ensureLocalUser, LOCAL_USER_EMAIL } from '../local-user.ts';
import { CONTROL_FILE, platformTarget } from '../platform-connect.ts';

/** Every default of `simforge start`, in one place (documented in docs/cli.md). */
export const START_DEFAULTS = Object.freeze({
  sentinelPort: 8700,
  studioPort: 8787,
  nodes: 2,
  /** How long stopping nodes get to release their chunks before SIGKILL. */
  nodeStopGraceMs: 10_000,
  /** The real DBC tables beside the repository, as `simforge sim` reads them. */
  gameDataDir: REAL_TABLES_DIR,
});

const USAGE = `usage: simforge start [options]

Runs the whole platform on this machine: embedded PGlite, the sentinel and the studio in this
process, and local compute nodes linked to the local user. Ctrl-C stops everything.

options:
  --data-dir DIR            database, node keys, logs (env SIMFORGE_DATA_DIR, default .simforge)
  --sentinel-port N         the sentinel's node API (env SIMFORGE_SENTINEL_PORT, default ${START_DEFAULTS.sentinelPort})
  --studio-port N           the studio (env SIMFORGE_STUDIO_PORT, default ${START_DEFAULTS.studioPort})
  --nodes N                 local node processes (default ${START_DEFAULTS.nodes}; 0 for none)
  --node-max-parallel N     chunks each local node runs at once (default cores / nodes, at least 1)
  --gamedata DIR            DBC CSV tables to import (env SIMFORGE_GAMEDATA_DIR, default
                            packages/gamedata/dbc); the labelled fixtures are appended
`;

function port(text: string | undefined, fallback: number, what: string): number {
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new CliError(`${what} must be a port number, got '${text}'`, CLI_EXIT.usage);
  }
  return value;
}

function count(text: string | undefined, fallback: number, what: string, min: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) {
    throw new CliError(`${what} must be an integer >= ${min}, got '${text}'`, CLI_EXIT.usage);
  }
  return value;
}

async function refuseSecondStart(dataDir: string): Promise<void> {
  try {
    const control = JSON.parse(await readFile(join(dataDir, CONTROL_FILE), 'utf8')) as ControlFile;
    process.kill(control.pid, 0);
  } catch {
    return; // no control file, or its process is gone: a stale file from a crash
  }
  throw new CliError(
    `'simforge start' is already running on ${dataDir}; its database can be opened by one process only`,
    CLI_EXIT.usage,
  );
}

function listenError(err: unknown, what: string, flag: string): CliError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') {
    return new CliError(`the ${what} port is in use; choose another with ${flag}`, CLI_EXIT.usage, {
      cause: err,
    });
  }
  return new CliError(`the ${what} could not listen: ${(err as Error).message}`, CLI_EXIT.unavailable, {
    cause: err,
  });
}

export async function run(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const parsed = parseCommandArgs(
    argv,
    {
      'data-dir': { type: 'string' },
      'sentinel-port': { type: 'string' },
      'studio-port': { type: 'string' },
      nodes: { type: 'string' },
      'node-max-parallel': { type: 'string' },
      gamedata: { type: 'string' },
    },
    USAGE,
  );
  if (!parsed) return CLI_EXIT.ok;
  const { values, positionals } = parsed;
  if (positionals.length > 0) throw new CliError(`start takes no arguments\n\n${USAGE}`, CLI_EXIT.usage);
  const say = (line: string): void => {
    process.stdout.write(`${line}\n`);
  };
  const { dataDir } = platformTarget(
    { 'data-dir': values['data-dir'] as string | undefined },
    env,
    process.cwd(),
  );
  const sentinelPort = port(
    (values['sentinel-port'] as string | undefined) ?? env.SIMFORGE_SENTINEL_PORT,
    START_DEFAULTS.sentinelPort,
    '--sentinel-port',
  );
  const studioPort = port(
    (values['studio-port'] as string | undefined) ?? env.SIMFORGE_STUDIO_PORT,
    START_DEFAULTS.studioPort,
    '--studio-port',
  );
  const nodeCount = count(values.nodes as string | undefined, START_DEFAULTS.nodes, '--nodes', 0);
  const maxParallel = count(
    values['node-max-parallel'] as string | undefined,
    Math.max(1, Math.floor(availableParallelism() / Math.max(1, nodeCount))),
    '--node-max-parallel',
    1,
  );

  await mkdir(join(dataDir, 'logs'), { recursive: true });
  await refuseSecondStart(dataDir);
  const sentinelLog = createWriteStream(join(dataDir, 'logs', 'sentinel.log'), { flags: 'a' });
  const studioLog = createWriteStream(join(dataDir, 'logs', 'studio.log'), { flags: 'a' });

  // Listen from the start, so a Ctrl-C during start-up also stops what has started so far.
  const stopSignal = new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  const cleanups: (() => Promise<void>)[] = [];
  const shutdown = async (): Promise<void> => {
    for (const cleanup of cleanups.splice(0).reverse()) {
      await cleanup().catch((err: unknown) => say(`simforge: while stopping: ${(err as Error).message}`));
    }
  };
  try {
    say(`simforge: data directory ${dataDir}`);
    let db: Database;
    try {
      db = await openDatabase({ dataDir: join(dataDir, 'pglite') });
    } catch (err) {
      throw new CliError(
        `cannot open the database in ${dataDir}: ${(err as Error).message}`,
        CLI_EXIT.unavailable,
        {
          cause: err,
        },
      );
    }
    cleanups.push(() => db.close());
    await migrate(db);
    const gameDataDir = resolve(
      (values.gamedata as string | undefined) ?? (env.SIMFORGE_GAMEDATA_DIR || START_DEFAULTS.gameDataDir),
    );
    const gameData = await ensureGameData(db, { dirs: [gameDataDir], say }).catch((err: unknown) => {
      throw new CliError(`game data from ${gameDataDir}: ${(err as Error).message}`, CLI_EXIT.badInput, {
        cause: err,
      });
    });

    let settings: ReturnType<typeof readSentinelSettings>;
    try {
      // SENTINEL_LEASE_MS and the other tunables, as the standalone sentinel reads them.
      settings = readSentinelSettings(env);
    } catch (err) {
      throw new CliError((err as Error).message, CLI_EXIT.usage, { cause: err });
    }
    const sentinel = await createSentinel({
      ...settings,
      database: db,
      gameData: gameData.source,
      logger: jsonLogger((line) => sentinelLog.write(line), { now: Date.now }),
    });
    cleanups.push(() => sentinel.close());
    const sentinelAddress = await sentinel.listen(sentinelPort, '127.0.0.1').catch((err: unknown) => {
      throw listenError(err, 'sentinel', '--sentinel-port');
    });
    const sentinelUrl = `http://${sentinelAddress.host}:${sentinelAddress.port}`;

    const studio = createStudioServer({
      db,
      port: studioPort,
      log: (line) => studioLog.write(`${JSON.stringify(line)}\n`),
    });
    cleanups.push(() => studio.close());
    const studioUrl = await studio.listen(studioPort, '127.0.0.1').catch((err: unknown) => {
      throw listenError(err, 'studio', '--studio-port');
    });

    const user = await ensureLocalUser(db, {
      email: LOCAL_USER_EMAIL,
      credentialsPath: join(dataDir, 'local-user.json'),
    });
    const platform = databasePlatform(db, user.userId);

    const token = randomBytes(24).toString('base64url');
    const control: Server = createControlServer(platform, { token });
    await new Promise<void>((resolve, reject) => {
      control.once('error', reject);
      control.listen(0, '127.0.0.1', () => resolve());
    });
    const controlPath = join(dataDir, CONTROL_FILE);
    const controlFile: ControlFile = {
      url: `http://127.0.0.1:${(control.address() as AddressInfo).port}`,
      token,
      pid: process.pid,
    };
    await writeFile(controlPath, `${JSON.stringify(controlFile)}\n`, { mode: 0o600 });
    cleanups.push(async () => {
      await rm(controlPath, { force: true });
      control.closeAllConnections();
      await new Promise<void>((resolve) => control.close(() => resolve()));
    });

    let nodes: LocalNodes | undefined;
    if (nodeCount > 0) {
      nodes = await startLocalNodes({
        count: nodeCount,
        maxParallel,
        sentinelUrl,
        dataDir,
        claim: (code) => platform.claimNode(code),
        say,
        env,
      });
      const started = nodes;
      cleanups.push(() => started.stop(START_DEFAULTS.nodeStopGraceMs));
    }

    say('');
    say(`  studio     ${studioUrl}`);
    say(`             sign in as ${user.email}${user.password ? ` / ${user.password}` : ''}`);
    say(`  sentinel   ${sentinelUrl}   (status: ${sentinelUrl}/status, metrics: ${sentinelUrl}/metrics)`);
    say(
      `  nodes      ${nodeCount} local (max ${maxParallel} chunk(s) each), logs in ${join(dataDir, 'logs')}`,
    );
    say('');
    say('  npm run simforge -- submit PROFILE    runs a job on them and prints the result');
    say('  Ctrl-C                                 stops everything');
    say('');

    if (nodes) {
      void Promise.allSettled(nodes.nodes.map((n) => n.linked)).then((results) => {
        const linked = results.filter((r) => r.status === 'fulfilled').length;
        say(`simforge: ${linked} of ${nodeCount} local nodes linked to ${user.email}`);
      });
    }

    const signal = await stopSignal;
    say(`simforge: ${signal}, stopping`);
    await shutdown();
    say('simforge: stopped');
    return CLI_EXIT.ok;
  } catch (err) {
    await shutdown();
    throw err;
  } finally {
    sentinelLog.end();
    studioLog.end();
  }
}
