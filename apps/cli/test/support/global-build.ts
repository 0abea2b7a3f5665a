// Vitest global setup: compiles the apps (scripts/build.mjs, skipped when up to date) before
// any test spawns one, and gives the run its own cache directory, so the game-data snapshots
// the compiled CLI writes never touch the user's.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BUILD = fileURLToPath(new URL('../../../../scripts/build.mjs', import.meta.url));

export default async function setup(): Promise<() => Promise<void>> {
  const built = spawnSync(process.execPath, [BUILD, '--apps-only', '--quiet'], { encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`npm run build failed:\n${built.stdout}\n${built.stderr}`);
  const cacheDir = await mkdtemp(join(tmpdir(), 'simforge-test-cache-'));
  process.env.SIMFORGE_CACHE_DIR = cacheDir;
  return () => rm(cacheDir, { recursive: true, force: true });
}
