// A deliberately tiny second spec, for tests only: a training-dummy caster that casts one
// spell on cooldown and GCD, pays mana for it and scales with intellect. It proves the spec
// seam: it is registered into a registry instance of its own (never the default one) and
// runs through parseProfile, requiredGameData and createSimulation without any change to the
// engine.
//
// Its numbers are test inputs, not game facts:
// - the spell is the fixture row of Cobra Shot (193455, packages/gamedata/fixtures): the only
//   direct-damage fixture rows are hunter shots, all scaled by attack power, so the dummy
//   reads the row's spell-power coefficient, or its attack-power coefficient when that is 0,
//   and multiplies it by spell power. The row's cost (35, a focus cost in the game) is paid
//   from the dummy's mana pool;
// - its identity borrows Arcane's ChrSpecialization row (mage, 62) so the game-data loader
//   has a real spec to fetch; it reads nothing from that spec (no talents, no passives used);
// - mana: a 100-point pool regenerating 10 per second (scaled by haste), so a cast every
//   1.5 s (35 mana) drains it and the dummy must wait: the resource timeline moves.

import {
  cooldownGetter,
  fightGetter,
  isConstantRef,
  isFightRef,
  resourceGetter,
} from '../../src/apl/bind-shared.ts';
import type { Binder, Bound, Getter } from '../../src/apl/compile.ts';
import type { SpecCatalog, ValueRef } from '../../src/apl/identifiers.ts';
import {
  PriorityListRunner,
  type RotationAction,
  type RotationActor,
} from '../../src/apl/priority-list-runner.ts';
import type { Spec, SpecActor, SpecActorInput } from '../../src/index.ts';
import type { AbilityStats, Combat } from '../../src/sim/combat.ts';
import { GCD_FLOOR_MS } from '../../src/sim/constants.ts';
import { Cooldown } from '../../src/sim/cooldown.ts';
import { ResourcePool } from '../../src/sim/resource-pool.ts';
import type { CombatStats } from '../../src/sim/stats.ts';

export const DUMMY_SPELL_ID = 193455;
const DUMMY_SPELL_SCHOOL_DAMAGE = 2;
const MANA_POWER_TYPE = 0;
const MANA_MAX = 100;
const MANA_REGEN_PER_SECOND = 10;
const SEC = 1000;

const CATALOG: SpecCatalog = {
  resource: 'mana',
  actions: new Set(['training_bolt']),
  inertActions: new Set(['snapshot_stats']),
  playerBuffs: new Set(),
  petBuffs: new Set(),
  dots: new Set(),
};

interface DummyAction extends RotationAction {
  readonly stats: AbilityStats;
  readonly damage: number;
  readonly gcdMs: number;
}

class DummyCaster implements SpecActor, RotationActor<DummyAction> {
  readonly auras = [];
  readonly mana: ResourcePool;
  readonly bolt: DummyAction;
  gcdReadyMs = 0;
  readonly autoAttackRunning = true;

  constructor(
    readonly combat: Combat,
    private readonly stats: CombatStats,
    { book }: SpecActorInput,
  ) {
    this.mana = new ResourcePool(MANA_MAX, (MANA_REGEN_PER_SECOND * (1 + stats.haste)) / 1000);
    const spell = book.spell(DUMMY_SPELL_ID);
    const effect = spell.effects.find((e) => e.type === DUMMY_SPELL_SCHOOL_DAMAGE);
    const coefficient = effect ? effect.spCoefficient || effect.apCoefficient : 0;
    this.bolt = {
      cooldown: new Cooldown('training_bolt', 1, spell.cooldownMs, 1),
      cost: spell.powerCost,
      usableFromMs: () => 0,
      stats: combat.ability('player', spell.id, spell.name),
      damage: coefficient * stats.spellPower * (1 + stats.versatility),
      gcdMs: Math.max(GCD_FLOOR_MS, Math.round(spell.gcdMs / (1 + stats.haste))),
    };
  }

  reset(): void {
    this.mana.reset();
    this.gcdReadyMs = 0;
    this.bolt.cooldown.reset();
  }

  start(): void {}

  resourceAt(atMs: number): number {
    return this.mana.at(atMs);
  }

  startAutoAttack(): void {}

  actionNamed(name: string): DummyAction | undefined {
    return name === 'training_bolt' ? this.bolt : undefined;
  }

  canUse(a: DummyAction): boolean {
    const now = this.combat.now;
    return a.cooldown.ready(now) && this.mana.at(now) >= a.cost;
  }

  use(a: DummyAction): number {
    const now = this.combat.now;
    this.mana.spend(a.cost, now);
    a.cooldown.start(now);
    this.gcdReadyMs = now + a.gcdMs;
    a.stats.executes++;
    this.combat.hit(a.stats, a.damage, this.stats.critChance, false, false);
    return this.gcdReadyMs;
  }

  resourceWaitMs(cost: number): number {
    return this.mana.waitMs(cost, this.combat.now);
  }
}

function dummyBinder(actor: DummyCaster, variable: (name: string) => Getter): Binder {
  const c = actor.combat;
  const now = () => c.now;
  const getter = (ref: ValueRef): Getter => {
    if (isFightRef(ref)) return fightGetter(ref, c);
    switch (ref.kind) {
      case 'resource':
        return resourceGetter(ref.field, actor.mana, c);
      case 'cooldown':
      case 'this_action':
        if (ref.field === 'cost') return () => actor.bolt.cost;
        if (ref.field === 'execute_time') return () => actor.bolt.gcdMs / SEC;
        if (ref.field === 'cast_time') return () => 0;
        return cooldownGetter(actor.bolt.cooldown, ref.field, now);
      case 'gcd':
        return () => actor.bolt.gcdMs / SEC;
      case 'gcd_remains':
        return () => Math.max(0, actor.gcdReadyMs - c.now) / SEC;
      case 'variable':
        return variable(ref.name);
      // The catalogue has no buffs or dots, prev_gcd is not worth a field here, and talents
      // are refused by the simulation against the tree: reaching one is a programming error.
      case 'buff':
      case 'dot':
      case 'talent':
      case 'prev_gcd':
      case 'prev':
      case 'apex':
      case 'unmodelled_buff':
      case 'spec_value':
        throw new Error(`the training dummy does not bind ${ref.kind}`);
      default: {
        const never: never = ref;
        throw new Error(`unbound reference ${JSON.stringify(never)}`);
      }
    }
  };
  return (ref: ValueRef): Bound => ({ fn: getter(ref), constant: isConstantRef(ref, c) });
}

export const DUMMY_CASTER: Spec<DummyCaster> = {
  classToken: 'mage',
  specToken: 'training_dummy',
  specId: 62,
  catalog: CATALOG,
  resource: { name: 'mana', powerType: MANA_POWER_TYPE },
  primaryStat: 'intellect',
  spellIds: [DUMMY_SPELL_ID],
  requiredSpellIds: [DUMMY_SPELL_ID],
  actionSpells: { training_bolt: DUMMY_SPELL_ID },
  modelledTalents: new Set(),
  createActor: (input) => new DummyCaster(input.combat, input.stats, input),
  bindRotation: (actor, { actionLists, expressionMode }) =>
    new PriorityListRunner(
      actor,
      actionLists,
      CATALOG,
      (variable) => dummyBinder(actor, variable),
      expressionMode,
    ),
};
