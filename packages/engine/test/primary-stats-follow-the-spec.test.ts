// The primary stat is the spec's choice: gear lines and items feed the one it names, and it
// turns into attack power (agility, strength) or spell power (intellect).
import { describe, expect, it } from 'vitest';
import type { GearStats } from '../src/index.ts';
import { gearFieldOf } from '../src/sim/items.ts';
import { computeStats } from '../src/sim/stats.ts';

const gear: GearStats = {
  agility: 1000,
  intellect: 2000,
  strength: 3000,
  stamina: 0,
  critRating: 0,
  hasteRating: 0,
  masteryRating: 0,
  versatilityRating: 0,
  weapon: { kind: 'bow', speedMs: 3000, minDamage: 1, maxDamage: 2 },
};
const BASE_LEVEL_90 = 1626;

describe('primary stats follow the spec', () => {
  it('counts only the gear line of the spec primary stat', () => {
    expect(computeStats(gear, 90, 'agility')).toMatchObject({
      primary: BASE_LEVEL_90 + 1000,
      attackPower: BASE_LEVEL_90 + 1000,
      spellPower: 0,
    });
    expect(computeStats(gear, 90, 'strength')).toMatchObject({
      primary: BASE_LEVEL_90 + 3000,
      attackPower: BASE_LEVEL_90 + 3000,
      spellPower: 0,
    });
    expect(computeStats(gear, 90, 'intellect')).toMatchObject({
      primary: BASE_LEVEL_90 + 2000,
      attackPower: 0,
      spellPower: BASE_LEVEL_90 + 2000,
    });
  });

  it('adds hybrid item primaries to the spec primary stat only when they include it', () => {
    expect(gearFieldOf(3, 'intellect')).toBe('agility');
    expect(gearFieldOf(5, 'agility')).toBe('intellect');
    expect(gearFieldOf(71, 'intellect')).toBe('intellect');
    expect(gearFieldOf(72, 'agility')).toBe('agility');
    expect(gearFieldOf(72, 'intellect')).toBeUndefined();
    expect(gearFieldOf(73, 'intellect')).toBe('intellect');
    expect(gearFieldOf(73, 'strength')).toBeUndefined();
    expect(gearFieldOf(74, 'agility')).toBeUndefined();
    expect(gearFieldOf(36, 'strength')).toBe('hasteRating');
  });
});
