// npm run bench:fleet: how many node cores one sentinel sustains. The compiled sentinel
// (dist/simforge-sentinel.mjs) runs as its own process on a throwaway Postgres; a simulated
// fleet (fleet-nodes.ts, another process) of nodes with realistic core counts and per-core
// speed speaks the real signed protocol to it. For growing fleets it reports the sentinel's CPU
// (from /proc), signed requests per second and per chunk-second of compute, and the share of
// the fleet's compute the sentinel kept busy; a fleet is sustained while the sentinel stays
// under 90% of one core and keeps 95% of the slot time busy. Twice: with one chunk per run (as
// before runs: one signed complete and one claim per chunk) and with runs and batched
// completes. First, the sentinel's memory per in-flight 100,000-chunk job.
//
// About three minutes. Environment knobs: FLEET_STEPS (comma-separated core counts),
// FLEET_MEASURE_MS, FLEET_SAME_OWNER=1 (the nodes belong to the jobs' owner: no verification
// replays), FLEET_SENTINEL_PROFILE=DIR (the sentinel runs under --cpu-prof).

import { type ChildProcess, fork, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { encodeChunkPartial, type SentinelConfig } from '@simforge/common';
import { privateKeyToPem } from '@simforge/common/signing';
import { asUser, type Database, openDatabase, runQuery } from '@simforge/db';
import { startPostgres } from '@simforge/db/testing/postgres-cluster';
import { parseProfile, planJob, requiredGameData, runChunk } from '@simforge/engine';
import { engineBuild } from '@simforge/engine/build';
import { CsvGameDataSource, loadBundle, REAL_TABLES_DIR } from '@simforge/gamedata';
import { NODE_DEFAULTS } from '../../node/src/node-config.ts';
import { SENTINEL_DEFAULTS } from '../src/options.ts';
import type { FleetInput, FleetNode, FleetResult } from './fleet-nodes.ts';
import { linkedBenchNode } from './linked-bench-node.ts';

const ROOT = new URL('../../../', import.meta.url);
const SENTINEL = fileURLToPath(new URL('dist/simforge-sentinel.mjs', ROOT));
const PROFILE = readFileSync(new URL('packages/engine/profiles/beast-mastery.simc', ROOT), 'utf8');
/** The engine's measured speed (docs/benchmarks.md): iterations per second per core. */
const CORE_SPEED = 4_000;
/** The fleet's jobs: 100 million iterations each, in the chunks planJob gives such a job. */
const FLEET_JOB_ITERATIONS = 100_000_000;
/** The memory measure's jobs: the most chunks a job may have (MAX_CHUNKS_PER_JOB). */
const MEMORY_JOB = { chunkIterations: 1_000, chunks: 100_000 };
const MEMORY_JOBS = 10;
/** Volunteers' machines: a spread of core counts, 11.5 on average. */
const CORE_COUNTS = [4, 6, 8, 8, 12, 12, 16, 16, 24, 8];
const NODE_OWNERS = 8;
const STEPS = (process.env.FLEET_STEPS ?? '2500,5000,10000,15000,20000').split(',').map(Number);
const WARM_UP_MS = 6_000;
const MEASURE_MS = Number(process.env.FLEET_MEASURE_MS ?? 12_000);
const HEARTBEAT_MS = 10_000;
const SUSTAINED = { sentinelCpu: 0.9, busyShare: 0.95 };

const sql = (name: string) => readFile(new URL(`./sql/${name}.sql`, import.meta.url), 'utf8');
const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** utime + stime of a process, in seconds, and its resident memory in bytes (Linux /proc). */
function procStats(pid: number): { cpuSeconds: number; rssBytes: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return { cpuSeconds: ticks / 100, rssBytes: rssKb * 1024 };
}

/** A fleet job as planJob plans it, or (before runs) in the 1,000-iteration chunks it had then. */
function fleetJobConfig(chunkIterations?: number): SentinelConfig {
  const plan = planJob(PROFILE, { iterations: FLEET_JOB_ITERATIONS, seed: 1, chunkIterations });
  if (!plan.ok) throw new Error('the default profile does not plan');
  return plan.sentinelConfig;
}

/** One real chunk of the default profile, as a node would report it (base64 protobuf). */
async function realPartial(chunkIterations: number): Promise<string> {
  const sentinelConfig = {
    seed: 1,
    chunkIterations,
    strategy: { kind: 'fixed' as const, iterations: chunkIterations },
  };
  const parsed = parseProfile(PROFILE);
  if (!parsed.ok) throw new Error('the default profile does not parse');
  const gameData = await loadBundle(
    new CsvGameDataSource({ dirs: [REAL_TABLES_DIR] }),
    requiredGameData(parsed.profile),
  );
  const partial = runChunk({
    simConfig: { profile: PROFILE },
    sentinelConfig,
    gameData,
    firstIteration: 0,
    count: chunkIterations,
  });
  return Buffer.from(encodeChunkPartial(partial)).toString('base64');
}

interface RunningSentinel {
  child: ChildProcess;
  baseUrl: string;
  stop(): Promise<void>;
}

/** The sentinel's log lines by event, for the report (a line per chunk would be a cost). */
const logLines = new Map<string, number>();

async function startSentinel(url: string, env: Record<string, string>): Promise<RunningSentinel> {
  const profile = process.env.FLEET_SENTINEL_PROFILE
    ? ['--cpu-prof', '--cpu-prof-dir', process.env.FLEET_SENTINEL_PROFILE]
    : [];
  const child = spawn(process.execPath, [...profile, SENTINEL], {
    env: {
      ...process.env,
      ...env,
      SENTINEL_DATABASE_URL: url,
      SENTINEL_PORT: '0',
      // The whole fleet registers from one address, and one "node" here sends what one real
      // machine does: only the per-address registration limit is lifted.
      SENTINEL_REGISTER_PER_MINUTE: '100000000',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the sentinel exited with ${code}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const event = JSON.parse(line) as { event?: string; msg?: string; port?: number };
      const name = event.event ?? event.msg ?? '?';
      logLines.set(name, (logLines.get(name) ?? 0) + 1);
      if (name.endsWith('_error') && (logLines.get(name) ?? 0) <= 2)
        console.log(`  sentinel ${line.slice(0, 400)}`);
      if ((event.event ?? event.msg) === 'sentinel_listening' && event.port !== undefined)
        resolve(event.port);
    });
  });
  return {
    child,
    baseUrl: `http://127.0.0.1:${port}`,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

async function register(
  db: Database,
  baseUrl: string,
  owners: string[],
  cores: number[],
): Promise<FleetNode[]> {
  const nodes: FleetNode[] = [];
  for (const [i, capacity] of cores.entries()) {
    const key = await linkedBenchNode(db, baseUrl, owners[i % owners.length]!, {
      name: `fleet-${i}`,
      totalCores: capacity,
      maxParallel: capacity,
      platform: 'linux-x64',
      version: 'fleet',
    });
    // A spread of +-15% around the engine's speed, as machines differ.
    nodes.push({
      pem: privateKeyToPem(key.privateKey),
      capacity,
      speed: CORE_SPEED * (0.85 + ((i * 37) % 31) / 100),
    });
  }
  return nodes;
}

async function insertJobs(
  db: Database,
  userId: string,
  count: number,
  sentinelConfig: SentinelConfig,
): Promise<void> {
  for (let i = 0; i < count; i++) {
    await asUser(db, userId, (tx) =>
      runQuery(tx, 'studio_jobs_insert', [
        JSON.stringify({ profile: PROFILE }),
        JSON.stringify(sentinelConfig),
      ]),
    );
  }
}

async function activeJobs(baseUrl: string): Promise<number> {
  return ((await (await fetch(`${baseUrl}/status`)).json()) as { jobsActive: number }).jobsActive;
}

async function untilActive(baseUrl: string, count: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  while ((await activeJobs(baseUrl)) < count) {
    if (Date.now() > deadline) throw new Error(`the sentinel did not admit ${count} jobs`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

interface StepResult extends FleetResult {
  cores: number;
  nodes: number;
  sentinelCpu: number;
}

async function fleetStep(
  sentinel: RunningSentinel,
  nodes: FleetNode[],
  partial: string,
  mode: FleetInput['mode'],
): Promise<StepResult> {
  const child = fork(new URL('./fleet-nodes.ts', import.meta.url), { execArgv: ['--import', 'tsx'] });
  const input: FleetInput = {
    baseUrl: sentinel.baseUrl,
    engineBuild: engineBuild(),
    partial,
    mode,
    runsPerSlot: SENTINEL_DEFAULTS.runsPerSlot,
    reportEveryMs: NODE_DEFAULTS.reportEveryMs,
    nodes,
    warmUpMs: WARM_UP_MS,
    measureMs: MEASURE_MS,
    heartbeatMs: HEARTBEAT_MS,
  };
  let opened: ReturnType<typeof procStats> | undefined;
  let closed: ReturnType<typeof procStats> | undefined;
  const result = await new Promise<FleetResult>((resolve, reject) => {
    child.on('message', (message: { window?: string; result?: FleetResult }) => {
      if (message.window === 'open') opened = procStats(sentinel.child.pid!);
      if (message.window === 'closed') closed = procStats(sentinel.child.pid!);
      if (message.result) resolve(message.result);
    });
    child.once('exit', (code) => reject(new Error(`the fleet exited with ${code}`)));
    child.send(input);
  });
  const cores = nodes.reduce((n, s) => n + s.capacity, 0);
  return {
    ...result,
    cores,
    nodes: nodes.length,
    sentinelCpu: (closed!.cpuSeconds - opened!.cpuSeconds) / result.seconds,
  };
}

function coresFor(total: number): number[] {
  const cores: number[] = [];
  let sum = 0;
  while (sum < total) {
    const next = CORE_COUNTS[cores.length % CORE_COUNTS.length]!;
    cores.push(Math.min(next, total - sum));
    sum += cores.at(-1)!;
  }
  return cores;
}

async function variant(
  chunkIterations: number | undefined,
  mode: FleetInput['mode'],
  name: string,
  env: Record<string, string>,
  clusterUrl: (db: string) => string,
  dbName: string,
): Promise<StepResult[]> {
  const admin = await openDatabase({ url: clusterUrl('postgres'), poolSize: 1 });
  await admin.exec(`CREATE DATABASE ${dbName}`);
  await admin.close();
  const sentinel = await startSentinel(clusterUrl(dbName), env);
  const partial = await realPartial(fleetJobConfig(chunkIterations).chunkIterations);
  const db = await openDatabase({ url: clusterUrl(dbName), poolSize: 4 });
  const results: StepResult[] = [];
  try {
    const { rows } = await db.query<{ id: string }>(await sql('bench_user'), [`${dbName}-jobs@example.test`]);
    const jobOwner = rows[0]!.id;
    const owners: string[] = process.env.FLEET_SAME_OWNER ? [jobOwner] : [];
    for (let i = 0; i < (process.env.FLEET_SAME_OWNER ? 0 : NODE_OWNERS); i++) {
      owners.push(
        (await db.query<{ id: string }>(await sql('bench_user'), [`${dbName}-${i}@example.test`])).rows[0]!
          .id,
      );
    }
    const fleet = await register(db, sentinel.baseUrl, owners, coresFor(Math.max(...STEPS)));
    console.log(
      `- ${name}: chunks of ${fmt(fleetJobConfig(chunkIterations).chunkIterations)} iterations, each reporting one real engine partial of ${fmt(Buffer.from(partial, 'base64').length)} bytes`,
    );
    for (const total of STEPS) {
      // Enough work for the step and its warm-up, in 100,000-chunk jobs.
      const needed = Math.ceil(
        (total * CORE_SPEED * (WARM_UP_MS + MEASURE_MS + 10_000) * 2) / 1000 / FLEET_JOB_ITERATIONS,
      );
      await insertJobs(db, jobOwner, needed, fleetJobConfig(chunkIterations));
      await untilActive(sentinel.baseUrl, 1);
      const nodes: FleetNode[] = [];
      let cores = 0;
      for (const node of fleet) {
        if (cores + node.capacity > total) break;
        nodes.push(node);
        cores += node.capacity;
      }
      const step = await fleetStep(sentinel, nodes, partial, mode);
      results.push(step);
      const perChunkSecond = step.requests / step.busySlotSeconds;
      const busy = step.busySlotSeconds / step.slotSeconds;
      const sustained = step.sentinelCpu < SUSTAINED.sentinelCpu && busy > SUSTAINED.busyShare;
      console.log(
        `  ${fmt(step.cores)} cores on ${fmt(step.nodes)} nodes: sentinel CPU ${fmt(step.sentinelCpu * 100)}% of a core, ${fmt(step.requests / step.seconds)} signed req/s, ${perChunkSecond.toFixed(3)} req per chunk-second, ${fmt(step.iterationsAccepted / step.seconds)} iterations/s accepted, slots busy ${fmt(busy * 100, 1)}%, ${step.errors} errors${step.errors > 0 ? ` ${JSON.stringify(step.errorCodes)}` : ''}, fleet CPU ${fmt((step.clientCpuSeconds / step.seconds) * 100)}% — ${sustained ? 'sustained' : 'NOT sustained'}`,
      );
      if (!sustained) break;
    }
  } finally {
    await db.close();
    await sentinel.stop();
  }
  console.log(`  sentinel log lines: ${JSON.stringify(Object.fromEntries(logLines))}`);
  logLines.clear();
  return results;
}

const memoryJobConfig: SentinelConfig = {
  seed: 1,
  chunkIterations: MEMORY_JOB.chunkIterations,
  strategy: { kind: 'fixed', iterations: MEMORY_JOB.chunkIterations * MEMORY_JOB.chunks },
};

async function memoryPerJob(clusterUrl: (db: string) => string): Promise<number> {
  const admin = await openDatabase({ url: clusterUrl('postgres'), poolSize: 1 });
  await admin.exec('CREATE DATABASE fleet_memory');
  await admin.close();
  const sentinel = await startSentinel(clusterUrl('fleet_memory'), {});
  const db = await openDatabase({ url: clusterUrl('fleet_memory'), poolSize: 2 });
  try {
    const { rows } = await db.query<{ id: string }>(await sql('bench_user'), ['memory@example.test']);
    await insertJobs(db, rows[0]!.id, 1, memoryJobConfig);
    await untilActive(sentinel.baseUrl, 1);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const before = procStats(sentinel.child.pid!).rssBytes;
    await insertJobs(db, rows[0]!.id, MEMORY_JOBS, memoryJobConfig);
    await untilActive(sentinel.baseUrl, MEMORY_JOBS + 1);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const after = procStats(sentinel.child.pid!).rssBytes;
    return (after - before) / MEMORY_JOBS;
  } finally {
    await db.close();
    await sentinel.stop();
  }
}

async function main(): Promise<void> {
  const cpu = cpus();
  console.log(
    `fleet bench — ${new Date().toISOString()} — ${cpu.length} x ${cpu[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average ${loadavg()[0]!.toFixed(1)}`,
  );
  const built = spawnSync(
    process.execPath,
    [fileURLToPath(new URL('scripts/build.mjs', ROOT)), '--apps-only', '--quiet'],
    {
      stdio: 'inherit',
    },
  );
  if (built.status !== 0) throw new Error('npm run build failed');
  console.log(
    `fleet: nodes of ${CORE_COUNTS.join('/')} cores, ${fmt(CORE_SPEED)} iterations/s per core (+-15%), ${NODE_OWNERS} owners, jobs of ${fmt(FLEET_JOB_ITERATIONS)} iterations; ${WARM_UP_MS / 1000} s warm-up, ${MEASURE_MS / 1000} s measured per step`,
  );
  const cluster = await startPostgres();
  try {
    const perJob = await memoryPerJob((db) => cluster.url(db));
    console.log(
      `sentinel memory per in-flight ${fmt(MEMORY_JOB.chunks)}-chunk job: ${fmt(perJob / 2 ** 20, 1)} MiB (RSS, ${MEMORY_JOBS} jobs admitted)`,
    );
    await variant(
      1_000,
      'chunks',
      'before: a signed complete per chunk and a claim for the idle slots, 1,000-iteration chunks',
      { SENTINEL_MAX_RUN_CHUNKS: '1', SENTINEL_RUNS_PER_SLOT: '1' },
      (db) => cluster.url(db),
      'fleet_before',
    );
    await variant(
      undefined,
      'runs',
      "after: planJob's chunk size, runs of about 2 s and one queued per slot, results and claims together about once a second per node",
      {},
      (db) => cluster.url(db),
      'fleet_after',
    );
  } finally {
    await cluster.stop();
  }
}

if (process.argv[1]?.endsWith('fleet.bench.ts')) await main();
