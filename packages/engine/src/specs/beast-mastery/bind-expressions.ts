// Binds the priority list's names to closures over the hunter's live state. Times are
// reported in seconds, as SimulationCraft expressions expect.
import type { Binder, Bound, Getter } from '../../apl/compile.ts';
import type { ValueRef } from '../../apl/identifiers.ts';
import type { Aura } from '../../sim/aura.ts';
import type { Cooldown } from '../../sim/cooldown.ts';
import { BM_TALENTS } from './catalog.ts';
import type { BeastMasteryHunter, SpellActionName } from './hunter.ts';

const SEC = 1000;

function auraGetter(aura: Aura, field: string, now: () => number, pandemicBaseMs: number): Getter {
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

function cooldownGetter(cd: Cooldown, field: string, now: () => number): Getter {
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

export function bmBinder(
  h: BeastMasteryHunter,
  talents: ReadonlySet<number>,
  variable: (name: string) => Getter,
): Binder {
  const c = h.combat;
  const now = () => c.now;
  const playerAuras: Record<string, Aura> = {
    bestial_wrath: h.bestialWrath,
    barbed_shot: h.barbedFocus,
    thrill_of_the_hunt: h.thrill,
  };
  const petAuras: Record<string, Aura> = {
    frenzy: h.pet.frenzy,
    bestial_wrath: h.pet.bestialWrath,
    beast_cleave: h.pet.beastCleave,
  };
  return (ref: ValueRef, actionName: string): Bound => {
    const fn = getter(ref, actionName);
    const constant =
      ref.kind === 'talent' ||
      ref.kind === 'gcd' ||
      ref.kind === 'active_enemies' ||
      (ref.kind === 'resource' && (ref.field === 'max' || ref.field === 'regen')) ||
      (ref.kind === 'buff' && (ref.field === 'max_stack' || ref.field === 'duration')) ||
      (ref.kind === 'cooldown' && (ref.field === 'max_charges' || ref.field === 'duration')) ||
      (ref.kind === 'this_action' && ref.field === 'cost');
    return { fn, constant };
  };

  function getter(ref: ValueRef, actionName: string): Getter {
    switch (ref.kind) {
      case 'cooldown':
        return cooldownGetter(h.actions[ref.action as SpellActionName].cooldown, ref.field, now);
      case 'buff': {
        const aura = (ref.owner === 'player' ? playerAuras : petAuras)[ref.buff]!;
        return auraGetter(aura, ref.field, now, aura.durationMs);
      }
      case 'dot': {
        if (ref.field === 'ticks_remain') {
          return () => Math.ceil(h.barbedDot.remains(c.now) / h.n.barbedShot.tickPeriodMs);
        }
        return auraGetter(h.barbedDot, ref.field, now, h.barbedDot.durationMs);
      }
      case 'talent': {
        const v = talents.has(BM_TALENTS[ref.talent]!) ? 1 : 0;
        return () => v;
      }
      case 'resource':
        switch (ref.field) {
          case 'current':
            return () => h.focusAt(c.now);
          case 'deficit':
            return () => h.maxFocus - h.focusAt(c.now);
          case 'pct':
            return () => (100 * h.focusAt(c.now)) / h.maxFocus;
          case 'max':
            return () => h.maxFocus;
          case 'regen':
            return () => h.focusRegenPerSecond();
          case 'time_to_max':
            return () => (h.maxFocus - h.focusAt(c.now)) / h.focusRegenPerSecond();
          default: {
            const never: never = ref;
            throw new Error(`unbound resource field ${String(never)}`);
          }
        }
      case 'target_health_pct':
        return () => c.healthPct();
      case 'target_time_to_die':
      case 'fight_remains':
        return () => (c.fightLengthMs - c.now) / SEC;
      case 'time':
        return () => c.now / SEC;
      case 'gcd': {
        const gcd = h.hastedGcdMs(h.n.cobraShot) / SEC;
        return () => gcd;
      }
      case 'gcd_remains':
        return () => Math.max(0, h.gcdReadyMs - c.now) / SEC;
      case 'active_enemies': {
        const t = c.targets;
        return () => t;
      }
      case 'variable':
        return variable(ref.name);
      case 'prev_gcd': {
        const name = ref.action;
        return () => (h.lastGcdAction === name ? 1 : 0);
      }
      case 'this_action': {
        const action = h.actions[actionName as SpellActionName];
        if (!action) return () => 0;
        if (ref.field === 'cost') {
          const cost = action.numbers.cost;
          return () => cost;
        }
        return cooldownGetter(action.cooldown, ref.field, now);
      }
      default: {
        const never: never = ref;
        throw new Error(`unbound reference ${JSON.stringify(never)}`);
      }
    }
  }
}
