/**
 * The flat game-data types the engine consumes.
 *
 * Every type here is a plain JSON-serializable object (numbers, strings, booleans, arrays and
 * string-keyed records; no classes, no Map, no bigint) so a bundle can be posted to a worker
 * thread, cached on disk and served over HTTP unchanged. Durations are integer milliseconds,
 * distances are yards, percentages are 0..100 unless the name says otherwise.
 *
 * The importer joins the DBC tables (layouts in docs/gamedata.md) into these shapes; the
 * engine imports them with `import type` only.
 */

/** One effect of a spell (a SpellEffect row, DifficultyID 0). */
export interface SpellEffectData {
  /** EffectIndex: position of the effect within its spell (0-based). */
  index: number;
  /** Effect: what the effect does (2 = school damage, 6 = apply aura, 30 = energize, ...). */
  type: number;
  /** EffectAura: the aura type when `type` applies an aura (3 = periodic damage, 108 = pct modifier, ...). */
  auraType: number;
  /** EffectBasePointsF: the effect's base value (percent for modifiers, flat amount otherwise). */
  basePoints: number;
  /** BonusCoefficientFromAP: damage per point of attack power. */
  apCoefficient: number;
  /** EffectBonusCoefficient: damage per point of spell power. */
  spCoefficient: number;
  /** Coefficient: the scaling-class coefficient (budget multiplier), 0 when unused. */
  scalingCoefficient: number;
  /** Variance: the +-fraction of random spread on the effect's amount. */
  variance: number;
  /** EffectAuraPeriod: tick period of a periodic aura, 0 when not periodic. */
  periodMs: number;
  /** EffectAmplitude: multiplier used by some effects (e.g. damage share per chain jump). */
  amplitude: number;
  /** EffectChainAmplitude: damage multiplier per additional chain target. */
  chainAmplitude: number;
  /** EffectChainTargets: number of targets the effect may jump to or hit. */
  chainTargets: number;
  /** EffectTriggerSpell: the spell this effect triggers, 0 for none. */
  triggerSpellId: number;
  /** EffectRadiusIndex_0/1: SpellRadius ids. */
  radiusIndex: [number, number];
  /** SpellRadius.Radius of each radius index in yards, 0 when the index is 0 or unknown. */
  radiusYards: [number, number];
  /** EffectMiscValue_0/1: meaning depends on the effect (power type for energize, modifier property for 107/108, ...). */
  miscValues: [number, number];
  /** EffectSpellClassMask_0..3: which spells of the class family this effect modifies (bit i of word w = mask bit 32w+i). */
  spellClassMask: [number, number, number, number];
  /** EffectPointsPerResource, EffectRealPointsPerLevel, ResourceCoefficient, PvpMultiplier: kept for completeness. */
  pointsPerResource: number;
  realPointsPerLevel: number;
  resourceCoefficient: number;
  pvpMultiplier: number;
  /** ScalingClass: -1 item, -7 / -8 ... budget classes; 0 none. */
  scalingClass: number;
  /** ImplicitTarget_0/1 (1 = caster, 6 = enemy target, ...). */
  implicitTargets: [number, number];
  /** EffectAttributes: raw flag word. */
  attributes: number;
  /** EffectMechanic. */
  mechanic: number;
}

/** One power cost of a spell (a SpellPower row). Spells may have several, ordered by `order`. */
export interface SpellPowerCost {
  order: number;
  /** PowerType enum (2 = focus, 0 = mana, ...); see PowerTypeData.powerTypeEnum. */
  powerType: number;
  /** Flat cost in the power's display units (ManaCost column). */
  cost: number;
  /** Cost as a percentage of base mana (PowerCostPct), 0 when flat. */
  costPct: number;
  /** Cost drained per second while channelling (ManaPerSecond). */
  costPerSecond: number;
  /** The cost applies only while this aura is up (RequiredAuraSpellID), 0 when always. */
  requiredAuraSpellId: number;
}

/** A spell with everything the simulation needs about it, flattened from the per-spell tables. */
export interface SpellData {
  id: number;
  name: string;
  /** NameSubtext_lang ("Rank 2", "Passive", ...). */
  subtext: string;
  description: string;
  auraDescription: string;
  /** SchoolMask: 1 physical, 2 holy, 4 fire, 8 nature, 16 frost, 32 shadow, 64 arcane. */
  schoolMask: number;

  /** Base cast time (SpellCastTimes.Base via CastingTimeIndex); 0 = instant. */
  castTimeMs: number;
  /** Global cooldown triggered (SpellCooldowns.StartRecoveryTime). */
  gcdMs: number;
  /** SpellCategories.StartRecoveryCategory (133 = the global cooldown category, 0 = off the GCD). */
  gcdCategory: number;
  /** SpellCooldowns.RecoveryTime: the spell's own cooldown. */
  cooldownMs: number;
  /** SpellCooldowns.CategoryRecoveryTime: cooldown shared with its category. */
  categoryCooldownMs: number;
  /** SpellCategories.Category: the shared cooldown category, 0 for none. */
  categoryId: number;
  /** SpellCategories.ChargeCategory: the charge category, 0 when the spell has no charges. */
  chargeCategoryId: number;
  /** SpellCategory.MaxCharges of the charge category; 0 when the spell uses a plain cooldown. */
  maxCharges: number;
  /** SpellCategory.ChargeRecoveryTime of the charge category. */
  chargeRecoveryMs: number;
  /**
   * True when haste shortens the cooldown or charge recovery. Derived at import: a passive
   * spell of the class (a spec or class aura) carries aura 416/453/454 (cooldown / charge
   * recovery by haste) whose spell class mask matches this spell.
   */
  cooldownHasted: boolean;
  /** True when haste shortens the GCD (aura 417 on a class/spec passive matching this spell, or a cast-time spell). */
  gcdHasted: boolean;

  /** All power costs; `powerCost`/`powerType` repeat the first one for convenience. */
  powerCosts: SpellPowerCost[];
  powerCost: number;
  /** PowerType enum of the first cost, -1 when the spell is free. */
  powerType: number;

  /** SpellRange.RangeMin_0 / RangeMax_0 (hostile) in yards via RangeIndex. */
  rangeMinYards: number;
  rangeMaxYards: number;
  /** SpellMisc.Speed: missile speed in yards per second, 0 = instant impact. */
  missileSpeed: number;

  /** Aura duration (SpellDuration.Duration via DurationIndex); 0 = none, -1 = until cancelled. */
  durationMs: number;
  /** SpellDuration.MaxDuration. */
  maxDurationMs: number;
  /** SpellAuraOptions.CumulativeAura: maximum stacks, at least 1 for an aura. */
  maxStacks: number;
  /** Tick period of the first periodic effect, 0 when the spell has none. */
  tickPeriodMs: number;
  /** Haste shortens the tick period (attribute SX_DOT_HASTED 173 or SX_DOT_HASTED_MELEE 278). */
  hastedTicks: boolean;
  /** A periodic effect ticks once when applied (attribute SX_TICK_ON_APPLICATION 169). */
  tickOnApplication: boolean;
  /** Refresh keeps up to 30% of the remaining duration (attribute SX_REFRESH_EXTENDS_DURATION 436). */
  pandemic: boolean;

  /** SpellAuraOptions.ProcChance in percent (101 in the data means "always"). */
  procChance: number;
  /** SpellAuraOptions.ProcCharges: the aura is consumed after this many procs, 0 = unlimited. */
  procCharges: number;
  /** SpellAuraOptions.ProcTypeMask_0/1: the events that can trigger the proc. */
  procFlags: [number, number];
  /** SpellAuraOptions.ProcCategoryRecovery: internal cooldown between procs. */
  procCooldownMs: number;
  /** Real procs per minute (SpellProcsPerMinute.BaseProcRate), 0 when the spell uses `procChance`. */
  rppm: number;
  /** SpellProcsPerMinute.Flags: 1 = scales with haste, 2 = scales with crit (SimulationCraft's reading). */
  rppmFlags: number;

  /** SpellClassOptions.SpellClassSet (9 = hunter), 0 when the spell belongs to no class family. */
  classSetId: number;
  /** SpellClassOptions.SpellClassMask_0..3: this spell's family flags, matched by modifier effects. */
  classMask: [number, number, number, number];
  /** SpellMisc.Attributes_0..16, 17 words of 32 flags; bit n of the flat index = word n>>5, bit n&31. */
  attributes: number[];
  /** The spell is a passive (attribute 6). */
  passive: boolean;

  /** Effects ordered by index. */
  effects: SpellEffectData[];
}

/** A spell a spec grants (a SpecializationSpells row). */
export interface SpecSpell {
  spellId: number;
  /** The spell this one replaces on the action bar, 0 for none. */
  overridesSpellId: number;
  displayOrder: number;
}

export type SpecRole = 'tank' | 'healer' | 'damage';

/** A class specialization (ChrSpecialization joined with ChrClasses and SpecializationSpells). */
export interface SpecData {
  id: number;
  classId: number;
  /** The class's name ("Hunter"). */
  className: string;
  /** The class's file token ("HUNTER"), what SimulationCraft's class line matches. */
  classToken: string;
  name: string;
  role: SpecRole;
  /** ChrSpecialization.PrimaryStatPriority (2 = agility for hunters). */
  primaryStatPriority: number;
  masterySpellIds: number[];
  specSpells: SpecSpell[];
  /** The class talent tree that `talents=` strings of this spec decode against, 0 when unknown. */
  talentTreeId: number;
}

/** One choice within a talent node (TraitNodeEntry + TraitDefinition). */
export interface TalentEntry {
  id: number;
  definitionId: number;
  maxRanks: number;
  /** NodeEntryType (1 = spell passive/active, 2 = ...). */
  entryType: number;
  subTreeId: number;
  /** The spell the entry grants (TraitDefinition.SpellID), 0 for none. */
  spellId: number;
  /** The spell the granted one replaces, 0 for none. */
  overridesSpellId: number;
  /** The spell shown in the UI if different (TraitDefinition.VisibleSpellID). */
  visibleSpellId: number;
  /** TraitDefinition.OverrideName_lang, else the spell's name when known, else "". */
  name: string;
}

/**
 * One node of a talent tree (TraitNode, its entries in choice order), with the rules the game
 * applies to it folded in from the TraitNodeGroup, TraitCond, TraitCost and TraitEdge tables.
 */
export interface TalentNode {
  id: number;
  posX: number;
  posY: number;
  /** TraitNode.Type: 0 single, 1 tiered (ranks walk through the entries), 2 choice, 3 hero-tree selection. */
  type: number;
  flags: number;
  /** The hero tree (TraitSubTree) the node belongs to, 0 for the class and spec trees. */
  subTreeId: number;
  /** Entries in the node's choice order: a loadout's choice index selects one of these. */
  entries: TalentEntry[];
  /** The specs that see the node (TraitCond "visible" spec sets); empty when every spec does. */
  specIds: number[];
  /** The specs that get the node for free (TraitCond "granted"); empty when none. */
  grantedSpecIds: number[];
  /** TraitEdge parents: the node can be bought once one of them is fully ranked. */
  parents: number[];
  /** The currency its ranks cost (TraitCost), 0 when it is free. */
  currencyId: number;
  /** Points of that currency that must already be spent before it can be bought (a gate), 0 for none. */
  requiredSpent: number;
}

/** A hero talent tree (TraitSubTree). */
export interface TalentSubTree {
  id: number;
  name: string;
  description: string;
}

/** A talent currency of a tree: class, spec or one hero tree's points. */
export interface TalentCurrency {
  id: number;
  /** What it buys, from the nodes that cost it. */
  kind: 'class' | 'spec' | 'hero';
  /** Points a max-level character has (TraitCurrencySource), 0 when the data does not say. */
  maxPoints: number;
}

/** One purchase of a starter build (TraitTreeLoadoutEntry), in the game's order. */
export interface StarterPick {
  nodeId: number;
  /** The chosen entry, 0 when the node has one. */
  entryId: number;
  /** The node's rank after this purchase. */
  ranks: number;
}

/** The game's own starter build for a spec (TraitTreeLoadout + its entries). */
export interface StarterBuild {
  specId: number;
  picks: StarterPick[];
}

/**
 * A talent tree, enough to decode a Blizzard / SimulationCraft loadout string and to check a
 * loadout as the game does: the string holds one record per node of the tree in ascending node
 * id order, so `nodes` is sorted by id.
 */
export interface TalentTree {
  id: number;
  classId: number;
  nodes: TalentNode[];
  subTrees: TalentSubTree[];
  currencies: TalentCurrency[];
  starterBuilds: StarterBuild[];
}

/** A power type (PowerType row). */
export interface PowerTypeData {
  id: number;
  /** PowerTypeEnum, the value SpellPower.PowerType refers to (2 = focus). */
  powerTypeEnum: number;
  /** "FOCUS", "MANA", ... */
  token: string;
  minPower: number;
  maxBasePower: number;
  defaultPower: number;
  displayModifier: number;
  /** Regeneration per second out of and in combat, before haste. */
  regenPeacePerSecond: number;
  regenCombatPerSecond: number;
  regenInterruptMs: number;
  flags: number;
}

/** One stat allocation of an item (ItemSparse StatModifier_bonusStat_i / StatPercentEditor_i / StatPercentageOfSocket_i). */
export interface ItemStat {
  /** ItemModType: 3 agility, 32 crit rating, 36 haste rating, 49 mastery rating, 40 versatility, 7 stamina. */
  statType: number;
  /** Budget allocation (StatPercentEditor, 10000 = 100% of the slot budget). */
  allocation: number;
  socketMultiplier: number;
}

/** An item (Item + ItemSparse). Stats are scaled by the item level through RandPropPoints. */
export interface ItemData {
  id: number;
  name: string;
  classId: number;
  subclassId: number;
  inventoryType: number;
  quality: number;
  itemLevel: number;
  requiredLevel: number;
  /** ItemDelay: weapon swing time. */
  weaponSpeedMs: number;
  /** DmgVariance: weapon damage spread. */
  damageVariance: number;
  stats: ItemStat[];
  /** SocketType_0..2, 0 for no socket. */
  socketTypes: number[];
  itemSetId: number;
  playerLevelToItemLevelCurveId: number;
  flags: number[];
  /** For a gem: the SpellItemEnchantment its GemProperties row grants (ItemSparse.Gem_properties), else 0. */
  gemEnchantId: number;
}

/** A curve (Curve + its CurvePoints ordered by OrderIndex). */
export interface CurveData {
  id: number;
  type: number;
  flags: number;
  points: { x: number; y: number }[];
}

/** Random property points of one item level (RandPropPoints; the float columns). */
export interface RandPropPointsData {
  /** The item level this row is for (the table's ID). */
  itemLevel: number;
  damageReplaceStat: number;
  damageSecondary: number;
  /** Budgets by slot group (0 = head/chest/legs/2h, 1 = shoulders/hands/waist/feet, 2 = wrist/neck/finger/cloak, 3 = trinket, 4 = one-hand weapon). */
  epic: number[];
  superior: number[];
  good: number[];
  /** Weapon damage per second at this item level, by quality (the ItemDamage* rows of the same level); null when the tables lack the level. */
  weaponDps: WeaponDpsByQuality | null;
}

/** ItemDamageOneHand, ...Caster, TwoHand, ...Caster and Ammo at one item level: DPS by quality (Quality_0..6). */
export interface WeaponDpsByQuality {
  oneHand: number[];
  oneHandCaster: number[];
  twoHand: number[];
  twoHandCaster: number[];
  ammo: number[];
}

/** One effect of an item enchantment (SpellItemEnchantment Effect_i / EffectArg_i / EffectPointsMin_i / EffectScalingPoints_i). */
export interface EnchantmentEffect {
  /** 5 = a stat (arg is the ItemModType), 3 = an equip spell (arg is the spell), 0 = none, ... */
  type: number;
  arg: number;
  /** The fixed amount, used when the enchantment does not scale. */
  amount: number;
  /** The coefficient on the spell-scaling budget when it does. */
  scalingCoefficient: number;
}

/** An enchant, or what a gem grants (SpellItemEnchantment). */
export interface EnchantmentData {
  id: number;
  name: string;
  effects: EnchantmentEffect[];
  /** ScalingClass: 0 fixed amounts; otherwise the amounts scale with the player's level through a spell-scaling table. */
  scalingClass: number;
  /** MaxLevel: the level the scaling stops at. */
  maxLevel: number;
}

/** One row of an item bonus list (ItemBonus). */
export interface ItemBonusData {
  id: number;
  /** ParentItemBonusListID: the bonus id players see on item links. */
  bonusListId: number;
  /** Type: 1 item level, 2 stat, 11 scaling, 13 ..., see docs/gamedata.md. */
  type: number;
  values: [number, number, number, number];
  orderIndex: number;
}

/** What a simulation of one profile needs; the engine's `requiredGameData(profile)` builds it. */
export interface GameDataRequest {
  spellIds: number[];
  /** ChrSpecialization id (253 = Beast Mastery). */
  specId?: number;
  /** Talent tree to include (defaults to the spec's tree when `specId` is given). */
  talentTreeId?: number;
  itemIds?: number[];
  curveIds?: number[];
  /** Bonus list ids (ItemBonus.ParentItemBonusListID) of the profile's items. */
  itemBonusListIds?: number[];
  /** Item levels whose RandPropPoints are needed. */
  itemLevels?: number[];
  /**
   * Items whose level comes from their bonus lists (no explicit `ilevel=`): the loader adds the
   * type-1 (item level) rows of `bonusListIds` to the item's level and fetches that budget row.
   */
  itemBonusSets?: { itemId: number; bonusListIds: number[] }[];
  /** PowerTypeEnum values; focus is always included for hunters by the engine's request. */
  powerTypes?: number[];
  /** SpellItemEnchantment ids of `enchant_id=`; gems' enchantments follow from their items (`itemIds`). */
  enchantIds?: number[];
}

/** Everything a simulation of one profile needs, for one patch. Records are keyed by id as a decimal string. */
export interface GameDataBundle {
  /** The patch version the data was imported as (e.g. "12.0.5.66529"). */
  patch: string;
  spells: Record<string, SpellData>;
  spec: SpecData | null;
  talentTree: TalentTree | null;
  /** Keyed by PowerTypeEnum. */
  powerTypes: Record<string, PowerTypeData>;
  items: Record<string, ItemData>;
  curves: Record<string, CurveData>;
  /** Keyed by item level. */
  randPropPoints: Record<string, RandPropPointsData>;
  /** Keyed by bonus list id; rows ordered by orderIndex. */
  itemBonuses: Record<string, ItemBonusData[]>;
  /** Enchantments of `enchant_id=` and of the gems' items, keyed by SpellItemEnchantment id. */
  enchantments: Record<string, EnchantmentData>;
}
