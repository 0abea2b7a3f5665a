// Builds a GameDataBundle from the real DBC tables plus the gamedata package's fixture CSVs,
// the same data the embedded default imports. Cached per process: the CSV join takes seconds.
import { fileURLToPath } from 'node:url';
import type { GameDataBundle, GameDataRequest } from '@simforge/gamedata';
import { buildGameDataSet } from '../../../gamedata/src/build-game-data-set.ts';

const FIXTURES = fileURLToPath(new URL('../../../gamedata/fixtures', import.meta.url));
const TABLES = '/work/shared/gamedata/tables';

let built: ReturnType<typeof buildGameDataSet> | null = null;

export async function fixtureBundle(request: GameDataRequest): Promise<GameDataBundle> {
  built ??= buildGameDataSet({ dirs: [TABLES, FIXTURES] });
  const { set } = await built;
  const spells: GameDataBundle['spells'] = {};
  for (const [id, s] of set.spell) spells[id] = s;
  const spec = request.specId !== undefined ? (set.spec.get(request.specId) ?? null) : null;
  const tree = spec ? (set.tree.get(spec.talentTreeId) ?? null) : null;
  const powerTypes: GameDataBundle['powerTypes'] = {};
  for (const [id, p] of set.power) powerTypes[id] = p;
  return {
    patch: 'fixture',
    spells,
    spec,
    talentTree: tree,
    powerTypes,
    items: {},
    curves: {},
    randPropPoints: {},
    itemBonuses: {},
  };
}
