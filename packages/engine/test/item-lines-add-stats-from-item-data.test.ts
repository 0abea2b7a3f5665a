// Item lines read their stats from the game data: the expected numbers are computed here by
// hand from the fixture CSV rows (Item, ItemSparse), the real ItemBonus rows and the real
// RandPropPoints row of the item level, with SimulationCraft's formula
// round(StatPercentEditor x budget / 10000), and compared with the engine's totals.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GameDataBundle } from '@simforge/gamedata';
import { FIXTURES_DIR, REAL_TABLES_DIR } from '@simforge/gamedata';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createSimulation,
  type Profile,
  ProfileRejectedError,
  parseProfile,
  requiredGameData,
  resolveItems,
} from '../src/index.ts';
import { fixtureBundle } from './support/fixture-bundle.ts';

/** One row of a CSV table by ID, as strings keyed by header (these rows hold no quoted commas). */
function csvRow(dir: string, table: string, id: number): Record<string, string> {
  const [header, ...rows] = readFileSync(join(dir, `${table}.csv`), 'utf8')
    .trim()
    .split('\n');
  const names = header!.split(',');
  const row = rows.map((r) => r.split(',')).find((cells) => Number(cells[0]) === id);
  if (!row) throw new Error(`${table} has no row ${id}`);
  return Object.fromEntries(names.map((n, i) => [n, row[i]!]));
}

function csvRows(dir: string, table: string, column: string, value: number): Record<string, string>[] {
  const [header, ...rows] = readFileSync(join(dir, `${table}.csv`), 'utf8')
    .trim()
    .split('\n');
  const names = header!.split(',');
  const at = names.indexOf(column);
  return rows
    .map((r) => r.split(','))
    .filter((cells) => Number(cells[at]) === value)
    .map((cells) => Object.fromEntries(names.map((n, i) => [n, cells[i]!])));
}

/** round(allocation x budget / 10000) for each stat slot of an ItemSparse row, keyed by ItemModType. */
function handStats(sparse: Record<string, string>, budget: number): Map<number, number> {
  const out = new Map<number, number>();
  for (let i = 0; i < 10; i++) {
    const type = Number(sparse[`StatModifier_bonusStat_${i}`]);
    const alloc = Number(sparse[`StatPercentEditor_${i}`]);
    if (type < 0 || alloc <= 0) continue;
    out.set(type, (out.get(type) ?? 0) + Math.round((alloc * budget) / 10000));
  }
  return out;
}

const HELM = 990002; // armor, InventoryType 1 (head): budget index 0
const RING = 990004; // armor, InventoryType 11 (finger): budget index 2
const BOW = 990001; // weapon class 2, subclass 2 (bow): budget index 0
const PLUS_6_ILEVEL = 627; // ItemBonus list 627: one row, Type 1, Value_0 6
const PLUS_CRIT = 17; // ItemBonus list 17: one row, Type 2, Value_0 32 (crit), Value_1 3506

const PROFILE = [
  'hunter="Geared"',
  'level=90',
  'spec=beast_mastery',
  'gear_agility=100',
  'gear_crit_rating=50',
  `head=fixture_chain_helm,id=${HELM},bonus_id=${PLUS_6_ILEVEL}`,
  `finger1=,id=${RING},bonus_id=${PLUS_CRIT},ilevel=652`,
  `main_hand=,id=${BOW}`,
  'max_time=60',
  'actions=auto_shot',
  'actions+=/kill_command',
  'actions+=/cobra_shot',
].join('\n');

function parsed(text: string): Profile {
  const r = parseProfile(text);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.profile;
}

describe('item lines add stats from the item data', () => {
  let data: GameDataBundle;
  const profile = parsed(PROFILE);

  beforeAll(async () => {
    data = await fixtureBundle(requiredGameData(profile));
  }, 60_000);

  it('asks the game data for the items, their bonus lists and item levels', () => {
    const request = requiredGameData(profile);
    expect(request.itemIds).toEqual([BOW, HELM, RING]);
    expect(request.itemBonusListIds).toEqual([PLUS_CRIT, PLUS_6_ILEVEL]);
    expect(request.itemLevels).toEqual([652]);
    expect(request.itemBonusSets).toEqual([
      { itemId: HELM, bonusListIds: [PLUS_6_ILEVEL] },
      { itemId: BOW, bonusListIds: [] },
    ]);
    // The loader fetched the budget row of the bonus-adjusted level too.
    expect(Object.keys(data.randPropPoints).sort()).toEqual(['639', '645', '652']);
  });

  it('computes each item by hand from its CSV rows and the RandPropPoints row', () => {
    const helmSparse = csvRow(FIXTURES_DIR, 'ItemSparse', HELM);
    const helmLevel =
      Number(helmSparse.ItemLevel) +
      Number(csvRows(REAL_TABLES_DIR, 'ItemBonus', 'ParentItemBonusListID', PLUS_6_ILEVEL)[0]!.Value_0);
    expect(helmLevel).toBe(645);
    expect(csvRow(FIXTURES_DIR, 'Item', HELM).InventoryType).toBe('1');
    expect(helmSparse.OverallQualityID).toBe('4'); // epic: the EpicF columns
    const helm = handStats(helmSparse, Number(csvRow(REAL_TABLES_DIR, 'RandPropPoints', helmLevel).EpicF_0));

    const ringSparse = csvRow(FIXTURES_DIR, 'ItemSparse', RING);
    const ring = handStats(ringSparse, Number(csvRow(REAL_TABLES_DIR, 'RandPropPoints', 652).EpicF_2));
    const critBonus = csvRows(REAL_TABLES_DIR, 'ItemBonus', 'ParentItemBonusListID', PLUS_CRIT)[0]!;
    expect(critBonus.Value_0).toBe('32');
    const ringCritAlloc = Number(ringSparse.StatPercentEditor_1) + Number(critBonus.Value_1);
    ring.set(
      32,
      Math.round((ringCritAlloc * Number(csvRow(REAL_TABLES_DIR, 'RandPropPoints', 652).EpicF_2)) / 10000),
    );

    const bowSparse = csvRow(FIXTURES_DIR, 'ItemSparse', BOW);
    const bow = handStats(bowSparse, Number(csvRow(REAL_TABLES_DIR, 'RandPropPoints', 639).EpicF_0));

    const sum = (type: number) => (helm.get(type) ?? 0) + (ring.get(type) ?? 0) + (bow.get(type) ?? 0);
    const errors: never[] = [];
    const { gear, items } = resolveItems(profile, data, errors, 'agility');
    expect(errors).toEqual([]);
    expect(items.map((i) => [i.itemId, i.itemLevel])).toEqual([
      [HELM, 645],
      [RING, 652],
      [BOW, 639],
    ]);
    expect(items[0]!.stats).toEqual({
      agility: helm.get(3),
      stamina: helm.get(7),
      masteryRating: helm.get(49),
      versatilityRating: helm.get(40),
    });
    expect(gear.agility).toBe(100 + sum(3));
    expect(gear.stamina).toBe(sum(7));
    expect(gear.critRating).toBe(50 + sum(32));
    expect(gear.hasteRating).toBe(sum(36));
    expect(gear.masteryRating).toBe(sum(49));
    expect(gear.versatilityRating).toBe(sum(40));
    // Spot values, so a formula change shows up as numbers: 5259 x 6501.76171875 / 10000.
    expect(helm.get(3)).toBe(3419);

    // The bow swings at its ItemDelay with the real ItemDamageTwoHand DPS of its item level and
    // quality (bows use the two-hand table), spread by its DmgVariance (0.4):
    // floor(swing x 0.8), ceil(swing x 1.2 + 0.5).
    expect(Number(bowSparse.ItemDelay)).toBe(3000);
    const dps = Number(csvRows(REAL_TABLES_DIR, 'ItemDamageTwoHand', 'ItemLevel', 639)[0]!.Quality_4);
    const swing = (dps * 3000) / 1000;
    expect(gear.weapon).toEqual({
      kind: 'bow',
      speedMs: 3000,
      minDamage: Math.floor(swing * 0.8),
      maxDamage: Math.ceil(swing * 1.2 + 0.5),
    });
    expect(gear.weapon.minDamage).toBe(5841); // 2433.77 DPS x 3 s x 0.8
  });

  it('simulates exactly like the same totals written as gear_* lines', () => {
    const { gear } = resolveItems(profile, data, [], 'agility');
    const w = gear.weapon;
    const flat = parsed(
      [
        'hunter="Geared"',
        'level=90',
        'spec=beast_mastery',
        `gear_agility=${gear.agility}`,
        `gear_stamina=${gear.stamina}`,
        `gear_crit_rating=${gear.critRating}`,
        `gear_haste_rating=${gear.hasteRating}`,
        `gear_mastery_rating=${gear.masteryRating}`,
        `gear_versatility_rating=${gear.versatilityRating}`,
        `main_hand=,weapon=bow_${(w.speedMs / 1000).toFixed(2)}speed_${w.minDamage}min_${w.maxDamage}max`,
        'max_time=60',
        'actions=auto_shot',
        'actions+=/kill_command',
        'actions+=/cobra_shot',
      ].join('\n'),
    );
    const withItems = createSimulation(profile, data).runIterations(0, 20, 7);
    const withGear = createSimulation(flat, data).runIterations(0, 20, 7);
    expect(withItems).toEqual(withGear);
    const bare = createSimulation(parsed(PROFILE.replace(/^(head|finger1|main_hand)=.*$/gm, '')), data);
    expect(bare.runIterations(0, 20, 7).dpsSumMilli).toBeLessThan(withItems.dpsSumMilli);
  });

  it('refuses an item id the data lacks, at the id', () => {
    const text = ['hunter="Geared"', 'spec=beast_mastery', 'head=,id=123456789', 'actions=auto_shot'].join(
      '\n',
    );
    const bad = parsed(text);
    expect(requiredGameData(bad).itemIds).toEqual([123456789]);
    let thrown: unknown;
    try {
      createSimulation(bad, data);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ProfileRejectedError);
    expect((thrown as ProfileRejectedError).errors).toEqual([
      expect.objectContaining({ code: 'SF_PROFILE_UNKNOWN_ITEM', line: 3, column: 10 }),
    ]);
    expect((thrown as ProfileRejectedError).errors[0]!.message).toContain('item 123456789');
  });

  it('checks item options: bad values and unknown options are errors, enchant and gem ids are read', () => {
    const lines = (...extra: string[]) => ['hunter="X"', ...extra, 'actions=auto_shot'].join('\n');
    const r = parseProfile(
      lines('head=,id=abc', 'neck=,id=1,bonus_id=1/x', 'hands=,id=2,ilevel=9999', 'feet=,id=3,fancy=1'),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.code, e.line, e.column])).toEqual([
      ['SF_PROFILE_BAD_VALUE', 2, 10],
      ['SF_PROFILE_BAD_VALUE', 3, 21],
      ['SF_PROFILE_OUT_OF_RANGE', 4, 20],
      ['SF_PROFILE_UNKNOWN_OPTION', 5, 12],
    ]);
    const ok = parseProfile(lines(`legs=,id=${HELM},enchant_id=7534,gem_id=213746`, 'waist=named_belt'));
    expect(ok.ok).toBe(true);
    if (!ok.ok) return;
    expect(ok.profile.items).toEqual([
      {
        slot: 'legs',
        itemId: HELM,
        bonusIds: [],
        bonusPos: { line: 2, column: 6 },
        enchant: { id: 7534, pos: { line: 2, column: 28 } },
        gems: [{ id: 213746, pos: { line: 2, column: 40 } }],
        itemLevel: null,
        weaponOverride: false,
        stats: null,
        pos: { line: 2, column: 10 },
      },
    ]);
    // The item line without an id, and no race= or level= line (the values used are named).
    expect(ok.warnings.map((w) => [w.line, w.column, w.message])).toEqual([
      [1, 1, 'no race= line: night_elf is used'],
      [1, 1, 'no level= line: level 90 is used'],
      [3, 1, expect.stringContaining('item line without `id=`')],
    ]);
  });

  it('keeps weapon= on the main-hand line over the item data, and a repeated slot keeps the last line', () => {
    const p = parsed(
      [
        'hunter="X"',
        `shoulder=,id=${HELM}`,
        `shoulders=,id=${RING}`,
        `main_hand=,id=${BOW},weapon=bow_2.50speed_100min_200max`,
        'actions=auto_shot',
      ].join('\n'),
    );
    expect(p.items.map((i) => [i.slot, i.itemId])).toEqual([
      ['shoulders', RING],
      ['main_hand', BOW],
    ]);
    const { gear } = resolveItems(p, data, [], 'agility');
    expect(gear.weapon).toEqual({ kind: 'bow', speedMs: 2500, minDamage: 100, maxDamage: 200 });
  });

  it("takes an item line's stats= over the data, and needs no data for an item it gives stats to", async () => {
    const text = PROFILE.replace(
      `finger1=,id=${RING},bonus_id=${PLUS_CRIT},ilevel=652`,
      `finger1=,id=${RING},stats=300agi_120haste\ntrinket1=,id=123456789,stats=40agility_25crit_10mastery_5vers_9sta`,
    );
    const p = parsed(text);
    const bundle = await fixtureBundle(requiredGameData(p));
    const sim = createSimulation(p, bundle);
    const { items } = resolveItems(p, bundle, [], 'agility');
    expect(items.find((i) => i.slot === 'finger1')!.stats).toEqual({ agility: 300, hasteRating: 120 });
    expect(items.find((i) => i.slot === 'trinket1')).toMatchObject({
      name: 'item 123456789',
      stats: { agility: 40, critRating: 25, masteryRating: 10, versatilityRating: 5, stamina: 9 },
    });
    expect(sim.warnings.map((w) => w.message).join('\n')).not.toMatch(/123456789/);
    const bad = parseProfile(text.replace('stats=300agi_120haste', 'stats=300agi_lots'));
    expect(bad.ok ? [] : bad.errors.map((e) => e.code)).toEqual(['SF_PROFILE_BAD_VALUE']);
    // No more than a gear_* line may give: a haste rating in the millions is refused.
    const hasty = parseProfile(
      `${PROFILE}\n${['trinket1', 'trinket2', 'neck', 'back'].map((slot) => `${slot}=,id=1,stats=400000haste`).join('\n')}`,
    );
    expect(hasty.ok ? [] : hasty.errors.map((e) => [e.code, e.message])).toEqual([
      [
        'SF_PROFILE_OUT_OF_RANGE',
        expect.stringMatching(/stats= brings the haste rating to 1,200,000 \(at most 1,000,000/),
      ],
    ]);
    const many = parseProfile(`${PROFILE}\ntrinket1=,id=1,stats=${Array(9).fill('1haste').join('_')}`);
    expect(many.ok ? [] : many.errors.map((e) => e.code)).toEqual(['SF_PROFILE_BAD_VALUE']);
  });
});
