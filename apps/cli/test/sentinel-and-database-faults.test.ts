// Faults on the sentinel's side, on real Postgres (PGlite has no server to lose):
// - the sentinel process killed mid-job: after a restart the job is `failed`, one
//   `restart_dropped` line names it, and a new job runs on the same node;
// - the LISTEN connection cut (pg_terminate_backend) while new connections are refused: a job
//   inserted meanwhile gets no notification, and still runs once LISTEN comes back.
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { type Database, openDatabase } from '@simforge/db';
import { createUser, freePort, freshPostgresUrl } from '@simforge/db/testing';
import { tsxLoaderUrl } from '@simforge/node';
import { afterAll, describe, expect, it } from 'vitest';
import { databasePlatform } from '../src/database-platform.ts';
import { readJob } from '../src/local-jobs.ts';
import { removeNodeDirs, spawnNode, type TestNode } from './support/node-processes.ts';
import { importTestGameData, type PlatformHarness, startPlatform } from './support/platform-harness.ts';
import { shortFightProfile } from './support/test-profiles.ts';

const profile = shortFightProfile(20);

interface SentinelProcess {
  child: ChildProcess;
  lines: Record<string, unknown>[];
  waitFor(event: string, match?: (l: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
}

function spawnSentinel(url: string, port: number): SentinelProcess {
  const entry = fileURLToPath(new URL('./fixtures/sentinel-process.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', tsxLoaderUrl(), entry], {
    env: {
      ...process.env,
      SENTINEL_DATABASE_URL: url,
      SENTINEL_PORT: String(port),
      SENTINEL_LEASE_MS: '3000',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: Record<string, unknown>[] = [];
  const waiters: (() => void)[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    try {
      lines.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      lines.push({ event: 'text', text: line });
    }
    for (const wake of waiters.splice(0)) wake();
  });
  return {
    child,
    lines,
    async waitFor(event, match = () => true) {
      const deadline = Date.now() + 60_000;
      for (;;) {
        const found = lines.find((l) => l.event === event && match(l));
        if (found) return found;
        if (Date.now() > deadline || child.exitCode !== null) {
          throw new Error(`sentinel: no '${event}'; last lines ${JSON.stringify(lines.slice(-5))}`);
        }
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 500);
        });
      }
    },
  };
}

describe('sentinel killed mid-job [postgres]', () => {
  const sentinels: SentinelProcess[] = [];
  let node: TestNode | undefined;
  let db: Database | undefined;
  afterAll(async () => {
    await node?.stop('SIGKILL');
    for (const s of sentinels) if (s.child.exitCode === null) s.child.kill('SIGKILL');
    await db?.close();
    await removeNodeDirs();
  });

  it('fails the interrupted job on restart with restart_dropped, then runs a new job', async () => {
    const url = await freshPostgresUrl();
    db = await openDatabase({ url, poolSize: 2 });
    await importTestGameData(db);
    const userId = await createUser(db);
    const platform = databasePlatform(db, userId);
    const port = await freePort();
    const sentinelUrl = `http://127.0.0.1:${port}`;

    const first = spawnSentinel(url, port);
    sentinels.push(first);
    await first.waitFor('sentinel_listening');
    node = await spawnNode({ name: 'survivor', sentinelUrl });
    const waiting = await node.waitFor('waiting_for_link');
    expect(await platform.claimNode(String(waiting.claimCode))).not.toBeNull();
    await node.waitFor('linked');

    const doomed = await platform.submit({ profile, iterations: 200_000, seed: 21 });
    if (!doomed.ok) throw new Error(JSON.stringify(doomed.errors));
    await node.waitFor('chunk_completed', (e) => e.jobId === doomed.jobId);
    expect((await readJob(db, userId, doomed.jobId))?.status).toBe('running');
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));

    const second = spawnSentinel(url, port);
    sentinels.push(second);
    await second.waitFor('restart_dropped', (l) => l.jobId === doomed.jobId);
    expect(second.lines.filter((l) => l.event === 'restart_dropped')).toHaveLength(1);
    const dropped = await readJob(db, userId, doomed.jobId);
    expect(dropped?.status).toBe('failed');
    expect(dropped?.meta?.reason).toBe('restart_dropped');

    const fresh = await platform.submit({ profile, iterations: 3_000, seed: 22 });
    if (!fresh.ok) throw new Error(JSON.stringify(fresh.errors));
    const finished = await platform.watch(fresh.jobId, () => undefined);
    expect(finished.status, JSON.stringify(finished.meta)).toBe('completed');
    expect(node.events.some((e) => e.event === 'sentinel_unavailable')).toBe(true);
  }, 180_000);
});

describe('LISTEN connection cut [postgres]', () => {
  let harness: PlatformHarness | undefined;
  let admin: Database | undefined;
  afterAll(async () => {
    await harness?.close();
    await admin?.close();
    await removeNodeDirs();
  });

  it('runs a job inserted while the listener was down, once LISTEN is back', async () => {
    const url = await freshPostgresUrl();
    const database = new URL(url).pathname.slice(1);
    // ALTER DATABASE takes no parameters; freshPostgresUrl names databases [a-z0-9_].
    if (!/^[a-z0-9_]+$/.test(database)) throw new Error(`unexpected database name ${database}`);
    const adminUrl = new URL(url);
    adminUrl.pathname = '/postgres';
    admin = await openDatabase({ url: adminUrl.toString(), poolSize: 1 });
    const sentinelDb = await openDatabase({
      url,
      applicationName: 'listen-cut',
      reconnectInitialMs: 50,
      reconnectMaxMs: 500,
    });
    harness = await startPlatform('postgres', {}, sentinelDb);
    await harness.linkedNode('listener-test');
    const { db } = harness;
    const setConnections = (allow: boolean) =>
      admin!.query(`ALTER DATABASE ${database} ALLOW_CONNECTIONS ${allow}`);
    const listenerPid = async () =>
      (
        await db.query<{ pid: number }>(
          "SELECT pid FROM pg_stat_activity WHERE application_name LIKE '%:listen' AND datname = current_database()",
        )
      ).rows.map((r) => r.pid);

    const before = await listenerPid();
    expect(before.length).toBeGreaterThan(0);
    // The submit below reads the game data and inserts in transactions of its own: open a few
    // pooled connections now, while new ones are still allowed, for it to use.
    await Promise.all(Array.from({ length: 4 }, () => db.query('SELECT pg_sleep(0.05)')));
    // Refuse new connections so the listener cannot come back until the job is inserted.
    await setConnections(false);
    try {
      for (const pid of before) await db.query('SELECT pg_terminate_backend($1)', [pid]);
      const submitted = await harness.platform.submit({ profile, iterations: 2_000, seed: 31 });
      if (!submitted.ok) throw new Error(JSON.stringify(submitted.errors));
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect((await readJob(db, harness.userId, submitted.jobId))?.status).toBe('pending');
      await setConnections(true);
      const finished = await harness.platform.watch(submitted.jobId, () => undefined);
      expect(finished.status).toBe('completed');
      expect(harness.logger.events('listen_reconnected').length).toBeGreaterThan(0);
      expect(await listenerPid()).not.toEqual(before);
    } finally {
      await setConnections(true);
    }
  }, 120_000);
});
