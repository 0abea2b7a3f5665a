// The trust side of the studio API on both drivers: the nodes list carries each node's trust
// record; re-link takes back only the owner's own quarantined node and refuses anything else
// with one code, changing nothing; a completed job's detail lists the marks left by nodes
// quarantined after it finished, only to its owner, and a share link carries them without
// node keys.
import { asUser, runQuery } from '@simforge/db';
import { describeEachDriver } from '@simforge/db/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type {
  JobResponse,
  NodeListResponse,
  NodeResponse,
  SharedResultResponse,
} from '../src/api-contract.ts';
import type { TestClient } from './support/api-client.ts';
import { completeJob, fakePublicKey, type RunningStudio, startStudio } from './support/studio-server.ts';
import { testQueries } from './support/test-queries.ts';

const LIE = 'its result for chunk 3 of job 00000000-0000-0000-0000-000000000000 lost to another owner’s';

describeEachDriver('studio API node trust and job taints', (getDb) => {
  let studio: RunningStudio;
  let alice: TestClient;
  let bob: TestClient;
  let aliceQuarantined: string;
  let aliceHealthy: string;
  let bobQuarantined: string;
  let aliceDone: string;
  let aliceClean: string;
  let bobDone: string;

  const insertNode = async (seed: number, owner: string, name: string, reason?: string) => {
    const res = await testQueries.run<{ id: string }>(getDb(), 'studio_test_node_insert', [
      fakePublicKey(seed),
      owner,
      null,
      name,
    ]);
    const id = res.rows[0]!.id;
    if (reason) await testQueries.run(getDb(), 'studio_test_node_quarantine', [id, reason]);
    return id;
  };

  const insertCompletedJob = async (userId: string) => {
    const res = await asUser(getDb(), userId, (tx) =>
      runQuery<{ id: string }>(tx, 'studio_jobs_insert', [
        JSON.stringify({ profile: 'hunter="Fixture"\nspec=beast_mastery\n' }),
        JSON.stringify({ seed: 1, chunkIterations: 5, strategy: { kind: 'fixed', iterations: 10 } }),
      ]),
    );
    const id = res.rows[0]!.id;
    await completeJob(getDb(), id);
    return id;
  };

  const nodeState = async (id: string) =>
    (await testQueries.run<Record<string, unknown>>(getDb(), 'studio_test_node_trust', [id])).rows[0]!;

  beforeAll(async () => {
    studio = await startStudio(getDb());
    alice = studio.client();
    bob = studio.client();
    const aliceId = await alice.signUp('alice@example.test');
    const bobId = await bob.signUp('bob@example.test');
    aliceQuarantined = await insertNode(21, aliceId, 'alice-liar', LIE);
    aliceHealthy = await insertNode(22, aliceId, 'alice-honest');
    bobQuarantined = await insertNode(23, bobId, 'bob-liar', 'partials refused too often');
    aliceDone = await insertCompletedJob(aliceId);
    aliceClean = await insertCompletedJob(aliceId);
    bobDone = await insertCompletedJob(bobId);
    await testQueries.run(getDb(), 'studio_test_job_taint_insert', [aliceDone, fakePublicKey(21), 3, LIE]);
    await testQueries.run(getDb(), 'studio_test_job_taint_insert', [
      bobDone,
      fakePublicKey(23),
      1,
      'partials refused too often',
    ]);
    await testQueries.run(getDb(), 'studio_test_job_verification', [
      aliceDone,
      JSON.stringify({ chunks: 40, owner: 8, verified: 30, unchecked: 2, waived: 0 }),
    ]);
  });

  afterAll(async () => {
    await studio?.close();
  });

  it('lists each node with its trust record, quarantine reason and time', async () => {
    const res = await alice.get<NodeListResponse>('/api/nodes');
    expect(res.status).toBe(200);
    const byId = new Map(res.body.nodes.map((n) => [n.id, n]));
    expect([...byId.keys()].sort()).toEqual([aliceQuarantined, aliceHealthy].sort());
    const liar = byId.get(aliceQuarantined)!;
    expect(liar.status).toBe('quarantined');
    expect(liar.trust).toMatchObject({
      checks: 12,
      agreements: 11,
      disagreements: 1,
      refusals: 0,
      verificationRate: 1,
      quarantineReason: LIE,
    });
    expect(Date.parse(liar.trust.quarantinedAt!)).toBeGreaterThan(Date.now() - 600_000);
    expect(byId.get(aliceHealthy)!.trust).toEqual({
      checks: 0,
      agreements: 0,
      disagreements: 0,
      refusals: 0,
      verificationRate: 1,
      quarantineReason: null,
      quarantinedAt: null,
    });
  });

  it('refuses to re-link another user’s node or a node that is not quarantined, changing nothing', async () => {
    const bobBefore = await nodeState(bobQuarantined);
    const healthyBefore = await nodeState(aliceHealthy);
    for (const id of [bobQuarantined, aliceHealthy, 'not-a-uuid']) {
      const res = await alice.post(`/api/nodes/${id}/relink`);
      expect(res.status, id).toBe(404);
      expect(res.body, id).toMatchObject({ error: { code: 'SF_STUDIO_NODE_NOT_QUARANTINED' } });
    }
    expect(await nodeState(bobQuarantined)).toEqual(bobBefore);
    expect(await nodeState(aliceHealthy)).toEqual(healthyBefore);
    // A forged request (no CSRF token) does not reach relink_node either.
    const forged = await bob.post(`/api/nodes/${bobQuarantined}/relink`, {}, { csrf: 'none' });
    expect(forged.body).toMatchObject({ error: { code: 'SF_STUDIO_CSRF' } });
    expect(await nodeState(bobQuarantined)).toEqual(bobBefore);
    const unknownField = await bob.post(`/api/nodes/${bobQuarantined}/relink`, { force: true });
    expect(unknownField.body).toMatchObject({ error: { code: 'SF_STUDIO_BODY_INVALID' } });
    expect(await nodeState(bobQuarantined)).toEqual(bobBefore);
  });

  it('re-links the owner’s quarantined node: it starts over, every result checked', async () => {
    const res = await alice.post<NodeResponse>(`/api/nodes/${aliceQuarantined}/relink`);
    expect(res.status).toBe(200);
    expect(res.body.node).toMatchObject({
      id: aliceQuarantined,
      name: 'alice-liar',
      status: 'offline',
      trust: { agreements: 0, refusals: 0, verificationRate: 1, quarantineReason: null, quarantinedAt: null },
    });
    const stored = await nodeState(aliceQuarantined);
    // The epoch bump is what keeps a sentinel's old memory of the node from being written back.
    expect(stored).toMatchObject({ status: 'offline', quarantine_reason: null, trust_epoch: 1 });
    const again = await alice.post(`/api/nodes/${aliceQuarantined}/relink`);
    expect(again.body).toMatchObject({ error: { code: 'SF_STUDIO_NODE_NOT_QUARANTINED' } });
    expect((await nodeState(aliceQuarantined)).trust_epoch).toBe(1);
  });

  it('lists a completed job’s taints and verification to its owner only', async () => {
    const own = await alice.get<JobResponse>(`/api/jobs/${aliceDone}`);
    expect(own.status).toBe(200);
    expect(own.body.job.taints).toEqual([
      { nodePublicKey: fakePublicKey(21), unverifiedChunks: 3, reason: LIE, markedAt: expect.any(String) },
    ]);
    expect(own.body.job.run?.verification).toEqual({
      chunks: 40,
      owner: 8,
      verified: 30,
      unchecked: 2,
      waived: 0,
    });
    // A job finished before verification existed has neither.
    const clean = await alice.get<JobResponse>(`/api/jobs/${aliceClean}`);
    expect(clean.body.job.taints).toEqual([]);
    expect(clean.body.job.run?.verification).toBeNull();
    // Another user's job stays invisible, marks included.
    const foreign = await alice.get(`/api/jobs/${bobDone}`);
    expect(foreign.body).toMatchObject({ error: { code: 'SF_STUDIO_JOB_NOT_FOUND' } });
    const bobs = await bob.get<JobResponse>(`/api/jobs/${bobDone}`);
    expect(bobs.body.job.taints.map((t) => t.nodePublicKey)).toEqual([fakePublicKey(23)]);
  });

  it('carries the marks through a share link, without node keys', async () => {
    const on = await alice.request<{ shareToken: string }>('PUT', `/api/jobs/${aliceDone}/share`, {
      enabled: true,
    });
    const visitor = studio.client();
    const shared = await visitor.get<SharedResultResponse>(`/api/share/${on.body.shareToken}`);
    expect(shared.status).toBe(200);
    expect(shared.body.result.taints).toEqual([
      { unverifiedChunks: 3, reason: LIE, markedAt: expect.any(String) },
    ]);
    expect(shared.body.result.run?.verification).toMatchObject({ chunks: 40, verified: 30 });
    expect(JSON.stringify(shared.body)).not.toContain(fakePublicKey(21));
  });
});
