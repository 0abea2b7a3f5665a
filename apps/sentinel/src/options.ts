// The sentinel's options and their defaults, in one place (documented in docs/sentinel.md).
// The library never reads the environment; src/main.ts does, once, and passes values here.

import type { Database } from '@simforge/db';
import type { ProfileReport } from '@simforge/engine';
import type { GameDataSource } from '@simforge/gamedata';
import type { Clock } from './clock.ts';
import type { Logger } from './logger.ts';
import type { PresenceSource } from './presence.ts';

export const SENTINEL_DEFAULTS = Object.freeze({
  host: '127.0.0.1',
  /** A claim's lease; heartbeats renew it, a silent node loses its chunks after this. */
  leaseMs: 30_000,
  /** How often nodes are told to heartbeat (a third of the lease: two may be lost). */
  heartbeatMs: 10_000,
  /** Failed or expired attempts of one chunk that fail its job (poison chunk)... */
  maxChunkAttempts: 3,
  /** ...once the job owner's nodes or nodes of this many distinct owners have failed it. */
  minFailingOwners: 2,
  /** Agreeing checks before a node is checked less than always (docs/sentinel.md). */
  verificationFullChecks: 20,
  /** The share of a trusted node's results still recomputed by another owner's node. */
  verificationFloorRate: 0.05,
  /** A verification no node of another owner took for this long is waived (result marked). */
  verificationWaitMs: 60_000,
  /**
   * How long one worker slot's run of chunks should take on its node, measured (docs/sentinel.md,
   * "Runs"): longer runs mean fewer signed requests per second of compute.
   */
  targetRunMs: 2_000,
  /** The most chunks in one run, whatever the node's speed. */
  maxRunChunks: 64,
  /**
   * Runs a node may hold per worker slot: one running and one queued behind it, so a slot never
   * waits for a claim and the node can report and claim for all its slots at once, about once
   * a second, instead of once per run.
   */
  runsPerSlot: 2,
  /** Refused partials that quarantine a node. */
  maxNodeRefusals: 5,
  /** The reclaim cron's period. */
  reclaimIntervalMs: 2_000,
  /** A node without a request or open long-poll for this long is offline. */
  presenceTtlMs: 30_000,
  /** The presence cron's period (public.nodes.status reconciliation). */
  presenceIntervalMs: 10_000,
  /** The slow pending-job sweep, for notifications lost while LISTEN was down. */
  sweepIntervalMs: 30_000,
  /** At most one job_progress NOTIFY per job per this period. */
  progressIntervalMs: 1_000,
  /** Longest claim long-poll, and the wait when a claim names none. */
  claimWaitMaxMs: 30_000,
  claimWaitDefaultMs: 25_000,
  maxClockSkewMs: 60_000,
  maxBodyBytes: 64 * 1024,
  maxCompleteBodyBytes: 2 * 1024 * 1024,
  /** A batched complete (one run's results; a partial is a few KB, so this is generous). */
  maxCompletesBodyBytes: 16 * 1024 * 1024,
  rateLimitPerSecond: 50,
  rateLimitBurst: 200,
  registerPerMinute: 10,
});

export type SentinelSettings = {
  -readonly [K in keyof typeof SENTINEL_DEFAULTS]: (typeof SENTINEL_DEFAULTS)[K] extends number
    ? number
    : string;
};

export interface SentinelOptions extends Partial<SentinelSettings> {
  /** An open driver to share (embedded PGlite with the studio), or where to open one. */
  database: Database | { url: string } | { dataDir: string };
  clock?: Clock;
  logger?: Logger;
  /** Where the presence cron learns who is connected; defaults to the sentinel's own view. */
  presence?: PresenceSource;
  /** Serves /v1/gamedata; defaults to the game schema of the sentinel's own database. */
  gameData?: GameDataSource;
  /** The engine build jobs are pinned to; defaults to this checkout's (`@simforge/engine/build`). */
  engineBuild?: string;
  /**
   * The compiled node served at GET /v1/node.mjs; defaults to dist/simforge-node.mjs beside a
   * compiled sentinel, and to none from the sources.
   */
  nodeBundlePath?: string;
  /**
   * Validates a job's sim_config before it runs, against the game data the job is pinned to;
   * defaults to the engine's own check (engineSimConfigCheck). Throwing leaves the job pending
   * for the next sweep (the database was unreachable, say); refusing fails it.
   */
  validateSimConfig?: (
    simConfig: unknown,
    gameData: GameDataSource,
  ) => Promise<SimConfigVerdict> | SimConfigVerdict;
  /** Random bytes (claim codes); defaults to node:crypto. */
  randomBytes?: (size: number) => Uint8Array;
  /**
   * Uniform in [0, 1): which results are drawn for verification. Defaults to node:crypto, so a
   * node cannot predict its checks; tests pass a seeded source.
   */
  random?: () => number;
  /** Crons off: tests drive reclaimStale/presence/progress by hand. */
  disableTimers?: boolean;
}

export type SimConfigVerdict =
  /**
   * `report`: the profile's talents and warnings, recorded in result_pb as `simforge sim` records
   * them; absent without game data. `patch`: the game data the check ran against (null: none
   * imported), which must be the patch the job is pinned to; absent when the validator did not
   * read game data.
   */
  | { ok: true; report?: ProfileReport; patch?: string | null }
  | { ok: false; message: string; errors?: unknown };

export function resolveSettings(options: Partial<SentinelSettings>): Readonly<SentinelSettings> {
  const settings: SentinelSettings = { ...SENTINEL_DEFAULTS };
  for (const key of Object.keys(SENTINEL_DEFAULTS) as (keyof SentinelSettings)[]) {
    const value = options[key];
    if (value !== undefined) (settings as Record<string, unknown>)[key] = value;
  }
  for (const [key, value] of Object.entries(settings)) {
    if (key === 'host') continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      throw new RangeError(`sentinel option ${key} must be a positive number, got ${String(value)}`);
    }
  }
  if (settings.verificationFloorRate > 1) {
    throw new RangeError('verificationFloorRate is a fraction, at most 1');
  }
  if (settings.claimWaitDefaultMs > settings.claimWaitMaxMs) {
    throw new RangeError('claimWaitDefaultMs must not exceed claimWaitMaxMs');
  }
  return Object.freeze(settings);
}
