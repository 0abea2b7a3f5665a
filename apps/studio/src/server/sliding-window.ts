// Events per key over the last minute (or any window), for the studio's rate limits: failed
// sign-ins per email, profile checks per user. The keys are bounded, so a flood of made-up keys
// cannot grow the map without limit; the oldest key goes first (a Map keeps insertion order).

export class SlidingWindow {
  private readonly events = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly clock: () => number,
    private readonly maxKeys = 10_000,
  ) {}

  /** Whether `key` has used up its events in the window. */
  exhausted(key: string): boolean {
    const now = this.clock();
    const recent = (this.events.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (recent.length > 0) this.events.set(key, recent);
    else this.events.delete(key);
    return recent.length >= this.limit;
  }

  record(key: string): void {
    if (!this.events.has(key) && this.events.size >= this.maxKeys)
      this.events.delete(this.events.keys().next().value!);
    this.events.set(key, [...(this.events.get(key) ?? []), this.clock()]);
  }

  /** Forgets `key`'s events (a successful sign-in clears its failures). */
  clear(key: string): void {
    this.events.delete(key);
  }

  /** Records `weight` events (at least one) unless the window is used up; false when it is. */
  take(key: string, weight = 1): boolean {
    if (this.exhausted(key)) return false;
    for (let i = 0; i < Math.max(1, weight); i++) this.record(key);
    return true;
  }
}
