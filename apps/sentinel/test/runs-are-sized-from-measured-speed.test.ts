// Runs: a claim fills each free worker slot with a run of chunks sized from the node's measured
// speed, so a fast node sends a request every couple of seconds per slot, not one per chunk.
// Capacity counts runs; a small job still spreads; and the merged result does not depend on
// how the chunks travelled.
import { encodeChunkPartial } from '@simforge/common';
import { describe, expect, it } from 'vitest';
import type { IssuedChunk } from '../src/runtime/runtime-store.ts';
import { fixedJob, recordingStore } from './support/runtime-fixtures.ts';
import { syntheticPartial } from './support/synthetic-partial.ts';

const RUNS = { targetRunMs: 2_000, maxRunChunks: 64 };
const fast = { key: 'fast', ownerId: 'u1', capacity: 2 };
const other = { key: 'other', ownerId: 'u1', capacity: 2 };

type Store = ReturnType<typeof recordingStore>['store'];

function claim(store: Store, node: typeof fast, max: number): IssuedChunk[] {
  const result = store.claimBatch(node, max);
  if (!result.ok) throw new Error(`claim refused: ${result.code}`);
  return result.chunks;
}

function completeAll(store: Store, node: typeof fast, chunks: IssuedChunk[]): void {
  for (const chunk of chunks) {
    const partial = syntheticPartial(7, chunk.firstIteration, chunk.iterations);
    expect(store.complete(node.key, chunk, partial).outcome).toBe('accepted');
  }
}

const byRun = (chunks: IssuedChunk[]) =>
  [...new Set(chunks.map((c) => c.run))].map((run) => chunks.filter((c) => c.run === run).length);

describe('runs', () => {
  it('start at one chunk per slot, then last about targetRunMs at the measured speed', () => {
    const { store, clock } = recordingStore({ runs: RUNS });
    store.addJob(fixedJob('j1', 'u1', 1_000_000, 1_000));
    const first = claim(store, fast, 2);
    expect(byRun(first)).toEqual([1, 1]);
    // 1,000 iterations in 250 ms per slot: 4 iterations per ms, so 2 s is 8 chunks.
    clock.advance(250);
    completeAll(store, fast, first);
    expect(store.sizer.speed(fast.key)).toBe(4_000);
    const second = claim(store, fast, 2);
    expect(byRun(second)).toEqual([8, 8]);
    expect(second.filter((c) => c.run === 0).map((c) => c.chunkIndex)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    expect(store.stats.runs).toBe(4);
  });

  it('time a run queued behind a busy slot from when that slot frees, not from its issue', () => {
    const { store, clock } = recordingStore({ runs: { ...RUNS, runsPerSlot: 2 } });
    store.addJob(fixedJob('j1', 'u1', 1_000_000, 1_000));
    const one = { ...fast, capacity: 1 };
    // One slot, two runs: the second waits for the first on the node.
    const [first, queued] = claim(store, one, 2);
    clock.advance(250);
    completeAll(store, one, [first!]);
    expect(store.sizer.speed(one.key)).toBe(4_000);
    clock.advance(250);
    completeAll(store, one, [queued!]);
    // 250 ms of work, not the 500 ms since its issue: the measured speed stays 4,000 per second.
    expect(store.sizer.speed(one.key)).toBe(4_000);
  });

  it('never time a queued run as faster than its share of the time since its issue', () => {
    const { store, clock } = recordingStore({ runs: { ...RUNS, runsPerSlot: 2 } });
    store.addJob(fixedJob('j1', 'u1', 1_000_000, 1_000));
    const one = { ...fast, capacity: 1 };
    // Both runs (300 ms of work each) land in one report: the queued one seems to start and
    // end at once. Timed at half its 600 ms since issue, the node looks at most twice as fast.
    const [first, queued] = claim(store, one, 2);
    clock.advance(600);
    completeAll(store, one, [first!, queued!]);
    expect(store.sizer.speed(one.key)).toBeLessThanOrEqual(1_000_000 / 300);
    expect(byRun(claim(store, one, 1))[0]).toBeLessThanOrEqual(7);
  });

  it('start the next waiting run only when a running run ends, not a waiting one', () => {
    const { store, clock } = recordingStore({ runs: { ...RUNS, runsPerSlot: 3 } });
    store.addJob(fixedJob('j1', 'u1', 1_000_000, 1_000));
    const one = { ...fast, capacity: 1 };
    const [running, waiting, last] = claim(store, one, 3);
    clock.advance(10);
    // The waiting run is given back before it ran: no slot freed, the last run still waits.
    store.release(one.key, [waiting!]);
    clock.advance(990);
    completeAll(store, one, [running!]);
    clock.advance(1_000);
    completeAll(store, one, [last!]);
    // 1,000 iterations in 1 s each: 1,000 per second, not the last run timed from 10 ms.
    expect(store.sizer.speed(one.key)).toBe(1_000);
  });

  it('count against capacity: a slot is busy until every chunk of its run is done', () => {
    const { store, clock } = recordingStore({ runs: RUNS });
    store.addJob(fixedJob('j1', 'u1', 1_000_000, 1_000));
    const first = claim(store, fast, 2);
    clock.advance(250);
    completeAll(store, fast, first);
    const runs = claim(store, fast, 2);
    expect(store.heldBy(fast.key)).toBe(16);
    expect(store.runsHeldBy(fast.key)).toBe(2);
    expect(store.claimBatch(fast, 1)).toEqual({ ok: false, code: 'over_capacity', free: 0 });
    const run0 = runs.filter((c) => c.run === 0);
    completeAll(store, fast, run0.slice(0, 7));
    expect(store.claimBatch(fast, 1)).toEqual({ ok: false, code: 'over_capacity', free: 0 });
    completeAll(store, fast, run0.slice(7));
    expect(store.runsHeldBy(fast.key)).toBe(1);
    expect(claim(store, fast, 1).length).toBeGreaterThan(0);
  });

  it('never exceed maxRunChunks, nor the chunks a small job has for the slots asking', () => {
    const { store, clock } = recordingStore({ runs: { targetRunMs: 2_000, maxRunChunks: 5 } });
    store.addJob(fixedJob('big', 'u1', 1_000_000, 1_000));
    const first = claim(store, fast, 1);
    clock.advance(10); // 100 iterations per ms: 200 chunks in 2 s, capped at 5
    completeAll(store, fast, first);
    expect(byRun(claim(store, fast, 1))).toEqual([5]);

    const small = recordingStore({ runs: RUNS });
    small.store.addJob(fixedJob('warm-up', 'u1', 2_000, 1_000));
    const warm = claim(small.store, fast, 2);
    small.clock.advance(10);
    completeAll(small.store, fast, warm);
    // 12 chunks and 4 slots asking (two nodes of capacity 2): the fast node, able to take 200
    // chunks per run, gets 12/4 = 3, then 9/4 = 2, and the other node still finds work.
    small.store.addJob(fixedJob('small', 'u2', 12_000, 1_000));
    expect(claim(small.store, other, 0)).toEqual([]);
    expect(byRun(claim(small.store, fast, 2))).toEqual([3, 2]);
    expect(byRun(claim(small.store, other, 2))).toEqual([1, 1]);
  });

  it('measure only runs completed whole', () => {
    const { store, clock } = recordingStore({ runs: RUNS });
    store.addJob(fixedJob('j1', 'u1', 1_000_000, 1_000));
    const [released] = claim(store, fast, 1);
    clock.advance(250);
    store.release(fast.key, [released!]);
    expect(store.sizer.speed(fast.key)).toBeUndefined();
    const [failed] = claim(store, fast, 1);
    clock.advance(250);
    expect(store.fail(fast.key, failed!, 'engine: boom')).toBe('failed');
    expect(store.sizer.speed(fast.key)).toBeUndefined();
  });

  it('leave the merged result as it is: the same bytes with runs of 1 and runs of up to 64', () => {
    const results = [1, 64].map((maxRunChunks) => {
      const { store, clock, finalized } = recordingStore({ runs: { targetRunMs: 2_000, maxRunChunks } });
      store.addJob(fixedJob('j1', 'u1', 150_000, 1_000));
      while (finalized.length === 0) {
        const chunks = claim(store, fast, 2);
        clock.advance(25);
        // Complete in reverse: order must not matter either.
        completeAll(store, fast, [...chunks].reverse());
      }
      return { bytes: encodeChunkPartial(finalized[0]!.prefix.toPartial()), runs: store.stats.runs };
    });
    expect(results[1]!.runs).toBeLessThan(results[0]!.runs / 10);
    expect(Buffer.from(results[1]!.bytes).equals(Buffer.from(results[0]!.bytes))).toBe(true);
  });
});
