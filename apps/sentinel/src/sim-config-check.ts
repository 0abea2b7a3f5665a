// The scheduler's gate: a sim_config the engine rejects fails its job at once, with the
// engine's messages (line and column) in meta, instead of failing on every node later. With
// game data imported it runs the nodes' whole check against it (talent string, talent and
// spell names, items), and records what the talents are for the job's result.

import { checkProfileWithData, formatProfileError } from '@simforge/engine';
import { GameDataError, type GameDataSource, loadBundle } from '@simforge/gamedata';
import type { SimConfigVerdict } from './options.ts';

export async function engineSimConfigCheck(
  simConfig: unknown,
  gameData: GameDataSource,
): Promise<SimConfigVerdict> {
  const profile = (simConfig as { profile?: unknown } | null)?.profile;
  if (typeof profile !== 'string') return { ok: false, message: 'sim_config.profile must be a string' };
  try {
    const check = await checkProfileWithData(profile, (request) => loadBundle(gameData, request));
    if (check.ok) return { ok: true, talents: check.talents };
    return { ok: false, message: check.errors.map(formatProfileError).join('\n'), errors: check.errors };
  } catch (error) {
    if (!(error instanceof GameDataError)) throw error;
    // Nothing imported yet: the job runs unpinned and the nodes check what they can.
    if (error.code === 'SF_GAMEDATA_NO_PATCH') return { ok: true };
    // A profile naming more records than one request may hold is the profile's fault.
    if (error.code === 'SF_GAMEDATA_BAD_KEY') return { ok: false, message: error.message };
    // Anything else (the database away) leaves the job pending for the next sweep.
    throw error;
  }
}
