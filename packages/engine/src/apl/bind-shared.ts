// The parts of binding a condition's names that do not depend on the spec: auras, cooldowns,
// the spec's resource pool and the fight itself. A spec's binder handles what only it knows
// (which aura a buff token is, which cooldown an action has) and hands the rest to these.
// Times are reported in seconds, as SimulationCraft expressions expect.
import type { Aura } from '../sim/aura.ts';
import type { Combat } from '../sim/combat.ts';
import type { Cooldown } from '../sim/cooldown.ts';
import type { ResourcePool } from '../sim/resource-pool.ts';
import type { ChosenTalents } from '../talents/resolve-talents.ts';
import type { Getter } from './compile.ts';
import type { ResourceField, ValueRef } from './identifiers.ts';

const SEC = 1000;

export function auraGetter(aura: Aura, field: string, now: () => number, pandemicBaseMs: number): Getter {
  switch (field) {
    case 'up':
    case 'react':
    case 'ticking':
      return () => (aura.up(now()) ? 1 : 0);
    case 'down':
      return () => (aura.up(now()) ? 0 : 1);
    case 'stack':
      return () => aura.stack(now());
    case 'remains':
      return () => aura.remains(now()) / SEC;
    case 'max_stack':
      return () => aura.maxStacks;
    case 'duration':
      return () => aura.durationMs / SEC;
    case 'refreshable':
      return () => (aura.remains(now()) < 0.3 * pandemicBaseMs ? 1 : 0);
    default:
      throw new Error(`unbound aura field ${field}`);
  }
}

export function cooldownGetter(cd: Cooldown, field: string, now: () => number): Getter {
  switch (field) {
    case 'ready':
    case 'up':
      return () => (cd.ready(now()) ? 1 : 0);
    case 'remains':
      return () => cd.remains(now()) / SEC;
    case 'charges':
      return () => cd.chargesAt(now());
    case 'charges_fractional':
      return () => cd.chargesFractional(now());
    case 'full_recharge_time':
      return () => cd.fullRechargeTime(now()) / SEC;
    case 'max_charges':
      return () => cd.maxCharges;
    case 'duration':
      return () => cd.durationMs / SEC;
    default:
      throw new Error(`unbound cooldown field ${field}`);
  }
}

/** `focus`, `mana.deficit`, ...: the spec's resource token over its pool. */
export function resourceGetter(field: ResourceField, pool: ResourcePool, combat: Combat): Getter {
  switch (field) {
    case 'current':
      return () => pool.at(combat.now);
    case 'deficit':
      return () => pool.max - pool.at(combat.now);
    case 'pct':
      return () => (100 * pool.at(combat.now)) / pool.max;
    case 'max':
      return () => pool.max;
    case 'regen':
      return () => pool.regenPerSecond();
    case 'time_to_max':
      return () => (pool.max - pool.at(combat.now)) / pool.regenPerSecond();
    default: {
      const never: never = field;
      throw new Error(`unbound resource field ${String(never)}`);
    }
  }
}

type FightRef = Extract<
  ValueRef,
  { kind: 'target_health_pct' | 'target_time_to_die' | 'fight_remains' | 'time' | 'active_enemies' }
>;

export function isFightRef(ref: ValueRef): ref is FightRef {
  switch (ref.kind) {
    case 'target_health_pct':
    case 'target_time_to_die':
    case 'fight_remains':
    case 'time':
    case 'active_enemies':
      return true;
    default:
      return false;
  }
}

/** Names about the fight rather than the actor: target health, time, enemies. */
export function fightGetter(ref: FightRef, c: Combat): Getter {
  switch (ref.kind) {
    case 'target_health_pct':
      return () => c.healthPct();
    case 'target_time_to_die':
    case 'fight_remains':
      return () => (c.fightLengthMs - c.now) / SEC;
    case 'time':
      return () => c.now / SEC;
    case 'active_enemies': {
      if (c.hasWaves) return () => c.activeTargets;
      const t = c.activeTargets;
      return () => t;
    }
    default: {
      const never: never = ref;
      throw new Error(`unbound fight reference ${JSON.stringify(never)}`);
    }
  }
}

/** `talent.X` (taken: 1 or 0) and `talent.X.rank`; the simulation checked X against the tree. */
export function talentGetter(ref: Extract<ValueRef, { kind: 'talent' }>, talents: ChosenTalents): Getter {
  const rank = talents.ranks.get(ref.talent) ?? 0;
  const value = ref.field === 'rank' ? rank : rank > 0 ? 1 : 0;
  return () => value;
}

/** A buff of a talent not simulated: never up, so `down` is 1 and every other field 0. */
export function unmodelledBuffGetter(ref: Extract<ValueRef, { kind: 'unmodelled_buff' }>): Getter {
  const value = ref.field === 'down' ? 1 : 0;
  return () => value;
}

/**
 * Whether a reference cannot change during a simulation, so conditions over it are folded at
 * compile time (talents, the GCD and regeneration unless Bloodlust changes haste, target count
 * unless adds come and go, maxima, durations, costs).
 */
export function isConstantRef(ref: ValueRef, combat: Combat): boolean {
  return (
    ref.kind === 'talent' ||
    ref.kind === 'apex' ||
    ref.kind === 'unmodelled_buff' ||
    (ref.kind === 'gcd' && !combat.hasteChanges) ||
    (ref.kind === 'active_enemies' && !combat.hasWaves) ||
    (ref.kind === 'resource' && (ref.field === 'max' || (ref.field === 'regen' && !combat.hasteChanges))) ||
    (ref.kind === 'buff' && (ref.field === 'max_stack' || ref.field === 'duration')) ||
    (ref.kind === 'cooldown' && (ref.field === 'max_charges' || ref.field === 'duration')) ||
    (ref.kind === 'this_action' && ref.field === 'cost')
  );
}
