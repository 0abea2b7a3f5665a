// Trust over real HTTP and a real database: three owners' nodes, one of them lying. The liar
// loses to the two honest owners, is quarantined in public.nodes, stays quarantined across a
// sentinel restart, and works again only after its owner re-links it (as a new node).
import { encodeJobResult } from '@simforge/common';
import type { NodeKeyPair } from '@simforge/common/signing';
import { asUser, type Database, runQuery } from '@simforge/db';
import { createUser, describeEachDriver } from '@simforge/db/testing';
import { expect, it } from 'vitest';
import {
  claimChunks,
  claimRequest,
  completeChunk,
  errorCode,
  fixedConfig,
  insertJob,
  linkedNode,
  send,
  startSentinel,
  until,
} from './support/sentinel-harness.ts';
import { syntheticPartial } from './support/synthetic-partial.ts';

const HONEST_SEED = 11;
const LYING_SEED = 99;

interface TrustRow {
  id: string;
  status: string;
  trust_agreements: number | bigint;
  trust_disagreements: number;
  verification_rate: number;
  quarantine_reason: string | null;
}

async function trustRow(db: Database, key: NodeKeyPair): Promise<TrustRow> {
  const { rows } = await db.query<TrustRow>(
    'SELECT id, status, trust_agreements, trust_disagreements, verification_rate, quarantine_reason FROM public.nodes WHERE public_key = $1',
    [key.publicKeyB64url],
  );
  return rows[0]!;
}

describeEachDriver('node trust over HTTP', (getDb) => {
  it('quarantines a liar that loses to two owners, keeps it through a restart, and lets its owner re-link it', async () => {
    const db = getDb();
    let h = await startSentinel(db);
    const jobOwner = await createUser(db);
    const [alice, bob, mallory] = [await createUser(db), await createUser(db), await createUser(db)];
    const a = await linkedNode(db, h.baseUrl, alice);
    const b = await linkedNode(db, h.baseUrl, bob);
    const m = await linkedNode(db, h.baseUrl, mallory);
    try {
      const jobId = await insertJob(db, jobOwner, fixedConfig(20, 10));
      await until(() => h.sentinel.store.job(jobId) !== undefined);

      // Mallory takes both chunks; Alice's and Bob's nodes are polling too (nothing left).
      const lies = await claimChunks(h.baseUrl, m, 2);
      expect(await claimChunks(h.baseUrl, a, 1)).toEqual([]);
      expect(await claimChunks(h.baseUrl, b, 1)).toEqual([]);
      // Mallory lies; a new node is fully checked, so both results are held for a replay.
      for (const chunk of lies)
        expect((await completeChunk(h.baseUrl, m, chunk, LYING_SEED)).status).toBe(200);
      // It cannot complete the replay of its own chunk, which it was never given.
      const forged = await completeChunk(h.baseUrl, m, { ...lies[0]!, attempt: 2 }, LYING_SEED);
      expect([forged.status, errorCode(forged)]).toEqual([409, 'SF_CLAIM_NOT_HELD']);
      // Alice's replays disagree with Mallory: disputed, a third owner decides.
      const replays = await claimChunks(h.baseUrl, a, 2);
      expect(replays.map((c) => [c.chunkIndex, c.attempt])).toEqual([
        [0, 2],
        [1, 2],
      ]);
      for (const chunk of replays) await completeChunk(h.baseUrl, a, chunk, HONEST_SEED);
      expect(h.sentinel.trust.isQuarantined(m.publicKeyB64url)).toBe(false);
      const tieBreaks = await claimChunks(h.baseUrl, b, 2);
      expect(tieBreaks.map((c) => [c.chunkIndex, c.attempt])).toEqual([
        [0, 3],
        [1, 3],
      ]);
      for (const chunk of tieBreaks) await completeChunk(h.baseUrl, b, chunk, HONEST_SEED);
      expect(h.sentinel.trust.isQuarantined(m.publicKeyB64url)).toBe(true);

      const refused = await send(h.baseUrl, m, 'POST', '/v1/claim', claimRequest(1));
      expect([refused.status, errorCode(refused)]).toEqual([403, 'SF_NODE_QUARANTINED']);

      // Alice and Bob agreed on both chunks: the job holds their bytes, every chunk verified.
      await h.sentinel.idle();
      const { rows } = await db.query<{
        status: string;
        result_pb: Uint8Array;
        meta: Record<string, unknown>;
      }>('SELECT status, result_pb, meta FROM public.jobs WHERE id = $1', [jobId]);
      expect(rows[0]!.status).toBe('completed');
      expect(Buffer.from(rows[0]!.result_pb)).toEqual(
        Buffer.from(encodeJobResult(syntheticPartial(HONEST_SEED, 0, 20))),
      );
      expect(rows[0]!.meta.verification).toEqual({
        chunks: 2,
        owner: 0,
        verified: 2,
        unchecked: 0,
        waived: 0,
      });

      await h.sentinel.idle();
      const stored = await trustRow(db, m);
      expect(stored.status).toBe('quarantined');
      expect(stored.quarantine_reason).toMatch(/disagreed with the identical results of two other owners/);
      expect(Number((await trustRow(db, a)).trust_agreements)).toBeGreaterThan(0);

      // A restart launders nothing.
      await h.close();
      h = await startSentinel(db);
      const again = await send(h.baseUrl, m, 'POST', '/v1/claim', claimRequest(1));
      expect([again.status, errorCode(again)]).toEqual([403, 'SF_NODE_QUARANTINED']);
      // The presence cron does not bring it back online.
      await h.sentinel.crons.presence();
      expect((await trustRow(db, m)).status).toBe('quarantined');

      // Nobody but its owner can take it back, nor write trust columns directly.
      await expect(
        asUser(db, alice, (tx) => runQuery(tx, 'studio_nodes_relink', [stored.id])),
      ).rejects.toMatchObject({
        code: 'P0002',
      });
      await expect(
        asUser(db, mallory, (tx) =>
          tx.query("UPDATE public.nodes SET trust_agreements = 1000000, status = 'online' WHERE id = $1", [
            stored.id,
          ]),
        ),
      ).rejects.toMatchObject({ code: '42501' });
      await asUser(db, mallory, (tx) => runQuery(tx, 'studio_nodes_relink', [stored.id]));
      const back = await send(h.baseUrl, m, 'POST', '/v1/claim', claimRequest(1));
      expect(back.status).toBe(200);
      const fresh = await trustRow(db, m);
      expect([fresh.status, Number(fresh.trust_agreements), fresh.verification_rate]).toEqual([
        'offline',
        0,
        1,
      ]);
    } finally {
      await h.close();
    }
  });

  it('marks a finished job that holds chunks only a later-quarantined node computed', async () => {
    const db = getDb();
    const h = await startSentinel(db, { verificationWaitMs: 1_000 });
    try {
      const jobOwner = await createUser(db);
      const stranger = await linkedNode(db, h.baseUrl, await createUser(db));
      const jobId = await insertJob(db, jobOwner, fixedConfig(20, 10));
      await until(() => h.sentinel.store.job(jobId) !== undefined);
      for (const chunk of await claimChunks(h.baseUrl, stranger, 2)) {
        await completeChunk(h.baseUrl, stranger, chunk, HONEST_SEED);
      }
      // Nobody of another owner is online: the checks are waived after the wait, and the
      // result says so.
      h.clock.advance(1_000);
      h.sentinel.crons.reclaimStale();
      await h.sentinel.idle();
      const { rows } = await db.query<{ status: string; meta: { verification: unknown } }>(
        'SELECT status, meta FROM public.jobs WHERE id = $1',
        [jobId],
      );
      expect(rows[0]!.status).toBe('completed');
      expect(rows[0]!.meta.verification).toEqual({
        chunks: 2,
        owner: 0,
        verified: 0,
        unchecked: 0,
        waived: 2,
      });

      h.sentinel.store.quarantine(stranger.publicKeyB64url, 'caught lying elsewhere');
      await h.sentinel.idle();
      const taints = await asUser(db, jobOwner, (tx) =>
        tx.query<{ job_id: string; unverified_chunks: number }>(
          'SELECT job_id, unverified_chunks FROM public.job_taints',
        ),
      );
      expect(taints.rows).toEqual([{ job_id: jobId, unverified_chunks: 2 }]);
      expect(h.logger.events('node_quarantined')).toHaveLength(1);
    } finally {
      await h.close();
    }
  });
});
