// A buff or debuff, computed lazily: expiry needs no event, `up(now)` compares times, and
// uptime is accumulated per contiguous up-interval when the aura is next applied or when the
// iteration ends. Refresh follows the data: pandemic auras keep up to 30% of the base
// duration of what remained, others restart the duration.

export const PANDEMIC_FRACTION = 0.3;

export class Aura {
  stacks = 0;
  expiresAtMs = 0;
  private upSinceMs = -1;
  uptimeMs = 0;

  constructor(
    readonly id: number,
    readonly name: string,
    public durationMs: number,
    public maxStacks: number,
    public pandemic: boolean,
  ) {}

  reset(): void {
    this.stacks = 0;
    this.expiresAtMs = 0;
    this.upSinceMs = -1;
    this.uptimeMs = 0;
  }

  up(now: number): boolean {
    return this.expiresAtMs > now;
  }

  stack(now: number): number {
    return this.expiresAtMs > now ? this.stacks : 0;
  }

  remains(now: number): number {
    return this.expiresAtMs > now ? this.expiresAtMs - now : 0;
  }

  /** Applies or refreshes, adding `stacks` up to the cap. */
  trigger(now: number, stacks = 1, durationMs = this.durationMs): void {
    if (this.expiresAtMs > now) {
      this.stacks = Math.min(this.maxStacks, this.stacks + stacks);
      const kept = this.pandemic ? Math.min(this.expiresAtMs - now, PANDEMIC_FRACTION * durationMs) : 0;
      this.expiresAtMs = now + durationMs + Math.round(kept);
      return;
    }
    if (this.upSinceMs >= 0) this.uptimeMs += this.expiresAtMs - this.upSinceMs;
    this.upSinceMs = now;
    this.stacks = Math.min(this.maxStacks, stacks);
    this.expiresAtMs = now + durationMs;
  }

  /** Removes the aura now (consumed). */
  expire(now: number): void {
    if (this.expiresAtMs > now) this.expiresAtMs = now;
  }

  /** Closes the last up-interval at the end of the fight. */
  finish(endMs: number): void {
    if (this.upSinceMs >= 0) this.uptimeMs += Math.min(this.expiresAtMs, endMs) - this.upSinceMs;
    this.upSinceMs = -1;
  }
}
