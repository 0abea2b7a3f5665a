// What a variant changes against its base, as reports show it, and stat weights read back from
// any profileset whose variants each raise one stat line.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { profilesetChanges, readStatWeights, statWeightsProfile, WEIGHED_STATS } from '../src/index.ts';

const DEFAULT_PROFILE = readFileSync(new URL('../profiles/beast-mastery.simc', import.meta.url), 'utf8');
const BASE = `hunter=Tester
spec=beast_mastery
gear_agility=1000
talents=AAAA
actions=kill_command
`;

describe('profileset changes', () => {
  it('pairs each variant line with the base value it replaces, in the order the text names them', () => {
    const text = `${BASE}profileset."B"+=talents=BBBB
profileset."A"+=gear_agility=1500
profileset."A"+=gear_haste_rating=200
profileset."B"+=actions+=/barbed_shot
`;
    expect(profilesetChanges(text)).toEqual([
      {
        name: 'B',
        changes: [
          { key: 'talents', append: false, base: 'AAAA', variant: 'BBBB' },
          { key: 'actions', append: true, base: null, variant: '/barbed_shot' },
        ],
      },
      {
        name: 'A',
        changes: [
          { key: 'gear_agility', append: false, base: '1000', variant: '1500' },
          { key: 'gear_haste_rating', append: false, base: null, variant: '200' },
        ],
      },
    ]);
  });

  it('starts a variant over at profileset."NAME"= and is empty for one profile', () => {
    const text = `${BASE}profileset."A"+=talents=BBBB\nprofileset."A"=gear_agility=2000\n`;
    expect(profilesetChanges(text)).toEqual([
      { name: 'A', changes: [{ key: 'gear_agility', append: false, base: '1000', variant: '2000' }] },
    ]);
    expect(profilesetChanges(BASE)).toEqual([]);
  });
});

describe('stat weights', () => {
  const results = (diffs: Record<string, number>) =>
    Object.entries(diffs).map(([name, diffMean]) => ({ name, diffMean, diffHalfWidth95: diffMean / 10 }));

  it('adds one variant per stat, each raised by the delta over the base gear line', () => {
    const weighed = statWeightsProfile(DEFAULT_PROFILE, 500);
    if (!weighed.ok) throw new Error(JSON.stringify(weighed.errors));
    const changes = profilesetChanges(weighed.text);
    expect(changes.map((c) => c.name)).toEqual(WEIGHED_STATS.map((s) => s.label));
    for (const {
      changes: [change],
    } of changes.slice(0, 5)) {
      expect(Number(change!.variant) - Number(change!.base ?? 0)).toBe(500);
    }
    // The weapon: the default bow's damage raised by 20 DPS (60 on each hit of a 3.00 s bow).
    expect(changes[5]!.changes).toEqual([
      {
        key: 'main_hand',
        append: false,
        base: ',weapon=bow_3.00speed_420min_640max',
        variant: ',weapon=bow_3.00speed_480min_700max',
      },
    ]);
    const weights = readStatWeights(
      changes,
      results({
        Agility: 1000,
        'Critical Strike': 500,
        Haste: 400,
        Mastery: 300,
        Versatility: 250,
        'Weapon DPS': 100,
      }),
    );
    expect(weights?.map((w) => [w.stat, w.perPoint, w.error, w.normalised])).toEqual([
      ['Agility', 2, 0.2, 1],
      ['Critical Strike', 1, 0.1, 0.5],
      ['Haste', 0.8, 0.08, 0.4],
      ['Mastery', 0.6, 0.06, 0.3],
      ['Versatility', 0.5, 0.05, 0.25],
      ['Weapon DPS', 5, 0.5, 2.5],
    ]);
    // An item in the main hand: its damage is the data's, not weighed.
    const itemBow = statWeightsProfile(
      DEFAULT_PROFILE.replace(/^main_hand=.*$/m, 'main_hand=,id=990001'),
      500,
    );
    expect(itemBow.ok && [profilesetChanges(itemBow.text).length, itemBow.notes]).toEqual([
      5,
      ['Weapon DPS is not weighed: the main hand is an item, whose damage the game data gives'],
    ]);
  });

  it('reads a comparison that is not one stat per variant as no weights', () => {
    const talents = profilesetChanges(`${BASE}profileset."B"+=talents=BBBB\n`);
    expect(readStatWeights(talents, results({ B: 10 }))).toBeNull();
    const twoStats = profilesetChanges(
      `${BASE}profileset."A"+=gear_agility=1500\nprofileset."A"+=gear_mastery_rating=9\n`,
    );
    expect(readStatWeights(twoStats, results({ A: 10 }))).toBeNull();
    const lowered = profilesetChanges(`${BASE}profileset."A"+=gear_agility=500\n`);
    expect(readStatWeights(lowered, results({ A: -10 }))).toBeNull();
    const twice = profilesetChanges(
      `${BASE}profileset."A"+=gear_agility=1500\nprofileset."B"+=gear_agility=2000\n`,
    );
    expect(readStatWeights(twice, results({ A: 10, B: 20 }))).toBeNull();
  });
});
