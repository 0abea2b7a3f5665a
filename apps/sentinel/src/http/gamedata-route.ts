// GET /v1/gamedata[/{table}?ids=...]: the read-only game data a node's resolver fetches on a
// cache miss, batched by id. Answers for a URL change only with the patch, so the ETag is the
// patch and a client with it gets 304.

import { ApiError } from '../api-errors.ts';

/** Where game data comes from (the game-data package's SQL source, over the sentinel's db). */
export interface GameDataOrigin {
  /** The imported patch version, or null when no game data is imported. */
  patch(): Promise<string | null>;
  tables(): readonly string[];
  rows(table: string, ids: readonly number[]): Promise<{ rows: unknown[]; missing: number[] }>;
}

export const MAX_GAMEDATA_IDS = 500;

export interface GameDataAnswer {
  status: 200 | 304;
  etag: string;
  body?: unknown;
}

export async function answerGameData(
  origin: GameDataOrigin | undefined,
  table: string | undefined,
  query: URLSearchParams,
  ifNoneMatch: string | undefined,
): Promise<GameDataAnswer> {
  if (origin === undefined) throw new ApiError('GAMEDATA_UNAVAILABLE', 'this sentinel serves no game data');
  let patch: string | null;
  try {
    patch = await origin.patch();
  } catch (error) {
    throw new ApiError('GAMEDATA_UNAVAILABLE', (error as Error).message, 5);
  }
  if (patch === null) throw new ApiError('GAMEDATA_UNAVAILABLE', 'no game data imported yet', 30);
  const etag = `"${patch}"`;
  if (table === undefined) return { status: 200, etag, body: { patch, tables: origin.tables() } };
  if (!origin.tables().includes(table)) throw new ApiError('GAMEDATA_TABLE_UNKNOWN', table);
  if (ifNoneMatch === etag) return { status: 304, etag };
  const raw = query.get('ids') ?? '';
  const ids = raw === '' ? [] : raw.split(',').map(Number);
  if (ids.length > MAX_GAMEDATA_IDS || ids.some((id) => !Number.isSafeInteger(id) || id < 0)) {
    throw new ApiError('REQUEST_INVALID', `ids must be at most ${MAX_GAMEDATA_IDS} non-negative integers`);
  }
  try {
    const { rows, missing } = await origin.rows(table, ids);
    return { status: 200, etag, body: { patch, table, rows, missing } };
  } catch (error) {
    throw new ApiError('GAMEDATA_UNAVAILABLE', (error as Error).message, 5);
  }
}
