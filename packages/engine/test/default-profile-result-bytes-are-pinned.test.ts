// Pins the bytes of the default profile's JobResult (and the numbers of its timeline) for a
// small fixed run. Refactors of the engine (the spec registry, renames on the wire) must not
// change a single result: a changed digest here means the simulation itself changed, and
// that has to be a deliberate, documented decision rather than a side effect.
// Last deliberate changes: the raid's buffs and debuffs (SimulationCraft's optimal_raid=1
// default) apply, Bloodlust included; with `override.bloodlust=0` the profile gives the digests
// before Bloodlust (864aa0af..., a0ad34c0...), with `optimal_raid=0` those before the raid
// (137690b1..., 38585924...), see docs/engine.md.
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
      'bd443bfc16b30b9f74361e7c04946fb9ed4c3541d393c2ba2a2c3affaf40a8a5',
    );
    // The timeline is not in result_pb; its numbers are pinned by value so that renaming
    // its fields on the wire cannot hide a change in what the engine samples.
    const { damage, resourceMilli, samples } = merged.timeline;
    expect(sha256(JSON.stringify([damage, resourceMilli, samples]))).toBe(
      '3e36ad302465d42b8bff21e2c64075334a85de85a19e2e48790a78dc7e39b25a',
    );
  });
});
