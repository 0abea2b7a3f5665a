// Runs an action priority list for any spec: on each decision point the first entry whose
// spell is ready, affordable, usable and whose condition holds is used. Off-GCD actions let
// the list run again at the same millisecond. When nothing is ready the actor waits until the
// soonest cooldown or resource threshold among the entries it scanned; if an entry was held
// back only by its condition it re-checks after 100 ms, as SimulationCraft's default
// `available()` does, since conditions change continuously (resource, remaining times).
// What a name in a condition means is the spec's business: it passes a binder.
import { catalogWithVariables } from '../profile/parse-actions.ts';
import type { ActionEntry, VariableOp } from '../profile/profile-types.ts';
import type { Combat } from '../sim/combat.ts';
import type { Cooldown } from '../sim/cooldown.ts';
import { type Binder, compileCondition, type Getter, interpretExpression } from './compile.ts';
import type { Expr } from './expression.ts';
import type { SpecCatalog } from './identifiers.ts';

/** A spell the list can cast, as the runner sees it. */
export interface RotationAction {
  readonly cooldown: Cooldown;
  /** Resource cost, in the spec's resource. */
  readonly cost: number;
  /** Earliest time the spell is usable at all (an execute: when the target drops low enough). */
  usableFromMs(): number;
}

/** What the runner needs from the actor it drives. */
export interface RotationActor<A extends RotationAction> {
  readonly combat: Combat;
  /** When the global cooldown ends; the runner clears it before the pull. */
  gcdReadyMs: number;
  readonly autoAttackRunning: boolean;
  startAutoAttack(): void;
  /** The spell behind an APL action token, or undefined for tokens that cast nothing. */
  actionNamed(name: string): A | undefined;
  canUse(action: A): boolean;
  /** Starts the action; returns when the actor is free again. */
  use(action: A): number;
  /** Milliseconds until the resource pool holds `cost`, 0 when it already does. */
  resourceWaitMs(cost: number): number;
}

const CONDITION_POLL_MS = 100;
const MAX_OFF_GCD_PER_DECISION = 8;

/** `target_if=`: how the target is picked, and the expression read on each target. */
interface TargetChoice {
  mode: 'min' | 'max' | 'first';
  fn: Getter;
}

type Entry<A> =
  | {
      kind: 'spell';
      action: A;
      cond: Getter | null;
      targetIf: TargetChoice | null;
      lineCdMs: number;
      lastUsedMs: number;
    }
  | { kind: 'auto_attack'; cond: Getter | null }
  | { kind: 'variable'; slot: number; apply: (current: number) => number; cond: Getter | null }
  | { kind: 'list'; run: boolean; list: Entry<A>[]; cond: Getter | null };

export type ExpressionMode = 'compiled' | 'interpreted';

/** A variable action's new value from its current one, as SimulationCraft's `op=` computes it. */
function variableOperation(
  op: VariableOp,
  value: Getter,
  condition: Getter,
  valueElse: Getter,
  defaultValue: number,
): (current: number) => number {
  switch (op) {
    case 'set':
      return () => value();
    case 'add':
      return (x) => x + value();
    case 'sub':
      return (x) => x - value();
    case 'mul':
      return (x) => x * value();
    case 'div': {
      // Division by zero gives 0 rather than an infinity that would poison every condition.
      return (x) => {
        const d = value();
        return d === 0 ? 0 : x / d;
      };
    }
    case 'min':
      return (x) => Math.min(x, value());
    case 'max':
      return (x) => Math.max(x, value());
    case 'setif':
      return () => (condition() !== 0 ? value() : valueElse());
    case 'reset':
      return () => defaultValue;
    case 'floor':
      return (x) => Math.floor(x);
    case 'ceil':
      return (x) => Math.ceil(x);
    default: {
      const never: never = op;
      throw new Error(`unknown variable op ${String(never)}`);
    }
  }
}

export class PriorityListRunner<A extends RotationAction> {
  private readonly main: Entry<A>[];
  private readonly precombat: Entry<A>[];
  private readonly onReady = () => this.decide();
  /** Earliest time something scanned by the last `pick` may become usable. */
  private wakeMs = 0;
  /** Current values of the profile's variables, reset to their defaults each iteration. */
  private readonly variableValues: Float64Array;
  private readonly variableDefaults: Float64Array;

  constructor(
    private readonly h: RotationActor<A>,
    lists: Record<string, ActionEntry[]>,
    specCatalog: SpecCatalog,
    /** The spec's binder, given the getter of each profile variable. */
    makeBinder: (variable: (name: string) => Getter) => Binder,
    mode: ExpressionMode,
  ) {
    const slots = new Map<string, number>();
    const defaults: number[] = [];
    for (const list of Object.values(lists)) {
      for (const e of list) {
        if (e.variable && !slots.has(e.variable.name)) {
          slots.set(e.variable.name, defaults.length);
          defaults.push(e.variable.defaultValue);
        }
      }
    }
    this.variableDefaults = Float64Array.from(defaults);
    this.variableValues = Float64Array.from(defaults);
    const values = this.variableValues;
    const catalog = catalogWithVariables(specCatalog, slots.keys());
    const bind = makeBinder((name) => {
      const slot = slots.get(name)!;
      return () => values[slot]!;
    });
    const compileGetter = (expr: Expr, actionName: string): { fn: Getter; constant: number | null } => {
      const c = compileCondition(expr, catalog, bind, actionName);
      if (mode === 'compiled' || c.constant !== null) return c;
      return { fn: () => interpretExpression(expr, catalog, bind, actionName), constant: null };
    };
    const compiled = new Map<string, Entry<A>[]>();
    const compileList = (name: string): Entry<A>[] => {
      const existing = compiled.get(name);
      if (existing) return existing;
      const out: Entry<A>[] = [];
      compiled.set(name, out);
      for (const e of lists[name] ?? []) {
        let cond: Getter | null = null;
        if (e.condition) {
          const c = compileGetter(e.condition.expr, e.name);
          // A condition fixed for the whole simulation (talents, target count) is decided here.
          if (c.constant === 0) continue;
          if (c.constant === null) cond = c.fn;
        }
        if (e.variable) {
          const v = e.variable;
          const slot = slots.get(v.name)!;
          const getter = (part: typeof v.value) => (part ? compileGetter(part.expr, e.name).fn : () => 0);
          out.push({
            kind: 'variable',
            slot,
            apply: variableOperation(
              v.op,
              getter(v.value),
              getter(v.condition),
              getter(v.valueElse),
              // reset: the variable's default, from the first action that names it.
              defaults[slot]!,
            ),
            cond,
          });
        } else if (e.name === 'call_action_list' || e.name === 'run_action_list') {
          out.push({
            kind: 'list',
            run: e.name === 'run_action_list',
            list: compileList(e.listName!.value),
            cond,
          });
        } else if (e.name === specCatalog.autoAttack) {
          out.push({ kind: 'auto_attack', cond });
        } else {
          const action = h.actionNamed(e.name);
          const targetIf = e.targetIf && {
            mode: e.targetIf.mode,
            fn: compileGetter(e.targetIf.expr, e.name).fn,
          };
          if (action)
            out.push({ kind: 'spell', action, cond, targetIf, lineCdMs: e.lineCooldownMs, lastUsedMs: -1 });
        }
      }
      return out;
    };
    this.main = compileList('default');
    this.precombat = compileList('precombat');
  }

  /** Called at time 0 of each iteration, after the actor has been reset. */
  start(): void {
    const h = this.h;
    const reset = (entries: Entry<A>[]) => {
      for (const e of entries) {
        if (e.kind === 'spell') e.lastUsedMs = -1;
        else if (e.kind === 'list') reset(e.list);
      }
    };
    reset(this.main);
    reset(this.precombat);
    this.variableValues.set(this.variableDefaults);
    // Precombat actions happen before the pull; their global cooldown has elapsed at 0.
    for (const e of this.precombat) {
      if (e.kind === 'auto_attack') h.startAutoAttack();
      else if (e.kind === 'variable') {
        if (e.cond === null || e.cond() !== 0)
          this.variableValues[e.slot] = e.apply(this.variableValues[e.slot]!);
      } else if (e.kind === 'spell' && h.canUse(e.action) && (e.cond === null || e.cond() !== 0))
        h.use(e.action);
    }
    h.gcdReadyMs = 0;
    h.combat.schedule(0, this.onReady);
  }

  private wakeAt(t: number): void {
    if (t < this.wakeMs) this.wakeMs = t;
  }

  /** First usable entry; null when a run_action_list ends the scan; undefined when none. */
  private pick(list: Entry<A>[]): Entry<A> | null | undefined {
    const h = this.h;
    const now = h.combat.now;
    for (let i = 0; i < list.length; i++) {
      const e = list[i]!;
      switch (e.kind) {
        case 'spell': {
          if (e.lineCdMs > 0 && e.lastUsedMs >= 0 && now - e.lastUsedMs < e.lineCdMs) {
            this.wakeAt(e.lastUsedMs + e.lineCdMs);
            continue;
          }
          const a = e.action;
          const cd = a.cooldown.remains(now);
          if (cd > 0) {
            this.wakeAt(now + cd);
            continue;
          }
          const resourceWait = h.resourceWaitMs(a.cost);
          if (resourceWait > 0) {
            this.wakeAt(now + resourceWait);
            continue;
          }
          const usableFrom = a.usableFromMs();
          if (now < usableFrom) {
            this.wakeAt(usableFrom);
            continue;
          }
          // The condition reads the target target_if picks; every other entry reads the primary.
          if (e.targetIf !== null && !this.chooseTarget(e.targetIf)) {
            this.wakeAt(now + CONDITION_POLL_MS);
            continue;
          }
          if (e.cond !== null && e.cond() === 0) {
            h.combat.target = 0;
            this.wakeAt(now + CONDITION_POLL_MS);
            continue;
          }
          return e;
        }
        case 'variable':
          // Assignments take no time: the scan goes on to the next entry, as in SimulationCraft.
          if (e.cond === null || e.cond() !== 0)
            this.variableValues[e.slot] = e.apply(this.variableValues[e.slot]!);
          continue;
        case 'auto_attack':
          if (h.autoAttackRunning) continue;
          if (e.cond !== null && e.cond() === 0) {
            this.wakeAt(now + CONDITION_POLL_MS);
            continue;
          }
          return e;
        case 'list': {
          if (e.cond !== null && e.cond() === 0) {
            this.wakeAt(now + CONDITION_POLL_MS);
            continue;
          }
          const picked = this.pick(e.list);
          // run_action_list never falls back to the caller's remaining entries.
          if (picked || e.run) return picked ?? null;
          continue;
        }
        default: {
          const never: never = e;
          throw new Error(`unknown entry ${String(never)}`);
        }
      }
    }
    return undefined;
  }

  /**
   * Points combat.target at the target `target_if` picks: the least (`min:`) or greatest
   * (`max:`) value of its expression, ties to the lower index so the primary wins them, or the
   * first target where it holds (`first:`, false when none does).
   */
  private chooseTarget(choice: TargetChoice): boolean {
    const c = this.h.combat;
    const n = c.targets;
    if (choice.mode === 'first') {
      for (let t = 0; t < n; t++) {
        if (!c.isAlive(t)) continue;
        c.target = t;
        if (choice.fn() !== 0) return true;
      }
      c.target = 0;
      return false;
    }
    c.target = 0;
    let best = 0;
    let bestValue = choice.fn();
    for (let t = 1; t < n; t++) {
      if (!c.isAlive(t)) continue;
      c.target = t;
      const v = choice.fn();
      if (choice.mode === 'min' ? v < bestValue : v > bestValue) {
        best = t;
        bestValue = v;
      }
    }
    c.target = best;
    return true;
  }

  private decide(): void {
    const h = this.h;
    const c = h.combat;
    for (let guard = 0; guard < MAX_OFF_GCD_PER_DECISION; guard++) {
      this.wakeMs = Number.POSITIVE_INFINITY;
      const e = this.pick(this.main);
      if (!e) break;
      if (e.kind === 'auto_attack') {
        h.startAutoAttack();
        continue;
      }
      if (e.kind !== 'spell') break;
      e.lastUsedMs = c.now;
      const busyUntil = h.use(e.action);
      c.target = 0;
      if (busyUntil > c.now) {
        c.schedule(busyUntil, this.onReady);
        return;
      }
    }
    // Nothing usable: sleep until the earliest change seen, at most one poll interval.
    const wake = Math.min(this.wakeMs, c.now + CONDITION_POLL_MS);
    c.schedule(Math.max(c.now + 1, Math.ceil(wake)), this.onReady);
  }
}
