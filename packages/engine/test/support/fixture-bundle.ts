// The game data `simforge sim` uses: the real DBC tables beside the repository plus the
// gamedata package's labelled fixture tables, through its CSV source and bundle loader.
import { fileURLToPath } from 'node:url';
import type { GameDataBundle, GameDataRequest } from '@simforge/gamedata';
import { CsvGameDataSource, loadBundle } from '@simforge/gamedata';

const TABLES = fileURLToPath(new URL('../../../../../shared/gamedata/tables', import.meta.url));
const source = new CsvGameDataSource({ dirs: [TABLES] });

export function fixtureBundle(request: GameDataRequest): Promise<GameDataBundle> {
  return loadBundle(source, request);
}
