// Profilesets as platform jobs on real node processes. A 20-variant profileset on two nodes,
// one killed with SIGKILL midway (its chunks come back after the lease): the job's result_pb,
// variants included, is byte-identical to `simforge sim` on one thread. A raced profileset (a
// target error) on two nodes: each stage waits for the one before it, each chunk runs the
// variants its stage kept, and the stops and bytes are simforge sim's.
import { createHash } from 'node:crypto';
import { decodeJobResult } from '@simforge/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killMidJob } from './support/kill-mid-job.ts';
import { removeNodeDirs, type TestNode } from './support/node-processes.ts';
import { type PlatformHarness, startPlatform } from './support/platform-harness.ts';
import { runSimforgeSim } from './support/simforge-sim.ts';
import { RACED_PROFILE, shortFightProfile } from './support/test-profiles.ts';

const ITERATIONS = 600;
const SEED = 31;
const VARIANTS = Array.from({ length: 20 }, (_, i) =>
  i === 0
    ? 'profileset.same+=gear_agility=2400'
    : `profileset."agility ${2400 + i * 40}"+=gear_agility=${2400 + i * 40}`,
);
const profile = `${shortFightProfile(20).trimEnd()}\n${VARIANTS.join('\n')}\n`;

/** The job completed with the bytes `simforge sim` printed the digest of; its result, decoded. */
async function sameBytesAsSim(
  job: { status: string; meta: unknown; resultHex: string | null },
  local: ReturnType<typeof runSimforgeSim>,
) {
  expect(job.status, JSON.stringify(job.meta)).toBe('completed');
  const bytes = Buffer.from(job.resultHex!.slice(2), 'hex');
  const sim = await local;
  expect(sim.code, sim.err).toBe(0);
  expect(createHash('sha256').update(bytes).digest('hex')).toBe(
    /result sha256: ([0-9a-f]{64})/.exec(sim.out)?.[1],
  );
  return decodeJobResult(bytes);
}

describe('profileset jobs over node processes [pglite]', () => {
  let harness: PlatformHarness;
  const nodes: TestNode[] = [];
  beforeAll(async () => {
    harness = await startPlatform('pglite', { leaseMs: 3_000, heartbeatMs: 1_000, reclaimIntervalMs: 250 });
  });
  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.stop('SIGKILL')));
    await harness?.close();
    await removeNodeDirs();
  });

  it('gives the bytes of simforge sim on one thread, every variant paired', async () => {
    const local = runSimforgeSim(profile, [
      '--iterations',
      String(ITERATIONS),
      '--seed',
      String(SEED),
      '--threads',
      '1',
    ]);
    const [victim, survivor] = await Promise.all([
      harness.linkedNode('victim'),
      harness.linkedNode('survivor'),
    ]);
    nodes.push(victim!, survivor!);
    const submitted = await harness.platform.submit({ profile, iterations: ITERATIONS, seed: SEED });
    if (!submitted.ok) throw new Error(JSON.stringify(submitted.errors));
    const finished = harness.platform.watch(submitted.jobId, () => undefined);
    await killMidJob(harness, victim!, submitted.jobId);

    const view = await sameBytesAsSim(await finished, local);
    expect(view.profilesets).toHaveLength(20);
    expect(view.profilesets[0]).toMatchObject({
      name: 'same',
      iterations: ITERATIONS,
      diffMean: 0,
      diffHalfWidth95: 0,
    });
    expect(view.profilesets[19]!.diffMean).toBeGreaterThan(view.profilesets[1]!.diffMean);
  }, 300_000);

  it('races a profileset to a target error over two nodes: the stages and stops of simforge sim, byte for byte', async () => {
    const local = runSimforgeSim(RACED_PROFILE, ['--seed', String(SEED), '--threads', '1']);
    const third = await harness.linkedNode('third');
    nodes.push(third!);
    const submitted = await harness.platform.submit({ profile: RACED_PROFILE, seed: SEED });
    if (!submitted.ok) throw new Error(JSON.stringify(submitted.errors));
    const view = await sameBytesAsSim(await harness.platform.watch(submitted.jobId, () => undefined), local);
    const stops = Object.fromEntries(
      view.profilesets.map((p) => [
        p.name,
        [p.iterations, p.stoppedBehind && !p.stoppedBehind.base ? p.stoppedBehind.name : p.stoppedBehind],
      ]),
    );
    expect(stops).toMatchObject({
      'crit +60': [view.iterations, null],
      'vers -60': [1001, 'crit +60'],
    });
  }, 300_000);
});
