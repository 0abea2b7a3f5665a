// What a name in a condition refers to. Classification is static (it needs only the spec's
// catalogue of action, buff and dot tokens), so parseProfile refuses unknown names without game
// data, and the simulation binds each classified reference to a closure once. Talent names are
// the exception: they come from the game data's talent tree, so the simulation checks them.
import { didYouMean } from '../profile/nearest-names.ts';
import type { ProfileErrorCode } from '../profile-errors.ts';

/** The tokens a spec understands; SimulationCraft names, the numbers come from game data. */
export interface SpecCatalog {
  /** The resource token (`focus`, `mana`, ...): the spec's resource name, see specs/spec.ts. */
  resource: string;
  actions: ReadonlySet<string>;
  /** The action in `actions` that starts the actor's auto attack (`auto_shot`), if it has one. */
  autoAttack?: string;
  /** Actions accepted for compatibility with exported profiles that do nothing here. */
  inertActions: ReadonlySet<string>;
  /**
   * Actions that would change the fight but are not simulated yet (potions, trinkets, racials,
   * external buffs): accepted with a warning at the action, options and condition unread.
   */
  unmodelledActions?: ReadonlySet<string>;
  playerBuffs: ReadonlySet<string>;
  petBuffs: ReadonlySet<string>;
  dots: ReadonlySet<string>;
  /** Names set by the profile's `variable,name=` actions. */
  variables?: ReadonlySet<string>;
  /** Whole names only this spec answers (`howl_summon.ready`), bound by its own binder. */
  specValues?: ReadonlySet<string>;
  /**
   * Buffs of talents the engine does not simulate yet, by token, with the talent's name:
   * `buff.X.*` reads as never up (with a warning), so a real action list still runs.
   */
  unmodelledBuffs?: ReadonlyMap<string, string>;
}

export type CooldownField =
  | 'ready'
  | 'up'
  | 'remains'
  | 'charges'
  | 'charges_fractional'
  | 'full_recharge_time'
  | 'max_charges'
  | 'duration';
export type BuffField =
  | 'up'
  | 'down'
  | 'stack'
  | 'remains'
  | 'react'
  | 'max_stack'
  | 'duration'
  | 'refreshable';
export type DotField = 'ticking' | 'remains' | 'refreshable' | 'ticks_remain';
export type ResourceField = 'current' | 'deficit' | 'pct' | 'max' | 'regen' | 'time_to_max';

export type ValueRef =
  | { kind: 'cooldown'; action: string; field: CooldownField }
  | { kind: 'buff'; owner: 'player' | 'pet'; buff: string; field: BuffField }
  | { kind: 'dot'; dot: string; field: DotField }
  /** `talent.X` / `talent.X.enabled` (taken: 0 or 1) and `talent.X.rank`; X is checked against the tree when the simulation binds. */
  | { kind: 'talent'; talent: string; field: 'enabled' | 'rank' }
  | { kind: 'resource'; field: ResourceField }
  | { kind: 'target_health_pct' }
  | { kind: 'target_time_to_die' }
  | { kind: 'time' }
  | { kind: 'fight_remains' }
  | { kind: 'gcd' }
  | { kind: 'gcd_remains' }
  | { kind: 'active_enemies' }
  /** `prev_gcd.N.X`: the Nth last action on the global cooldown was X (N = 1 the last). */
  | { kind: 'prev_gcd'; action: string; n: number }
  /** `prev.X`: the last action used, on the global cooldown or off it, was X. */
  | { kind: 'prev'; action: string }
  /** `apex.N`: the spec's apex talent (its tiered node) has at least N ranks. */
  | { kind: 'apex'; rank: number }
  /** A buff of a talent not simulated yet: never up. */
  | { kind: 'unmodelled_buff'; buff: string; field: BuffField }
  | { kind: 'variable'; name: string }
  /** One of the catalog's specValues. */
  | { kind: 'spec_value'; name: string }
  | { kind: 'this_action'; field: ThisActionField };

export type ThisActionField =
  | 'charges'
  | 'charges_fractional'
  | 'full_recharge_time'
  | 'cost'
  | 'execute_time'
  | 'cast_time';

export interface IdentifierError {
  code: ProfileErrorCode;
  detail: string;
}

const COOLDOWN_FIELDS = new Set<string>([
  'ready',
  'up',
  'remains',
  'charges',
  'charges_fractional',
  'full_recharge_time',
  'max_charges',
  'duration',
]);
const BUFF_FIELDS = new Set<string>([
  'up',
  'down',
  'stack',
  'remains',
  'react',
  'max_stack',
  'duration',
  'refreshable',
]);
const DOT_FIELDS = new Set<string>(['ticking', 'remains', 'refreshable', 'ticks_remain']);
const RESOURCE_FIELDS: Record<string, ResourceField> = {
  deficit: 'deficit',
  pct: 'pct',
  max: 'max',
  regen: 'regen',
  time_to_max: 'time_to_max',
};
const TALENT_TOKEN = /^[a-z0-9_]+$/;
const THIS_ACTION = new Set<string>([
  'charges',
  'charges_fractional',
  'full_recharge_time',
  'cost',
  'execute_time',
  'cast_time',
]);
/** How far back `prev_gcd.N.X` may look. */
export const PREV_GCD_DEPTH = 5;

export function classifyIdentifier(name: string, catalog: SpecCatalog): ValueRef | IdentifierError {
  const parts = name.split('.');
  const unsupported = (): IdentifierError => ({
    code: 'SF_PROFILE_UNSUPPORTED_EXPRESSION',
    detail: `'${name}'`,
  });
  const head = parts[0]!;
  if (catalog.specValues?.has(name)) return { kind: 'spec_value', name };
  if (head === catalog.resource) {
    if (parts.length === 1) return { kind: 'resource', field: 'current' };
    const field = parts.length === 2 ? RESOURCE_FIELDS[parts[1]!] : undefined;
    return field ? { kind: 'resource', field } : unsupported();
  }
  if (parts.length === 1) {
    switch (head) {
      case 'time':
        return { kind: 'time' };
      case 'fight_remains':
        return { kind: 'fight_remains' };
      case 'time_to_die':
        return { kind: 'target_time_to_die' };
      case 'gcd':
        return { kind: 'gcd' };
      case 'active_enemies':
      case 'spell_targets':
        return { kind: 'active_enemies' };
      default:
        if (THIS_ACTION.has(head)) return { kind: 'this_action', field: head as ThisActionField };
        return unsupported();
    }
  }
  switch (head) {
    case 'gcd':
      if (name === 'gcd.remains') return { kind: 'gcd_remains' };
      if (name === 'gcd.max') return { kind: 'gcd' };
      return unsupported();
    case 'spell_targets':
      return parts.length === 2 ? { kind: 'active_enemies' } : unsupported();
    case 'target':
      if (name === 'target.health.pct') return { kind: 'target_health_pct' };
      if (name === 'target.time_to_die') return { kind: 'target_time_to_die' };
      return unsupported();
    case 'time_to_die':
      return name === 'time_to_die.remains' ? { kind: 'target_time_to_die' } : unsupported();
    case 'apex': {
      const rank = parts.length === 2 && /^[1-9]$/.test(parts[1]!) ? Number(parts[1]) : 0;
      return rank > 0 ? { kind: 'apex', rank } : unsupported();
    }
    case 'prev': {
      if (parts.length !== 2) return unsupported();
      if (!catalog.actions.has(parts[1]!))
        return { code: 'SF_PROFILE_UNKNOWN_ACTION', detail: didYouMean(parts[1]!, catalog.actions) };
      return { kind: 'prev', action: parts[1]! };
    }
    case 'cooldown': {
      if (parts.length !== 3 || !COOLDOWN_FIELDS.has(parts[2]!)) return unsupported();
      if (!catalog.actions.has(parts[1]!))
        return { code: 'SF_PROFILE_UNKNOWN_ACTION', detail: didYouMean(parts[1]!, catalog.actions) };
      return { kind: 'cooldown', action: parts[1]!, field: parts[2] as CooldownField };
    }
    case 'buff':
      return classifyBuff('player', parts.slice(1), name, catalog);
    case 'pet':
      // pet.main.buff.X and pet.<any name>.buff.X both mean the hunter's main pet.
      if (parts.length >= 3 && parts[2] === 'buff') return classifyBuff('pet', parts.slice(3), name, catalog);
      return unsupported();
    case 'dot':
    case 'debuff': {
      if (parts.length !== 3) return unsupported();
      const field = parts[2] === 'up' ? 'ticking' : parts[2]!;
      if (!DOT_FIELDS.has(field)) return unsupported();
      if (!catalog.dots.has(parts[1]!))
        return { code: 'SF_PROFILE_UNKNOWN_BUFF', detail: `dot ${didYouMean(parts[1]!, catalog.dots)}` };
      return { kind: 'dot', dot: parts[1]!, field: field as DotField };
    }
    case 'talent': {
      const field = parts.length === 2 ? 'enabled' : parts[2];
      if (parts.length > 3 || (field !== 'enabled' && field !== 'rank')) return unsupported();
      if (!TALENT_TOKEN.test(parts[1]!))
        return { code: 'SF_PROFILE_UNKNOWN_TALENT', detail: `'${parts[1]}'` };
      return { kind: 'talent', talent: parts[1]!, field };
    }
    case 'variable': {
      if (parts.length !== 2) return unsupported();
      if (!catalog.variables?.has(parts[1]!))
        return {
          code: 'SF_PROFILE_UNKNOWN_VARIABLE',
          detail: didYouMean(parts[1]!, catalog.variables ?? []),
        };
      return { kind: 'variable', name: parts[1]! };
    }
    case 'prev_gcd': {
      const n = parts.length === 3 && /^[1-9]$/.test(parts[1]!) ? Number(parts[1]) : 0;
      if (n < 1 || n > PREV_GCD_DEPTH) return unsupported();
      if (!catalog.actions.has(parts[2]!))
        return { code: 'SF_PROFILE_UNKNOWN_ACTION', detail: didYouMean(parts[2]!, catalog.actions) };
      return { kind: 'prev_gcd', action: parts[2]!, n };
    }
    default:
      return unsupported();
  }
}

function classifyBuff(
  owner: 'player' | 'pet',
  rest: string[],
  name: string,
  catalog: SpecCatalog,
): ValueRef | IdentifierError {
  if (rest.length !== 2 || !BUFF_FIELDS.has(rest[1]!)) {
    return { code: 'SF_PROFILE_UNSUPPORTED_EXPRESSION', detail: `'${name}'` };
  }
  const known = owner === 'player' ? catalog.playerBuffs : catalog.petBuffs;
  if (owner === 'player' && !known.has(rest[0]!) && catalog.unmodelledBuffs?.has(rest[0]!)) {
    return { kind: 'unmodelled_buff', buff: rest[0]!, field: rest[1] as BuffField };
  }
  if (!known.has(rest[0]!)) {
    return {
      code: 'SF_PROFILE_UNKNOWN_BUFF',
      detail: `${owner === 'pet' ? 'pet buff' : 'buff'} ${didYouMean(rest[0]!, [...known, ...(owner === 'player' ? (catalog.unmodelledBuffs?.keys() ?? []) : [])])}`,
    };
  }
  return { kind: 'buff', owner, buff: rest[0]!, field: rest[1] as BuffField };
}

export function isIdentifierError(x: ValueRef | IdentifierError): x is IdentifierError {
  return 'code' in x;
}
