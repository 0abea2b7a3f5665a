// Trust no node, end to end: a real sentinel on real Postgres, real node processes of three
// volunteers (Alice and Bob honest, Mallory not) computing a job of a fourth user who has no
// node. Whatever Mallory does, the job's result_pb is byte-identical to `simforge sim` of the
// same job, a liar is quarantined, and nothing it computed stays in the result.
import { createHash } from 'node:crypto';
import { createUser } from '@simforge/db/testing';
import { planJob } from '@simforge/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertJob } from '../src/local-jobs.ts';
import { MISBEHAVING_NODE, removeNodeDirs, type TestNode } from './support/node-processes.ts';
import { type PlatformHarness, startPlatform } from './support/platform-harness.ts';
import { simforgeSimSha256 } from './support/simforge-sim.ts';
import { shortFightProfile } from './support/test-profiles.ts';

const profile = shortFightProfile(20);
const ITERATIONS = 3_000;
const CHUNK_ITERATIONS = 50;
const SEED = 20261201;

let simSha256: Promise<string>;
beforeAll(() => {
  simSha256 = simforgeSimSha256(profile, ITERATIONS, SEED);
  simSha256.catch(() => undefined);
});

describe('lying volunteers [postgres]', () => {
  let harness: PlatformHarness;
  beforeAll(async () => {
    harness = await startPlatform('postgres');
  });
  afterAll(async () => {
    await harness?.close();
    await removeNodeDirs();
  });

  async function runWithLiar(lie: string) {
    const [alice, bob, mallory] = [
      await createUser(harness.db),
      await createUser(harness.db),
      await createUser(harness.db),
    ];
    const nodes: TestNode[] = await Promise.all([
      harness.linkedNode(`alice-${lie}`, { userId: alice }),
      harness.linkedNode(`bob-${lie}`, { userId: bob }),
      harness.linkedNode(`mallory-${lie}`, {
        userId: mallory,
        entry: MISBEHAVING_NODE,
        env: { SIMFORGE_TEST_WORKER: 'lying', SIMFORGE_TEST_LIE: lie },
      }),
    ]);
    const liarKey = String((await nodes[2]!.waitFor('registered')).publicKey);
    try {
      const planned = planJob(profile, {
        iterations: ITERATIONS,
        seed: SEED,
        chunkIterations: CHUNK_ITERATIONS,
      });
      if (!planned.ok) throw new Error(JSON.stringify(planned.errors));
      const jobId = await insertJob(harness.db, harness.userId, planned);
      const finished = await harness.platform.watch(jobId, () => undefined);
      await harness.sentinel.idle();
      const { rows } = await harness.db.query<{ status: string }>(
        'SELECT status FROM public.nodes WHERE public_key = $1',
        [liarKey],
      );
      return { finished, liarKey, liarStatus: rows[0]!.status };
    } finally {
      await Promise.all(nodes.map((n) => n.stop('SIGKILL')));
    }
  }

  const sha256 = (hex: string) =>
    createHash('sha256')
      .update(Buffer.from(hex.slice(2), 'hex'))
      .digest('hex');
  const credited = (meta: Record<string, unknown>) =>
    ((meta.nodes ?? []) as { publicKey: string }[]).map((n) => n.publicKey);

  it.each([
    ['scale', 'scales every statistic of every partial by 1.5'],
    ['rare', 'lies on 1 chunk in 50'],
    ['no-engine', 'returns made-up partials without running the engine'],
  ])(
    'gives the fault-free bytes when Mallory %s (%s), and quarantines Mallory',
    async (lie) => {
      const { finished, liarKey, liarStatus } = await runWithLiar(lie);
      expect(finished.status, JSON.stringify(finished.meta)).toBe('completed');
      expect(sha256(finished.resultHex!)).toBe(await simSha256);
      expect(liarStatus).toBe('quarantined');
      expect(credited(finished.meta)).not.toContain(liarKey);
      expect(harness.logger.events('node_quarantined').some((e) => e.nodeKey === liarKey)).toBe(true);
    },
    180_000,
  );

  it('completes with the fault-free bytes when every partial of Mallory is refused', async () => {
    const { finished, liarKey } = await runWithLiar('crude');
    expect(finished.status, JSON.stringify(finished.meta)).toBe('completed');
    expect(sha256(finished.resultHex!)).toBe(await simSha256);
    expect(credited(finished.meta)).not.toContain(liarKey);
    const refusals = harness.logger.events('node_refused').filter((e) => e.nodeKey === liarKey);
    expect(refusals.length).toBeGreaterThan(0);
    // Never the same chunk twice from Mallory.
    expect(new Set(refusals.map((e) => `${e.jobId}:${e.chunkIndex}`)).size).toBe(refusals.length);
  }, 180_000);
});
