// Beast Mastery's names (SimulationCraft tokens) and the spell ids they stand for. Names are
// code, as in SimulationCraft's class modules; every number behind them comes from the game
// data bundle (see spells.ts).
import type { SpecCatalog } from '../../apl/identifiers.ts';

export const BM_SPEC_ID = 253;

/** Spell ids this spec reads from the game data. */
export const BM_SPELLS = {
  autoShot: 75,
  killCommand: 34026,
  killCommandPet: 83381,
  barbedShot: 217200,
  barbedShotFocus: 246152,
  frenzy: 272790,
  cobraShot: 193455,
  bestialWrath: 19574,
  bestialWrathPet: 186254,
  killShot: 53351,
  multiShot: 2643,
  beastCleave: 115939,
  /** The hunter-side Beast Cleave aura (its duration) that puts 118455 on the pet. */
  beastCleaveTrigger: 268877,
  beastCleavePet: 118455,
  beastCleaveDamage: 118459,
  wildCall: 185789,
  petClaw: 16827,
  petMelee: 6603,
  masterOfBeasts: 76657,
  /** Shortens Bestial Wrath's cooldown (the effect's points are seconds, negative). */
  theBeastWithin: 231548,
  alphaPredator: 269737,
  killerInstinct: 273887,
  scentOfBlood: 193532,
  killerCobra: 199532,
  thrillOfTheHunt: 257944,
  thrillOfTheHuntBuff: 257946,
  killCleave: 378207,
  killCleaveDamage: 389448,
  packTactics: 321014,
  kindredSpirits: 56315,
  savagery: 424557,
  specializedArsenal: 459542,
  warOrders: 393933,
  wildThrash: 1264359,
  /** The pets' thrash that Wild Thrash triggers: the damage. */
  wildThrashDamage: 1264355,
  /** Dark Ranger: replaces Kill Shot (it shares its charge category). */
  blackArrow: 466930,
  /** Pack Leader: every so often the next Kill Command brings a wyvern, a boar or a bear. */
  howlOfThePackLeader: 471876,
  /** The wait between two beasts (`buff.howl_of_the_pack_leader_cooldown`). */
  howlCooldown: 471877,
  wyvernsCry: 471881,
  boarCharge: 471936,
  boarChargeCleave: 471938,
  bearRend: 471999,
} as const;

/**
 * Talents of the live tree (774) whose effect this spec simulates: the abilities the tree
 * grants, the talents the hunter's code reads, and those whose only effect is a spell modifier
 * the spell book applies (Savagery, Specialized Arsenal, War Orders).
 */
export const BM_MODELLED_TALENTS: ReadonlySet<number> = new Set([
  BM_SPELLS.killCommand,
  BM_SPELLS.barbedShot,
  BM_SPELLS.cobraShot,
  BM_SPELLS.bestialWrath,
  BM_SPELLS.beastCleave,
  BM_SPELLS.theBeastWithin,
  BM_SPELLS.alphaPredator,
  BM_SPELLS.killerInstinct,
  BM_SPELLS.scentOfBlood,
  BM_SPELLS.killerCobra,
  BM_SPELLS.killCleave,
  BM_SPELLS.packTactics,
  BM_SPELLS.savagery,
  BM_SPELLS.specializedArsenal,
  BM_SPELLS.warOrders,
  BM_SPELLS.wildThrash,
  BM_SPELLS.blackArrow,
  BM_SPELLS.howlOfThePackLeader,
]);

/** The spells a modelled talent needs besides its own (see Spec.talentSpells). */
export const BM_TALENT_SPELLS: ReadonlyMap<number, readonly number[]> = new Map([
  [BM_SPELLS.wildThrash, [BM_SPELLS.wildThrashDamage]],
  [
    BM_SPELLS.howlOfThePackLeader,
    [
      BM_SPELLS.howlCooldown,
      BM_SPELLS.wyvernsCry,
      BM_SPELLS.boarCharge,
      BM_SPELLS.boarChargeCleave,
      BM_SPELLS.bearRend,
    ],
  ],
]);

/** Actions the priority list may name, and the spell each casts. */
export const BM_ACTIONS: Record<string, number> = {
  auto_shot: BM_SPELLS.autoShot,
  kill_command: BM_SPELLS.killCommand,
  barbed_shot: BM_SPELLS.barbedShot,
  cobra_shot: BM_SPELLS.cobraShot,
  bestial_wrath: BM_SPELLS.bestialWrath,
  kill_shot: BM_SPELLS.killShot,
  multishot: BM_SPELLS.multiShot,
  wild_thrash: BM_SPELLS.wildThrash,
  black_arrow: BM_SPELLS.blackArrow,
};

export const BM_CATALOG: SpecCatalog = {
  resource: 'focus',
  actions: new Set(Object.keys(BM_ACTIONS)),
  autoAttack: 'auto_shot',
  inertActions: new Set(['snapshot_stats', 'summon_pet']),
  unmodelledActions: new Set([
    'flask',
    'food',
    'augmentation',
    'potion',
    'use_items',
    'use_item',
    'invoke_external_buff',
    // Racial abilities a hunter's action list names.
    'berserking',
    'blood_fury',
    'ancestral_call',
    'fireblood',
    'lights_judgment',
    'bag_of_tricks',
    'arcane_torrent',
    // Dark Ranger's Wailing Arrow (its talent is not simulated yet).
    'wailing_arrow',
  ]),
  playerBuffs: new Set([
    'bestial_wrath',
    'barbed_shot',
    'thrill_of_the_hunt',
    'howl_of_the_pack_leader_cooldown',
    'wyverns_cry',
    'beast_cleave',
  ]),
  petBuffs: new Set(['frenzy', 'beast_cleave', 'bestial_wrath']),
  dots: new Set(['barbed_shot', 'black_arrow']),
  specValues: new Set(['howl_summon.ready', 'max_prio_damage']),
  unmodelledBuffs: new Map([
    ['natures_ally', "Nature's Ally"],
    ['hogstrider', 'Hogstrider'],
    ['withering_fire', 'Withering Fire'],
  ]),
};
