// The platform a bench runs jobs on, composed as `simforge start` composes it: in-process
// PGlite with the shipped game data imported, the sentinel on a free port, a local user, and
// two `simforge-node` processes linked to that user, one engine thread each.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate, openDatabase } from '@simforge/db';
import {
  importDirs,
  importGameData,
  patchVersionFor,
  REAL_TABLES_DIR,
  SqlGameDataSource,
} from '@simforge/gamedata';
import { createSentinel } from '@simforge/sentinel';
import { databasePlatform } from '../src/database-platform.ts';
import { type LocalNodes, startLocalNodes } from '../src/local-nodes.ts';
import type { LocalPlatform } from '../src/local-platform.ts';
import { ensureLocalUser } from '../src/local-user.ts';

export interface BenchPlatform {
  platform: LocalPlatform;
  nodes: LocalNodes;
  close(): Promise<void>;
}

/** Resolves once both nodes are linked. `say` is told of the nodes' start-up. */
export async function startTwoLocalNodes(name: string, say: (line: string) => void): Promise<BenchPlatform> {
  const dir = await mkdtemp(join(tmpdir(), `simforge-bench-${name}-`));
  const db = await openDatabase({});
  await migrate(db);
  await importGameData({
    db,
    dirs: [REAL_TABLES_DIR],
    patch: await patchVersionFor(importDirs([REAL_TABLES_DIR])),
  });
  const sentinel = await createSentinel({
    database: db,
    gameData: new SqlGameDataSource(db),
    logger: { log: () => undefined },
  });
  const { port } = await sentinel.listen(0, '127.0.0.1');
  const user = await ensureLocalUser(db, {
    email: 'bench@simforge.local',
    credentialsPath: join(dir, 'user.json'),
  });
  const platform = databasePlatform(db, user.userId);
  const nodes = await startLocalNodes({
    count: 2,
    maxParallel: 1,
    sentinelUrl: `http://127.0.0.1:${port}`,
    dataDir: dir,
    claim: (code) => platform.claimNode(code),
    say,
    env: process.env,
  });
  await Promise.all(nodes.nodes.map((n) => n.linked));
  return {
    platform,
    nodes,
    async close() {
      await nodes.stop(10_000);
      await sentinel.close();
      await db.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
