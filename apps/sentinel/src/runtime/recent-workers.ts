// The nodes that asked for work lately: who could take a replay right now. A check is held
// for a verifier only while one is connected; otherwise it is waived (docs/sentinel.md).

import type { Worker } from './version-pin.ts';

export class RecentWorkers {
  private readonly seen = new Map<string, { worker: Worker; atMs: number }>();

  constructor(private readonly windowMs: number) {}

  saw(worker: Worker, nowMs: number): void {
    this.seen.set(worker.key, { worker, atMs: nowMs });
  }

  /** Whether a node seen within the window `accepts`; forgets the ones seen before it. */
  any(nowMs: number, accepts: (worker: Worker) => boolean): boolean {
    for (const [key, { worker, atMs }] of this.seen) {
      if (nowMs - atMs > this.windowMs) {
        this.seen.delete(key);
        continue;
      }
      if (accepts(worker)) return true;
    }
    return false;
  }
}
