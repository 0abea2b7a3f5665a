// `simforge sim PROFILE [--iterations N] [--threads N] [--seed S] [--json]`: runs a profile on
// this machine. It plans the job exactly as the studio does (planJob), runs the same chunks
// on worker threads and merges them through the sentinel's own PrefixMerge (common), so its
// JobResult bytes equal those of a distributed run of the job.
//
// This module is also the worker's entry: a worker thread started with SIM_WORKER_TAG in its
// workerData runs chunks instead of the command. Compiled, the worker starts the CLI's one
// file (its main.ts loads this module in a worker); from the sources, on Node 20 a worker does
// not inherit the tsx loader of the main thread, so the worker is a small eval'd script that
// imports this file through tsx's API.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import {
  BUNDLED,
  type ChunkPartial,
  ChunkPlan,
  decodeJobResult,
  encodeJobResult,
  encodeJobTimeline,
  type JobResultView,
  PrefixMerge,
  profilesetResults,
} from '@simforge/common';
import {
  checkProfilesetConfig,
  checkSimConfig,
  formatProfileError,
  ProfileRejectedError,
  type ProfileReport,
  planJob,
  profilesetGameData,
  requiredGameData,
  runChunk,
  type SentinelConfig,
  type SimConfig,
} from '@simforge/engine';
import {
  CsvGameDataSource,
  type GameDataBundle,
  GameDataError,
  loadBundle,
  REAL_TABLES_DIR,
} from '@simforge/gamedata';
import { gameDataSnapshot } from '../cli-cache.ts';
import { CLI_EXIT, CliError } from '../cli-errors.ts';
import { oneProfilePath, parseCommandArgs } from '../command-args.ts';
import { characterLines, profilesetLines, talentLines } from '../result-report.ts';

const SIM_WORKER_TAG = 'simforge-sim-worker';
const WORKER_BOOT = `
const { workerData } = require('node:worker_threads');
import('tsx/esm/api').then(({ tsImport }) => tsImport(workerData.entry, workerData.entry));
`;

/** The real DBC tables shipped in packages/gamedata/dbc. */
const DEFAULT_TABLES_DIR = REAL_TABLES_DIR;

const USAGE = `usage: simforge sim PROFILE [options]

Runs a SimulationCraft profile locally and prints a summary. With profileset."NAME"+=OPTION
lines it also runs every variant on the same seeds and ranks them by their difference to the
base, each with its paired error.

  --iterations N    iterations (default: the profile's iterations=, else 10000)
  --threads N       worker threads (default: all cores)
  --seed S          random seed, 0..4294967295 (default: the profile's seed=, else a hash of it)
  --gamedata DIR    DBC CSV directory (default: $SIMFORGE_GAMEDATA_DIR, else packages/gamedata/dbc);
                    the labelled fixture tables of packages/gamedata are always appended
  --json            print the result view as JSON instead of the summary
`;

interface WorkerInit {
  simConfig: SimConfig;
  sentinelConfig: SentinelConfig;
  gameData: GameDataBundle;
}

interface ChunkJob {
  index: number;
  firstIteration: number;
  count: number;
  /** A raced chunk's running variants. */
  running?: readonly number[];
}

type WorkerReply =
  | { index: number; ok: true; partial: ChunkPartial }
  | { index: number; ok: false; message: string };

/** The worker's side: first its init (the job and its game data), then chunks. */
function startWorker(): void {
  const port = parentPort!;
  let init: WorkerInit | undefined;
  port.on('message', (message: { init: WorkerInit } | ChunkJob) => {
    if ('init' in message) {
      init = message.init;
      return;
    }
    const job = message;
    let reply: WorkerReply;
    try {
      if (init === undefined) throw new Error('a chunk before the init');
      // A profileset's chunk: the base's partial with the variants' sums, as a node's.
      const partial = runChunk({
        simConfig: init.simConfig,
        sentinelConfig: init.sentinelConfig,
        gameData: init.gameData,
        firstIteration: job.firstIteration,
        count: job.count,
        running: job.running,
      });
      reply = { index: job.index, ok: true, partial };
    } catch (err) {
      reply = { index: job.index, ok: false, message: err instanceof Error ? err.message : String(err) };
    }
    port.postMessage(reply);
  });
}

if (!isMainThread && (workerData as { tag?: unknown } | undefined)?.tag === SIM_WORKER_TAG) startWorker();

/**
 * The worker threads of a run, started before the game data is loaded: loading the engine in
 * a thread takes about as long as reading the snapshot, so the two overlap.
 */
export function startSimWorkers(count: number): Worker[] {
  return Array.from({ length: count }, () => {
    const worker = BUNDLED
      ? new Worker(new URL(import.meta.url), { workerData: { tag: SIM_WORKER_TAG } })
      : new Worker(WORKER_BOOT, { eval: true, workerData: { tag: SIM_WORKER_TAG, entry: import.meta.url } });
    // A thread that fails while the game data loads is reported by runPlan, not left unhandled.
    worker.once('error', (err) => bootErrors.set(worker, err));
    return worker;
  });
}

const bootErrors = new WeakMap<Worker, Error>();

function positiveInt(value: string | undefined, name: string, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > max || (name !== '--seed' && n === 0)) {
    throw new CliError(
      `${name} must be an integer in ${name === '--seed' ? 0 : 1}..${max}, got '${value}'`,
      CLI_EXIT.usage,
    );
  }
  return n;
}

/**
 * Runs the plan's chunks on `threads` workers. Chunks are handed out in order and every
 * completion goes through the common PrefixMerge, the sentinel's own rule, so the result is
 * the first prefix that satisfies the strategy whatever the completion order. A raced
 * profileset's next stage waits for the stage before it, as on the platform.
 */
export async function runPlan(
  simConfig: SimConfig,
  sentinelConfig: SentinelConfig,
  gameData: GameDataBundle,
  threads: number,
  options: { variants?: number; started?: Worker[] } = {},
): Promise<{ result: ChunkPartial; merge: PrefixMerge; wallMs: number; threadsUsed: number }> {
  const started = options.started;
  const merge = new PrefixMerge(sentinelConfig, options.variants ?? 0);
  const { plan } = merge;
  const startedAt = performance.now();
  let next = 0;

  const workers = started ?? startSimWorkers(Math.min(threads, plan.chunkCount));
  const failed = workers.map((worker) => bootErrors.get(worker)).find((err) => err !== undefined);
  if (failed !== undefined) {
    await Promise.all(workers.map((w) => w.terminate()));
    throw new Error(`a worker thread failed to start: ${failed.message}`, { cause: failed });
  }
  const init: WorkerInit = { simConfig, sentinelConfig, gameData };
  for (const worker of workers) worker.postMessage({ init });
  try {
    await new Promise<void>((resolve, reject) => {
      const idle: Worker[] = [];
      let busy = 0;
      // Idle workers take the next chunks that may run; a race's next stage waits.
      const dispatch = () => {
        while (idle.length > 0 && !merge.satisfied && next < plan.chunkCount && merge.mayRun(next)) {
          const index = next++;
          const { firstIteration, iterations } = plan.range(index);
          const running = merge.variantsFor(index);
          idle.pop()!.postMessage({ index, firstIteration, count: iterations, running } satisfies ChunkJob);
          busy++;
        }
        if (busy === 0) resolve();
      };
      for (const worker of workers) {
        worker.on('error', reject);
        worker.on('message', (reply: WorkerReply) => {
          busy--;
          if (!reply.ok) {
            reject(new Error(`chunk ${reply.index}: ${reply.message}`));
            return;
          }
          merge.add(reply.index, reply.partial);
          idle.push(worker);
          dispatch();
        });
        idle.push(worker);
      }
      dispatch();
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return {
    result: merge.result(),
    merge,
    wallMs: performance.now() - startedAt,
    threadsUsed: workers.length,
  };
}

const num = (value: number, digits = 0): string =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function summary(view: JobResultView, name: string, threads: number, wallMs: number, digest: string): string {
  const { dps } = view;
  const lines = [
    `${name}`,
    ...[...characterLines(view.character), ...talentLines(view.talents)].map((line) => `  ${line}`),
    `  DPS: ${num(dps.mean, 1)}  DPS-Error: ${num(dps.error, 1)} (${num(dps.errorPct, 3)}%, 95% confidence)`,
    `  DPS range: min ${num(dps.min)}  median ${num(dps.median)}  max ${num(dps.max)}  stddev ${num(dps.stddev, 1)}`,
    `  iterations: ${num(view.iterations)}  fight length: ${num(view.fightLengthMsMean / 1000, 1)} s (mean)`,
    `  simulated in ${num(wallMs / 1000, 2)} s on ${threads} thread${threads === 1 ? '' : 's'} (${num((view.iterations * 1000) / wallMs)} iterations/s, ${num(view.events / view.iterations)} events/iteration)`,
    '',
    '  ability                     source    damage%        DPS   executes   crit%    avg hit',
  ];
  for (const a of [...view.abilities].sort((x, y) => y.dps - x.dps)) {
    lines.push(
      `  ${a.name.slice(0, 26).padEnd(26)}  ${a.source.padEnd(6)} ${`${num(a.sharePct, 1)}%`.padStart(9)} ${num(a.dps, 1).padStart(10)} ${num(a.executesPerIteration, 1).padStart(10)} ${`${num(a.critPct, 1)}%`.padStart(7)} ${num(a.avgHit).padStart(10)}`,
    );
  }
  if (view.buffs.length > 0) {
    lines.push('', '  buff                        uptime');
    for (const b of [...view.buffs].sort((x, y) => y.uptimePct - x.uptimePct)) {
      lines.push(`  ${b.name.slice(0, 26).padEnd(26)}  ${`${num(b.uptimePct, 1)}%`.padStart(6)}`);
    }
  }
  if (view.profilesets.length > 0) lines.push('', ...profilesetLines(view));
  lines.push('', `  result sha256: ${digest}`);
  return `${lines.join('\n')}\n`;
}

export async function run(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const parsed = parseCommandArgs(argv, SIM_OPTIONS, USAGE);
  if (!parsed) return CLI_EXIT.ok;
  const { values, positionals } = parsed;
  const profilePath = oneProfilePath(positionals, USAGE);
  const text = await readProfile(profilePath);
  const ran = await simulateLocally(profilePath, text, runOptions(values), env);
  if (typeof ran === 'number') return ran;
  if (values.json) {
    process.stdout.write(`${JSON.stringify(ran.view, null, 2)}\n`);
    return CLI_EXIT.ok;
  }
  process.stdout.write(summary(ran.view, ran.title, ran.threadsUsed, ran.wallMs, ran.digest));
  return CLI_EXIT.ok;
}

export async function readProfile(profilePath: string): Promise<string> {
  try {
    return await readFile(profilePath, 'utf8');
  } catch (err) {
    throw new CliError(`cannot read ${profilePath}: ${(err as Error).message}`, CLI_EXIT.badInput, {
      cause: err,
    });
  }
}

export interface LocalRunOptions {
  iterations?: number;
  threads: number;
  seed?: number;
  gamedata?: string;
}

/** --iterations, --threads, --seed and --gamedata, checked. */
export function runOptions(values: {
  iterations?: string;
  threads?: string;
  seed?: string;
  gamedata?: string;
}): LocalRunOptions {
  return {
    iterations: positiveInt(values.iterations, '--iterations', 10_000_000),
    threads: positiveInt(values.threads, '--threads', 256) ?? availableParallelism(),
    seed: positiveInt(values.seed, '--seed', 4_294_967_295),
    gamedata: values.gamedata,
  };
}

export interface LocalRun {
  view: JobResultView;
  /** SHA-256 of the result_pb bytes. */
  digest: string;
  title: string;
  wallMs: number;
  threadsUsed: number;
}

/**
 * Plans, checks and runs a profile's text on worker threads, as `simforge sim` does; the exit
 * code when the profile is refused (its errors already printed, with `profilePath`).
 */
export async function simulateLocally(
  profilePath: string,
  text: string,
  options: LocalRunOptions,
  env: NodeJS.ProcessEnv,
): Promise<LocalRun | number> {
  const { iterations, seed, threads } = options;
  const plan = planJob(text, { iterations, seed }, { profilesets: true });
  if (!plan.ok) {
    for (const e of plan.errors) process.stderr.write(`${profilePath}: ${formatProfileError(e)}\n`);
    return CLI_EXIT.invalidProfile;
  }
  // planJob refuses target_error with profilesets: a comparison's every chunk counts.
  const profilesets = plan.variants.length > 0;

  // The threads boot (load the engine) while this one reads the game data.
  const workers = startSimWorkers(Math.min(threads, new ChunkPlan(plan.sentinelConfig).chunkCount));
  let handedOver = false;
  const prepared = await (async () => {
    const tablesDir = options.gamedata ?? env.SIMFORGE_GAMEDATA_DIR ?? DEFAULT_TABLES_DIR;
    let gameData: GameDataBundle;
    try {
      const source = new CsvGameDataSource({
        dirs: [tablesDir],
        snapshot: gameDataSnapshot(env),
        onSnapshotProblem: (message) => process.stderr.write(`simforge: game-data snapshot ${message}\n`),
      });
      gameData = await loadBundle(
        source,
        profilesets ? profilesetGameData(text) : requiredGameData(plan.profile),
      );
    } catch (err) {
      if (err instanceof GameDataError || (err as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new CliError(`game data from ${tablesDir}: ${(err as Error).message}`, CLI_EXIT.badInput, {
          cause: err,
        });
      }
      throw err;
    }

    // Validate against the game data once here, so a refusal is reported with line and column
    // instead of as a worker failure.
    let report: ProfileReport;
    try {
      report = profilesets
        ? checkProfilesetConfig(plan.simConfig, gameData)
        : checkSimConfig(plan.simConfig, gameData);
    } catch (err) {
      if (err instanceof ProfileRejectedError) {
        for (const e of err.errors) process.stderr.write(`${profilePath}: ${formatProfileError(e)}\n`);
        return CLI_EXIT.invalidProfile;
      }
      throw err;
    }
    // The profile's own warnings and the game data's (items it lacks, the weapon used), in line order.
    for (const w of report.warnings)
      process.stderr.write(`${profilePath}: line ${w.line}, column ${w.column}: warning: ${w.message}\n`);

    handedOver = true;
    const ran = await runPlan(plan.simConfig, plan.sentinelConfig, gameData, threads, {
      variants: plan.variants.length,
      started: workers,
    });
    return { ...ran, report, gameData };
  })().finally(() => {
    if (!handedOver) for (const worker of workers) void worker.terminate();
  });
  if (typeof prepared === 'number') return prepared;
  const { result: merged, wallMs, threadsUsed, report, gameData } = prepared;
  const resultBytes = encodeJobResult(merged, {
    talents: report.talents,
    character: report.character,
    warnings: report.warnings,
    ...(profilesets
      ? { profilesets: profilesetResults(plan.variants, merged.variants, prepared.merge.race?.stops) }
      : {}),
  });
  return {
    view: decodeJobResult(resultBytes, encodeJobTimeline(merged.timeline)),
    digest: createHash('sha256').update(resultBytes).digest('hex'),
    title: `Player: ${plan.profile.characterName || 'hunter'} beast_mastery (patch ${gameData.patch})`,
    wallMs,
    threadsUsed,
  };
}

/** The options of a local run, shared by `simforge sim` and `simforge weights`. */
export const SIM_OPTIONS = {
  iterations: { type: 'string' },
  threads: { type: 'string' },
  seed: { type: 'string' },
  gamedata: { type: 'string' },
  json: { type: 'boolean' },
} as const;
