// Faults on the node side, against a real sentinel (PGlite, in this process) and real node
// processes over HTTP, with a short lease so reclaims happen within the test:
// - a node killed with SIGKILL mid-job: its chunks come back after the lease, and the result
//   is byte-identical to the fault-free (local) run;
// - a node stopped with SIGTERM releases what it holds at once;
// - an unlinked node gets no work;
// - a profile the engine rejects fails the job with the engine's message;
// - a poison chunk (a node that fails every chunk) fails the job after the attempt limit;
// - fairness: a small job of one user finishes while another user's huge job keeps running.

import { createHash } from 'node:crypto';
import { createUser } from '@simforge/db/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { insertJob, readJob } from '../src/local-jobs.ts';
import { killMidJob } from './support/kill-mid-job.ts';
import { MISBEHAVING_NODE, removeNodeDirs, spawnNode, type TestNode } from './support/node-processes.ts';
import { type PlatformHarness, startPlatform } from './support/platform-harness.ts';
import { simforgeSimSha256 } from './support/simforge-sim.ts';
import { shortFightProfile } from './support/test-profiles.ts';

const profile = shortFightProfile(20);
const LEASE_MS = 3_000;

describe('node faults [pglite]', () => {
  let harness: PlatformHarness;
  const running: TestNode[] = [];
  const node = async (name: string, options?: Parameters<PlatformHarness['linkedNode']>[1]) => {
    const n = await harness.linkedNode(name, options);
    running.push(n);
    return n;
  };

  beforeAll(async () => {
    harness = await startPlatform('pglite', {
      leaseMs: LEASE_MS,
      heartbeatMs: 1_000,
      reclaimIntervalMs: 250,
      progressIntervalMs: 250,
      maxChunkAttempts: 3,
    });
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((n) => n.stop('SIGKILL')));
  });
  afterAll(async () => {
    await harness?.close();
    await removeNodeDirs();
  });

  const bytesOf = (hex: string | null): Buffer => Buffer.from((hex ?? '\\x').slice(2), 'hex');

  it('returns the chunks of a node killed with SIGKILL after the lease; the result is unchanged', async () => {
    const [a] = await Promise.all([node('victim'), node('survivor')]);
    const submitted = await harness.platform.submit({ profile, iterations: 16_000, seed: 11 });
    if (!submitted.ok) throw new Error(JSON.stringify(submitted.errors));
    const finished = harness.platform.watch(submitted.jobId, () => undefined);
    await killMidJob(harness, a!, submitted.jobId);
    const job = await finished;
    expect(job.status, JSON.stringify(job.meta)).toBe('completed');
    expect(harness.logger.events('reclaim_stale').length).toBeGreaterThan(0);
    const sha256 = createHash('sha256').update(bytesOf(job.resultHex)).digest('hex');
    expect(sha256).toBe(await simforgeSimSha256(profile, 16_000, 11));
  });

  it('releases the chunks of a node stopped with SIGTERM at once, without waiting for the lease', async () => {
    const leaving = await node('leaving');
    const submitted = await harness.platform.submit({ profile, iterations: 6_000, seed: 12 });
    if (!submitted.ok) throw new Error(JSON.stringify(submitted.errors));
    await leaving.waitFor('claimed', (e) => String(e.chunks).includes(submitted.jobId));
    const reclaimsBefore = harness.logger.events('reclaim_stale').length;
    const exit = await leaving.stop('SIGTERM');
    expect(exit.code).toBe(0);
    // Everything it held comes back at once: its running run and the one queued behind it.
    const released = leaving.events.find((e) => e.event === 'released');
    expect(released?.claims).toBeGreaterThanOrEqual(1);
    expect(released?.released).toBeGreaterThanOrEqual(released?.claims as number);
    const startedAt = Date.now();
    await node('replacement');
    const job = await harness.platform.watch(submitted.jobId, () => undefined);
    expect(job.status).toBe('completed');
    // Released, not expired: the reclaim cron never had to step in.
    expect(harness.logger.events('reclaim_stale').length).toBe(reclaimsBefore);
    expect(Date.now() - startedAt).toBeLessThan(60_000);
  });

  it('gives an unlinked node no work while a linked one runs the job', async () => {
    const stranger = await spawnNode({ name: 'stranger', sentinelUrl: harness.sentinelUrl });
    running.push(stranger);
    await stranger.waitFor('waiting_for_link');
    await node('owned');
    const submitted = await harness.platform.submit({ profile, iterations: 3_000, seed: 16 });
    if (!submitted.ok) throw new Error(JSON.stringify(submitted.errors));
    const job = await harness.platform.watch(submitted.jobId, () => undefined);
    expect(job.status).toBe('completed');
    expect(stranger.events.some((e) => e.event === 'claimed' || e.event === 'linked')).toBe(false);
    expect(stranger.child.exitCode).toBeNull();
  });

  it('fails a job whose profile the engine rejects, with the engine message', async () => {
    const jobId = await insertJob(harness.db, harness.userId, {
      simConfig: { profile: 'hunter="broken"\nspec=beast_mastery\nmax_time=banana\n' },
      sentinelConfig: { seed: 1, chunkIterations: 100, strategy: { kind: 'fixed', iterations: 100 } },
    });
    const job = await harness.platform.watch(jobId, () => undefined);
    expect(job.status).toBe('failed');
    expect(job.meta.reason).toBe('config_rejected');
    expect(String(job.meta.message)).toMatch(/max_time/);
    expect(harness.logger.events('job_rejected').some((l) => l.jobId === jobId)).toBe(true);
  });

  it('fails a job whose chunk fails on every attempt (poison chunk)', async () => {
    const poisoned = await node('poisoned', {
      entry: MISBEHAVING_NODE,
      env: { SIMFORGE_TEST_WORKER: 'always-failing' },
    });
    const submitted = await harness.platform.submit({ profile, iterations: 1_000, seed: 13 });
    if (!submitted.ok) throw new Error(JSON.stringify(submitted.errors));
    const job = await harness.platform.watch(submitted.jobId, () => undefined);
    expect(job.status).toBe('failed');
    expect(job.meta.reason).toBe('chunk_failed');
    expect(JSON.stringify(job.meta.detail)).toMatch(/deliberate failure/);
    const failures = poisoned.events.filter((e) => e.event === 'chunk_failed' && e.jobId === submitted.jobId);
    expect(failures.length).toBe(3);
  });

  it("finishes a small job long before another user's huge job, which is then cancelled", async () => {
    await Promise.all([node('fair-a'), node('fair-b')]);
    const otherUser = await createUser(harness.db);
    const other = harness.platformFor(otherUser);
    const big = await other.submit({ profile, iterations: 1_000_000, seed: 14 });
    if (!big.ok) throw new Error(JSON.stringify(big.errors));
    const bigProgress: number[] = [];
    const bigFinished = other.watch(big.jobId, (p) => bigProgress.push(p.iterationsDone));
    // Let the big job occupy both nodes first.
    await new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (bigProgress.length > 0) {
          clearInterval(check);
          resolve();
        }
      }, 100);
    });
    const small = await harness.platform.submit({ profile, iterations: 10_000, seed: 15 });
    if (!small.ok) throw new Error(JSON.stringify(small.errors));
    const smallJob = await harness.platform.watch(small.jobId, () => undefined);
    expect(smallJob.status).toBe('completed');
    const bigRow = await readJob(harness.db, otherUser, big.jobId);
    expect(bigRow?.status).toBe('running');
    // The small job waits only for the runs already issued (one running and one queued per
    // slot, each sized to ~2 s), not for the big job: it is done while the big one is far from.
    expect(bigProgress.at(-1) ?? 0).toBeLessThan(500_000);
    expect(await other.cancel(big.jobId)).toBe(true);
    const bigJob = await bigFinished;
    expect(bigJob.status).toBe('failed');
    expect(bigJob.meta.reason).toBe('cancelled');
  });
});
