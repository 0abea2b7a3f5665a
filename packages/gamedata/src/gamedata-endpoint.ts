import type { GameDataErrorCode } from './errors.ts';
import { type GameDataSource, parseRecordKey, type RecordKey } from './records.ts';

/** Most keys one request may ask for; a resolver splits larger batches. */
export const GAMEDATA_ENDPOINT_MAX_KEYS = 1000;

export interface GameDataEndpointResponse {
  status: 200 | 304 | 400;
  headers: Record<string, string>;
  /** JSON text; empty for 304. */
  body: string;
}

/**
 * The sentinel's `GET /v1/gamedata` as a framework-free function (the sentinel mounts it after
 * verifying the node's signature): `ids` is the raw query parameter, `ifNoneMatch` the header.
 * Errors use the API's `{ "error": { "code", "message" } }` shape.
 */
export async function handleGameDataRequest(
  source: GameDataSource,
  request: { ids: string | null; ifNoneMatch?: string | null },
): Promise<GameDataEndpointResponse> {
  const keys: RecordKey[] = [];
  for (const text of (request.ids ?? '').split(',').filter((t) => t !== '')) {
    const parsed = parseRecordKey(text);
    if (!parsed) return badRequest(`'${text.slice(0, 40)}' is not a game-data key (kind:id)`);
    keys.push(parsed.key);
  }
  if (keys.length > GAMEDATA_ENDPOINT_MAX_KEYS) {
    return badRequest(`at most ${GAMEDATA_ENDPOINT_MAX_KEYS} keys per request`);
  }
  const batch =
    keys.length > 0 ? await source.fetchRecords(keys) : { patch: await source.currentPatch(), records: {} };
  // The answer is a pure function of (patch, ids), so the patch is a valid entity tag.
  const etag = `"${batch.patch}"`;
  const headers = { etag, 'cache-control': 'no-cache', 'content-type': 'application/json' };
  if (request.ifNoneMatch === etag) return { status: 304, headers, body: '' };
  return { status: 200, headers, body: JSON.stringify(batch) };
}

function badRequest(message: string): GameDataEndpointResponse {
  const code: GameDataErrorCode = 'SF_GAMEDATA_BAD_KEY';
  return {
    status: 400,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ error: { code, message } }),
  };
}
