// The node's worker slots and the runs waiting for them: a claim's chunks grouped into runs
// (ClaimedChunk.run), a run started as soon as a slot is free, and what the node may still ask
// for (`runsPerSlot` per slot, running or queued). Pure bookkeeping; compute-node.ts runs the
// chunks and talks to the sentinel.
import type { ClaimedChunk } from '@simforge/common';

export class RunSlots {
  /** Slots: the node's capacity (min of its workers and what the sentinel grants). */
  capacity: number;
  /** Runs the sentinel lets the node hold per slot. */
  runsPerSlot = 1;
  /** Runs executing, one per busy slot. */
  running = 0;
  private readonly queued: ClaimedChunk[][] = [];

  constructor(
    capacity: number,
    /** Runs one run's chunks; never rejects. */
    private readonly execute: (run: ClaimedChunk[]) => Promise<void>,
    /** Told when a run ended (a slot freed). */
    private readonly ended: () => void,
  ) {
    this.capacity = capacity;
  }

  /** Runs claimed and not started. */
  get queuedRuns(): number {
    return this.queued.length;
  }

  /** Queues a claim's chunks, run by run, and starts what free slots can take. */
  add(chunks: readonly ClaimedChunk[]): void {
    const runs = new Map<number, ClaimedChunk[]>();
    for (const chunk of chunks) {
      const run = runs.get(chunk.run);
      if (run === undefined) runs.set(chunk.run, [chunk]);
      else run.push(chunk);
    }
    this.queued.push(...runs.values());
    this.start();
  }

  /** Runs this node may still ask for. */
  room(): number {
    return this.capacity * this.runsPerSlot - this.running - this.queued.length;
  }

  /** A slot has nothing to do: work is wanted now, not at the next report. */
  idle(): boolean {
    return this.running < this.capacity && this.queued.length === 0;
  }

  private start(): void {
    while (this.running < this.capacity && this.queued.length > 0) {
      const run = this.queued.shift()!;
      this.running++;
      void this.execute(run).finally(() => {
        this.running--;
        this.start();
        this.ended();
      });
    }
  }
}
