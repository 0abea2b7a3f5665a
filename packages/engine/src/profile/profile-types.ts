// The parsed form of a SimulationCraft profile. Positions are kept so that errors found only
// later (against the game data) still name the line and column a player must edit.
import type { Expr } from '../apl/expression.ts';
import type { BloodlustTiming, RaidBuffSet } from '../sim/raid-buffs.ts';

export interface SourcePos {
  line: number;
  column: number;
}

/** Text order: by line, then column (errors and warnings are listed this way). */
export const byPosition = (a: SourcePos, b: SourcePos): number => a.line - b.line || a.column - b.column;

export interface ActionEntry {
  /** SimulationCraft token: `kill_command`, `call_action_list`, ... */
  name: string;
  pos: SourcePos;
  condition: { expr: Expr; text: string; pos: SourcePos } | null;
  /** `name=` of call_action_list / run_action_list. */
  listName: { value: string; pos: SourcePos } | null;
  lineCooldownMs: number;
  /**
   * `target_if=min:EXPR` (or `max:`, `first:`): the target the action runs on, chosen among the
   * fight's targets by EXPR evaluated on each; ties go to the primary target.
   */
  targetIf: { mode: 'min' | 'max' | 'first'; expr: Expr; text: string; pos: SourcePos } | null;
  /** `variable,name=X[,op=OP],value=EXPR[,default=N]`: changes variable.X when reached. */
  variable: {
    name: string;
    op: VariableOp;
    /** Absent for the ops that take none (reset, floor, ceil). */
    value: { expr: Expr; text: string; pos: SourcePos } | null;
    /** `setif`: `condition=` picks `value=` (true) or `value_else=` (false). */
    condition: { expr: Expr; text: string; pos: SourcePos } | null;
    valueElse: { expr: Expr; text: string; pos: SourcePos } | null;
    defaultValue: number;
  } | null;
}

/** SimulationCraft's variable operations that simforge runs. */
export const VARIABLE_OPS = [
  'set',
  'add',
  'sub',
  'mul',
  'div',
  'min',
  'max',
  'setif',
  'reset',
  'floor',
  'ceil',
] as const;
export type VariableOp = (typeof VARIABLE_OPS)[number];

export interface WeaponSpec {
  kind: string;
  speedMs: number;
  minDamage: number;
  maxDamage: number;
}

/** `gear_*` totals. Every primary stat is kept; the spec's primaryStat says which one counts. */
export interface GearStats {
  agility: number;
  intellect: number;
  strength: number;
  stamina: number;
  critRating: number;
  hasteRating: number;
  masteryRating: number;
  versatilityRating: number;
  weapon: WeaponSpec;
}

/**
 * An item line that names an item id (`head=,id=N,bonus_id=a/b,ilevel=N`). Its stats come from
 * the game data when the simulation is created; `pos` points at the id so a missing item is
 * reported where the player typed it.
 */
export interface ItemLine {
  /** Slot token with SimulationCraft's aliases folded (`shoulder` -> `shoulders`, `wrist` -> `wrists`). */
  slot: string;
  itemId: number;
  /** `bonus_id=` values in the order given (ItemBonus.ParentItemBonusListID). */
  bonusIds: number[];
  /** Where `bonus_id=`'s value starts (the id's position when the line has none). */
  bonusPos: SourcePos;
  /** `enchant_id=`: a SpellItemEnchantment id. */
  enchant: { id: number; pos: SourcePos } | null;
  /** `gem_id=`: the gems' item ids, empty sockets (0) left out. */
  gems: { id: number; pos: SourcePos }[];
  /** Explicit `ilevel=`, which wins over the data's item level and level bonuses. */
  itemLevel: number | null;
  /** The line also gave `weapon=`, which then wins over the item's weapon data. */
  weaponOverride: boolean;
  /**
   * `stats=120agi_80crit`: the item's stats as given (ItemModType ids), instead of the data's
   * budget; the item need not be in the data then.
   */
  stats: { statType: number; value: number }[] | null;
  pos: SourcePos;
}

/**
 * SimulationCraft's actor options simforge reads. `max_prio_damage` (a hunter option, default 1):
 * spread-or-focus in `target_if` expressions such as `min:dot.barbed_shot.remains|max_prio_damage`;
 * 1 keeps every such action on the primary target.
 */
export interface ActorOptions {
  maxPrioDamage: number;
}

export interface FightOptions {
  maxTimeMs: number;
  /** Fraction: fight length is uniform in maxTime * (1 +- varyCombatLength). */
  varyCombatLength: number;
  desiredTargets: number;
  iterations: number;
  /** Percent, as in SimulationCraft (`target_error=0.1` is 0.1%); 0 = fixed iterations. */
  targetErrorPct: number;
  seed: number | null;
  /** `fight_style=`: Patchwerk, HecticAddCleave or DungeonSlice (sim/fight-styles.ts). */
  style: string;
}

export interface Profile {
  /** The class line's key (`hunter`), a class the spec registry holds. */
  className: string;
  characterName: string;
  level: number;
  race: string;
  /** The spec token (`beast_mastery`): `spec=`, else the class's default in the registry. */
  spec: string;
  talents: { loadout: string; pos: SourcePos } | null;
  /** `gear_*` totals and the weapon; item stats are added to these by `createSimulation`. */
  gear: GearStats;
  /** Where the weapon came from: a `weapon=` on main_hand, or simforge's default (warned about when no item gives one). */
  weaponGiven: boolean;
  /** A `gear_*` stat line is present: item lines the data lacks then add nothing, with a warning, rather than fail. */
  gearGiven: boolean;
  /** Item lines with an `id=`, in slot order of first appearance (a repeated slot keeps the last line). */
  items: ItemLine[];
  fight: FightOptions;
  actorOptions: ActorOptions;
  /** The raid's buffs and debuffs: `optimal_raid=` (default 1) and `override.NAME=` lines. */
  raid: RaidBuffSet;
  /** When Bloodlust lands, if the raid has it: `bloodlust_time=` (s, default 0.5) or `bloodlust_percent=` (default 25). */
  bloodlust: BloodlustTiming;
  /** `default` is `actions=`; others are `actions.NAME=` (including `precombat`). */
  actionLists: Record<string, ActionEntry[]>;
}

export interface ProfileWarning {
  line: number;
  column: number;
  message: string;
}
