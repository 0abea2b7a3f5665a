// Where the CLI keeps what it can always rebuild: the game-data snapshots `simforge sim` reads
// instead of the CSV tables (packages/gamedata/src/snapshot.ts). Beside a node's caches under
// the same XDG root; each is named by a content hash, so processes can share it safely.
import { homedir } from 'node:os';
import { join } from 'node:path';

export function snapshotDir(env: NodeJS.ProcessEnv): string {
  const root = env.SIMFORGE_CACHE_DIR || join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'simforge');
  return join(root, 'snapshots');
}
