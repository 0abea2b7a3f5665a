// Top Gear's search space: every legal combination of what is equipped and the alternatives
// (two different rings, two different trinkets, nothing twice, no off-hand beside a two-handed
// ranged weapon), each a profileset variant holding only the lines it changes; a clear refusal
// past the cap; the addon export's bag and vault lines read as alternatives, named.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseProfileset, planTopGear, readGearCandidates } from '../src/index.ts';

const DEFAULT_PROFILE = readFileSync(new URL('../profiles/beast-mastery.simc', import.meta.url), 'utf8');
const DARK_RANGER = readFileSync(
  new URL('../profiles/examples/addon-export-dark-ranger.simc', import.meta.url),
  'utf8',
);

const GEARED = `${DEFAULT_PROFILE.trimEnd()}
# Ring A (600)
finger1=,id=900001,stats=100crit
# Ring B (600)
finger2=,id=900002,stats=100haste
# Trinket A (600)
trinket1=,id=900011,stats=200agi
# Trinket B (600)
trinket2=,id=900012,stats=150mastery
# Helm (600)
head=,id=900021,stats=120agi_80vers

### Gear from Bags
#
# Ring C (610)
# finger1=,id=900003,stats=110mastery
#
# Ring D (610)
# finger2=,id=900004,stats=60agi_60crit
#
# Trinket C (610)
# trinket1=,id=900013,stats=220agi
#
# Trinket A (610)
# trinket2=,id=900011,stats=210agi
#
# Better Helm (610)
# head=,id=900022,stats=130agi_90haste
#
# Parrying Dagger (610)
# off_hand=,id=900031,stats=50agi
`;

describe('Top Gear', () => {
  it('reads the equipped items and the bag lines, each named by the comment above it', () => {
    const { equipped, alternatives } = readGearCandidates(GEARED);
    // The default profile's main hand is a weapon= line without an item: not a candidate.
    expect(equipped.map((e) => `${e.slot} ${e.name}`)).toEqual([
      'finger1 Ring A (600)',
      'finger2 Ring B (600)',
      'trinket1 Trinket A (600)',
      'trinket2 Trinket B (600)',
      'head Helm (600)',
    ]);
    expect(alternatives.map((a) => `${a.slot} ${a.name}`)).toEqual([
      'finger1 Ring C (610)',
      'finger2 Ring D (610)',
      'trinket1 Trinket C (610)',
      'trinket2 Trinket A (610)',
      'head Better Helm (610)',
      'off_hand Parrying Dagger (610)',
    ]);
  });

  it('enumerates every legal combination but what is equipped, each changing only its own lines', () => {
    const { alternatives } = readGearCandidates(GEARED);
    const plan = planTopGear(GEARED, alternatives);
    if (!plan.ok) throw new Error(plan.message);
    // Rings: 4 different items, 6 pairs; trinkets: 4 lines but Trinket A twice (unique-equipped),
    // 5 pairs; helms 2; the off-hand is left out beside the bow. 6 x 5 x 2 = 60, less the equipped.
    expect(plan.combinations).toHaveLength(59);
    expect(plan.notes).toEqual([
      'off_hand items are left out: every main hand here is a two-handed ranged weapon',
    ]);
    for (const c of plan.combinations) {
      const trinkets = c.lines.filter((l) => l.startsWith('trinket')).map((l) => /id=(\d+)/.exec(l)![1]);
      expect(new Set(trinkets).size).toBe(trinkets.length);
      expect(c.lines.some((l) => l.startsWith('off_hand'))).toBe(false);
    }
    // A ring swap keeps the other ring in its place: one line changes.
    expect(plan.combinations.find((c) => c.name === 'Ring C (610) for Ring A (600)')?.lines).toEqual([
      'finger1=,id=900003,stats=110mastery',
    ]);
    expect(plan.combinations.find((c) => c.name === 'Better Helm (610)')?.lines).toEqual([
      'head=,id=900022,stats=130agi_90haste',
    ]);
    const parsed = parseProfileset(plan.text);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors.slice(0, 3)));
    expect(parsed.variants).toHaveLength(59);
    const helm = parsed.variants.find((v) => v.name === 'Better Helm (610)')!;
    expect(helm.profile.items.find((i) => i.slot === 'head')?.itemId).toBe(900022);
  });

  it('refuses more combinations than one job compares, saying how many and from what', () => {
    const { alternatives } = readGearCandidates(GEARED);
    expect(planTopGear(GEARED, alternatives, { cap: 20 })).toEqual({
      ok: false,
      message:
        '60 combinations (finger 6 x trinket 5 x head 2): at most 20 can be compared with what is equipped in one job; leave some items out',
    });
    expect(planTopGear(GEARED, [])).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^no alternatives/),
    });
  });

  it('reads an addon export: its equipped gear and the vault’s weapon', () => {
    const { equipped, alternatives } = readGearCandidates(DARK_RANGER);
    expect(equipped).toHaveLength(15);
    expect(equipped.find((e) => e.slot === 'trinket1')?.name).toBe('Radiant Plume (292)');
    expect(alternatives.map((a) => [a.slot, a.name, a.itemId])).toEqual([
      ['main_hand', 'Sunstrike Rifle (298)', 249279],
    ]);
    const plan = planTopGear(DARK_RANGER, alternatives);
    expect(plan.ok && plan.combinations.map((c) => c.lines)).toEqual([
      ['main_hand=,id=249279,bonus_id=12806/13578'],
    ]);
  });

  it('pairs a one-handed main hand with each off hand, and empties the off hand beside a two-hander', () => {
    const text = `${DEFAULT_PROFILE.replace(/^main_hand=.*$/m, '').trimEnd()}
# Axe (600)
main_hand=,id=920001,weapon=axe_2.60speed_300min_500max,stats=100agi
# Dagger (600)
off_hand=,id=920002,stats=50agi

### Gear from Bags
#
# Great Bow (610)
# main_hand=,id=920003,weapon=bow_3.00speed_700min_900max,stats=200agi
#
# Buckler (610)
# off_hand=,id=920004,stats=60agi
`;
    const plan = planTopGear(text, readGearCandidates(text).alternatives);
    if (!plan.ok) throw new Error(plan.message);
    expect(plan.notes).toEqual([]);
    // Axe + Dagger (worn), Axe + Buckler, Great Bow alone.
    expect(plan.combinations).toEqual([
      { name: 'Buckler (610)', lines: ['off_hand=,id=920004,stats=60agi'] },
      {
        name: 'Great Bow (610) + no off hand',
        lines: ['main_hand=,id=920003,weapon=bow_3.00speed_700min_900max,stats=200agi', 'off_hand='],
      },
    ]);
    const parsed = parseProfileset(plan.text);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors.slice(0, 3)));
    const bow = parsed.variants.find((v) => v.name.startsWith('Great Bow'))!;
    expect(bow.profile.items.map((i) => i.slot).sort()).not.toContain('off_hand');
  });
});
