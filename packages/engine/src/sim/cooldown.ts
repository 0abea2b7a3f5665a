// A cooldown with charges, computed lazily: no events, the state is brought up to date when
// queried. A spell without charges is a one-charge cooldown. A hasted cooldown's recovery in
// progress speeds up or slows down when haste changes (setHaste), as the game's does.

export class Cooldown {
  charges = 1;
  /** When the charge being recovered comes back; -1 when all charges are present. */
  rechargeEndMs = -1;
  private currentDurationMs = 0;

  constructor(
    readonly name: string,
    public maxCharges: number,
    public baseDurationMs: number,
    /** Divisor for the duration (1 + haste when the data says the cooldown is hasted). */
    public hasteMultiplier: number,
  ) {
    this.baseHasteMultiplier = hasteMultiplier;
    this.reset();
  }

  reset(): void {
    this.charges = this.maxCharges;
    this.rechargeEndMs = -1;
    this.hasteMultiplier = this.baseHasteMultiplier;
  }

  private baseHasteMultiplier = 1;

  /**
   * Haste changed at `now` (a hasted cooldown only): the part of the recovery still to come,
   * and the recoveries after it, take `old / multiplier` of the time they would have.
   */
  setHaste(multiplier: number, now: number): void {
    this.sync(now);
    const ratio = this.hasteMultiplier / multiplier;
    this.hasteMultiplier = multiplier;
    if (this.rechargeEndMs >= 0) {
      this.rechargeEndMs = now + Math.round((this.rechargeEndMs - now) * ratio);
      this.currentDurationMs = this.durationMs;
    }
  }

  get durationMs(): number {
    return Math.round(this.baseDurationMs / this.hasteMultiplier);
  }

  private sync(now: number): void {
    while (this.rechargeEndMs >= 0 && now >= this.rechargeEndMs) {
      this.charges++;
      if (this.charges < this.maxCharges) this.rechargeEndMs += this.currentDurationMs;
      else this.rechargeEndMs = -1;
    }
  }

  chargesAt(now: number): number {
    this.sync(now);
    return this.charges;
  }

  ready(now: number): boolean {
    return this.chargesAt(now) > 0;
  }

  /** Time until a charge is available, 0 when one is. */
  remains(now: number): number {
    this.sync(now);
    return this.charges > 0 ? 0 : this.rechargeEndMs - now;
  }

  chargesFractional(now: number): number {
    this.sync(now);
    if (this.rechargeEndMs < 0) return this.charges;
    return this.charges + 1 - (this.rechargeEndMs - now) / this.currentDurationMs;
  }

  fullRechargeTime(now: number): number {
    this.sync(now);
    if (this.rechargeEndMs < 0) return 0;
    return this.rechargeEndMs - now + (this.maxCharges - this.charges - 1) * this.currentDurationMs;
  }

  /** Spends a charge; starts recovering one if none was in progress. */
  start(now: number): void {
    this.sync(now);
    if (this.baseDurationMs <= 0) return;
    this.charges--;
    if (this.rechargeEndMs < 0) {
      this.currentDurationMs = this.durationMs;
      this.rechargeEndMs = now + this.currentDurationMs;
    }
  }

  /** Shortens the recovery in progress by `ms` (Cobra Shot on Kill Command). */
  reduce(now: number, ms: number): void {
    this.sync(now);
    if (this.rechargeEndMs < 0) return;
    this.rechargeEndMs -= ms;
    this.sync(now);
  }

  /** Completes the recovery in progress at once (Wild Call, Killer Cobra). */
  resetOne(now: number): void {
    this.sync(now);
    if (this.rechargeEndMs < 0) return;
    this.charges++;
    this.rechargeEndMs = this.charges < this.maxCharges ? now + this.currentDurationMs : -1;
  }
}
