// Runs the action priority list: on each decision point the first entry whose spell is
// ready, affordable, usable and whose condition holds is used. Off-GCD actions let the list
// run again at the same millisecond. When nothing is ready the hunter waits until the
// soonest cooldown or focus threshold among the entries it scanned; if an entry was held
// back only by its condition it re-checks after 100 ms, as SimulationCraft's default
// `available()` does, since conditions change continuously (focus, remaining times).
import { compileCondition, type Getter, interpretExpression } from '../../apl/compile.ts';
import type { Expr } from '../../apl/expression.ts';
import { catalogWithVariables } from '../../profile/parse-actions.ts';
import type { ActionEntry } from '../../profile/profile-types.ts';
import { bmBinder } from './bind-expressions.ts';
import { BM_CATALOG } from './catalog.ts';
import type { BeastMasteryHunter, SpellAction, SpellActionName } from './hunter.ts';

const CONDITION_POLL_MS = 100;
const MAX_OFF_GCD_PER_DECISION = 8;

type Entry =
  | { kind: 'spell'; action: SpellAction; cond: Getter | null; lineCdMs: number; lastUsedMs: number }
  | { kind: 'auto_shot'; cond: Getter | null }
  | { kind: 'variable'; slot: number; value: Getter; cond: Getter | null }
  | { kind: 'list'; run: boolean; list: Entry[]; cond: Getter | null };

export type ExpressionMode = 'compiled' | 'interpreted';

export class Rotation {
  private readonly main: Entry[];
  private readonly precombat: Entry[];
  private readonly onReady = () => this.decide();
  /** Earliest time something scanned by the last `pick` may become usable. */
  private wakeMs = 0;
  /** Current values of the profile's variables, reset to their defaults each iteration. */
  private readonly variableValues: Float64Array;
  private readonly variableDefaults: Float64Array;

  constructor(
    private readonly h: BeastMasteryHunter,
    lists: Record<string, ActionEntry[]>,
    talents: ReadonlySet<number>,
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
    const catalog = catalogWithVariables(BM_CATALOG, slots.keys());
    const bind = bmBinder(h, talents, (name) => {
      const slot = slots.get(name)!;
      return () => values[slot]!;
    });
    const compileGetter = (expr: Expr, actionName: string): { fn: Getter; constant: number | null } => {
      const c = compileCondition(expr, catalog, bind, actionName);
      if (mode === 'compiled' || c.constant !== null) return c;
      return { fn: () => interpretExpression(expr, catalog, bind, actionName), constant: null };
    };
    const compiled = new Map<string, Entry[]>();
    const compileList = (name: string): Entry[] => {
      const existing = compiled.get(name);
      if (existing) return existing;
      const out: Entry[] = [];
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
          const slot = slots.get(e.variable.name)!;
          out.push({ kind: 'variable', slot, value: compileGetter(e.variable.value.expr, e.name).fn, cond });
        } else if (e.name === 'call_action_list' || e.name === 'run_action_list') {
          out.push({
            kind: 'list',
            run: e.name === 'run_action_list',
            list: compileList(e.listName!.value),
            cond,
          });
        } else if (e.name === 'auto_shot') {
          out.push({ kind: 'auto_shot', cond });
        } else if (e.name in h.actions) {
          const action = h.actions[e.name as SpellActionName];
          out.push({ kind: 'spell', action, cond, lineCdMs: e.lineCooldownMs, lastUsedMs: -1 });
        }
      }
      return out;
    };
    this.main = compileList('default');
    this.precombat = compileList('precombat');
  }

  /** Called at time 0 of each iteration, after the hunter has been reset. */
  start(): void {
    const h = this.h;
    const reset = (entries: Entry[]) => {
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
      if (e.kind === 'auto_shot') h.startAutoShot();
      else if (e.kind === 'variable') {
        if (e.cond === null || e.cond() !== 0) this.variableValues[e.slot] = e.value();
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
  private pick(list: Entry[]): Entry | null | undefined {
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
          const focusWait = h.focusWaitMs(a.numbers.cost);
          if (focusWait > 0) {
            this.wakeAt(now + focusWait);
            continue;
          }
          const usableFrom = a.usableFromMs();
          if (now < usableFrom) {
            this.wakeAt(usableFrom);
            continue;
          }
          if (e.cond !== null && e.cond() === 0) {
            this.wakeAt(now + CONDITION_POLL_MS);
            continue;
          }
          return e;
        }
        case 'variable':
          // Assignments take no time: the scan goes on to the next entry, as in SimulationCraft.
          if (e.cond === null || e.cond() !== 0) this.variableValues[e.slot] = e.value();
          continue;
        case 'auto_shot':
          if (h.autoShotRunning) continue;
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

  private decide(): void {
    const h = this.h;
    const c = h.combat;
    for (let guard = 0; guard < MAX_OFF_GCD_PER_DECISION; guard++) {
      this.wakeMs = Number.POSITIVE_INFINITY;
      const e = this.pick(this.main);
      if (!e) break;
      if (e.kind === 'auto_shot') {
        h.startAutoShot();
        continue;
      }
      if (e.kind !== 'spell') break;
      e.lastUsedMs = c.now;
      const busyUntil = h.use(e.action);
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
