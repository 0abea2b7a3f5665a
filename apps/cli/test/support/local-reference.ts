// The reference a distributed job must match byte for byte: the same plan (planJob), the same
// chunk ranges as the sentinel's chunk plan, each chunk through the engine's runChunk
// in-process, merged in chunk order and encoded exactly as finalize_job encodes it.
import { encodeJobResult, mergeAllPartials } from '@simforge/common';
import { planJob, requiredGameData, runChunk } from '@simforge/engine';
import { type GameDataSource, loadBundle } from '@simforge/gamedata';

export async function referenceResult(
  source: GameDataSource,
  profile: string,
  overrides: { iterations: number; seed: number },
): Promise<Uint8Array> {
  const planned = planJob(profile, overrides);
  if (!planned.ok) throw new Error(`reference profile rejected: ${JSON.stringify(planned.errors)}`);
  const { sentinelConfig, simConfig } = planned;
  if (sentinelConfig.strategy.kind !== 'fixed') throw new Error('the reference runs fixed-iteration plans');
  const gameData = await loadBundle(source, requiredGameData(planned.profile));
  const total = sentinelConfig.strategy.iterations;
  const partials = [];
  for (let first = 0; first < total; first += sentinelConfig.chunkIterations) {
    const count = Math.min(sentinelConfig.chunkIterations, total - first);
    partials.push(runChunk({ simConfig, sentinelConfig, gameData, firstIteration: first, count }));
  }
  return encodeJobResult(mergeAllPartials(partials));
}
