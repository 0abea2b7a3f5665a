// Game data for `simforge start`: import the bundled tables (plus any extra directory) when
// their patch is not the database's current one. The sentinel then serves the game schema to
// the nodes' resolvers from the same database (SqlGameDataSource).
import type { Database } from '@simforge/db';
import {
  GameDataError,
  importDirs,
  importGameData,
  patchVersionFor,
  SqlGameDataSource,
} from '@simforge/gamedata';

async function currentPatchOrNull(source: SqlGameDataSource): Promise<string | null> {
  try {
    return await source.currentPatch();
  } catch (err) {
    if (err instanceof GameDataError && err.code === 'SF_GAMEDATA_NO_PATCH') return null;
    throw err;
  }
}

export async function ensureGameData(
  db: Database,
  options: { dirs: readonly string[]; say: (line: string) => void },
): Promise<{ patch: string; source: SqlGameDataSource }> {
  const source = new SqlGameDataSource(db);
  const patch = await patchVersionFor(importDirs(options.dirs));
  if ((await currentPatchOrNull(source)) !== patch) {
    options.say(`simforge: importing game data (patch ${patch})`);
    const summary = await importGameData({ db, dirs: options.dirs, patch });
    options.say(`simforge: game data imported in ${Math.round(summary.readMs + summary.writeMs)} ms`);
  }
  return { patch, source };
}
