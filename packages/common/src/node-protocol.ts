// The node protocol (`/v1`, docs/protocol.md) as both ends see it: route paths, the limits the
// client must respect and the server enforces, and every request and response body. The
// sentinel (server), apps/node (client) and the tests import these, so a field renamed on one
// side fails to compile on the other instead of failing at run time between processes.
// Pure types and constants: the browser entry re-exports it. Signing headers are in
// signing-errors.ts (SIGNATURE_HEADERS); error codes in node-api-errors.ts.

import type { SentinelConfig, SimConfig } from './job-config.ts';
import type { NodeApiErrorCode } from './node-api-errors.ts';

export const NODE_PROTOCOL_PATHS = {
  register: '/v1/register',
  claim: '/v1/claim',
  complete: '/v1/complete',
  /** Several completes under one signature (what apps/node sends). */
  completes: '/v1/completes',
  fail: '/v1/fail',
  release: '/v1/release',
  heartbeat: '/v1/heartbeat',
  /** Followed by the config hash: `/v1/configs/{hash}`. */
  configsPrefix: '/v1/configs/',
  gamedata: '/v1/gamedata',
  /** The compiled node, a public download (no signature). */
  nodeBundle: '/v1/node.mjs',
} as const;

export function configPath(hash: string): string {
  return `${NODE_PROTOCOL_PATHS.configsPrefix}${hash}`;
}

export const NODE_PROTOCOL_LIMITS = {
  /** Longer fail reasons are cut, not refused: the reason is for people, not for routing. */
  failReasonMaxChars: 2_000,
  /** Claim refs in one release. */
  releaseClaimsMax: 4_096,
  /** Runs asked for in one claim (`max`); a node with more room asks again. */
  claimRunsMax: 4_096,
  /** Results in one batched complete (a run is at most 64 chunks; a node sends one per run). */
  completesMax: 256,
  /** Record keys in one `GET /v1/gamedata` (the node's origin sends at most 400). */
  gamedataKeysMax: 1_000,
} as const;

/** A config hash: the SHA-256 hex of the canonical JSON of both configs. */
export const CONFIG_HASH_PATTERN = /^[0-9a-f]{64}$/;

/** `POST /v1/register`. */
export interface RegisterRequest {
  name: string;
  totalCores: number;
  maxParallel: number;
  platform: string;
  version: string;
}

/** What register and heartbeat both tell a node about itself. */
export interface NodeStatus {
  linked: boolean;
  /** Null once linked. */
  claimCode: string | null;
  capacity: number;
  /** Runs the node may hold per slot (claims count against capacity x this). */
  runsPerSlot: number;
  leaseMs: number;
  heartbeatMs: number;
}

export interface RegisterResponse extends NodeStatus {
  publicKey: string;
}

/** `POST /v1/heartbeat` takes `{}`. */
export interface HeartbeatResponse extends NodeStatus {
  /** Claims this node holds, whose leases the heartbeat just renewed. */
  held: number;
}

/** `POST /v1/claim` (long-poll). */
export interface ClaimRequest {
  max: number;
  waitMs?: number;
  /**
   * What decides this node's bytes: its engine build (`@simforge/engine/build`) and the
   * game-data patch its resolver holds (null before it has asked). The sentinel hands a job's
   * chunks only to nodes matching the job's pin, and refuses a build it does not schedule.
   */
  engineBuild: string;
  gamedataPatch: string | null;
}

/** One attempt of one chunk: what complete, fail and release name. */
export interface ClaimRef {
  jobId: string;
  chunkIndex: number;
  /** 1-based count of issues of this chunk; echoed back. */
  attempt: number;
}

export interface ClaimedChunk extends ClaimRef {
  /**
   * Which run of this claim the chunk belongs to (0..max-1): a run is what one worker slot
   * runs, its chunks one after another, sized by the sentinel to take about targetRunMs on this
   * node; its results travel back in one batched complete.
   */
  run: number;
  firstIteration: number;
  iterations: number;
  /**
   * A raced profileset's chunk (target error with variants): the variants still in the race,
   * by index, ascending; the others' sums stay empty. Absent: every variant runs.
   */
  variants?: number[];
  configHash: string;
  /** ms since the epoch. */
  leaseExpiresAt: number;
}

export interface ClaimResponse {
  /** Empty: ask again. */
  chunks: ClaimedChunk[];
  leaseMs: number;
}

/** `POST /v1/complete`. */
export interface CompleteRequest extends ClaimRef {
  /** Standard base64 (padded) of the protobuf ChunkPartial. */
  partial: string;
}

export interface CompleteResponse {
  status: 'accepted' | 'duplicate';
}

/**
 * `POST /v1/completes`: several completes, each judged on its own, and optionally a claim made
 * right after them (no waiting), so a node reports and refills its runs in one request.
 */
export interface CompletesRequest {
  results: CompleteRequest[];
  claim?: Omit<ClaimRequest, 'waitMs'>;
}

/** Per result, in request order: what `/v1/complete` would have answered for it alone. */
export type CompleteOutcome = CompleteResponse | ({ status: 'refused' } & NodeApiErrorBody);

export interface CompletesResponse {
  results: CompleteOutcome[];
  /** When a claim was asked: what it got (maybe nothing), or why it got nothing. */
  claim?: ClaimResponse | NodeApiErrorBody;
}

/** `POST /v1/fail`. */
export interface FailRequest extends ClaimRef {
  reason: string;
}

export interface FailResponse {
  status: 'failed';
}

/** `POST /v1/release`: absent or empty `claims` releases everything the node holds. */
export interface ReleaseRequest {
  claims?: ClaimRef[];
}

export interface ReleaseResponse {
  released: number;
}

/** `GET /v1/configs/{hash}`: the immutable configs a chunk names by `configHash`. */
export interface JobConfigResponse {
  hash: string;
  simConfig: SimConfig;
  sentinelConfig: SentinelConfig;
}

/** `GET /v1/gamedata?ids=…`: absent records are null; no ids answers the patch alone. */
export interface GameDataResponse {
  patch: string;
  records: Record<string, unknown>;
}

/** Every refusal, with a 4xx/5xx status. Clients branch on `code`, never on `message`. */
export interface NodeApiErrorBody {
  error: { code: NodeApiErrorCode; message: string };
}
