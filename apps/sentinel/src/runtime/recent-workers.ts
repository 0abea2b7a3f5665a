// The nodes that asked for work lately: who could take a replay right now. A check is held
// for a verifier only while one is connected; otherwise it is waived (docs/sentinel.md).

import type { Worker } from './version-pin.ts';

/** How often the slot total forgets nodes gone past the window (it is read on every claim). */
const PRUNE_EVERY_MS = 1_000;

export class RecentWorkers {
  private readonly seen = new Map<string, { worker: Worker; atMs: number; slots: number }>();
  private slotTotal = 0;
  private prunedAtMs = Number.NEGATIVE_INFINITY;

  constructor(private readonly windowMs: number) {}

  saw(worker: Worker, nowMs: number, slots = 1): void {
    this.slotTotal += slots - (this.seen.get(worker.key)?.slots ?? 0);
    // Re-inserted, so the map stays in order of last sight.
    this.seen.delete(worker.key);
    this.seen.set(worker.key, { worker, atMs: nowMs, slots });
  }

  /** Worker slots (capacity) of the nodes seen within the window: who is asking for work. */
  slots(nowMs: number): number {
    if (nowMs - this.prunedAtMs >= PRUNE_EVERY_MS) {
      this.prunedAtMs = nowMs;
      for (const [key, entry] of this.seen) {
        if (nowMs - entry.atMs <= this.windowMs) break; // the rest were seen later
        this.seen.delete(key);
        this.slotTotal -= entry.slots;
      }
    }
    return this.slotTotal;
  }

  /** Whether a node seen within the window `accepts`; forgets the ones seen before it. */
  any(nowMs: number, accepts: (worker: Worker) => boolean): boolean {
    for (const [key, { worker, atMs }] of this.seen) {
      if (nowMs - atMs > this.windowMs) {
        this.slotTotal -= this.seen.get(key)!.slots;
        this.seen.delete(key);
        continue;
      }
      if (accepts(worker)) return true;
    }
    return false;
  }
}
