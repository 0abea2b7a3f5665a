// A regenerating resource (focus, mana, energy, ...) kept lazily: the pool is stored with the
// time it last changed and read as min(max, stored + rate x elapsed), so no regeneration
// ticks are ever scheduled. The rate is constant between haste changes (setRegen); a spec with
// a different model (runes, combo points) brings its own.

export class ResourcePool {
  private amount = 0;
  private amountAtMs = 0;

  constructor(
    /** The pool's cap. */
    readonly max: number,
    /** Regeneration per millisecond (already scaled by haste and talents). */
    private regenPerMs: number,
  ) {
    this.baseRegenPerMs = regenPerMs;
  }

  /** The rate the pool was built with, restored by reset(). */
  private readonly baseRegenPerMs: number;

  /** From `nowMs` on, regenerates at `perMs` (haste changed): what was gained so far is kept. */
  setRegen(perMs: number, nowMs: number): void {
    this.set(this.at(nowMs), nowMs);
    this.regenPerMs = perMs;
  }

  /** Full at time 0: every iteration starts rested. */
  reset(): void {
    this.amount = this.max;
    this.amountAtMs = 0;
    this.regenPerMs = this.baseRegenPerMs;
  }

  at(nowMs: number): number {
    const value = this.amount + this.regenPerMs * (nowMs - this.amountAtMs);
    return Math.min(value, this.max);
  }

  set(value: number, nowMs: number): void {
    this.amount = value;
    this.amountAtMs = nowMs;
  }

  spend(cost: number, nowMs: number): void {
    this.set(this.at(nowMs) - cost, nowMs);
  }

  gain(amount: number, nowMs: number): void {
    this.set(Math.min(this.max, this.at(nowMs) + amount), nowMs);
  }

  regenPerSecond(): number {
    return this.regenPerMs * 1000;
  }

  /** Milliseconds until the pool holds `amount`, 0 when it already does. */
  waitMs(amount: number, nowMs: number): number {
    const missing = amount - this.at(nowMs);
    return missing <= 0 ? 0 : Math.ceil(missing / this.regenPerMs);
  }
}
