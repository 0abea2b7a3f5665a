// Verification in the runtime store (in memory, fake clock, seeded draws): results of nodes of
// other owners than the job's are recomputed by a node of yet another owner and compared byte
// for byte; the loser is quarantined and nothing it sent stays in any running job.
import { type ChunkPartial, checkPartialPlausible, encodeChunkPartial } from '@simforge/common';
import { describe, expect, it } from 'vitest';
import { JobRuntime } from '../src/runtime/job-runtime.ts';
import type { IssuedChunk, RuntimeStore } from '../src/runtime/runtime-store.ts';
import { cryptoUniform, TrustBook } from '../src/trust/trust-book.ts';
import { detectionProbability } from '../src/trust/verification-rate.ts';
import { fixedJob, LEASE_MS, recordingStore, VERIFICATION_WAIT_MS } from './support/runtime-fixtures.ts';
import { syntheticPartial } from './support/synthetic-partial.ts';

const SETTINGS = { fullCheckAgreements: 20, floorRate: 0.05, maxRefusals: 3 };

/** Park-Miller: seeded draws, so which results are checked is the same on every run. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 48_271) % 2_147_483_647;
    return state / 2_147_483_647;
  };
}

type Behaviour = (chunk: IssuedChunk, honest: ChunkPartial) => ChunkPartial;
const honest: Behaviour = (_chunk, partial) => partial;
/** Scales every damage sum by 1.5: still a plausible partial. */
const inflates: Behaviour = (_chunk, p) => ({
  ...p,
  dpsSumMilli: (p.dpsSumMilli * 3n) / 2n,
  abilities: p.abilities.map((a) => ({ ...a, damage: Math.round(a.damage * 1.5) })),
});

interface SimNode {
  key: string;
  ownerId: string;
  behaviour: Behaviour;
}

function partialFor(chunk: IssuedChunk): ChunkPartial {
  return syntheticPartial(7, chunk.firstIteration, chunk.iterations);
}

/**
 * Rounds of every node claiming up to 2 chunks and completing them, until `done()`. Every
 * node first polls once, as connected nodes do, so the store knows who could verify.
 */
function run(store: RuntimeStore, nodes: SimNode[], done: () => boolean, maxRounds = 500): void {
  for (const node of nodes) store.claimBatch({ key: node.key, ownerId: node.ownerId, capacity: 2 }, 0);
  for (let round = 0; round < maxRounds && !done(); round++) {
    for (const node of nodes) {
      const batch = store.claimBatch({ key: node.key, ownerId: node.ownerId, capacity: 2 }, 2);
      if (!batch.ok) continue;
      for (const chunk of batch.chunks) {
        const partial = node.behaviour(chunk, partialFor(chunk));
        store.complete(node.key, chunk, partial, encodeChunkPartial(partial));
      }
    }
  }
}

const faultFree = (iterations: number) => encodeChunkPartial(syntheticPartial(7, 0, iterations));

describe('verification by replay', () => {
  it("re-issues a stranger's result only to another owner's node and merges it once they agree", () => {
    const trust = new TrustBook(SETTINGS, seeded(1));
    const { store, finalized } = recordingStore({ trust });
    store.addJob(fixedJob('j1', 'job-owner', 2_000, 1_000));
    const a1 = { key: 'a1', ownerId: 'alice', capacity: 1 };
    const a2 = { key: 'a2', ownerId: 'alice', capacity: 1 };
    const b1 = { key: 'b1', ownerId: 'bob', capacity: 1 };
    store.claimBatch(b1, 0);
    const [first] = (store.claimBatch(a1, 1) as { chunks: IssuedChunk[] }).chunks;
    expect(store.complete(a1.key, first!, partialFor(first!)).outcome).toBe('accepted');
    // Held for verification: alice's other node gets the next new chunk, never the replay.
    const [forA2] = (store.claimBatch(a2, 1) as { chunks: IssuedChunk[] }).chunks;
    expect(forA2!.chunkIndex).toBe(1);
    // a1 cannot complete a replay attempt it was not given.
    expect(store.complete(a1.key, { ...first!, attempt: 2 }, partialFor(first!)).outcome).toBe('not_held');
    const [replay] = (store.claimBatch(b1, 1) as { chunks: IssuedChunk[] }).chunks;
    expect([replay!.chunkIndex, replay!.attempt]).toEqual([0, 2]);
    expect(store.complete(b1.key, replay!, partialFor(replay!)).outcome).toBe('accepted');
    expect(store.job('j1')!.prefixChunks).toBe(1);
    expect(trust.record('a1').agreements).toBe(1);
    expect(trust.record('b1').agreements).toBe(1);
    expect(store.stats.verificationsIssued).toBe(1);
    expect(store.complete(a2.key, forA2!, partialFor(forA2!)).outcome).toBe('accepted');
    const [replay1] = (store.claimBatch(b1, 1) as { chunks: IssuedChunk[] }).chunks;
    store.complete(b1.key, replay1!, partialFor(replay1!));
    expect(finalized).toHaveLength(1);
    expect(finalized[0]!.verificationSummary()).toEqual({
      chunks: 2,
      owner: 0,
      verified: 2,
      unchecked: 0,
      waived: 0,
    });
  });

  it("merges the job owner's own results without a check", () => {
    const trust = new TrustBook(SETTINGS, seeded(1));
    const { store, finalized } = recordingStore({ trust });
    store.addJob(fixedJob('j1', 'job-owner', 3_000, 1_000));
    run(store, [{ key: 'mine', ownerId: 'job-owner', behaviour: honest }], () => finalized.length > 0);
    expect(finalized[0]!.verificationSummary()).toMatchObject({ chunks: 3, owner: 3 });
    expect(store.stats.verificationsIssued).toBe(0);
  });

  it('gives the fault-free bytes with a liar among three owners, quarantines it and recomputes its chunks', () => {
    const trust = new TrustBook(SETTINGS, seeded(2));
    const { store, finalized, events } = recordingStore({ trust });
    store.addJob(fixedJob('j1', 'job-owner', 40_000, 1_000));
    const nodes: SimNode[] = [
      { key: 'liar', ownerId: 'mallory', behaviour: inflates },
      { key: 'alice-1', ownerId: 'alice', behaviour: honest },
      { key: 'bob-1', ownerId: 'bob', behaviour: honest },
    ];
    run(store, nodes, () => finalized.length > 0);
    expect(finalized).toHaveLength(1);
    expect(Buffer.from(encodeChunkPartial(finalized[0]!.prefix.toPartial()))).toEqual(
      Buffer.from(faultFree(40_000)),
    );
    expect(trust.isQuarantined('liar')).toBe(true);
    expect(trust.isQuarantined('alice-1') || trust.isQuarantined('bob-1')).toBe(false);
    expect(events.some((e) => e.kind === 'quarantined' && e.nodeKey === 'liar')).toBe(true);
    expect([...finalized[0]!.contributions().keys()]).not.toContain('liar');
    expect(store.claimBatch({ key: 'liar', ownerId: 'mallory', capacity: 2 }, 1)).toEqual({
      ok: false,
      code: 'quarantined',
    });
  });

  it('undoes the unchecked chunks of a trusted node caught lying later, in every running job', () => {
    // A node with a long clean record is checked at the floor rate, and lies on everything.
    const trust = new TrustBook(SETTINGS, seeded(3));
    for (let i = 0; i < 400; i++) trust.agreed('sleeper');
    const { store, finalized, events } = recordingStore({ trust });
    store.addJob(fixedJob('j1', 'u1', 20_000, 1_000));
    store.addJob(fixedJob('j2', 'u2', 20_000, 1_000));
    const sleeper: SimNode = { key: 'sleeper', ownerId: 'mallory', behaviour: inflates };
    // It computes while two honest owners' nodes are connected but busy elsewhere: most of its
    // lies merge unchecked, 5% are held for a check.
    store.claimBatch({ key: 'alice-1', ownerId: 'alice', capacity: 0 }, 0);
    store.claimBatch({ key: 'bob-1', ownerId: 'bob', capacity: 0 }, 0);
    run(store, [sleeper], () => store.job('j1')!.nextChunk >= 10, 100);
    expect(store.job('j1')!.prefixChunks + store.job('j2')!.prefixChunks).toBeGreaterThan(0);
    // Then one check goes against it (two honest owners outvote it) and everything it sent goes.
    run(
      store,
      [
        sleeper,
        { key: 'alice-1', ownerId: 'alice', behaviour: honest },
        { key: 'bob-1', ownerId: 'bob', behaviour: honest },
      ],
      () => finalized.length === 2,
    );
    expect(trust.isQuarantined('sleeper')).toBe(true);
    const quarantine = events.find((e) => e.kind === 'quarantined');
    expect(quarantine?.kind === 'quarantined' && quarantine.chunksUndone).toBeGreaterThan(0);
    for (const job of finalized) {
      expect(Buffer.from(encodeChunkPartial(job.prefix.toPartial()))).toEqual(Buffer.from(faultFree(20_000)));
    }
  });

  it("cannot be failed by one owner's refused partials, which never return to that node", () => {
    const trust = new TrustBook(SETTINGS, seeded(4));
    const { store, finalized, failed, events } = recordingStore({
      trust,
      maxChunkAttempts: 3,
      checkPartial: checkPartialPlausible,
    });
    store.addJob(fixedJob('j1', 'job-owner', 10_000, 1_000));
    const crude: Behaviour = (_chunk, p) => ({ ...p, dpsSumMilli: p.dpsSumMilli * 1000n });
    const nodes: SimNode[] = [
      { key: 'crude-1', ownerId: 'mallory', behaviour: crude },
      { key: 'crude-2', ownerId: 'mallory', behaviour: crude },
      { key: 'crude-3', ownerId: 'mallory', behaviour: crude },
      { key: 'alice-1', ownerId: 'alice', behaviour: honest },
      { key: 'bob-1', ownerId: 'bob', behaviour: honest },
    ];
    run(store, nodes, () => finalized.length > 0);
    expect(failed).toHaveLength(0);
    expect(Buffer.from(encodeChunkPartial(finalized[0]!.prefix.toPartial()))).toEqual(
      Buffer.from(faultFree(10_000)),
    );
    const refusals = events.filter((e) => e.kind === 'refused');
    expect(refusals.length).toBeGreaterThan(0);
    // Never the same chunk twice from the same node.
    const seen = new Set(refusals.map((e) => e.kind === 'refused' && `${e.nodeKey}:${e.chunkIndex}`));
    expect(seen.size).toBe(refusals.length);
    expect(trust.isQuarantined('crude-1')).toBe(true);
  });

  it('fails a poison chunk once nodes of two owners have failed it past the attempt limit', () => {
    const trust = new TrustBook(SETTINGS, seeded(5));
    const { store, failed } = recordingStore({ trust, maxChunkAttempts: 3 });
    store.addJob(fixedJob('j1', 'job-owner', 1_000, 1_000));
    const fail = (key: string, ownerId: string) => {
      const batch = store.claimBatch({ key, ownerId, capacity: 1 }, 1);
      if (!batch.ok || batch.chunks.length === 0) return false;
      store.fail(key, batch.chunks[0]!, 'engine: boom');
      return true;
    };
    expect(fail('m1', 'mallory')).toBe(true);
    expect(fail('m1', 'mallory')).toBe(false);
    expect(fail('m2', 'mallory')).toBe(true);
    expect(fail('m3', 'mallory')).toBe(true);
    expect(failed).toHaveLength(0);
    expect(fail('a1', 'alice')).toBe(true);
    expect(failed).toHaveLength(1);
  });

  it("waives checks at once while only one owner's nodes are connected, and the result says so", () => {
    const trust = new TrustBook(SETTINGS, seeded(6));
    const { store, finalized } = recordingStore({ trust });
    store.addJob(fixedJob('j1', 'job-owner', 3_000, 1_000));
    run(store, [{ key: 'alice-1', ownerId: 'alice', behaviour: honest }], () => finalized.length > 0, 5);
    expect(finalized[0]!.verificationSummary()).toEqual({
      chunks: 3,
      owner: 0,
      verified: 0,
      unchecked: 0,
      waived: 3,
    });
    expect(finalized[0]!.contributions().get('alice-1')!.unverifiedChunks).toBe(3);
    expect(store.stats.verificationsWaived).toBe(3);
  });

  it('waives a held check after the wait when the other owners went away', () => {
    const trust = new TrustBook(SETTINGS, seeded(6));
    const { store, finalized, clock } = recordingStore({ trust });
    store.addJob(fixedJob('j1', 'job-owner', 1_000, 1_000));
    store.claimBatch({ key: 'bob-1', ownerId: 'bob', capacity: 1 }, 0);
    run(store, [{ key: 'alice-1', ownerId: 'alice', behaviour: honest }], () => false, 2);
    expect(store.job('j1')!.verificationsPending).toBe(1);
    clock.advance(VERIFICATION_WAIT_MS);
    // Bob polled exactly a wait ago: still counted as connected, so the check still waits.
    store.reclaimStale();
    expect(finalized).toHaveLength(0);
    clock.advance(1);
    store.reclaimStale();
    expect(finalized[0]!.verificationSummary()).toEqual({
      chunks: 1,
      owner: 0,
      verified: 0,
      unchecked: 0,
      waived: 1,
    });
  });

  it("lets the job owner's node decide its own job, but not get a stranger's node quarantined", () => {
    const trust = new TrustBook(SETTINGS, seeded(9));
    const { store, finalized, events } = recordingStore({ trust });
    store.addJob(fixedJob('j1', 'mallory', 1_000, 1_000));
    const owner = { key: 'mallory-1', ownerId: 'mallory', capacity: 1 };
    store.claimBatch(owner, 0);
    const alice = { key: 'alice-1', ownerId: 'alice', capacity: 1 };
    const [chunk] = (store.claimBatch(alice, 1) as { chunks: IssuedChunk[] }).chunks;
    store.complete(alice.key, chunk!, partialFor(chunk!));
    // The owner's node takes the replay and reports false bytes about its own job.
    const [replay] = (store.claimBatch(owner, 1) as { chunks: IssuedChunk[] }).chunks;
    const framed = inflates(replay!, partialFor(replay!));
    store.complete(owner.key, replay!, framed, encodeChunkPartial(framed));
    expect(finalized).toHaveLength(1);
    expect(trust.isQuarantined('alice-1')).toBe(false);
    expect(trust.rate('alice-1')).toBe(1);
    expect(events.some((e) => e.kind === 'disputed' && e.nodeKeys.includes('alice-1'))).toBe(true);
  });

  it('fails a job whose dispute no third owner can settle, with the reason, instead of hanging', () => {
    const trust = new TrustBook(SETTINGS, seeded(10));
    const { store, finalized, failed, clock } = recordingStore({ trust });
    store.addJob(fixedJob('j1', 'job-owner', 1_000, 1_000));
    run(
      store,
      [
        { key: 'liar', ownerId: 'mallory', behaviour: inflates },
        { key: 'alice-1', ownerId: 'alice', behaviour: honest },
      ],
      () => false,
      3,
    );
    expect(store.job('j1')!.verificationsPending).toBe(1);
    clock.advance(VERIFICATION_WAIT_MS + 1);
    store.reclaimStale();
    expect(finalized).toHaveLength(0);
    expect(failed[0]!.reason).toMatch(/no node of a third owner could settle it/);
  });

  it('gives a chunk back to a volunteer whose lease expired, and fails it only when every connected node failed it', () => {
    const trust = new TrustBook(SETTINGS, seeded(11));
    const { store, failed, clock } = recordingStore({ trust, maxChunkAttempts: 3 });
    store.addJob(fixedJob('j1', 'job-owner', 1_000, 1_000));
    const alone = { key: 'alice-1', ownerId: 'alice', capacity: 1 };
    const [first] = (store.claimBatch(alone, 1) as { chunks: IssuedChunk[] }).chunks;
    clock.advance(LEASE_MS);
    store.reclaimStale();
    const [again] = (store.claimBatch(alone, 1) as { chunks: IssuedChunk[] }).chunks;
    expect([again!.chunkIndex, again!.attempt]).toEqual([first!.chunkIndex, 2]);
    // Now it fails the chunk: it is barred from it, and no other node is connected.
    store.fail(alone.key, again!, 'engine: boom');
    expect((store.claimBatch(alone, 1) as { chunks: IssuedChunk[] }).chunks).toEqual([]);
    store.reclaimStale();
    expect(failed).toHaveLength(0);
    clock.advance(VERIFICATION_WAIT_MS);
    store.claimBatch(alone, 0);
    store.reclaimStale();
    expect(failed[0]!.reason).toMatch(/failed on every connected node that could take it/);
  });

  it('catches a node lying on a fraction p of its chunks as often as 1 - (1 - p r)^n predicts', () => {
    // Seeded, not timed: 400 liars each run 20 chunks at a fixed rate r; the share caught is
    // compared with the formula in docs/sentinel.md.
    const p = 0.2;
    const r = 0.25;
    const n = 20;
    const liarDraws = seeded(7);
    let caught = 0;
    const trials = 400;
    for (let t = 0; t < trials; t++) {
      const trust = new TrustBook({ fullCheckAgreements: 1, floorRate: r, maxRefusals: 3 }, seeded(1000 + t));
      // A record long enough that the rate is the floor r.
      for (let i = 0; i < 1000; i++) trust.agreed(`liar-${t}`);
      const { store, finalized } = recordingStore({ trust });
      store.addJob(fixedJob(`j${t}`, 'job-owner', n * 100, 100));
      const liar: SimNode = {
        key: `liar-${t}`,
        ownerId: 'mallory',
        behaviour: (chunk, partial) => (liarDraws() < p ? inflates(chunk, partial) : partial),
      };
      // The liar computes every chunk first while honest nodes of two owners are connected;
      // then they take the replays (two strangers disagreeing need a third owner to settle).
      store.claimBatch({ key: 'alice', ownerId: 'alice', capacity: 2 }, 0);
      store.claimBatch({ key: 'bob', ownerId: 'bob', capacity: 2 }, 0);
      run(store, [liar], () => store.job(`j${t}`)!.nextChunk >= n && store.job(`j${t}`)!.inFlight.size === 0);
      run(
        store,
        [
          { key: 'alice', ownerId: 'alice', behaviour: honest },
          { key: 'bob', ownerId: 'bob', behaviour: honest },
        ],
        () => finalized.length > 0 || trust.isQuarantined(`liar-${t}`),
      );
      if (trust.isQuarantined(`liar-${t}`)) caught++;
    }
    const expected = detectionProbability(p, r, n);
    const sd = Math.sqrt((expected * (1 - expected)) / trials);
    expect(Math.abs(caught / trials - expected)).toBeLessThan(4 * sd);
  });
});

describe('the verification rate', () => {
  it('is drawn from node:crypto in [0, 1) by default', () => {
    const draws = Array.from({ length: 2_000 }, cryptoUniform);
    expect(draws.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Set(draws).size).toBe(draws.length);
    const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.05);
  });

  it('is 1 for a new node, decays after the full checks, and resets on a disagreement', () => {
    const trust = new TrustBook(SETTINGS, seeded(8));
    expect(trust.rate('n')).toBe(1);
    for (let i = 0; i < 40; i++) trust.agreed('n');
    expect(trust.rate('n')).toBe(0.5);
    for (let i = 0; i < 1000; i++) trust.agreed('n');
    expect(trust.rate('n')).toBe(0.05);
    trust.disagreed('n');
    expect(trust.rate('n')).toBe(1);
  });
});

describe('version pinning', () => {
  it("hands a pinned job's chunks only to nodes on its engine build and game-data patch", () => {
    const { store } = recordingStore();
    store.addJob(
      new JobRuntime({
        jobId: 'pinned',
        userId: 'u1',
        configHash: 'h',
        simConfig: {},
        sentinelConfig: { seed: 1, chunkIterations: 100, strategy: { kind: 'fixed', iterations: 1000 } },
        startedAtMs: 0,
        pin: { engineBuild: 'build-a', gamedataPatch: 'patch-1' },
      }),
    );
    const node = (pin?: { engineBuild: string; gamedataPatch: string | null }) => ({
      key: 'n',
      ownerId: 'u1',
      capacity: 1,
      pin,
    });
    expect(store.claimBatch(node(), 1)).toEqual({ ok: true, chunks: [] });
    expect(store.claimBatch(node({ engineBuild: 'build-b', gamedataPatch: 'patch-1' }), 1)).toEqual({
      ok: true,
      chunks: [],
    });
    const stale = node({ engineBuild: 'build-a', gamedataPatch: 'patch-0' });
    expect(store.claimBatch(stale, 1)).toEqual({ ok: true, chunks: [] });
    // What the claim route tells such a node instead of answering empty forever.
    expect([...store.patchesWithWorkFor(stale)]).toEqual(['patch-1']);
    const batch = store.claimBatch(node({ engineBuild: 'build-a', gamedataPatch: 'patch-1' }), 1);
    expect(batch.ok && batch.chunks.map((c) => c.chunkIndex)).toEqual([0]);
  });
});
