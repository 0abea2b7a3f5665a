// The game data a job needs, resolved once per job config through the 3-layer resolver:
// memory (LRU), disk (CACHE_DIR/gamedata, by patch), then the sentinel's read-only route.
// Chunks of one job share one bundle, which also lets the worker reuse its compiled
// simulation for the job's later chunks.

import type { JobConfigResponse } from '@simforge/common';
import { jobGameData, ProfileRejectedError } from '@simforge/engine';
import {
  type GameDataBundle,
  GameDataError,
  type GameDataRequest,
  GameDataResolver,
  loadBundle,
  SentinelGameDataOrigin,
} from '@simforge/gamedata';
import { type SentinelClient, SentinelUnreachableError } from './sentinel-client.ts';

/** Bundles kept per config hash: a node works on a handful of jobs at a time. */
const MAX_BUNDLES = 8;

export interface JobGameData {
  forConfig(config: JobConfigResponse): Promise<GameDataBundle>;
  /**
   * The patch the resolver holds, which the node reports when it claims; null when it cannot
   * tell (the sentinel has none, or is away: the claim itself then says which).
   */
  patch(recheck: boolean): Promise<string | null>;
}

export function createJobGameData(options: {
  baseUrl: string;
  cacheDir: string;
  client: Pick<SentinelClient, 'signedGet'>;
}): JobGameData {
  const resolver = new GameDataResolver({
    origin: new SentinelGameDataOrigin({
      baseUrl: options.baseUrl,
      // The origin builds absolute URLs; the signature covers the path and query as sent.
      signedFetch: (url, init) => {
        const parsed = new URL(url);
        return options.client.signedGet(`${parsed.pathname}${parsed.search}`, init.headers);
      },
    }),
    diskCacheDir: options.cacheDir,
  });
  const bundles = new Map<string, Promise<GameDataBundle>>();

  const load = async (config: JobConfigResponse): Promise<GameDataBundle> => {
    let request: GameDataRequest;
    try {
      // A profileset's base and variants, or the one profile.
      request = jobGameData(config.simConfig.profile);
    } catch (err) {
      const first = err instanceof ProfileRejectedError ? err.errors[0] : undefined;
      throw new Error(
        `profile rejected: ${first ? `line ${first.line}:${first.column} ${first.message}` : (err as Error).message}`,
      );
    }
    try {
      return await loadBundle(resolver, request);
    } catch (err) {
      // The origin (the sentinel) was away or answered 5xx: a transient condition, so the
      // claim loop releases the chunk without blame instead of reporting an engine failure.
      if (err instanceof GameDataError && err.code === 'SF_GAMEDATA_ORIGIN') {
        throw new SentinelUnreachableError(`game data: ${err.message}`, { cause: err });
      }
      throw err;
    }
  };

  return {
    async patch(recheck) {
      try {
        return await resolver.currentPatch({ recheck });
      } catch (err) {
        if (err instanceof GameDataError) return null;
        throw err;
      }
    },
    forConfig(config) {
      let bundle = bundles.get(config.hash);
      if (!bundle) {
        if (bundles.size >= MAX_BUNDLES) bundles.clear();
        bundle = load(config);
        bundles.set(config.hash, bundle);
        // A failed load (sentinel away) must be retried by the next chunk, not remembered.
        bundle.catch(() => {
          if (bundles.get(config.hash) === bundle) bundles.delete(config.hash);
        });
      }
      return bundle;
    },
  };
}
