/**
 * The DBC tables the importer reads and the columns it needs from each, in the community CSV
 * export layout (header row of DBC field names). A file may carry more columns than listed
 * (exports grow between builds); a listed column that is missing fails the import.
 *
 * `key` names the columns that identify a row. When several directories hold the same table
 * (the real export and our fixtures), rows are merged by key and the first directory wins.
 */
export type ColumnKind = 'int' | 'float' | 'text';

export interface TableLayout {
  key: readonly string[];
  columns: Readonly<Record<string, ColumnKind>>;
  /** A missing optional table is read as empty (e.g. SpellProcsPerMinute in our fixtures). */
  optional?: boolean;
}

function ints(...names: string[]): Record<string, ColumnKind> {
  return Object.fromEntries(names.map((n) => [n, 'int' as const]));
}
function floats(...names: string[]): Record<string, ColumnKind> {
  return Object.fromEntries(names.map((n) => [n, 'float' as const]));
}
function texts(...names: string[]): Record<string, ColumnKind> {
  return Object.fromEntries(names.map((n) => [n, 'text' as const]));
}
function numbered(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}_${i}`);
}

/** ItemDamage* tables: weapon damage per second by item level (ItemLevel) and quality (Quality_0..6). */
function itemDamageLayout(): TableLayout {
  return { key: ['ID'], columns: { ...ints('ID', 'ItemLevel'), ...floats(...numbered('Quality', 7)) } };
}

export const DBC_LAYOUTS = {
  SpellName: { key: ['ID'], columns: { ...ints('ID'), ...texts('Name_lang') } },
  Spell: {
    key: ['ID'],
    columns: { ...ints('ID'), ...texts('NameSubtext_lang', 'Description_lang', 'AuraDescription_lang') },
  },
  SpellMisc: {
    key: ['SpellID', 'DifficultyID'],
    columns: {
      ...ints(
        'ID',
        ...numbered('Attributes', 17),
        'DifficultyID',
        'CastingTimeIndex',
        'DurationIndex',
        'RangeIndex',
        'SchoolMask',
        'SpellID',
      ),
      ...floats('Speed'),
    },
  },
  SpellEffect: {
    key: ['SpellID', 'DifficultyID', 'EffectIndex'],
    columns: {
      ...ints(
        'ID',
        'EffectAura',
        'DifficultyID',
        'EffectIndex',
        'Effect',
        'EffectAttributes',
        'EffectAuraPeriod',
        'EffectChainTargets',
        'EffectMechanic',
        'EffectTriggerSpell',
        'ScalingClass',
        'EffectMiscValue_0',
        'EffectMiscValue_1',
        'EffectRadiusIndex_0',
        'EffectRadiusIndex_1',
        ...numbered('EffectSpellClassMask', 4),
        'ImplicitTarget_0',
        'ImplicitTarget_1',
        'SpellID',
      ),
      ...floats(
        'EffectAmplitude',
        'EffectBonusCoefficient',
        'EffectChainAmplitude',
        'EffectPointsPerResource',
        'EffectRealPointsPerLevel',
        'BonusCoefficientFromAP',
        'PvpMultiplier',
        'Coefficient',
        'Variance',
        'ResourceCoefficient',
        'EffectBasePointsF',
      ),
    },
  },
  SpellCooldowns: {
    key: ['SpellID', 'DifficultyID'],
    columns: ints(
      'ID',
      'DifficultyID',
      'CategoryRecoveryTime',
      'RecoveryTime',
      'StartRecoveryTime',
      'SpellID',
    ),
  },
  SpellCategories: {
    key: ['SpellID', 'DifficultyID'],
    columns: ints('ID', 'DifficultyID', 'Category', 'StartRecoveryCategory', 'ChargeCategory', 'SpellID'),
  },
  SpellCategory: {
    key: ['ID'],
    columns: {
      ...ints('ID', 'Flags', 'MaxCharges', 'ChargeRecoveryTime', 'TypeMask'),
      ...texts('Name_lang'),
    },
  },
  SpellPower: {
    key: ['ID'],
    columns: {
      ...ints('ID', 'OrderIndex', 'ManaCost', 'ManaPerSecond', 'PowerType', 'RequiredAuraSpellID', 'SpellID'),
      ...floats('PowerCostPct'),
    },
  },
  SpellAuraOptions: {
    key: ['SpellID', 'DifficultyID'],
    columns: ints(
      'ID',
      'DifficultyID',
      'CumulativeAura',
      'ProcCategoryRecovery',
      'ProcChance',
      'ProcCharges',
      'SpellProcsPerMinuteID',
      'ProcTypeMask_0',
      'ProcTypeMask_1',
      'SpellID',
    ),
  },
  SpellProcsPerMinute: {
    key: ['ID'],
    optional: true,
    columns: { ...ints('ID', 'Flags'), ...floats('BaseProcRate') },
  },
  SpellDuration: { key: ['ID'], columns: ints('ID', 'Duration', 'MaxDuration') },
  SpellCastTimes: { key: ['ID'], columns: ints('ID', 'Base') },
  SpellRange: { key: ['ID'], columns: { ...ints('ID'), ...floats('RangeMin_0', 'RangeMax_0') } },
  SpellRadius: { key: ['ID'], optional: true, columns: { ...ints('ID'), ...floats('Radius') } },
  SpellClassOptions: {
    key: ['SpellID'],
    columns: ints('ID', 'SpellID', 'SpellClassSet', ...numbered('SpellClassMask', 4)),
  },
  ChrSpecialization: {
    key: ['ID'],
    columns: {
      ...ints('ID', 'ClassID', 'Role', 'PrimaryStatPriority', 'MasterySpellID_0', 'MasterySpellID_1'),
      ...texts('Name_lang'),
    },
  },
  ChrClasses: { key: ['ID'], columns: { ...ints('ID'), ...texts('Name_lang', 'Filename') } },
  SkillLineAbility: { key: ['ID'], columns: ints('ID', 'SkillLine', 'Spell', 'ClassMask') },
  SpecializationSpells: {
    key: ['ID'],
    columns: ints('ID', 'SpecID', 'SpellID', 'OverridesSpellID', 'DisplayOrder'),
  },
  PowerType: {
    key: ['ID'],
    columns: {
      ...ints(
        'ID',
        'PowerTypeEnum',
        'MinPower',
        'MaxBasePower',
        'DefaultPower',
        'RegenInterruptTimeMS',
        'Flags',
      ),
      ...floats('DisplayModifier', 'RegenPeace', 'RegenCombat'),
      ...texts('NameGlobalStringTag'),
    },
  },
  TraitTreeLoadout: { key: ['ID'], columns: ints('ID', 'TraitTreeID', 'ChrSpecializationID') },
  TraitTreeLoadoutEntry: {
    key: ['ID'],
    columns: ints(
      'ID',
      'TraitTreeLoadoutID',
      'SelectedTraitNodeID',
      'SelectedTraitNodeEntryID',
      'NumPoints',
      'OrderIndex',
    ),
  },
  TraitSubTree: {
    key: ['ID'],
    columns: { ...ints('ID', 'TraitTreeID'), ...texts('Name_lang', 'Description_lang') },
  },
  TraitEdge: { key: ['ID'], columns: ints('ID', 'LeftTraitNodeID', 'RightTraitNodeID', 'Type') },
  TraitNodeGroup: { key: ['ID'], columns: ints('ID', 'TraitTreeID', 'Flags') },
  TraitNodeGroupXTraitNode: {
    key: ['ID'],
    columns: ints('ID', 'TraitNodeGroupID', 'TraitNodeID', '_Index'),
  },
  TraitNodeGroupXTraitCond: { key: ['ID'], columns: ints('ID', 'TraitCondID', 'TraitNodeGroupID') },
  TraitNodeGroupXTraitCost: { key: ['ID'], columns: ints('ID', 'TraitNodeGroupID', 'TraitCostID') },
  TraitNodeXTraitCond: { key: ['ID'], columns: ints('ID', 'TraitCondID', 'TraitNodeID') },
  TraitNodeXTraitCost: { key: ['ID'], columns: ints('ID', 'TraitNodeID', 'TraitCostID') },
  TraitCond: {
    key: ['ID'],
    columns: ints(
      'ID',
      'CondType',
      'TraitTreeID',
      'GrantedRanks',
      'SpecSetID',
      'TraitNodeGroupID',
      'TraitNodeID',
      'TraitCurrencyID',
      'SpentAmountRequired',
      'Flags',
      'RequiredLevel',
    ),
  },
  TraitCost: { key: ['ID'], columns: ints('ID', 'Amount', 'TraitCurrencyID') },
  TraitCurrency: { key: ['ID'], columns: ints('ID', 'Type', 'Flags') },
  /** Not in the shipped export: the fixtures author the rows the hunter tree needs. */
  TraitCurrencySource: {
    key: ['ID'],
    columns: ints('ID', 'TraitCurrencyID', 'Amount', 'PlayerLevel'),
  },
  /** Not in the shipped export: the fixtures author the spec sets the hunter tree names. */
  SpecSetMember: { key: ['ID'], columns: ints('ID', 'ChrSpecializationID', 'SpecSet') },
  TraitNode: {
    key: ['ID'],
    columns: ints('ID', 'TraitTreeID', 'PosX', 'PosY', 'Type', 'Flags', 'TraitSubTreeID'),
  },
  TraitNodeXTraitNodeEntry: { key: ['ID'], columns: ints('ID', 'TraitNodeID', 'TraitNodeEntryID', '_Index') },
  TraitNodeEntry: {
    key: ['ID'],
    columns: ints('ID', 'TraitDefinitionID', 'MaxRanks', 'NodeEntryType', 'TraitSubTreeID'),
  },
  TraitDefinition: {
    key: ['ID'],
    columns: {
      ...ints('ID', 'SpellID', 'OverridesSpellID', 'VisibleSpellID'),
      ...texts('OverrideName_lang'),
    },
  },
  Item: { key: ['ID'], columns: ints('ID', 'ClassID', 'SubclassID', 'InventoryType') },
  ItemSparse: {
    key: ['ID'],
    columns: {
      ...ints(
        'ID',
        ...numbered('StatPercentEditor', 10),
        ...numbered('StatModifier_bonusStat', 10),
        ...numbered('Flags', 5),
        'PlayerLevelToItemLevelCurveID',
        'ItemSet',
        'ItemDelay',
        'ItemLevel',
        ...numbered('SocketType', 3),
        'RequiredLevel',
        'InventoryType',
        'OverallQualityID',
        'Gem_properties',
      ),
      ...floats('DmgVariance', ...numbered('StatPercentageOfSocket', 10)),
      ...texts('Display_lang'),
    },
  },
  Curve: { key: ['ID'], columns: ints('ID', 'Type', 'Flags') },
  CurvePoint: {
    key: ['ID'],
    optional: true,
    columns: { ...ints('ID', 'CurveID', 'OrderIndex'), ...floats('Pos_0', 'Pos_1') },
  },
  RandPropPoints: {
    key: ['ID'],
    columns: {
      ...ints('ID'),
      ...floats(
        'DamageReplaceStatF',
        'DamageSecondaryF',
        ...numbered('EpicF', 5),
        ...numbered('SuperiorF', 5),
        ...numbered('GoodF', 5),
      ),
    },
  },
  ItemDamageOneHand: itemDamageLayout(),
  ItemDamageOneHandCaster: itemDamageLayout(),
  ItemDamageTwoHand: itemDamageLayout(),
  ItemDamageTwoHandCaster: itemDamageLayout(),
  ItemDamageAmmo: itemDamageLayout(),
  GemProperties: { key: ['ID'], columns: ints('ID', 'Enchant_ID', 'Type') },
  SpellItemEnchantment: {
    key: ['ID'],
    columns: {
      ...ints('ID', ...numbered('Effect', 3), ...numbered('EffectArg', 3), ...numbered('EffectPointsMin', 3)),
      ...ints('ScalingClass', 'MinLevel', 'MaxLevel'),
      ...floats(...numbered('EffectScalingPoints', 3)),
      ...texts('Name_lang'),
    },
  },
  ItemBonus: {
    key: ['ID'],
    columns: ints('ID', ...numbered('Value', 4), 'ParentItemBonusListID', 'Type', 'OrderIndex'),
  },
} as const satisfies Record<string, TableLayout>;

export type TableName = keyof typeof DBC_LAYOUTS;
export const TABLE_NAMES = Object.keys(DBC_LAYOUTS) as TableName[];
