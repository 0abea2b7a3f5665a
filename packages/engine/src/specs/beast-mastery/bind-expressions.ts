// Binds the priority list's names to closures over the hunter's live state: which aura each
// buff token is, which cooldown each action has. Names that are not the hunter's own (the
// fight, the resource pool, aura and cooldown fields) go through apl/bind-shared.ts.
import {
  auraGetter,
  cooldownGetter,
  fightGetter,
  isConstantRef,
  isFightRef,
  resourceGetter,
  talentGetter,
  unmodelledBuffGetter,
} from '../../apl/bind-shared.ts';
import type { Binder, Bound, Getter } from '../../apl/compile.ts';
import type { ValueRef } from '../../apl/identifiers.ts';
import type { ActorOptions } from '../../profile/profile-types.ts';
import type { Aura } from '../../sim/aura.ts';
import type { PeriodicDamageByTarget } from '../../sim/periodic-damage.ts';
import type { ChosenTalents } from '../../talents/resolve-talents.ts';
import type { BeastMasteryHunter, SpellActionName } from './hunter.ts';

const SEC = 1000;

export function bmBinder(
  h: BeastMasteryHunter,
  talents: ChosenTalents,
  variable: (name: string) => Getter,
  options: ActorOptions,
): Binder {
  const c = h.combat;
  const now = () => c.now;
  const playerAuras: Record<string, Aura> = {
    bestial_wrath: h.bestialWrath,
    barbed_shot: h.barbedFocus,
    thrill_of_the_hunt: h.thrill,
    howl_of_the_pack_leader_cooldown: h.pack.cooldown,
    wyverns_cry: h.pack.wyvernsCry,
    // SimulationCraft shows Beast Cleave on the hunter too; it is the pet's buff.
    beast_cleave: h.pet.beastCleave,
  };
  // Per target: `dot.X.*` reads the target the action is about (combat.target).
  const dots: Record<string, PeriodicDamageByTarget> = {
    barbed_shot: h.barbedDots,
    black_arrow: h.blackArrowDots,
  };
  const petAuras: Record<string, Aura> = {
    frenzy: h.pet.frenzy,
    bestial_wrath: h.pet.bestialWrath,
    beast_cleave: h.pet.beastCleave,
  };
  return (ref: ValueRef, actionName: string): Bound => ({
    fn: getter(ref, actionName),
    constant: isConstantRef(ref, c),
  });

  function getter(ref: ValueRef, actionName: string): Getter {
    if (isFightRef(ref)) return fightGetter(ref, c);
    switch (ref.kind) {
      case 'cooldown':
        return cooldownGetter(h.actions[ref.action as SpellActionName].cooldown, ref.field, now);
      case 'buff': {
        const aura = (ref.owner === 'player' ? playerAuras : petAuras)[ref.buff]!;
        return auraGetter(aura, ref.field, now, aura.durationMs);
      }
      case 'dot': {
        const byTarget = dots[ref.dot]!;
        if (ref.field === 'ticks_remain') return () => byTarget.on(c.target).ticksRemaining(c.now);
        const getters = byTarget.byTarget.map((d) => auraGetter(d.aura, ref.field, now, d.aura.durationMs));
        if (getters.length === 1) return getters[0]!;
        return () => getters[c.target]!();
      }
      case 'talent':
        return talentGetter(ref, talents);
      case 'resource':
        return resourceGetter(ref.field, h.focus, c);
      case 'gcd': {
        if (c.hasteChanges) return () => h.hastedGcdMs(h.n.cobraShot) / SEC;
        const gcd = h.hastedGcdMs(h.n.cobraShot) / SEC;
        return () => gcd;
      }
      case 'gcd_remains':
        return () => Math.max(0, h.gcdReadyMs - c.now) / SEC;
      case 'variable':
        return variable(ref.name);
      case 'spec_value':
        if (ref.name === 'howl_summon.ready') return () => (h.pack.ready ? 1 : 0);
        if (ref.name === 'max_prio_damage') {
          const value = options.maxPrioDamage;
          return () => value;
        }
        throw new Error(`unbound spec value ${ref.name}`);
      case 'prev_gcd': {
        const name = ref.action;
        const back = ref.n;
        return () => (h.gcdActionBack(back) === name ? 1 : 0);
      }
      case 'prev': {
        const name = ref.action;
        return () => (h.lastAction === name ? 1 : 0);
      }
      case 'apex': {
        const value = talents.apexRanks >= ref.rank ? 1 : 0;
        return () => value;
      }
      case 'unmodelled_buff':
        return unmodelledBuffGetter(ref);
      case 'this_action': {
        const action = h.actions[actionName as SpellActionName];
        if (!action) return () => 0;
        if (ref.field === 'cost') {
          const cost = action.cost;
          return () => cost;
        }
        if (ref.field === 'cast_time') return () => h.castTimeMs(action.numbers) / SEC;
        if (ref.field === 'execute_time')
          return () => Math.max(h.castTimeMs(action.numbers), h.hastedGcdMs(action.numbers)) / SEC;
        return cooldownGetter(action.cooldown, ref.field, now);
      }
      default: {
        const never: never = ref;
        throw new Error(`unbound reference ${JSON.stringify(never)}`);
      }
    }
  }
}
