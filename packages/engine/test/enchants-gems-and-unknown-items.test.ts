// Enchants and gems from the real SpellItemEnchantment and GemProperties tables, item ids the
// data lacks, and the weapon a profile leaves out: what changes the stats is computed by hand
// from the CSV rows; what cannot be applied is listed as a warning at its column, never silent.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REAL_TABLES_DIR } from '@simforge/gamedata';
import { describe, expect, it } from 'vitest';
import {
  checkProfileWithData,
  createSimulation,
  type ProfileCheck,
  type ProfileWarning,
  parseProfile,
  requiredGameData,
  resolveItems,
} from '../src/index.ts';
import { fixtureBundle } from './support/fixture-bundle.ts';

const HELM = 990002;
const GEM = 990005; // fixture gem item: Gem_properties 1124
const FIXED_ENCHANT = 3337; // "+$k1 Agility and +$k2 Critical Strike": 5 and 5, ScalingClass 0
const SCALED_ENCHANT = 8142; // "+$k1 Critical Strike", ScalingClass -7

function enchantRow(id: number): Record<string, string> {
  const [header, ...rows] = readFileSync(join(REAL_TABLES_DIR, 'SpellItemEnchantment.csv'), 'utf8').split(
    '\n',
  );
  const names = header!.split(',');
  const cells = rows.map((r) => r.split(',')).find((c) => Number(c[0]) === id)!;
  // The name column is quoted and may hold commas; the numeric columns after it are read from the end.
  const tail = cells.slice(cells.length - (names.length - 2));
  return Object.fromEntries(names.slice(2).map((n, i) => [n, tail[i]!]));
}

const head = (...lines: string[]) =>
  ['hunter="Geared"', 'level=90', 'race=orc', 'spec=beast_mastery', ...lines, 'actions=kill_command'].join(
    '\n',
  );

async function check(text: string): Promise<ProfileCheck> {
  return checkProfileWithData(text, fixtureBundle);
}

async function warningsOf(text: string): Promise<ProfileWarning[]> {
  const result = await check(text);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.warnings;
}

describe('enchants, gems and item ids the data lacks', () => {
  it('reads the real GemProperties and SpellItemEnchantment rows: +5 agility and +5 crit from the enchant and from the gem', async () => {
    const row = enchantRow(FIXED_ENCHANT);
    expect([row.Effect_0, row.EffectArg_0, row.EffectPointsMin_0]).toEqual(['5', '3', '5']);
    expect([row.Effect_1, row.EffectArg_1, row.EffectPointsMin_1]).toEqual(['5', '32', '5']);
    expect(row.ScalingClass).toBe('0');
    const gemProperties = readFileSync(join(REAL_TABLES_DIR, 'GemProperties.csv'), 'utf8')
      .split('\n')
      .find((l) => l.startsWith('1124,'));
    expect(gemProperties?.split(',').slice(0, 2)).toEqual(['1124', String(FIXED_ENCHANT)]);

    const plain = head(`head=,id=${HELM}`, 'main_hand=,weapon=bow_3.00speed_420min_640max');
    const both = head(
      `head=,id=${HELM},enchant_id=${FIXED_ENCHANT},gem_id=${GEM}/0`,
      'main_hand=,weapon=bow_3.00speed_420min_640max',
    );
    const parsedBoth = parseProfile(both);
    const parsedPlain = parseProfile(plain);
    if (!parsedBoth.ok || !parsedPlain.ok) throw new Error('profiles parse');
    expect(requiredGameData(parsedBoth.profile)).toMatchObject({
      itemIds: [HELM, GEM],
      enchantIds: [FIXED_ENCHANT],
    });
    const data = await fixtureBundle(requiredGameData(parsedBoth.profile));
    expect(data.items[GEM]!.gemEnchantId).toBe(FIXED_ENCHANT);
    const withBoth = resolveItems(parsedBoth.profile, data, [], 'agility');
    const without = resolveItems(parsedPlain.profile, data, [], 'agility');
    expect(withBoth.gear.agility - without.gear.agility).toBe(10);
    expect(withBoth.gear.critRating - without.gear.critRating).toBe(10);
    expect(withBoth.warnings).toEqual([]);
    // And the simulation reads them: more agility, more damage on the same seed.
    const a = createSimulation(parsedBoth.profile, data).runIterations(0, 5, 3);
    const b = createSimulation(parsedPlain.profile, data).runIterations(0, 5, 3);
    expect(a.dpsSumMilli).toBeGreaterThan(b.dpsSumMilli);
  });

  it('lists an enchantment that scales with the player level (a game table we lack) instead of guessing it', async () => {
    expect(enchantRow(SCALED_ENCHANT).ScalingClass).toBe('-7');
    const warnings = await warningsOf(
      head(`head=,id=${HELM},enchant_id=${SCALED_ENCHANT}`, 'main_hand=,weapon=bow_3.00speed_420min_640max'),
    );
    expect(warnings).toEqual([
      expect.objectContaining({
        line: 5,
        column: 28,
        message: expect.stringMatching(
          /enchant 8142 \(\+\$k1 Critical Strike\): its stats scale .* not applied/,
        ),
      }),
    ]);
  });

  it('refuses an enchant id SpellItemEnchantment does not have, at its value', async () => {
    const result = await check(head(`head=,id=${HELM},enchant_id=99999999`));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      expect.objectContaining({
        code: 'SF_PROFILE_UNKNOWN_ITEM',
        line: 5,
        column: 28,
        message: expect.stringContaining('enchantment 99999999 is not in SpellItemEnchantment'),
      }),
    ]);
  });

  it('an item the data lacks: an error naming the missing tables and the import, or a warning when gear_* lines carry the stats', async () => {
    const refused = await check(head('head=,id=212345,bonus_id=1/2'));
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.errors[0]).toMatchObject({ code: 'SF_PROFILE_UNKNOWN_ITEM', line: 5, column: 10 });
    expect(refused.errors[0]!.message).toMatch(
      /item 212345 .*no Item\/ItemSparse tables.*simforge data import/,
    );
    expect(refused.errors[0]!.message).toMatch(/gear_\* lines/);

    const warnings = await warningsOf(
      head('gear_agility=2000', 'head=,id=212345', 'main_hand=,id=222222,weapon=bow_3.00speed_420min_640max'),
    );
    expect(warnings.map((w) => [w.line, w.column])).toEqual([
      [6, 10],
      [7, 15],
    ]);
    expect(warnings[0]!.message).toMatch(
      /item 212345 is not in the game data: it adds nothing, your gear_\* lines/,
    );
  });

  it('names the weapon it uses when the profile gives none, and warns of unknown bonus ids', async () => {
    const warnings = await warningsOf(head(`head=,id=${HELM},bonus_id=627/999999`));
    expect(warnings.map((w) => [w.line, w.column, w.message])).toEqual([
      [1, 1, expect.stringContaining('no main_hand weapon: bow_3.00speed_420min_640max is used')],
      [5, 26, expect.stringContaining('bonus_id 999999 is not in ItemBonus')],
    ]);
  });
});

describe('a profile without gear', () => {
  it('says the character has no gear stats, rather than simulating it silently', async () => {
    const warnings = await warningsOf(head('main_hand=,weapon=bow_3.00speed_420min_640max'));
    expect(warnings.map((w) => w.message)).toContain(
      "no gear_* lines and no item the game data knows: the character has no gear stats, only its level's base",
    );
  });
});
