// npm run bench:sentinel. (a) claim+complete ops/s on the in-memory runtime store; (b) the same
// workload on a Postgres chunk table (the design the spec rejects), same run, and their ratio;
// (c) signed HTTP claim/complete requests/s and p50/p99 latency with many simulated nodes on
// loopback. Bars: (a) >= 50x (b); (c) >= 2,000 signed requests/s. About a minute in all.

import { fork } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { privateKeyToPem } from '@simforge/common/signing';
import { asUser, openDatabase, runQuery } from '@simforge/db';
import { startPostgres } from '@simforge/db/testing/postgres-cluster';
import { createSentinel } from '../src/index.ts';
import type { Logger } from '../src/logger.ts';
import { benchPartial, minimalPartial } from './bench-partial.ts';
import { benchChunkTable } from './chunk-table-baseline.ts';
import type { LoadInput, LoadResult } from './http-load.ts';
import { benchInMemoryStore, type Workload } from './in-memory-store.ts';
import { linkedBenchNode } from './linked-bench-node.ts';

const HTTP_CHUNK_ITERATIONS = 100;
const HTTP_CAPACITY = 8;
const IN_MEMORY_MS = 3_000;
const CHUNK_TABLE_MS = 8_000;
const HTTP_MS = 10_000;
const HTTP_NODES = 64;

const quiet: Logger = { log: () => undefined };
const sql = (name: string) => readFile(new URL(`./sql/${name}.sql`, import.meta.url), 'utf8');
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** (c) alone, exported so it can be run under a profiler. */
export async function httpBench(
  clusterUrl: (db: string) => string,
): Promise<LoadResult & { accepted: number; serverCpuUsPerRequest: number }> {
  const admin = await openDatabase({ url: clusterUrl('postgres'), poolSize: 1 });
  await admin.exec(await sql('bench_setup'));
  await admin.close();
  const sentinel = await createSentinel({
    database: { url: clusterUrl('simforge_http_bench') },
    logger: quiet,
    validateSimConfig: () => ({ ok: true }),
    // Simulated nodes send far more than real ones (tens of requests per second each, not one):
    // the per-node limits are lifted so the benchmark measures the server, not the limiter.
    rateLimitPerSecond: 100_000,
    rateLimitBurst: 100_000,
    registerPerMinute: 100_000,
  });
  try {
    const { port } = await sentinel.listen(0, '127.0.0.1');
    const baseUrl = `http://127.0.0.1:${port}`;
    const { rows } = await sentinel.db.query<{ id: string }>(await sql('bench_user'), ['bench@example.test']);
    const userId = rows[0]!.id;
    const keys = [];
    for (let n = 0; n < HTTP_NODES; n++) {
      keys.push(
        await linkedBenchNode(sentinel.db, baseUrl, userId, {
          name: 'bench',
          totalCores: HTTP_CAPACITY,
          maxParallel: HTTP_CAPACITY,
          platform: 'linux',
          version: 'bench',
        }),
      );
    }
    const sentinelConfig = {
      seed: 1,
      chunkIterations: HTTP_CHUNK_ITERATIONS,
      strategy: { kind: 'fixed', iterations: HTTP_CHUNK_ITERATIONS * 100_000 },
    };
    const inserted = await asUser(sentinel.db, userId, (tx) =>
      runQuery<{ id: string }>(tx, 'studio_jobs_insert', [
        JSON.stringify({ profile: 'bench' }),
        JSON.stringify(sentinelConfig),
      ]),
    );
    const jobId = inserted.rows[0]!.id;
    while (sentinel.store.job(jobId) === undefined) await new Promise((resolve) => setTimeout(resolve, 20));

    const child = fork(new URL('./http-load.ts', import.meta.url), {
      execArgv: ['--import', 'tsx'],
    });
    const input: LoadInput = {
      baseUrl,
      keysPem: keys.map((k) => privateKeyToPem(k.privateKey)),
      capacity: HTTP_CAPACITY,
      chunkIterations: HTTP_CHUNK_ITERATIONS,
      durationMs: HTTP_MS,
    };
    const cpuBefore = process.cpuUsage();
    const result = await new Promise<LoadResult>((resolve, reject) => {
      child.once('message', (message) => resolve(message as LoadResult));
      child.once('exit', (code) => reject(new Error(`load generator exited with ${code}`)));
      child.send(input);
    });
    const cpu = process.cpuUsage(cpuBefore);
    const serverCpuUsPerRequest = (cpu.user + cpu.system) / result.requests;
    return { ...result, accepted: sentinel.store.stats.completes, serverCpuUsPerRequest };
  } finally {
    await sentinel.close();
  }
}

interface Variant {
  name: string;
  workload: Workload;
}

const BASE = { nodes: 64, capacity: 8, users: 8, chunksPerJob: 20_000 };
const VARIANTS: Variant[] = [
  {
    name: 'store operations only (1-iteration partials, nothing to merge)',
    workload: { ...BASE, chunkIterations: 1, partial: minimalPartial() },
  },
  {
    name: 'with realistic partials (100 iterations, 300 timeline s; checked, and merged in (a))',
    workload: {
      ...BASE,
      chunkIterations: HTTP_CHUNK_ITERATIONS,
      partial: benchPartial(HTTP_CHUNK_ITERATIONS),
    },
  },
];

async function main(): Promise<void> {
  const cpu = cpus();
  console.log(
    `sentinel bench — ${new Date().toISOString()} — ${cpu.length} x ${cpu[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average ${loadavg()[0]!.toFixed(1)}`,
  );
  console.log(
    `workload: ${BASE.nodes} nodes x capacity ${BASE.capacity}, ${BASE.users} users with one job each`,
  );
  const cluster = await startPostgres();
  // The same chunk table on Postgres's default durability, as a production server would run
  // it: reported beside the fsync-off baseline, which is the bar's measure.
  const durableCluster = await startPostgres({ durable: true });
  try {
    const db = await openDatabase({ url: cluster.url(), poolSize: 10 });
    const durableDb = await openDatabase({ url: durableCluster.url(), poolSize: 10 });
    try {
      for (const { name, workload } of VARIANTS) {
        console.log(`- ${name}`);
        const a = benchInMemoryStore(workload, IN_MEMORY_MS);
        console.log(
          `  (a) in-memory runtime store (${fmt(a.opsPerCpuSecond)} per CPU-second): ${fmt(a.opsPerSecond)} claim+complete/s (${fmt(a.ops)} in ${a.seconds.toFixed(1)} s)`,
        );
        const b = await benchChunkTable(db, workload, CHUNK_TABLE_MS);
        const ratio = a.opsPerSecond / b.opsPerSecond;
        console.log(
          `  (b) Postgres chunk table (SKIP LOCKED), fsync off: ${fmt(b.opsPerSecond)} claim+complete/s (${fmt(b.ops)} in ${b.seconds.toFixed(1)} s)`,
        );
        console.log(`  ratio (a)/(b): ${ratio.toFixed(0)}x — bar 50x: ${ratio >= 50 ? 'PASS' : 'FAIL'}`);
        const durable = await benchChunkTable(durableDb, workload, CHUNK_TABLE_MS);
        console.log(
          `  (b, durable) the same on default durability (fsync on): ${fmt(durable.opsPerSecond)} claim+complete/s (${fmt(durable.ops)} in ${durable.seconds.toFixed(1)} s); ratio (a)/(b, durable): ${(a.opsPerSecond / durable.opsPerSecond).toFixed(0)}x`,
        );
      }
    } finally {
      await db.close();
      await durableDb.close();
    }
    const c = await httpBench((name) => cluster.url(name));
    console.log(
      `(c) signed HTTP, ${HTTP_NODES} nodes on loopback, realistic partials: ${fmt(c.requestsPerSecond)} req/s (${fmt(c.requests)} in ${c.seconds.toFixed(1)} s, ${c.errors} errors, ${fmt(c.accepted)} chunks accepted), p50 ${c.p50Ms.toFixed(2)} ms, p99 ${c.p99Ms.toFixed(2)} ms, sentinel CPU ${c.serverCpuUsPerRequest.toFixed(0)} µs/request, load generator CPU ${c.clientCpuUsPerRequest.toFixed(0)} µs/request — bar 2,000 req/s: ${c.requestsPerSecond >= 2_000 ? 'PASS' : 'FAIL'}`,
    );
  } finally {
    await cluster.stop();
    await durableCluster.stop();
  }
}

// Run when executed; importing (to profile one part alone) runs nothing.
if (process.argv[1]?.endsWith('sentinel-bench.ts')) await main();
