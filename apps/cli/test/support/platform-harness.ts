// One platform for an end-to-end test: a migrated database (real Postgres or PGlite) with the
// game data imported, a real sentinel listening on loopback in this process, a user, and the
// same LocalPlatform `simforge submit` uses. Nodes are spawned separately (node-processes.ts).
import type { Database, DriverKind } from '@simforge/db';
import { createUser, freshDatabase } from '@simforge/db/testing';
import { importDirs, importGameData, patchVersionFor, SqlGameDataSource } from '@simforge/gamedata';
import { createSentinel, MemoryLogger, type Sentinel, type SentinelOptions } from '@simforge/sentinel';
import { databasePlatform } from '../../src/database-platform.ts';
import type { LocalPlatform } from '../../src/local-platform.ts';
import { spawnNode, type TestNode } from './node-processes.ts';
import { GAMEDATA_DIRS } from './test-profiles.ts';

export interface PlatformHarness {
  db: Database;
  sentinel: Sentinel;
  sentinelUrl: string;
  logger: MemoryLogger;
  userId: string;
  platform: LocalPlatform;
  /** Spawns a node process and links it to the harness user through its claim code. */
  linkedNode(
    name: string,
    options?: { maxParallel?: number; entry?: URL; userId?: string; env?: NodeJS.ProcessEnv },
  ): Promise<TestNode>;
  /** A LocalPlatform acting as another user (fairness). */
  platformFor(userId: string): LocalPlatform;
  close(): Promise<void>;
}

/** Imports the game data into `db` (the real tables plus the fixtures). */
export async function importTestGameData(db: Database): Promise<void> {
  const patch = await patchVersionFor(importDirs(GAMEDATA_DIRS));
  await importGameData({ db, dirs: GAMEDATA_DIRS, patch });
}

export async function startPlatform(
  kind: DriverKind,
  sentinelOptions: Partial<SentinelOptions> = {},
  /** An already open, migrated database to use instead of a fresh one of `kind`. */
  openDb?: Database,
): Promise<PlatformHarness> {
  const db = openDb ?? (await freshDatabase(kind));
  await importTestGameData(db);
  const logger = new MemoryLogger();
  const sentinel = await createSentinel({
    database: db,
    logger,
    gameData: new SqlGameDataSource(db),
    ...sentinelOptions,
  });
  const { port } = await sentinel.listen(0, '127.0.0.1');
  const sentinelUrl = `http://127.0.0.1:${port}`;
  const userId = await createUser(db);
  const platform = databasePlatform(db, userId);
  const nodes: TestNode[] = [];
  return {
    db,
    sentinel,
    sentinelUrl,
    logger,
    userId,
    platform,
    platformFor: (other) => databasePlatform(db, other),
    async linkedNode(name, options = {}) {
      const node = await spawnNode({
        name,
        sentinelUrl,
        maxParallel: options.maxParallel,
        entry: options.entry,
        env: options.env,
      });
      nodes.push(node);
      const waiting = await node.waitFor('waiting_for_link');
      const owner = options.userId ? databasePlatform(db, options.userId) : platform;
      const claimed = await owner.claimNode(String(waiting.claimCode));
      if (!claimed) throw new Error(`claim code ${String(waiting.claimCode)} of ${name} was refused`);
      await node.waitFor('linked');
      return node;
    },
    async close() {
      await Promise.all(nodes.map((n) => n.stop('SIGKILL')));
      await sentinel.close();
      await db.close();
    },
  };
}
