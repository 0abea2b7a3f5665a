// Two real node processes on real HTTP run a job; its result_pb is byte-identical to
// `simforge sim` on the same profile and seed, on both database drivers.
import { createHash } from 'node:crypto';
import { decodeJobResult } from '@simforge/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeNodeDirs, type TestNode } from './support/node-processes.ts';
import { type PlatformHarness, startPlatform } from './support/platform-harness.ts';
import { simforgeSimSha256 } from './support/simforge-sim.ts';
import { shortFightProfile } from './support/test-profiles.ts';

const ITERATIONS = Number(process.env.SIMFORGE_E2E_ITERATIONS ?? 100_000);
const SEED = 20261126;
// With a line the engine accepts but does not simulate, so the warnings travel too.
const profile = `${shortFightProfile(20)}\npotion=tempered_potion_3\n`;

let simSha256: Promise<string>;
beforeAll(() => {
  simSha256 = simforgeSimSha256(profile, ITERATIONS, SEED);
  // Surfaces in the test that awaits it; keeps an early failure from being unhandled.
  simSha256.catch(() => undefined);
});

describe.each(['pglite', 'postgres'] as const)('a job over two node processes [%s]', (kind) => {
  let harness: PlatformHarness;
  let nodes: TestNode[] = [];
  beforeAll(async () => {
    harness = await startPlatform(kind);
    nodes = await Promise.all([harness.linkedNode('node-a'), harness.linkedNode('node-b')]);
  });
  afterAll(async () => {
    await harness?.close();
    await removeNodeDirs();
  });

  it(`completes ${ITERATIONS} iterations with result_pb byte-identical to simforge sim`, async () => {
    const submitted = await harness.platform.submit({ profile, iterations: ITERATIONS, seed: SEED });
    if (!submitted.ok) throw new Error(JSON.stringify(submitted.errors));
    const progress: number[] = [];
    const finished = await harness.platform.watch(submitted.jobId, (p) => progress.push(p.iterationsDone));
    expect(finished.status, JSON.stringify(finished.meta)).toBe('completed');
    const actual = Buffer.from(finished.resultHex!.slice(2), 'hex');
    expect(createHash('sha256').update(actual).digest('hex')).toBe(await simSha256);
    // Those bytes hold the talents the sentinel read at admission, as simforge sim reads them.
    const talents = decodeJobResult(actual).talents;
    expect(talents?.heroTree).toBe('Pack Leader');
    expect(talents?.talents.some((t) => t.token === 'kill_command' && t.modelled)).toBe(true);
    expect(decodeJobResult(actual).warnings.map((w) => w.message)).toEqual([
      'potion=tempered_potion_3: not simulated yet (the sim runs without it)',
    ]);
    const contributors = (finished.meta.nodes ?? []) as { iterations: number }[];
    expect(contributors.length).toBe(2);
    expect(contributors.reduce((sum, n) => sum + n.iterations, 0)).toBe(ITERATIONS);
    // Every line a node wrote was a structured log line.
    for (const node of nodes) expect(node.events.filter((e) => e.event === 'stderr_text')).toEqual([]);
  }, 600_000);
});
