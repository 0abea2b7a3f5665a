// Runs the action priority list: on each decision point the first entry whose spell is
// ready, affordable, usable and whose condition holds is used. Off-GCD actions let the list
// run again at the same millisecond. When nothing is ready the hunter waits until the
// soonest cooldown or focus threshold, re-checking at least every 100 ms as
// SimulationCraft's default `available()` does, since conditions can change in between.
import { compileExpression, type Getter, interpretExpression } from '../../apl/compile.ts';
import type { ActionEntry } from '../../profile/profile-types.ts';
import { bmBinder } from './bind-expressions.ts';
import { BM_CATALOG } from './catalog.ts';
import type { BeastMasteryHunter, SpellAction, SpellActionName } from './hunter.ts';

const MAX_IDLE_MS = 100;
const MAX_OFF_GCD_PER_DECISION = 8;

type Entry =
  | { kind: 'spell'; action: SpellAction; cond: Getter | null; lineCdMs: number; lastUsedMs: number }
  | { kind: 'auto_shot'; cond: Getter | null }
  | { kind: 'list'; run: boolean; list: Entry[]; cond: Getter | null };

export type ExpressionMode = 'compiled' | 'interpreted';

export class Rotation {
  private readonly main: Entry[];
  private readonly precombat: Entry[];
  private readonly onReady = () => this.decide();

  constructor(
    private readonly h: BeastMasteryHunter,
    lists: Record<string, ActionEntry[]>,
    talents: ReadonlySet<number>,
    mode: ExpressionMode,
  ) {
    const bind = bmBinder(h, talents);
    const compiled = new Map<string, Entry[]>();
    const compileList = (name: string): Entry[] => {
      const existing = compiled.get(name);
      if (existing) return existing;
      const out: Entry[] = [];
      compiled.set(name, out);
      for (const e of lists[name] ?? []) {
        const cond: Getter | null = e.condition
          ? mode === 'compiled'
            ? compileExpression(e.condition.expr, BM_CATALOG, bind, e.name)
            : (
                (expr) => () =>
                  interpretExpression(expr, BM_CATALOG, bind, e.name)
              )(e.condition.expr)
          : null;
        if (e.name === 'call_action_list' || e.name === 'run_action_list') {
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
      }
    };
    reset(this.main);
    reset(this.precombat);
    // Precombat actions happen before the pull; their global cooldown has elapsed at 0.
    for (const e of this.precombat) {
      if (e.kind === 'auto_shot') h.startAutoShot();
      else if (e.kind === 'spell' && h.canUse(e.action) && (!e.cond || e.cond() !== 0)) h.use(e.action);
    }
    h.gcdReadyMs = 0;
    h.combat.schedule(0, this.onReady);
  }

  private pick(list: Entry[]): Entry | null | undefined {
    const h = this.h;
    const now = h.combat.now;
    for (let i = 0; i < list.length; i++) {
      const e = list[i]!;
      switch (e.kind) {
        case 'spell':
          if (e.lineCdMs > 0 && e.lastUsedMs >= 0 && now - e.lastUsedMs < e.lineCdMs) continue;
          if (!h.canUse(e.action)) continue;
          if (e.cond !== null && e.cond() === 0) continue;
          return e;
        case 'auto_shot':
          if (h.autoShotRunning) continue;
          if (e.cond !== null && e.cond() === 0) continue;
          return e;
        case 'list': {
          if (e.cond !== null && e.cond() === 0) continue;
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
    c.schedule(c.now + this.idleMs(), this.onReady);
  }

  private idleMs(): number {
    const h = this.h;
    const now = h.combat.now;
    let wait = MAX_IDLE_MS;
    for (const name in h.actions) {
      const a = h.actions[name as SpellActionName];
      const w = Math.max(a.cooldown.remains(now), h.focusWaitMs(a.numbers.cost));
      if (w > 0 && w < wait) wait = w;
    }
    return Math.max(1, Math.ceil(wait));
  }
}
