// Signed in as user A, every API route refuses user B's jobs and nodes, by id and by listing;
// the live event stream carries only A's jobs; a share link shows one result and nothing else.
// Real server, real HTTP, on both drivers.
import { asUser, runQuery } from '@simforge/db';
import { collectNotifications, describeEachDriver } from '@simforge/db/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TestClient } from './support/api-client.ts';
import { completeJob, fakePublicKey, type RunningStudio, startStudio } from './support/studio-server.ts';
import { testQueries } from './support/test-queries.ts';

describeEachDriver('studio API isolation', (getDb) => {
  let studio: RunningStudio;
  let alice: TestClient;
  let bob: TestClient;
  let bobJob: string;
  let bobDoneJob: string;
  let aliceJob: string;
  let bobNode: string;

  const insertJob = async (userId: string) => {
    const res = await asUser(getDb(), userId, (tx) =>
      runQuery<{ id: string }>(tx, 'studio_jobs_insert', [
        JSON.stringify({ profile: 'hunter="Fixture"\nspec=beast_mastery\n' }),
        JSON.stringify({ seed: 1, chunkIterations: 5, strategy: { kind: 'fixed', iterations: 10 } }),
      ]),
    );
    return res.rows[0]!.id;
  };

  beforeAll(async () => {
    studio = await startStudio(getDb());
    alice = studio.client();
    bob = studio.client();
    const aliceId = await alice.signUp('alice@example.test');
    const bobId = await bob.signUp('bob@example.test');
    aliceJob = await insertJob(aliceId);
    bobJob = await insertJob(bobId);
    bobDoneJob = await insertJob(bobId);
    // Run by bob's own node and by one of alice's: bob may see his node's name, not hers.
    await completeJob(getDb(), bobDoneJob, [
      { publicKey: fakePublicKey(7), chunks: 1, iterations: 5 },
      { publicKey: fakePublicKey(9), chunks: 1, iterations: 5 },
    ]);
    const node = await testQueries.run<{ id: string }>(getDb(), 'studio_test_node_insert', [
      fakePublicKey(7),
      bobId,
      null,
      'bob-box',
    ]);
    bobNode = node.rows[0]!.id;
    await testQueries.run(getDb(), 'studio_test_node_insert', [fakePublicKey(9), aliceId, null, 'alice-box']);
  });

  afterAll(async () => {
    await studio?.close();
  });

  it('lists only the signed-in user’s jobs and nodes', async () => {
    const jobs = await alice.get<{ jobs: { id: string }[] }>('/api/jobs');
    expect(jobs.status).toBe(200);
    expect(jobs.body.jobs.map((j) => j.id)).toEqual([aliceJob]);
    const nodes = await alice.get<{ nodes: { name: string }[] }>('/api/nodes');
    expect(nodes.body.nodes.map((n) => n.name)).toEqual(['alice-box']);
    const bobs = await bob.get<{ jobs: { id: string }[] }>('/api/jobs');
    expect(bobs.body.jobs.map((j) => j.id).sort()).toEqual([bobJob, bobDoneJob].sort());
  });

  it('refuses another user’s job by id on every job route and changes nothing', async () => {
    for (const id of [bobJob, bobDoneJob]) {
      const read = await alice.get(`/api/jobs/${id}`);
      expect(read.status).toBe(404);
      expect(read.body).toMatchObject({ error: { code: 'SF_STUDIO_JOB_NOT_FOUND' } });
      for (const action of ['cancel', 'resubmit']) {
        const res = await alice.post(`/api/jobs/${id}/${action}`);
        expect(res.status, action).toBe(404);
      }
      const share = await alice.request('PUT', `/api/jobs/${id}/share`, { enabled: true });
      expect(share.status).toBe(404);
    }
    const state = await testQueries.run<{ status: string }>(getDb(), 'studio_test_job_state', [bobJob]);
    expect(state.rows[0]!.status).toBe('pending');
    const jobs = await bob.get<{ jobs: unknown[] }>('/api/jobs');
    expect(jobs.body.jobs).toHaveLength(2);
  });

  it('refuses another user’s node by id and leaves it untouched', async () => {
    const res = await alice.request('PATCH', `/api/nodes/${bobNode}`, { name: 'stolen', maxParallel: 1 });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ error: { code: 'SF_STUDIO_NODE_NOT_FOUND' } });
    const node = await testQueries.run<{ name: string; max_parallel: number }>(
      getDb(),
      'studio_test_node_state',
      [bobNode],
    );
    expect(node.rows[0]).toMatchObject({ name: 'bob-box', max_parallel: 4 });
    const own = await bob.request('PATCH', `/api/nodes/${bobNode}`, { name: 'bob-renamed', maxParallel: 2 });
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ node: { name: 'bob-renamed', maxParallel: 2 } });
  });

  it('relays live events only to the job owner', async () => {
    const received: string[] = [];
    const controller = new AbortController();
    const cookie = [...alice.cookies].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('; ');
    const res = await fetch(`${studio.url}/api/events`, { headers: { cookie }, signal: controller.signal });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const pump = (async () => {
      const decoder = new TextDecoder();
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          received.push(decoder.decode(value));
        }
      } catch {
        // aborted at the end of the test
      }
    })();
    // The server writes `retry:` once the stream is subscribed.
    for (let i = 0; i < 100 && !received.join('').includes('retry:'); i++)
      await new Promise((r) => setTimeout(r, 20));
    const notify = async (id: string, userId: string, done: number) =>
      getDb().query('SELECT pg_notify($1, $2)', [
        'job_progress',
        JSON.stringify({ id, userId, iterationsDone: done, iterationsTarget: 10 }),
      ]);
    const bobId = (await bob.get<{ user: { id: string } }>('/api/session')).body.user.id;
    const aliceId = (await alice.get<{ user: { id: string } }>('/api/session')).body.user.id;
    await notify(bobJob, bobId, 3);
    await notify(aliceJob, aliceId, 7);
    for (let i = 0; i < 50 && !received.join('').includes(aliceJob); i++)
      await new Promise((r) => setTimeout(r, 50));
    controller.abort();
    await pump;
    const text = received.join('');
    expect(text).toContain(aliceJob);
    expect(text).not.toContain(bobJob);
    // The anonymous stream is refused outright.
    const anon = await fetch(`${studio.url}/api/events`);
    expect(anon.status).toBe(401);
  });

  it('cancels the owner’s pending job with its reason, and resubmits it as a new job', async () => {
    const statuses = await collectNotifications(getDb(), 'job_status');
    const cancelled = await alice.post<{ job: { status: string; failureReason: string } }>(
      `/api/jobs/${aliceJob}/cancel`,
    );
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.job).toMatchObject({ status: 'failed', failureReason: 'cancelled' });
    // Migration 0011's trigger announces the change, naming the owner the relay filters on.
    const note = JSON.parse(await statuses.waitFor((p) => p.includes(aliceJob)));
    await statuses.stop();
    const aliceId = (await alice.get<{ user: { id: string } }>('/api/session')).body.user.id;
    expect(note).toEqual({ id: aliceJob, userId: aliceId, status: 'failed' });
    const again = await alice.post(`/api/jobs/${aliceJob}/cancel`);
    expect(again.body).toMatchObject({ error: { code: 'SF_STUDIO_JOB_NOT_CANCELLABLE' } });

    const resubmitted = await alice.post<{ job: { id: string; status: string } }>(
      `/api/jobs/${aliceJob}/resubmit`,
    );
    expect(resubmitted.status).toBe(201);
    expect(resubmitted.body.job.status).toBe('pending');
    expect(resubmitted.body.job.id).not.toBe(aliceJob);
    const detail = await alice.get<{ job: { profile: string } }>(`/api/jobs/${resubmitted.body.job.id}`);
    expect(detail.body.job.profile).toMatch(/Fixture/);
    const notFailed = await alice.post(`/api/jobs/${resubmitted.body.job.id}/resubmit`);
    expect(notFailed.body).toMatchObject({ error: { code: 'SF_STUDIO_JOB_NOT_FAILED' } });
    // Cancelling someone else's job is still refused after all this.
    expect((await alice.post(`/api/jobs/${bobJob}/cancel`)).status).toBe(404);
  });

  it('names the owner’s own nodes in a report, and only those', async () => {
    const detail = await bob.get<{ job: { run: { nodes: unknown[] } } }>(`/api/jobs/${bobDoneJob}`);
    expect(detail.status).toBe(200);
    const bobsNodes = await bob.get<{ nodes: { name: string }[] }>('/api/nodes');
    const name = bobsNodes.body.nodes[0]!.name;
    expect(detail.body.job.run.nodes).toEqual([
      { nodeId: fakePublicKey(7), label: name, yours: true, chunks: 1, iterations: 5 },
      { nodeId: 'volunteer node 1', label: 'volunteer node 1', yours: false, chunks: 1, iterations: 5 },
    ]);
    expect(JSON.stringify(detail.body)).not.toContain('alice-box');
    expect(JSON.stringify(detail.body)).not.toContain(fakePublicKey(9));
  });

  it('shows exactly one result through a share link, without an account, and stops when turned off', async () => {
    const on = await bob.request<{ shareToken: string }>('PUT', `/api/jobs/${bobDoneJob}/share`, {
      enabled: true,
    });
    expect(on.status).toBe(200);
    const token = on.body.shareToken;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const visitor = studio.client();
    const shared = await visitor.get<{ result: Record<string, unknown> }>(`/api/share/${token}`);
    expect(shared.status).toBe(200);
    expect(Object.keys(shared.body).sort()).toEqual(['result']);
    expect(Object.keys(shared.body.result).sort()).toEqual([
      'comparison',
      'createdAt',
      'resultHex',
      'run',
      'taints',
      'timelineHex',
      'title',
    ]);
    expect(JSON.stringify(shared.body)).not.toContain(bobJob);
    // One profile: no variants, and nothing else of the profile travels.
    expect(shared.body.result.comparison).toEqual([]);
    // How the run went is shown, but not which machines ran it.
    expect(shared.body.result.run).toMatchObject({
      wallTimeMs: 1234,
      chunks: 2,
      nodes: [
        { nodeId: 'node 1', label: 'node 1', yours: false },
        { nodeId: 'node 2', label: 'node 2', yours: false },
      ],
    });
    for (const hidden of [fakePublicKey(7), fakePublicKey(9), 'bob-box', 'alice-box'])
      expect(JSON.stringify(shared.body)).not.toContain(hidden);
    // The link grants nothing else: no listing, no job by id, not even the shared job's.
    expect((await visitor.get('/api/jobs')).status).toBe(401);
    expect((await visitor.get(`/api/jobs/${bobDoneJob}`)).status).toBe(401);
    expect((await visitor.get(`/api/share/${'x'.repeat(43)}`)).status).toBe(404);
    // A pending job cannot be shared.
    const pending = await bob.request('PUT', `/api/jobs/${bobJob}/share`, { enabled: true });
    expect(pending.body).toMatchObject({ error: { code: 'SF_STUDIO_JOB_NOT_COMPLETED' } });
    const off = await bob.request('PUT', `/api/jobs/${bobDoneJob}/share`, { enabled: false });
    expect(off.body).toEqual({ shareToken: null });
    const gone = await visitor.get(`/api/share/${token}`);
    expect(gone.status).toBe(404);
    expect(gone.body).toMatchObject({ error: { code: 'SF_STUDIO_SHARE_NOT_FOUND' } });
  });
});
