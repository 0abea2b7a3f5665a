// Pins the bytes of the default profile's JobResult (and the numbers of its timeline) for a
// small fixed run. Refactors of the engine (the spec registry, renames on the wire) must not
// change a single result: a changed digest here means the simulation itself changed, and
// that has to be a deliberate, documented decision rather than a side effect.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type ChunkPartial, encodeJobResult, mergeAllPartials } from '@simforge/common';
import { describe, expect, it } from 'vitest';
import { planJob, requiredGameData, runChunk } from '../src/index.ts';
import { fixtureBundle } from './support/fixture-bundle.ts';

const PROFILE = readFileSync(new URL('../profiles/beast-mastery.simc', import.meta.url), 'utf8');
const ITERATIONS = 200;
const SEED = 424242;
const CHUNK_ITERATIONS = 50;

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

describe('the default profile', () => {
  it('gives the same JobResult bytes and timeline numbers as before', async () => {
    const plan = planJob(PROFILE, { iterations: ITERATIONS, seed: SEED, chunkIterations: CHUNK_ITERATIONS });
    if (!plan.ok) throw new Error(JSON.stringify(plan.errors));
    const gameData = await fixtureBundle(requiredGameData(plan.profile));
    const partials: ChunkPartial[] = [];
    for (let first = 0; first < ITERATIONS; first += CHUNK_ITERATIONS) {
      partials.push(
        runChunk({
          simConfig: plan.simConfig,
          sentinelConfig: plan.sentinelConfig,
          gameData,
          firstIteration: first,
          count: CHUNK_ITERATIONS,
        }),
      );
    }
    const merged = mergeAllPartials(partials);
    expect(sha256(encodeJobResult(merged))).toBe(
      '861179d0aaf633448ae6fa6a8c31899201f93a08842d1a52b8811174c409c304',
    );
    // The timeline is not in result_pb; its numbers are pinned by value so that renaming
    // its fields on the wire cannot hide a change in what the engine samples.
    const { damage, resourceMilli, samples } = merged.timeline;
    expect(sha256(JSON.stringify([damage, resourceMilli, samples]))).toBe(
      'd8a04ac03d133afb69b8051959c0f5922932f9e63cff4f2da1e84d762365bff5',
    );
  });
});
