// Benchmark (e): what verifying volunteers costs.
//
// (1) Compute, at steady state, in the sentinel's own runtime store (in memory, seeded draws,
//     synthetic partials): three volunteers' nodes compute a stream of another user's jobs;
//     the extra compute is the replayed iterations over the jobs' own iterations, per phase
//     of the nodes' records (brand new, after the full checks, at the floor). Goal: 100% for
//     new nodes, under 10% once trusted.
// (2) Wall time, with real node processes on PGlite: one job of a player who has no node,
//     computed by three node processes of three other owners, once while the nodes are new
//     (every result recomputed) and once with trusted records (checked at the floor), against
//     the same job on three node processes of the player's own (no checks at all). Same
//     profile, seed and iterations: the three results must be byte-identical.
//
// Run: npm run bench -w @simforge/cli   (BENCH_VERIFY_ITERATIONS, default 20000)
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ChunkPartial, encodeChunkPartial, PartialBuilder } from '@simforge/common';
import { type Database, migrate, openDatabase } from '@simforge/db';
import {
  importDirs,
  importGameData,
  patchVersionFor,
  REAL_TABLES_DIR,
  SqlGameDataSource,
} from '@simforge/gamedata';
import { createSentinel, FakeClock, JobRuntime, RuntimeStore, TrustBook } from '@simforge/sentinel';
import { databasePlatform } from '../src/database-platform.ts';
import { startLocalNodes } from '../src/local-nodes.ts';
import { ensureLocalUser } from '../src/local-user.ts';

const ITERATIONS = Number(process.env.BENCH_VERIFY_ITERATIONS ?? 20_000);
const SEED = 424242;
const PROFILE_PATH = fileURLToPath(
  new URL('../../../packages/engine/profiles/beast-mastery.simc', import.meta.url),
);
const TRUST = { fullCheckAgreements: 20, floorRate: 0.05, maxRefusals: 5 };

const say = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

/** Park-Miller: seeded draws, so part (1) prints the same figures on every run. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 48_271) % 2_147_483_647;
    return state / 2_147_483_647;
  };
}

function syntheticPartial(firstIteration: number, iterations: number): ChunkPartial {
  const builder = new PartialBuilder();
  for (let i = firstIteration; i < firstIteration + iterations; i++) {
    builder.recordIteration({
      dps: 10_000 + (i % 97),
      fightLengthMs: 300_000,
      events: 100,
      abilities: [],
      timelineDamage: [],
      timelineResource: [],
      buffs: [],
    });
  }
  return builder.build();
}

/** Part (1): replayed share of compute per phase of 6 volunteer nodes' records. */
function computeShare(): string[] {
  const chunkIterations = 100;
  const finalized: JobRuntime[] = [];
  const store = new RuntimeStore({
    clock: new FakeClock(),
    leaseMs: 60_000,
    maxChunkAttempts: 3,
    minFailingOwners: 2,
    verificationWaitMs: 60_000,
    // One chunk per run, as before runs: these count chunks per claim.
    targetRunMs: 2_000,
    maxRunChunks: 1,
    runsPerSlot: 1,
    sink: { finalize: (job) => finalized.push(job), fail: () => undefined },
    checkPartial: () => null,
    trust: new TrustBook(TRUST, seeded(7)),
  });
  const nodes = Array.from({ length: 6 }, (_, i) => ({
    key: `n${i}`,
    ownerId: `owner-${i % 3}`,
    capacity: 2,
  }));
  let jobSeq = 0;
  const addJob = () =>
    store.addJob(
      new JobRuntime({
        jobId: `job-${jobSeq++}`,
        userId: 'player',
        configHash: 'bench',
        simConfig: {},
        sentinelConfig: {
          seed: 1,
          chunkIterations,
          strategy: { kind: 'fixed', iterations: 100 * chunkIterations },
        },
        startedAtMs: 0,
      }),
    );
  addJob();
  const partial = syntheticPartial(0, chunkIterations);
  const bytes = encodeChunkPartial(partial);
  const phases = [
    { label: 'chunks 1-20 per node (new: every result checked)', untilPerNode: 20 },
    { label: 'chunks 21-100 per node (rate falls as 20/agreements)', untilPerNode: 100 },
    { label: 'chunks 101-400 per node', untilPerNode: 400 },
    { label: 'chunks 401-2000 per node', untilPerNode: 2_000 },
    { label: 'chunks 2001-6000 per node (at the 5% floor)', untilPerNode: 6_000 },
  ];
  const lines: string[] = [];
  let primaryBefore = 0;
  let replayBefore = 0;
  for (const phase of phases) {
    // Count first results (primaries) against replays, per node, until the phase ends.
    while (
      (store.stats.iterationsComputed - store.stats.iterationsReplayed) / chunkIterations <
      phase.untilPerNode * nodes.length
    ) {
      for (const node of nodes) {
        const batch = store.claimBatch(node, node.capacity);
        if (!batch.ok) throw new Error('claim refused');
        for (const chunk of batch.chunks) store.complete(node.key, chunk, partial, bytes);
      }
      if (store.activeJobs === 0) addJob();
    }
    const primary = store.stats.iterationsComputed - store.stats.iterationsReplayed - primaryBefore;
    const replay = store.stats.iterationsReplayed - replayBefore;
    lines.push(`  ${phase.label}: extra compute ${((100 * replay) / primary).toFixed(1)}% of the jobs' own`);
    primaryBefore += primary;
    replayBefore += replay;
  }
  lines.push(`  (in-memory store, 3 owners x 2 nodes, ${jobSeq} jobs of 100 chunks; seeded draws)`);
  return lines;
}

interface Phase {
  label: string;
  wallMs: number;
  sha256: string;
  verification: unknown;
}

async function wallTimes(dir: string): Promise<Phase[]> {
  const profile = readFileSync(PROFILE_PATH, 'utf8');
  const db: Database = await openDatabase({});
  await migrate(db);
  await importGameData({
    db,
    dirs: [REAL_TABLES_DIR],
    patch: await patchVersionFor(importDirs([REAL_TABLES_DIR])),
  });
  const startSentinel = () =>
    createSentinel({ database: db, gameData: new SqlGameDataSource(db), logger: { log: () => undefined } });
  let sentinel = await startSentinel();
  const { port } = await sentinel.listen(0, '127.0.0.1');
  const sentinelUrl = `http://127.0.0.1:${port}`;
  const user = async (name: string) =>
    (
      await ensureLocalUser(db, {
        email: `${name}@simforge.local`,
        credentialsPath: join(dir, `${name}.json`),
      })
    ).userId;
  const player = await user('player');
  const owners = [await user('alice'), await user('bob'), await user('carol')];
  const phases: Phase[] = [];

  const runJob = async (label: string, iterations = ITERATIONS) => {
    const platform = databasePlatform(db, player);
    const started = performance.now();
    const submitted = await platform.submit({ profile, iterations, seed: SEED });
    if (!submitted.ok) throw new Error(JSON.stringify(submitted.errors));
    const job = await platform.watch(submitted.jobId, () => undefined);
    const wallMs = performance.now() - started;
    if (job.status !== 'completed' || !job.resultHex)
      throw new Error(`job ${job.status}: ${JSON.stringify(job.meta)}`);
    if (iterations !== ITERATIONS) return;
    phases.push({
      label,
      wallMs,
      sha256: createHash('sha256')
        .update(Buffer.from(job.resultHex.slice(2), 'hex'))
        .digest('hex'),
      verification: job.meta.verification,
    });
  };

  const fleet = async (name: string, ownerOf: (i: number) => string) => {
    let next = 0;
    const nodes = await startLocalNodes({
      count: 3,
      maxParallel: 1,
      sentinelUrl,
      dataDir: join(dir, name),
      claim: (code) => databasePlatform(db, ownerOf(next++)).claimNode(code),
      say: () => undefined,
      env: process.env,
    });
    await Promise.all(nodes.nodes.map((n) => n.linked));
    return nodes;
  };

  try {
    say(`bench (e): the player's own three node processes, ${ITERATIONS} iterations (no checks)`);
    const own = await fleet('own', () => player);
    // Every fleet is warmed by a small job first (game data fetched, engine compiled), as a
    // running fleet would be.
    await runJob('warm-up', 2_000);
    await runJob("player's own nodes (no checks)");
    await own.stop(10_000);

    say('bench (e): three volunteers, brand new (every result recomputed by another owner)');
    const volunteers = await fleet('volunteers', (i) => owners[i % 3]!);
    await runJob('warm-up', 2_000);
    await runJob('three new volunteers (rate 1)');
    // A long clean record, as after weeks of agreeing checks, written while the sentinel is
    // down: a sentinel reads trust records from public.nodes when it first sees a node.
    await sentinel.close();
    await db.query('UPDATE public.nodes SET trust_agreements = 10000 WHERE user_id = ANY($1::uuid[])', [
      owners,
    ]);
    sentinel = await startSentinel();
    await sentinel.listen(port, '127.0.0.1');
    say('bench (e): the same volunteers with trusted records (checked at the 5% floor)');
    await runJob('three trusted volunteers (rate 0.05)');
    await volunteers.stop(10_000);
  } finally {
    await sentinel.close();
    await db.close();
  }
  return phases;
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'simforge-bench-e-'));
  try {
    say('bench (e): extra compute by trust phase (in-memory runtime store)');
    const share = computeShare();
    const phases = await wallTimes(dir);
    const base = phases[0]!;
    const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    const lines = [
      `machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}, load average ${loadavg()[0]!.toFixed(1)}; date ${new Date().toISOString().slice(0, 10)}`,
      '(1) extra compute of verification:',
      ...share,
      `(2) job wall time, ${ITERATIONS} iterations of packages/engine/profiles/beast-mastery.simc, three node processes (1 thread each) on 2 cores:`,
      ...phases.map(
        (p) =>
          `  ${p.label}: ${s(p.wallMs)} (${(((p.wallMs - base.wallMs) / base.wallMs) * 100).toFixed(1)}% vs no checks); meta.verification ${JSON.stringify(p.verification)}`,
      ),
      `  result_pb sha256 identical in all three: ${phases.every((p) => p.sha256 === base.sha256) ? 'yes' : 'NO'} (${base.sha256})`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
