import type { GameDataBundle, GameDataRequest } from '@simforge/gamedata';
import { CsvGameDataSource, loadBundle, REAL_TABLES_DIR } from '@simforge/gamedata';

const TABLES = REAL_TABLES_DIR;
const source = new CsvGameDataSource({ dirs: [TABLES] });

export function fixtureBundle(request: GameDataRequest): Promise<GameDataBundle> {
  return loadBundle(source, request);
}
