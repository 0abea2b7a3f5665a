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

  it('carries the spec, focus and a talent tree that orders nodes and choices', async () => {
    const { spec, talentTree, powerTypes } = await bmBundle();
    expect(spec).toMatchObject({
      id: 253,
      classId: 3,
      classToken: 'HUNTER',
      role: 'damage',
      masterySpellIds: [76657],
    });
    expect(powerTypes[2]).toMatchObject({ token: 'FOCUS', maxBasePower: 100, regenCombatPerSecond: 5 });
    expect(talentTree?.id).toBe(772);
    const ids = talentTree?.nodes.map((n) => n.id) ?? [];
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    const choices = talentTree?.nodes.filter((n) => n.type === 2) ?? [];
    expect(choices.length).toBeGreaterThanOrEqual(4);
    for (const node of choices) expect(node.entries).toHaveLength(2);
    const names = talentTree?.nodes.flatMap((n) => n.entries.map((e) => e.name)) ?? [];
    expect(names).toEqual(
      expect.arrayContaining(['Kill Command', 'Barbed Shot', 'Wild Call', 'Alpha Predator']),
    );
  });

  it('is plain JSON: it survives a round trip unchanged', async () => {
    const value = await bmBundle();
    expect(JSON.parse(JSON.stringify(value))).toEqual(value);
    expect(structuredClone(value)).toEqual(value);
  });
});
