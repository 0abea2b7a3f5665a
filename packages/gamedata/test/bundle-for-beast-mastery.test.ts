import { describe, expect, it } from 'vitest';
import {
  CsvGameDataSource,
  type GameDataBundle,
  GameDataResolver,
  loadBundle,
  REAL_TABLES_DIR,
} from '../src/index.ts';

const REAL_TABLES = REAL_TABLES_DIR;

/**
 * The spells whose data these tests check, by name. That every spell the engine asks for is in
 * the bundle is the engine's own test (game-data-holds-every-spell-the-engine-asks-for).
 */
const SPELL = {
  killCommand: 34026,
  killCommandPet: 83381,
  barbedShot: 217200,
  barbedShotFocus: 246152,
  frenzy: 272790,
  cobraShot: 193455,
  bestialWrath: 19574,
  wildCall: 185789,
};

let bundle: Promise<GameDataBundle> | undefined;
function bmBundle(): Promise<GameDataBundle> {
  bundle ??= loadBundle(new GameDataResolver({ origin: new CsvGameDataSource({ dirs: [REAL_TABLES] }) }), {
    spellIds: Object.values(SPELL),
    specId: 253,
    powerTypes: [2],
  });
  return bundle;
}

describe('the Beast Mastery bundle', () => {
  it('joins real cooldowns, charges and costs with the fixture effects', async () => {
    const { spells } = await bmBundle();
    expect(spells[SPELL.killCommand]).toMatchObject({
      gcdMs: 1500,
      powerCost: 30,
      powerType: 2,
      maxCharges: 1,
      chargeRecoveryMs: 7500,
      rangeMaxYards: 50,
    });
    expect(spells[SPELL.killCommandPet]?.effects[0]).toMatchObject({
      type: 2,
      apCoefficient: expect.any(Number),
    });
    expect(spells[SPELL.barbedShot]).toMatchObject({
      maxCharges: 2,
      chargeRecoveryMs: 18000,
      durationMs: 8000,
    });
    expect(spells[SPELL.barbedShot]?.effects.map((e) => e.triggerSpellId)).toEqual([0, 246152, 272790]);
    expect(spells[SPELL.barbedShotFocus]).toMatchObject({ tickPeriodMs: 2000, maxStacks: 20 });
    expect(spells[SPELL.frenzy]).toMatchObject({ maxStacks: 3, durationMs: 8000 });
    expect(spells[SPELL.bestialWrath]).toMatchObject({ cooldownMs: 90000, durationMs: 15000 });
    expect(spells[SPELL.cobraShot]).toMatchObject({ powerCost: 35 });
    expect(spells[SPELL.wildCall]).toMatchObject({ passive: true, procChance: 100 });
  });

  it('derives hasted cooldowns from the spec passive, for Beast Mastery only', async () => {
    const { spells } = await bmBundle();
    expect(spells[SPELL.killCommand]?.cooldownHasted).toBe(true);
    expect(spells[SPELL.barbedShot]?.cooldownHasted).toBe(true);
    expect(spells[SPELL.bestialWrath]?.cooldownHasted).toBe(false);
    expect(spells[SPELL.cobraShot]?.gcdHasted).toBe(true);
  });

  it('carries the spec, focus and the live talent tree 774 with its rules, ordered as loadout strings are', async () => {
    const { spec, talentTree, powerTypes } = await bmBundle();
    expect(spec).toMatchObject({
      id: 253,
      classId: 3,
      classToken: 'HUNTER',
      role: 'damage',
      masterySpellIds: [76657],
    });
    expect(powerTypes[2]).toMatchObject({ token: 'FOCUS', maxBasePower: 100, regenCombatPerSecond: 5 });
    if (!talentTree) throw new Error('no talent tree');
    expect(talentTree.id).toBe(774);
    const ids = talentTree.nodes.map((n) => n.id);
    expect(ids).toHaveLength(211);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    const choices = talentTree.nodes.filter((n) => n.type === 2);
    expect(choices).toHaveLength(28);
    for (const node of choices) expect(node.entries).toHaveLength(2);
    // Every entry has a name: the real ones where the export has them, else the labelled fixture.
    expect(talentTree.nodes.flatMap((n) => n.entries).filter((e) => e.name === '')).toEqual([]);
    const byId = new Map(talentTree.nodes.map((n) => [n.id, n]));
    // Bestial Wrath (102340) is Beast Mastery's alone; Survival of the Fittest (102422) is every spec's, free.
    expect(byId.get(102340)).toMatchObject({ specIds: [253], currencyId: 2800, requiredSpent: 0 });
    expect(byId.get(102422)).toMatchObject({
      specIds: [],
      grantedSpecIds: [253, 254, 255],
      currencyId: 2801,
    });
    // Beast Mastery chooses between Dark Ranger (44) and Pack Leader (43) on node 99832.
    expect(byId.get(99832)?.entries.map((e) => [e.subTreeId, e.name])).toEqual([
      [44, 'Dark Ranger'],
      [43, 'Pack Leader'],
    ]);
    expect(talentTree.currencies).toEqual([
      { id: 2800, kind: 'spec', maxPoints: 34 },
      { id: 2801, kind: 'class', maxPoints: 34 },
      { id: 2986, kind: 'hero', maxPoints: 13 },
      { id: 2987, kind: 'hero', maxPoints: 13 },
      { id: 2988, kind: 'hero', maxPoints: 13 },
    ]);
    expect(talentTree.starterBuilds.map((b) => [b.specId, b.picks.length])).toEqual([
      [253, 68],
      [254, 68],
      [255, 68],
    ]);
    // Gates: class rows behind 8 and 23 class points, spec rows behind 8 and 20 spec points.
    const gates = new Set(talentTree.nodes.map((n) => `${n.currencyId}:${n.requiredSpent}`));
    expect([...gates].sort()).toEqual([
      '0:0',
      '2800:0',
      '2800:20',
      '2800:8',
      '2801:0',
      '2801:23',
      '2801:8',
      '2986:0',
      '2987:0',
      '2988:0',
    ]);
  });

  it('is plain JSON: it survives a round trip unchanged', async () => {
    const value = await bmBundle();
    expect(JSON.parse(JSON.stringify(value))).toEqual(value);
    expect(structuredClone(value)).toEqual(value);
  });
});
