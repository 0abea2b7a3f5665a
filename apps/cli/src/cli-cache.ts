// Where the CLI keeps what it can always rebuild: the game-data snapshots `simforge sim` reads
// instead of the CSV tables (packages/gamedata/src/snapshot.ts), each named by the tables'
// content hash and the engine build that joined them, so processes can share them safely.
// Beside a node's caches under the same XDG root.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { engineBuild } from '@simforge/engine/build';

export function snapshotDir(env: NodeJS.ProcessEnv): string {
  const root = env.SIMFORGE_CACHE_DIR || join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'simforge');
  return join(root, 'snapshots');
}

/** The snapshot option of CsvGameDataSource and importGameData for this process. */
export function gameDataSnapshot(env: NodeJS.ProcessEnv): { dir: string; builder: string } {
  return { dir: snapshotDir(env), builder: engineBuild() };
}
