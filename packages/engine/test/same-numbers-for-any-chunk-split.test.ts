import { readFileSync } from 'node:fs';
import {
  type ChunkPartial,
  encodeChunkPartial,
  encodeJobResult,
  mergeAllPartials,
  mergePartials,
} from '@simforge/common';
import type { GameDataBundle } from '@simforge/gamedata';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSimulation, parseProfile, planJob, requiredGameData, runChunk } from '../src/index.ts';
import type { Profile } from '../src/profile/profile-types.ts';
import { fixtureBundle } from './support/fixture-bundle.ts';

const PROFILE = readFileSync(new URL('../profiles/beast-mastery.simc', import.meta.url), 'utf8');
const SEED = 20240611;
let profile: Profile;
let data: GameDataBundle;

beforeAll(async () => {
  const parsed = parseProfile(PROFILE);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  profile = parsed.profile;
  data = await fixtureBundle(requiredGameData(profile));
});

const bytes = (p: ChunkPartial) => Buffer.from(encodeChunkPartial(p)).toString('hex');

describe('the same profile and seed give the same numbers for any split into chunks', () => {
  it('each iteration has the same DPS alone, in a range, in a fresh simulation, in any order', () => {
    const a = createSimulation(profile, data);
    const whole = a.runIterations(0, 30, SEED);
    const singles = Array.from({ length: 30 }, (_, i) => a.runIterations(i, 1, SEED));
    const b = createSimulation(profile, data);
    const reversed = Array.from({ length: 30 }, (_, k) => b.runIterations(29 - k, 1, SEED)).reverse();
    for (let i = 0; i < 30; i++) expect(reversed[i]!.dpsSumMilli).toBe(singles[i]!.dpsSumMilli);
    expect(singles.reduce((s, p) => s + p.dpsSumMilli, 0n)).toBe(whole.dpsSumMilli);
    // Different iterations really differ (the stream depends on the index).
    expect(new Set(singles.map((p) => p.dpsSumMilli)).size).toBeGreaterThan(25);
  });

  it('merged bytes do not depend on the split or the merge grouping', () => {
    const sim = createSimulation(profile, data);
    const whole = sim.runIterations(0, 40, SEED);
    const x = sim.runIterations(0, 7, SEED);
    const y = sim.runIterations(7, 20, SEED);
    const z = sim.runIterations(27, 13, SEED);
    expect(bytes(mergePartials(mergePartials(x, y), z))).toBe(bytes(whole));
    expect(bytes(mergePartials(x, mergePartials(y, z)))).toBe(bytes(whole));
    expect(bytes(mergeAllPartials([z, x, y]))).toBe(bytes(whole));
    expect(Buffer.from(encodeJobResult(mergeAllPartials([x, y, z])))).toEqual(
      Buffer.from(encodeJobResult(whole)),
    );
  });

  it('runChunk with the planned job gives what createSimulation gives', () => {
    const plan = planJob(PROFILE, { iterations: 20, seed: SEED });
    if (!plan.ok) throw new Error('plan refused');
    const partial = runChunk({ ...plan, gameData: data, firstIteration: 5, count: 10 });
    expect(bytes(partial)).toBe(bytes(createSimulation(profile, data).runIterations(5, 10, SEED)));
  });

  it('a different seed gives different numbers', () => {
    const sim = createSimulation(profile, data);
    expect(sim.runIterations(0, 5, 1).dpsSumMilli).not.toBe(sim.runIterations(0, 5, 2).dpsSumMilli);
  });
});

describe("planJob sizes chunks by the job, and a fixed job's bytes do not depend on it", () => {
  const chunkOf = (iterations: number, targetErrorPct?: number) => {
    const plan = planJob(PROFILE, { iterations, targetErrorPct });
    if (!plan.ok) throw new Error('plan failed');
    return plan.sentinelConfig.chunkIterations;
  };

  it('gives large fixed jobs larger chunks (at least 256 of them, at most 25,000 iterations each)', () => {
    expect(
      [1_000, 10_000, 100_000, 256_000, 1_000_000, 10_000_000, 100_000_000].map((n) => chunkOf(n)),
    ).toEqual([1_000, 1_000, 1_000, 1_000, 4_000, 25_000, 25_000]);
    // A target-error job stops on a chunk boundary: its grid stays fine whatever its cap.
    expect(chunkOf(10_000_000, 0.1)).toBe(1_000);
  });

  it('merges a job planned in 4,000-iteration chunks to the bytes of the same job in 1,000s', () => {
    const plan = planJob(PROFILE, { iterations: 8_000, seed: SEED, chunkIterations: 4_000 });
    if (!plan.ok) throw new Error('plan failed');
    const run = (chunk: number) =>
      mergeAllPartials(
        Array.from({ length: 8_000 / chunk }, (_, i) =>
          runChunk({ ...plan, gameData: data, firstIteration: i * chunk, count: chunk }),
        ),
      );
    expect(bytes(run(4_000))).toBe(bytes(run(1_000)));
  });
});
