import type { DbcRow, DbcTable } from './csv-tables.ts';
import type { TableName } from './dbc-layouts.ts';
import type { SpellData, SpellEffectData, SpellPowerCost } from './types.ts';

/** Flat attribute indexes (SimulationCraft's numbering: word = i >> 5, bit = i & 31). */
export const SPELL_ATTRIBUTE = {
  passive: 6,
  tickOnApplication: 169,
  dotHasted: 173,
  dotHastedMelee: 278,
  refreshExtendsDuration: 436,
} as const;

export function hasAttribute(attributes: readonly number[], index: number): boolean {
  const word = attributes[index >> 5] ?? 0;
  return ((word >>> (index & 31)) & 1) === 1;
}

const EFFECT_APPLY_AURA = 6;

type Tables = Record<TableName, DbcTable>;

function num(row: DbcRow | undefined, column: string, fallback = 0): number {
  const value = row?.[column];
  return typeof value === 'number' ? value : fallback;
}
function str(row: DbcRow | undefined, column: string): string {
  const value = row?.[column];
  return typeof value === 'string' ? value : '';
}

function indexBy(table: DbcTable, column: string, filter?: (row: DbcRow) => boolean): Map<number, DbcRow> {
  const map = new Map<number, DbcRow>();
  for (const row of table.rows) {
    if (filter && !filter(row)) continue;
    map.set(row[column] as number, row);
  }
  return map;
}
function groupBy(table: DbcTable, column: string, filter?: (row: DbcRow) => boolean): Map<number, DbcRow[]> {
  const map = new Map<number, DbcRow[]>();
  for (const row of table.rows) {
    if (filter && !filter(row)) continue;
    const id = row[column] as number;
    const list = map.get(id);
    if (list) list.push(row);
    else map.set(id, [row]);
  }
  return map;
}

const baseDifficulty = (row: DbcRow): boolean => row.DifficultyID === 0;

/** The per-spell tables indexed once, so building many spells is a handful of map lookups each. */
export class SpellJoiner {
  private readonly names: Map<number, DbcRow>;
  private readonly texts: Map<number, DbcRow>;
  private readonly misc: Map<number, DbcRow>;
  private readonly effects: Map<number, DbcRow[]>;
  private readonly cooldowns: Map<number, DbcRow>;
  private readonly categories: Map<number, DbcRow>;
  private readonly category: Map<number, DbcRow>;
  private readonly power: Map<number, DbcRow[]>;
  private readonly auraOptions: Map<number, DbcRow>;
  private readonly ppm: Map<number, DbcRow>;
  private readonly durations: Map<number, DbcRow>;
  private readonly castTimes: Map<number, DbcRow>;
  private readonly ranges: Map<number, DbcRow>;
  private readonly radii: Map<number, DbcRow>;
  readonly classOptions: Map<number, DbcRow>;

  constructor(tables: Tables) {
    this.names = indexBy(tables.SpellName, 'ID');
    this.texts = indexBy(tables.Spell, 'ID');
    this.misc = indexBy(tables.SpellMisc, 'SpellID', baseDifficulty);
    this.effects = groupBy(tables.SpellEffect, 'SpellID', baseDifficulty);
    this.cooldowns = indexBy(tables.SpellCooldowns, 'SpellID', baseDifficulty);
    this.categories = indexBy(tables.SpellCategories, 'SpellID', baseDifficulty);
    this.category = indexBy(tables.SpellCategory, 'ID');
    this.power = groupBy(tables.SpellPower, 'SpellID');
    this.auraOptions = indexBy(tables.SpellAuraOptions, 'SpellID', baseDifficulty);
    this.ppm = indexBy(tables.SpellProcsPerMinute, 'ID');
    this.durations = indexBy(tables.SpellDuration, 'ID');
    this.castTimes = indexBy(tables.SpellCastTimes, 'ID');
    this.ranges = indexBy(tables.SpellRange, 'ID');
    this.radii = indexBy(tables.SpellRadius, 'ID');
    this.classOptions = indexBy(tables.SpellClassOptions, 'SpellID');
  }

  hasName(spellId: number): boolean {
    return this.names.has(spellId);
  }

  /** Spells this one leads to: effect triggers. */
  triggeredSpells(spellId: number): number[] {
    return (this.effects.get(spellId) ?? []).map((e) => num(e, 'EffectTriggerSpell')).filter((id) => id > 0);
  }

  /** True when any table knows the spell (a spell id nothing describes is not imported). */
  knows(spellId: number): boolean {
    return (
      this.names.has(spellId) ||
      this.misc.has(spellId) ||
      this.effects.has(spellId) ||
      this.cooldowns.has(spellId) ||
      this.classOptions.has(spellId)
    );
  }

  build(spellId: number): SpellData {
    const misc = this.misc.get(spellId);
    const text = this.texts.get(spellId);
    const cooldown = this.cooldowns.get(spellId);
    const categories = this.categories.get(spellId);
    const chargeCategory = this.category.get(num(categories, 'ChargeCategory'));
    const aura = this.auraOptions.get(spellId);
    const ppm = this.ppm.get(num(aura, 'SpellProcsPerMinuteID'));
    const duration = this.durations.get(num(misc, 'DurationIndex'));
    const range = this.ranges.get(num(misc, 'RangeIndex'));
    const classOptions = this.classOptions.get(spellId);
    const attributes = Array.from({ length: 17 }, (_, i) => num(misc, `Attributes_${i}`) >>> 0);

    const radius = (index: number) => num(this.radii.get(index), 'Radius');
    const effects = (this.effects.get(spellId) ?? [])
      .map((row) => buildEffect(row, radius))
      .sort((a, b) => a.index - b.index);
    const powerCosts: SpellPowerCost[] = (this.power.get(spellId) ?? [])
      .map((row) => ({
        order: num(row, 'OrderIndex'),
        powerType: num(row, 'PowerType'),
        cost: num(row, 'ManaCost'),
        costPct: num(row, 'PowerCostPct'),
        costPerSecond: num(row, 'ManaPerSecond'),
        requiredAuraSpellId: num(row, 'RequiredAuraSpellID'),
      }))
      .sort((a, b) => a.order - b.order);
    const firstCost = powerCosts[0];
    const periodic = effects.find((e) => e.periodMs > 0);
    const appliesAura = effects.some((e) => e.type === EFFECT_APPLY_AURA || e.auraType > 0);
    const stacks = num(aura, 'CumulativeAura');

    return {
      id: spellId,
      name: str(this.names.get(spellId), 'Name_lang'),
      subtext: str(text, 'NameSubtext_lang'),
      description: str(text, 'Description_lang'),
      auraDescription: str(text, 'AuraDescription_lang'),
      schoolMask: num(misc, 'SchoolMask', 1),
      castTimeMs: num(this.castTimes.get(num(misc, 'CastingTimeIndex')), 'Base'),
      gcdMs: num(cooldown, 'StartRecoveryTime'),
      gcdCategory: num(categories, 'StartRecoveryCategory'),
      cooldownMs: num(cooldown, 'RecoveryTime'),
      categoryCooldownMs: num(cooldown, 'CategoryRecoveryTime'),
      categoryId: num(categories, 'Category'),
      chargeCategoryId: num(categories, 'ChargeCategory'),
      maxCharges: num(chargeCategory, 'MaxCharges'),
      chargeRecoveryMs: num(chargeCategory, 'ChargeRecoveryTime'),
      // Haste on cooldowns and the GCD comes from class/spec passives, which differ per
      // spec; loadBundle derives these for the bundle's spec (see hasted-cooldowns.ts).
      cooldownHasted: false,
      gcdHasted: false,
      powerCosts,
      powerCost: firstCost?.cost ?? 0,
      powerType: firstCost?.powerType ?? -1,
      rangeMinYards: num(range, 'RangeMin_0'),
      rangeMaxYards: num(range, 'RangeMax_0'),
      missileSpeed: num(misc, 'Speed'),
      durationMs: num(duration, 'Duration'),
      maxDurationMs: num(duration, 'MaxDuration'),
      maxStacks: appliesAura ? Math.max(1, stacks) : stacks,
      tickPeriodMs: periodic?.periodMs ?? 0,
      hastedTicks:
        hasAttribute(attributes, SPELL_ATTRIBUTE.dotHasted) ||
        hasAttribute(attributes, SPELL_ATTRIBUTE.dotHastedMelee),
      tickOnApplication: hasAttribute(attributes, SPELL_ATTRIBUTE.tickOnApplication),
      pandemic: hasAttribute(attributes, SPELL_ATTRIBUTE.refreshExtendsDuration),
      procChance: num(aura, 'ProcChance'),
      procCharges: num(aura, 'ProcCharges'),
      procFlags: [num(aura, 'ProcTypeMask_0') >>> 0, num(aura, 'ProcTypeMask_1') >>> 0],
      procCooldownMs: num(aura, 'ProcCategoryRecovery'),
      rppm: num(ppm, 'BaseProcRate'),
      rppmFlags: num(ppm, 'Flags'),
      classSetId: num(classOptions, 'SpellClassSet'),
      classMask: [0, 1, 2, 3].map(
        (i) => num(classOptions, `SpellClassMask_${i}`) >>> 0,
      ) as SpellData['classMask'],
      attributes,
      passive: hasAttribute(attributes, SPELL_ATTRIBUTE.passive),
      effects,
    };
  }
}

function buildEffect(row: DbcRow, radius: (index: number) => number): SpellEffectData {
  const radiusIndex: SpellEffectData['radiusIndex'] = [
    num(row, 'EffectRadiusIndex_0'),
    num(row, 'EffectRadiusIndex_1'),
  ];
  return {
    index: num(row, 'EffectIndex'),
    type: num(row, 'Effect'),
    auraType: num(row, 'EffectAura'),
    basePoints: num(row, 'EffectBasePointsF'),
    apCoefficient: num(row, 'BonusCoefficientFromAP'),
    spCoefficient: num(row, 'EffectBonusCoefficient'),
    scalingCoefficient: num(row, 'Coefficient'),
    variance: num(row, 'Variance'),
    periodMs: num(row, 'EffectAuraPeriod'),
    amplitude: num(row, 'EffectAmplitude'),
    chainAmplitude: num(row, 'EffectChainAmplitude'),
    chainTargets: num(row, 'EffectChainTargets'),
    triggerSpellId: num(row, 'EffectTriggerSpell'),
    radiusIndex,
    radiusYards: [radius(radiusIndex[0]), radius(radiusIndex[1])],
    miscValues: [num(row, 'EffectMiscValue_0'), num(row, 'EffectMiscValue_1')],
    spellClassMask: [0, 1, 2, 3].map(
      (i) => num(row, `EffectSpellClassMask_${i}`) >>> 0,
    ) as SpellEffectData['spellClassMask'],
    pointsPerResource: num(row, 'EffectPointsPerResource'),
    realPointsPerLevel: num(row, 'EffectRealPointsPerLevel'),
    resourceCoefficient: num(row, 'ResourceCoefficient'),
    pvpMultiplier: num(row, 'PvpMultiplier'),
    scalingClass: num(row, 'ScalingClass'),
    implicitTargets: [num(row, 'ImplicitTarget_0'), num(row, 'ImplicitTarget_1')],
    attributes: num(row, 'EffectAttributes') >>> 0,
    mechanic: num(row, 'EffectMechanic'),
  };
}
