// GET /v1/gamedata?ids=spell:34026,spec:253: the read-only game data a node's resolver fetches
// on a cache miss, batched by record key (docs/gamedata.md has the record shapes). The answer
// to a URL is a pure function of (patch, ids), so the ETag is the patch and a client that
// already has it gets 304. Without ids it answers the patch alone.

import { type GameDataResponse, NODE_PROTOCOL_LIMITS } from '@simforge/common';
import { type GameDataSource, parseRecordKey, type RecordKey } from '@simforge/gamedata';
import { ApiError } from '../api-errors.ts';

const MAX_GAMEDATA_KEYS = NODE_PROTOCOL_LIMITS.gamedataKeysMax;

export interface GameDataAnswer {
  status: 200 | 304;
  etag: string;
  body?: GameDataResponse;
}

export async function answerGameData(
  source: GameDataSource | undefined,
  ids: string | null,
  ifNoneMatch: string | undefined,
): Promise<GameDataAnswer> {
  if (source === undefined)
    throw new ApiError('SF_SENTINEL_GAMEDATA_UNAVAILABLE', 'this sentinel serves no game data');
  const keys: RecordKey[] = [];
  for (const text of (ids ?? '').split(',').filter((t) => t !== '')) {
    const parsed = parseRecordKey(text);
    if (!parsed)
      throw new ApiError('SF_REQUEST_INVALID', `'${text.slice(0, 40)}' is not a game-data key (kind:id)`);
    keys.push(parsed.key);
  }
  if (keys.length > MAX_GAMEDATA_KEYS) {
    throw new ApiError('SF_REQUEST_INVALID', `at most ${MAX_GAMEDATA_KEYS} keys per request`);
  }
  let batch: GameDataResponse;
  try {
    batch =
      keys.length > 0 ? await source.fetchRecords(keys) : { patch: await source.currentPatch(), records: {} };
  } catch (error) {
    throw new ApiError('SF_SENTINEL_GAMEDATA_UNAVAILABLE', (error as Error).message, 5);
  }
  const etag = `"${batch.patch}"`;
  if (ifNoneMatch === etag) return { status: 304, etag };
  return { status: 200, etag, body: batch };
}
