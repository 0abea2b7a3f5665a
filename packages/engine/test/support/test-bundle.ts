// A small hand-written game data bundle with round numbers, so tests can compute expected
// damage and timings by hand. Values are test inputs, not game facts.
import type { GameDataBundle, SpellData, SpellEffectData, TalentTree } from '@simforge/gamedata';
import { encodeLoadout } from '../../src/index.ts';

export function effect(partial: Partial<SpellEffectData>): SpellEffectData {
  return {
    index: 0,
    type: 0,
    auraType: 0,
    basePoints: 0,
    apCoefficient: 0,
    spCoefficient: 0,
    scalingCoefficient: 0,
    variance: 0,
    periodMs: 0,
    amplitude: 0,
    chainAmplitude: 0,
    chainTargets: 0,
    triggerSpellId: 0,
    radiusIndex: [0, 0],
    radiusYards: [0, 0],
    miscValues: [0, 0],
    spellClassMask: [0, 0, 0, 0],
    pointsPerResource: 0,
    realPointsPerLevel: 0,
    resourceCoefficient: 0,
    pvpMultiplier: 1,
    scalingClass: 0,
    implicitTargets: [0, 0],
    attributes: 0,
    mechanic: 0,
    ...partial,
  };
}

export function spell(id: number, name: string, partial: Partial<SpellData> = {}): SpellData {
  return {
    id,
    name,
    subtext: '',
    description: '',
    auraDescription: '',
    schoolMask: 1,
    castTimeMs: 0,
    gcdMs: 0,
    gcdCategory: 0,
    cooldownMs: 0,
    categoryCooldownMs: 0,
    categoryId: 0,
    chargeCategoryId: 0,
    maxCharges: 0,
    chargeRecoveryMs: 0,
    cooldownHasted: false,
    gcdHasted: false,
    powerCosts: [],
    powerCost: 0,
    powerType: -1,
    rangeMinYards: 0,
    rangeMaxYards: 40,
    missileSpeed: 0,
    durationMs: 0,
    maxDurationMs: 0,
    maxStacks: 1,
    tickPeriodMs: 0,
    hastedTicks: false,
    tickOnApplication: false,
    pandemic: false,
    procChance: 0,
    procCharges: 0,
    procFlags: [0, 0],
    procCooldownMs: 0,
    rppm: 0,
    rppmFlags: 0,
    classSetId: 9,
    classMask: [0, 0, 0, 0],
    attributes: [],
    passive: false,
    effects: [],
    ...partial,
  };
}

const DAMAGE = 2;
const AURA = 6;
const TRIGGER = 64;

/** Beast Mastery with round numbers; `patch` lets a test replace spells. */
export function testBundle(patch: (spells: Record<number, SpellData>) => void = () => {}): GameDataBundle {
  const list: SpellData[] = [
    spell(75, 'Auto Shot', { effects: [effect({ type: 31, basePoints: 100 })] }),
    spell(34026, 'Kill Command', {
      gcdMs: 1500,
      chargeCategoryId: 2067,
      maxCharges: 1,
      chargeRecoveryMs: 7500,
      powerCost: 30,
      powerType: 2,
      classMask: [0, 2048, 0, 0],
      effects: [effect({ type: TRIGGER, triggerSpellId: 83381 })],
    }),
    spell(83381, 'Kill Command', {
      classMask: [0, 2048, 0, 0],
      effects: [effect({ type: DAMAGE, apCoefficient: 2 })],
    }),
    spell(217200, 'Barbed Shot', {
      gcdMs: 1500,
      chargeCategoryId: 1675,
      maxCharges: 2,
      chargeRecoveryMs: 12000,
      durationMs: 8000,
      tickPeriodMs: 2000,
      pandemic: true,
      effects: [
        effect({ type: AURA, auraType: 3, apCoefficient: 0.5, periodMs: 2000 }),
        effect({ index: 1, type: TRIGGER, triggerSpellId: 246152 }),
        effect({ index: 2, type: TRIGGER, triggerSpellId: 272790 }),
      ],
    }),
    spell(246152, 'Barbed Shot', {
      durationMs: 8000,
      effects: [effect({ type: AURA, auraType: 24, basePoints: 5, periodMs: 2000 })],
    }),
    spell(272790, 'Frenzy', {
      durationMs: 8000,
      maxStacks: 3,
      effects: [effect({ type: AURA, auraType: 138, basePoints: 10 })],
    }),
    spell(193455, 'Cobra Shot', {
      gcdMs: 1500,
      powerCost: 35,
      powerType: 2,
      classMask: [0, 0, 4194304, 0],
      effects: [effect({ type: DAMAGE, apCoefficient: 1 }), effect({ index: 1, type: 3, basePoints: 1 })],
    }),
    spell(19574, 'Bestial Wrath', {
      gcdMs: 1500,
      cooldownMs: 90000,
      durationMs: 15000,
      effects: [
        effect({ type: AURA, auraType: 79, basePoints: 25, miscValues: [127, 0] }),
        effect({ index: 1, type: TRIGGER, triggerSpellId: 186254 }),
      ],
    }),
    spell(186254, 'Bestial Wrath', {
      durationMs: 15000,
      effects: [effect({ type: AURA, auraType: 79, basePoints: 25, miscValues: [127, 0] })],
    }),
    spell(53351, 'Kill Shot', {
      gcdMs: 1500,
      cooldownMs: 10000,
      powerCost: 10,
      powerType: 2,
      effects: [effect({ type: DAMAGE, apCoefficient: 3 }), effect({ index: 1, type: 3, basePoints: 20 })],
    }),
    spell(2643, 'Multi-Shot', {
      gcdMs: 1500,
      powerCost: 40,
      powerType: 2,
      effects: [effect({ type: DAMAGE, apCoefficient: 0.5, chainTargets: 8 })],
    }),
    spell(16827, 'Claw', { cooldownMs: 3000, effects: [effect({ type: DAMAGE, apCoefficient: 0.5 })] }),
    spell(6603, 'Auto Attack', { effects: [effect({ type: 31, basePoints: 100 })] }),
    spell(76657, 'Mastery: Master of Beasts', {
      passive: true,
      effects: [effect({ type: AURA, auraType: 318, spCoefficient: 2 })],
    }),
    // Spec aura: +10% Cobra Shot and Kill Command damage through class-mask matching.
    spell(137015, 'Beast Mastery Hunter', {
      passive: true,
      effects: [effect({ type: AURA, auraType: 108, basePoints: 10, spellClassMask: [0, 2048, 4194304, 0] })],
    }),
  ];
  const spells: Record<number, SpellData> = {};
  for (const s of list) spells[s.id] = s;
  patch(spells);
  return {
    patch: 'test',
    spells,
    spec: {
      id: 253,
      classId: 3,
      className: 'Hunter',
      classToken: 'HUNTER',
      name: 'Beast Mastery',
      role: 'damage',
      primaryStatPriority: 2,
      masterySpellIds: [76657],
      specSpells: [
        { spellId: 76657, overridesSpellId: 0, displayOrder: 0 },
        { spellId: 137015, overridesSpellId: 0, displayOrder: 1 },
      ],
      talentTreeId: 0,
    },
    talentTree: null,
    powerTypes: {},
    items: {},
    curves: {},
    randPropPoints: {},
    itemBonuses: {},
    enchantments: {},
  };
}

/** A minimal valid profile around an action list; `extra` lines go before the actions. */
export function testProfile(actions: string[], extra: string[] = []): string {
  return [
    'hunter="Test"',
    'level=90',
    'spec=beast_mastery',
    'gear_agility=1000',
    'max_time=300',
    'vary_combat_length=0',
    // Hand-computed numbers leave the raid out; raid-buffs-change-the-numbers.test.ts pins it.
    'optimal_raid=0',
    ...extra,
    ...actions.map((a, i) => (a.startsWith('actions') ? a : `${i === 0 ? 'actions=' : 'actions+=/'}${a}`)),
  ].join('\n');
}

/** A tree of one free-standing node per talent (no gates, no point caps), named `names[i]` or the spell id. */
export function talentTreeOf(spellIds: number[], names: string[] = []): TalentTree {
  return {
    id: 1,
    classId: 3,
    nodes: spellIds.map((spellId, i) => ({
      id: 100 + i,
      posX: 0,
      posY: 0,
      type: 0,
      flags: 0,
      subTreeId: 0,
      entries: [
        {
          id: 100 + i,
          definitionId: 100 + i,
          maxRanks: 1,
          entryType: 1,
          subTreeId: 0,
          spellId,
          overridesSpellId: 0,
          visibleSpellId: 0,
          name: names[i] ?? String(spellId),
        },
      ],
      specIds: [],
      grantedSpecIds: [],
      parents: [],
      currencyId: 0,
      requiredSpent: 0,
    })),
    subTrees: [],
    currencies: [],
    starterBuilds: [],
  };
}

/** The `talents=` line taking the nodes of `tree` whose spell is in `chosen` (Beast Mastery). */
export function talentsLine(tree: TalentTree, chosen: number[]): string {
  const picks = new Map(
    tree.nodes
      .filter((n) => chosen.includes(n.entries[0]!.spellId))
      .map((n) => [n.id, { choice: 0, ranks: n.entries[0]!.maxRanks, granted: false }]),
  );
  return `talents=${encodeLoadout(tree, { specId: 253, heroTreeId: 0, picks })}`;
}
