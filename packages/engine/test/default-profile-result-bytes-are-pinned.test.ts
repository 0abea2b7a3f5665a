// Pins the bytes of the default profile's JobResult (and the numbers of its timeline) for a
// small fixed run. Refactors of the engine (the spec registry, renames on the wire) must not
// change a single result: a changed digest here means the simulation itself changed, and
// that has to be a deliberate, documented decision rather than a side effect.
// Last deliberate change: the raid's buffs and debuffs (SimulationCraft's optimal_raid=1
// default: Battle Shout, Mystic Touch, Chaos Brand) apply; with `optimal_raid=0` the profile
// still gives the previous digests (137690b1..., 38585924...), see docs/engine.md.
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
      '864aa0af34404205be21732ff53f61b167ea138e8eb95ea942965db165ed937f',
    );
    // The timeline is not in result_pb; its numbers are pinned by value so that renaming
    // its fields on the wire cannot hide a change in what the engine samples.
    const { damage, resourceMilli, samples } = merged.timeline;
    expect(sha256(JSON.stringify([damage, resourceMilli, samples]))).toBe(
      'a0ad34c02be9c4408afec8062ac53e8a2e374ed4514a3faa318c332afd0feb97',
    );
  });
});
