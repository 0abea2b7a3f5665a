// The scheduler's gate: a sim_config the engine rejects fails its job at once, with the
// engine's messages (line and column) in meta, instead of failing on every node later. With
// game data imported it runs the nodes' whole check against it (talent string, talent and
// spell names, items), and records what the talents are for the job's result.

import { checkProfileWithData, formatProfileError, type ProfileCheck } from '@simforge/engine';
import { GameDataError, type GameDataSource, loadBundle } from '@simforge/gamedata';
import type { SimConfigVerdict } from './options.ts';

/** A failure to read the game data, told apart from the engine failing on the profile. */
class LoadFailure extends Error {
  constructor(readonly failure: unknown) {
    super('game data load failed');
  }
}

export async function engineSimConfigCheck(
  simConfig: unknown,
  gameData: GameDataSource,
): Promise<SimConfigVerdict> {
  const profile = (simConfig as { profile?: unknown } | null)?.profile;
  if (typeof profile !== 'string') return { ok: false, message: 'sim_config.profile must be a string' };
  let check: ProfileCheck;
  try {
    check = await checkProfileWithData(profile, (request) =>
      loadBundle(gameData, request).catch((failure: unknown) => {
        throw new LoadFailure(failure);
      }),
    );
  } catch (error) {
    if (error instanceof LoadFailure) {
      const { failure } = error;
      // Nothing imported yet: the job runs unpinned and the nodes check what they can.
      if (failure instanceof GameDataError && failure.code === 'SF_GAMEDATA_NO_PATCH') {
        return { ok: true, patch: null };
      }
      // The database away, say: the job stays pending and the next sweep tries again.
      throw failure;
    }
    // The engine itself failed on this profile; every node would fail the same way.
    return { ok: false, message: `the engine failed on this profile: ${(error as Error).message}` };
  }
  if (!check.ok) {
    return { ok: false, message: check.errors.map(formatProfileError).join('\n'), errors: check.errors };
  }
  const { talents, warnings, character } = check;
  return { ok: true, report: { talents, warnings, character }, patch: check.patch };
}
