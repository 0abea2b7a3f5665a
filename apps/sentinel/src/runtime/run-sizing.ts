// How many chunks one worker slot of a node gets per claim (a run), so that a run takes about
// targetRunMs on that node: a fast node gets long runs and sends a request every couple of
// seconds per slot instead of one per chunk. The chunk plan itself never changes (the result's
// bytes depend only on it), only how many of its chunks travel together.
//
// A node's speed is measured here, never taken from the node: the iterations of each run it
// completed whole, over the time from when it could start the run (its issue, or, for a run
// queued behind a busy slot, the end of the run ahead of it) to its last result (network and
// reporting included), smoothed. A node not measured yet gets runs of one chunk. A run is also never so
// long that a small job could not spread over the slots that are asking for work.

export interface RunSizingOptions {
  /** The wall time a run should take on its node. */
  targetRunMs: number;
  /** The longest run, whatever the speed. */
  maxRunChunks: number;
}

/** Weight of the newest run in the smoothed speed. */
const SMOOTHING = 0.3;

export class RunSizer {
  /** Iterations per millisecond per slot, smoothed, by node key. */
  private readonly speeds = new Map<string, number>();

  constructor(private readonly options: RunSizingOptions) {}

  /** A run of `iterations` completed whole `elapsedMs` after the node could start it. */
  observe(nodeKey: string, iterations: number, elapsedMs: number): void {
    const speed = iterations / Math.max(1, elapsedMs);
    const before = this.speeds.get(nodeKey);
    this.speeds.set(nodeKey, before === undefined ? speed : before + SMOOTHING * (speed - before));
  }

  /** The measured speed (iterations per second per slot), undefined before the first run. */
  speed(nodeKey: string): number | undefined {
    const perMs = this.speeds.get(nodeKey);
    return perMs === undefined ? undefined : perMs * 1000;
  }

  /**
   * Chunks for one slot of this node: enough for targetRunMs at its speed, at most
   * `chunksWaiting / slotsAsking` (so the job's chunks spread over the slots asking), at least 1.
   */
  chunksPerRun(nodeKey: string, chunkIterations: number, chunksWaiting: number, slotsAsking: number): number {
    const perMs = this.speeds.get(nodeKey);
    if (perMs === undefined) return 1;
    const bySpeed = Math.floor((this.options.targetRunMs * perMs) / chunkIterations);
    const bySpread = Math.floor(chunksWaiting / Math.max(1, slotsAsking));
    return Math.max(1, Math.min(bySpeed, bySpread, this.options.maxRunChunks));
  }

  forget(nodeKey: string): void {
    this.speeds.delete(nodeKey);
  }
}
