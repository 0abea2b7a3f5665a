// Real procs per minute, as the game and SimulationCraft implement it: the chance on each
// attempt grows with the time since the last attempt (capped at 3.5 s) and with bad luck
// (time since the last proc beyond 1.5 average intervals), so the long-run rate is the
// configured procs per minute regardless of how often the trigger fires.
import type { Rng } from '../core/rng.ts';

const MAX_INTERVAL_MS = 3500;
const MAX_BAD_LUCK_MS = 1_000_000;

export class RealPpm {
  private lastAttemptMs = 0;
  private lastProcMs = 0;

  constructor(
    readonly procsPerMinute: number,
    /** Multiplier on the rate (1 + haste for haste-scaled procs). */
    public rateMultiplier = 1,
  ) {}

  reset(): void {
    this.lastAttemptMs = 0;
    this.lastProcMs = 0;
  }

  trigger(now: number, rng: Rng): boolean {
    if (now === this.lastAttemptMs) return false;
    const rate = this.procsPerMinute * this.rateMultiplier;
    const sinceAttempt = Math.min(now - this.lastAttemptMs, MAX_INTERVAL_MS);
    const sinceProc = Math.min(now - this.lastProcMs, MAX_BAD_LUCK_MS);
    const averageIntervalMs = 60_000 / rate;
    const badLuck = Math.max(1, 1 + (sinceProc / averageIntervalMs - 1.5) * 3);
    const chance = ((rate * sinceAttempt) / 60_000) * badLuck;
    this.lastAttemptMs = now;
    if (rng.real() < chance) {
      this.lastProcMs = now;
      return true;
    }
    return false;
  }
}
