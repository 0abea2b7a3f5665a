import { NODE_PROTOCOL_PATHS } from '@simforge/common';
import { GameDataError } from './errors.ts';
import type { AnyRecord, GameDataSource, RecordBatch, RecordKey } from './records.ts';

/** A fetch that signs the request as the node (from @simforge/common); the origin only builds URLs. */
export type SignedFetch = (
  url: string,
  init: { method: 'GET'; headers: Record<string, string> },
) => Promise<Response>;

export interface SentinelOriginOptions {
  /** The sentinel's base URL, e.g. `http://127.0.0.1:8700`. */
  baseUrl: string;
  signedFetch: SignedFetch;
  /** Keys per request; URLs stay well under common 8 KiB limits. */
  maxKeysPerRequest?: number;
}

/** The path of the sentinel's read-only game-data endpoint (the node protocol's, docs/protocol.md). */
export const GAMEDATA_PATH = NODE_PROTOCOL_PATHS.gamedata;

/**
 * Layer 3 for nodes: `GET /v1/gamedata?ids=spell:34026,spec:253` answered with
 * `{ "patch": "...", "records": { "spell:34026": {...}, "spec:253": null } }` and
 * `ETag: "<patch>"`. Without `ids` it answers the patch alone, and with
 * `If-None-Match: "<patch>"` a 304 when the patch has not changed.
 */
export class SentinelGameDataOrigin implements GameDataSource {
  private readonly baseUrl: string;
  private readonly maxKeys: number;
  private knownPatch: string | undefined;

  constructor(private readonly options: SentinelOriginOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.maxKeys = options.maxKeysPerRequest ?? 400;
  }

  async currentPatch(): Promise<string> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.knownPatch) headers['if-none-match'] = `"${this.knownPatch}"`;
    const response = await this.get(GAMEDATA_PATH, headers);
    if (response.status === 304 && this.knownPatch) return this.knownPatch;
    return (await this.readBatch(response)).patch;
  }

  async fetchRecords(keys: readonly RecordKey[]): Promise<RecordBatch> {
    const records: Record<string, AnyRecord | null> = {};
    let patch: string | undefined;
    for (let i = 0; i < keys.length || i === 0; i += this.maxKeys) {
      const part = keys.slice(i, i + this.maxKeys);
      const response = await this.get(`${GAMEDATA_PATH}?ids=${part.map(encodeURIComponent).join(',')}`, {
        accept: 'application/json',
      });
      const batch = await this.readBatch(response);
      if (patch !== undefined && batch.patch !== patch) {
        throw new GameDataError(
          'SF_GAMEDATA_ORIGIN',
          `the patch changed mid-request (${patch} -> ${batch.patch})`,
        );
      }
      patch = batch.patch;
      Object.assign(records, batch.records);
      if (keys.length === 0) break;
    }
    return { patch: patch as string, records };
  }

  private async get(path: string, headers: Record<string, string>): Promise<Response> {
    try {
      return await this.options.signedFetch(`${this.baseUrl}${path}`, { method: 'GET', headers });
    } catch (error) {
      throw new GameDataError(
        'SF_GAMEDATA_ORIGIN',
        `cannot reach ${this.baseUrl}: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
  }

  private async readBatch(response: Response): Promise<RecordBatch> {
    const text = await response.text();
    if (!response.ok) {
      throw new GameDataError(
        'SF_GAMEDATA_ORIGIN',
        `GET ${GAMEDATA_PATH} answered ${response.status}: ${text.slice(0, 200)}`,
      );
    }
    const body = parseBatch(text);
    this.knownPatch = body.patch;
    return body;
  }
}

/** Validates the wire shape of a batch answer. */
export function parseBatch(text: string): RecordBatch {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new GameDataError('SF_GAMEDATA_ORIGIN', 'the answer is not JSON', { cause: error });
  }
  const candidate = body as { patch?: unknown; records?: unknown };
  if (
    typeof candidate !== 'object' ||
    candidate === null ||
    typeof candidate.patch !== 'string' ||
    typeof candidate.records !== 'object' ||
    candidate.records === null ||
    Array.isArray(candidate.records)
  ) {
    throw new GameDataError('SF_GAMEDATA_ORIGIN', 'the answer is not { patch, records }');
  }
  return { patch: candidate.patch, records: candidate.records as Record<string, AnyRecord | null> };
}
