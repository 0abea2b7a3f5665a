// The embedded default, composed the way `simforge start` composes it: in-process PGlite
// shared by a real sentinel and the studio server, game data imported from the bundled
// tables, and real `simforge-node` processes on real HTTP, linked to a volunteer account.
// Reuses the CLI's own game-data and local-node modules so the test runs what `npm start` runs.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asUser, type Database, migrate, openDatabase, runQuery } from '@simforge/db';
import { REAL_TABLES_DIR } from '@simforge/gamedata';
import { createSentinel, MemoryLogger, type Sentinel } from '@simforge/sentinel';
import { ensureGameData } from '../../../cli/src/local-gamedata.ts';
import { type LocalNodes, startLocalNodes } from '../../../cli/src/local-nodes.ts';
import { createStudioServer, type StudioServer } from '../../src/index.ts';
import { buildStudio } from '../../src/server/build-on-demand.ts';
import { createAccount } from '../../src/server/gatekeeper.ts';
import { hashPassword } from '../../src/server/passwords.ts';
import { newToken } from '../../src/server/session-cookies.ts';

// The real DBC tables shipped in packages/gamedata/dbc, the same
// default `simforge start` reads; the importer appends the labelled fixture tables itself.
const REAL_TABLES = REAL_TABLES_DIR;
function realTableDirs(): string[] {
  return existsSync(REAL_TABLES) ? [REAL_TABLES] : [];
}

export interface Platform {
  db: Database;
  sentinel: Sentinel;
  sentinelUrl: string;
  studio: StudioServer;
  studioUrl: string;
  dataDir: string;
  /** Starts one more node process and resolves with the claim code it prints, unclaimed. */
  startUnlinkedNode(name: string): Promise<{ code: string; nodes: LocalNodes }>;
  close(): Promise<void>;
}

export async function startPlatform(options: { nodes: number; maxParallel: number }): Promise<Platform> {
  // Always a fresh build: a stale dist/ from older sources would test the wrong app.
  await buildStudio();
  const dataDir = await mkdtemp(join(tmpdir(), 'studio-platform-'));
  const db = await openDatabase({});
  await migrate(db);
  const gameData = await ensureGameData(db, { dirs: realTableDirs(), say: () => undefined });
  const sentinel = await createSentinel({
    database: db,
    gameData: gameData.source,
    logger: new MemoryLogger(),
  });
  const address = await sentinel.listen(0, '127.0.0.1');
  const sentinelUrl = `http://${address.host}:${address.port}`;
  const studio = createStudioServer({ db, buildIfMissing: false });
  const studioUrl = await studio.listen(0, '127.0.0.1');

  // The volunteers' account: the worker nodes belong to it, and serve every user's jobs.
  const volunteer = (await createAccount(db, 'volunteer@example.test', await hashPassword(newToken())))!;
  const claimFor = async (code: string) => {
    const res = await asUser(db, volunteer, (tx) =>
      runQuery<{ id: string }>(tx, 'studio_nodes_claim', [code]),
    );
    return { id: res.rows[0]!.id, name: code, publicKey: '' };
  };
  const groups: LocalNodes[] = [];
  if (options.nodes > 0) {
    const workers = await startLocalNodes({
      count: options.nodes,
      maxParallel: options.maxParallel,
      sentinelUrl,
      dataDir,
      claim: claimFor,
      say: () => undefined,
      env: process.env,
    });
    groups.push(workers);
    await Promise.all(workers.nodes.map((n) => n.linked));
  }

  return {
    db,
    sentinel,
    sentinelUrl,
    studio,
    studioUrl,
    dataDir,
    async startUnlinkedNode(name) {
      let resolveCode!: (code: string) => void;
      const code = new Promise<string>((resolve) => {
        resolveCode = resolve;
      });
      const nodes = await startLocalNodes({
        count: 1,
        maxParallel: 1,
        sentinelUrl,
        dataDir: join(dataDir, name),
        claim: async (printed) => {
          resolveCode(printed);
          return null;
        },
        say: () => undefined,
        env: process.env,
      });
      groups.push(nodes);
      return { code: await code, nodes };
    },
    async close() {
      await Promise.all(groups.map((g) => g.stop(5_000)));
      await studio.close();
      await sentinel.close();
      await db.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
