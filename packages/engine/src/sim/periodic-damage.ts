// A damage-over-time effect on one target: its aura, its tick schedule and the damage of one
// tick (PeriodicDamageByTarget keeps one per target of the fight). Refreshing while it ticks keeps the schedule (the aura's refresh rule sets the new
// expiry), so the last tick may be partial; a new application after it fell off starts a new
// schedule, and ticks of the old one are ignored by their generation.
import type { Aura } from './aura.ts';
import type { Combat } from './combat.ts';

export class PeriodicDamage {
  private generation = 0;
  private lastTickMs = 0;
  /** The period the next tick was scheduled with (haste may change before it lands). */
  private tickPeriodMs = 1;
  private readonly onTick = (generation: number) => this.tick(generation);

  constructor(
    private readonly combat: Combat,
    readonly aura: Aura,
    /** The tick period now, shortened by haste where the data marks the ticks hasted (read at each tick). */
    private readonly period: () => number,
    private readonly tickOnApplication: boolean,
    /** Deals one tick; `fraction` < 1 for a partial last tick. */
    private readonly damage: (fraction: number) => void,
    /** Whether its target is still there: a dot on an add that left ends with it. */
    private readonly targetAlive: () => boolean = () => true,
  ) {}

  reset(): void {
    this.generation++;
    this.aura.reset();
  }

  apply(now: number): void {
    const wasTicking = this.aura.up(now);
    this.aura.trigger(now);
    if (wasTicking) return;
    this.generation++;
    this.lastTickMs = now;
    if (this.tickOnApplication) this.damage(1);
    this.tickPeriodMs = this.period();
    this.combat.schedule(now + this.tickPeriodMs, this.onTick, this.generation);
  }

  /** Ticks left at `now`, counting a partial last tick as one. */
  ticksRemaining(now: number): number {
    return Math.ceil(this.aura.remains(now) / this.period());
  }

  private tick(generation: number): void {
    if (generation !== this.generation) return;
    const c = this.combat;
    const now = c.now;
    if (!this.targetAlive()) {
      this.aura.expire(now);
      return;
    }
    // A tick is its share of the period it was scheduled with (a partial last tick is less).
    this.damage((now - this.lastTickMs) / this.tickPeriodMs);
    this.lastTickMs = now;
    const expires = this.aura.expiresAtMs;
    if (now < expires) {
      this.tickPeriodMs = this.period();
      c.schedule(Math.min(now + this.tickPeriodMs, expires), this.onTick, generation);
    }
  }
}

/**
 * One PeriodicDamage per target of the fight, so `target_if` can spread a dot and `dot.X.*`
 * reads the target an action is about. Only the primary target's aura is reported (uptimes).
 */
export class PeriodicDamageByTarget {
  readonly byTarget: readonly PeriodicDamage[];

  constructor(targets: number, make: (target: number) => PeriodicDamage) {
    // One per target slot of the fight, adds of waves included (Combat.targets).
    this.byTarget = Array.from({ length: Math.max(1, targets) }, (_, t) => make(t));
  }

  get primary(): PeriodicDamage {
    return this.byTarget[0]!;
  }

  on(target: number): PeriodicDamage {
    return this.byTarget[target] ?? this.byTarget[0]!;
  }

  reset(): void {
    for (const dot of this.byTarget) dot.reset();
  }
}
