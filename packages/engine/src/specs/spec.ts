// What a specialization contributes to the engine, and nothing more: its identity, its
// catalogue of APL names, the spells it reads from the game data, its resource and primary
// stat, how to build its actor and how to bind its priority list to that actor. Everything
// else (profile parsing, stats, items, the combat runtime, the priority-list runner, the
// partial) is shared. A spec lives in its own folder under specs/ and is reachable only
// through a SpecRegistry (specs/registry.ts), which a structure test enforces.

import type { SpecCatalog } from '../apl/identifiers.ts';
import type { ExpressionMode } from '../apl/priority-list-runner.ts';
import type { ActionEntry, ActorOptions, GearStats } from '../profile/profile-types.ts';
import type { Aura } from '../sim/aura.ts';
import type { Combat } from '../sim/combat.ts';
import type { SpellBook } from '../sim/spell-book.ts';
import type { CombatStats, PrimaryStat } from '../sim/stats.ts';
import type { ChosenTalents } from '../talents/resolve-talents.ts';

export type { PrimaryStat } from '../sim/stats.ts';

export interface SpecResource {
  /** The APL token and the name shown to players: `focus`, `mana`, `energy`. */
  name: string;
  /** PowerTypeEnum (2 focus, 0 mana, ...): the game data request always asks for it. */
  powerType: number;
}

/** Everything an actor is built from, once per simulation. */
export interface SpecActorInput {
  combat: Combat;
  /** Spells with the spec aura's and the chosen talents' modifiers folded in. */
  book: SpellBook;
  /** Spell ids of the chosen talents. */
  talents: ReadonlySet<number>;
  stats: CombatStats;
  /** Profile gear plus item stats (the weapon included). */
  gear: GearStats;
}

/** The character a spec simulates, as the iteration loop drives it. */
export interface SpecActor {
  /** Every aura whose uptime the partial reports (the pet's included). */
  readonly auras: readonly Aura[];
  /** Back to the state at the pull; called before the rotation starts each iteration. */
  reset(): void;
  /** After the rotation has started: begin whatever runs on its own (pets, swing timers). */
  start(): void;
  /** The resource at `atMs`, sampled into the resource timeline at the end of each second. */
  resourceAt(atMs: number): number;
}

export interface SpecRotation {
  /** At time 0 of each iteration, after the actor's reset: precombat actions, first decision. */
  start(): void;
}

export interface RotationInput {
  actionLists: Record<string, ActionEntry[]>;
  talents: ChosenTalents;
  expressionMode: ExpressionMode;
  /** The profile's actor options (`max_prio_damage=`), see Profile.actorOptions. */
  actorOptions: ActorOptions;
}

/**
 * One specialization. `A` is the spec's own actor type; the registry holds specs as
 * `Spec` (A = SpecActor). That widening relies on method parameter bivariance for
 * `bindRotation`, and is sound because the simulation only ever hands an actor back to the
 * spec whose `createActor` made it.
 */
export interface Spec<A extends SpecActor = SpecActor> {
  /** The profile's class line key: `hunter`. */
  readonly classToken: string;
  /** The profile's `spec=` value: `beast_mastery`. */
  readonly specToken: string;
  /** ChrSpecialization id (253): the game data's spec, and the spec a talent export must carry. */
  readonly specId: number;
  readonly catalog: SpecCatalog;
  /**
   * The spec's own priority list as SimulationCraft action lines, for a profile that has none
   * (an addon export); without it such a profile is refused (SF_PROFILE_EMPTY_APL).
   */
  readonly defaultActions?: string;
  readonly resource: SpecResource;
  /** Which of the profile's `gear_agility=`/`gear_intellect=`/`gear_strength=` and item primaries count. */
  readonly primaryStat: PrimaryStat;
  /** Every spell id the spec reads (requiredGameData asks for them). */
  readonly spellIds: readonly number[];
  /** The spells it cannot run without (SF_PROFILE_GAME_DATA_MISSING when the data lacks one). */
  readonly requiredSpellIds: readonly number[];
  /** APL action token -> the spell it casts, to point a missing spell's error at its action. */
  readonly actionSpells: Readonly<Record<string, number>>;
  /**
   * Talent spells whose effect the spec simulates (in its code, or through the spell modifiers
   * the spell book applies). A chosen talent outside this set is reported as not modelled.
   */
  readonly modelledTalents: ReadonlySet<number>;
  /**
   * The spells a modelled talent needs besides its own (the beasts of Howl of the Pack Leader):
   * a loadout that takes it is refused when the game data lacks one, rather than the talent
   * quietly doing nothing while the result calls it modelled.
   */
  readonly talentSpells?: ReadonlyMap<number, readonly number[]>;
  createActor(input: SpecActorInput): A;
  bindRotation(actor: A, input: RotationInput): SpecRotation;
}
