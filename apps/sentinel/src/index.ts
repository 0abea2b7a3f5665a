// createSentinel: the scheduler, its in-memory runtime store, the node API, the crons and
// boot recovery, composed over one database driver. It takes an open driver to share (the
// embedded PGlite `simforge start` also gives the studio) or opens its own from a URL or a
// data directory. Options only: the environment is read by src/main.ts alone.

import { randomBytes as cryptoRandomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { BUNDLED, checkPartialPlausible } from '@simforge/common';
import { type Database, migrate, openDatabase, runQuery } from '@simforge/db';
import { engineBuild } from '@simforge/engine/build';
import { GameDataError, SqlGameDataSource } from '@simforge/gamedata';
import { type Clock, systemClock } from './clock.ts';
import { createJobSink } from './finalize.ts';
import { Authenticator } from './http/authenticate.ts';
import { nodeBundleLoader } from './http/node-bundle-route.ts';
import { RateLimiter } from './http/rate-limit.ts';
import { createNodeApiHandler } from './http/server.ts';
import { jsonLogger, type Logger } from './logger.ts';
import { LatencyHistogram, renderMetrics } from './metrics.ts';
import { NodeDirectory } from './node-directory.ts';
import { resolveSettings, type SentinelOptions, type SentinelSettings } from './options.ts';
import { PresenceTracker, reconcilePresence } from './presence.ts';
import { ProgressReporter } from './progress.ts';
import { RuntimeStore } from './runtime/runtime-store.ts';
import { Scheduler } from './scheduler.ts';
import { engineSimConfigCheck } from './sim-config-check.ts';
import { cryptoUniform, TrustBook } from './trust/trust-book.ts';
import { databaseTrustWriter, taintFinishedJobs } from './trust/trust-writer.ts';

export { ApiError, type ApiErrorCode } from './api-errors.ts';
export { type Clock, FakeClock, systemClock } from './clock.ts';
export { readSentinelSettings } from './env-config.ts';
export { jsonLogger, type Logger, MemoryLogger } from './logger.ts';
export { SENTINEL_DEFAULTS, type SentinelOptions, type SentinelSettings } from './options.ts';
export type { PresenceSource } from './presence.ts';
export { JobRuntime } from './runtime/job-runtime.ts';
export { type JobSink, RuntimeStore } from './runtime/runtime-store.ts';
export { TrustBook } from './trust/trust-book.ts';

export interface Sentinel {
  readonly db: Database;
  readonly settings: Readonly<SentinelSettings>;
  readonly store: RuntimeStore;
  readonly scheduler: Scheduler;
  /** Every node's trust record (verification rate, quarantine). */
  readonly trust: TrustBook;
  /** Boots (fails jobs a previous process left running), starts the scheduler and crons, serves. */
  listen(port?: number, host?: string): Promise<{ host: string; port: number }>;
  address(): { host: string; port: number } | null;
  /** One pass of each cron, for tests that run with timers off. */
  crons: {
    reclaimStale(): number;
    presence(): Promise<{ online: number; offline: number }>;
    progress(): Promise<number>;
  };
  /** Resolves when every finalize/fail, trust and taint write started so far has settled. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

function isDriver(database: SentinelOptions['database']): database is Database {
  return typeof (database as Database).query === 'function';
}

export async function createSentinel(options: SentinelOptions): Promise<Sentinel> {
  const settings = resolveSettings(options);
  const clock: Clock = options.clock ?? systemClock;
  const logger: Logger = options.logger ?? jsonLogger((line) => process.stdout.write(line), clock);
  const ownsDb = !isDriver(options.database);
  const db = isDriver(options.database)
    ? options.database
    : await openDatabase({
        ...options.database,
        applicationName: 'simforge-sentinel',
        onError: (error) => logger.log('warn', 'database_connection_error', { message: error.message }),
      });
  if (ownsDb) await migrate(db);

  const sink = createJobSink({ db, clock, logger });
  const build = options.engineBuild ?? engineBuild();
  const gameData = options.gameData ?? new SqlGameDataSource(db);
  const rates = {
    fullCheckAgreements: settings.verificationFullChecks,
    floorRate: settings.verificationFloorRate,
  };
  const trust = new TrustBook(
    { ...rates, maxRefusals: settings.maxNodeRefusals },
    options.random ?? cryptoUniform,
    databaseTrustWriter(db, rates),
    (error) => logger.log('error', 'trust_write_error', { message: (error as Error).message }),
  );
  const taints = new Set<Promise<unknown>>();
  const store = new RuntimeStore({
    clock,
    leaseMs: settings.leaseMs,
    maxChunkAttempts: settings.maxChunkAttempts,
    minFailingOwners: settings.minFailingOwners,
    verificationWaitMs: settings.verificationWaitMs,
    targetRunMs: settings.targetRunMs,
    maxRunChunks: settings.maxRunChunks,
    runsPerSlot: settings.runsPerSlot,
    sink,
    checkPartial: checkPartialPlausible,
    trust,
    onTrustEvent: (event) => {
      const { kind, ...fields } = event;
      logger.log(kind === 'waived' ? 'info' : 'warn', `node_${kind}`, fields);
      if (event.kind !== 'quarantined') return;
      // After the writes already under way: a job finalizing right now may hold its chunks.
      const marking = sink
        .idle()
        .then(() => taintFinishedJobs(db, event.nodeKey, event.reason))
        .then((jobs) => logger.log('warn', 'jobs_tainted', { nodeKey: event.nodeKey, jobs }))
        .catch((error: unknown) =>
          logger.log('error', 'jobs_taint_error', { message: (error as Error).message }),
        );
      taints.add(marking);
      void marking.finally(() => taints.delete(marking));
    },
  });
  const scheduler = new Scheduler({
    db,
    store,
    clock,
    logger,
    validateSimConfig: options.validateSimConfig ?? engineSimConfigCheck,
    gameData,
    sweepIntervalMs: settings.sweepIntervalMs,
    disableTimers: options.disableTimers ?? false,
    currentPin: async () => ({
      engineBuild: build,
      // No game data imported: the job is not pinned to a patch (its config is then rejected
      // by the engine on the nodes anyway, or a test's validator stands in).
      gamedataPatch: await gameData.currentPatch().catch((error: unknown) => {
        // Only "nothing imported" unpins; a failed read must not let any patch match (honest
        // nodes on two patches would disagree): the admission fails and the sweep retries it.
        if (error instanceof GameDataError && error.code === 'SF_GAMEDATA_NO_PATCH') return null;
        throw error;
      }),
    }),
  });
  const presence = new PresenceTracker(clock, settings.presenceTtlMs);
  const presenceSource = options.presence ?? presence;
  const progress = new ProgressReporter(db);
  const claimLatency = new LatencyHistogram();
  const startedAtMs = clock.now();
  let closing = false;
  let server: Server | undefined;
  const timers: NodeJS.Timeout[] = [];

  const crons = {
    reclaimStale: () => {
      const reclaimed = store.reclaimStale();
      if (reclaimed > 0) logger.log('info', 'reclaim_stale', { reclaimed });
      void trust.flush();
      return reclaimed;
    },
    presence: () => reconcilePresence(db, presenceSource, logger),
    progress: () => progress.tick(store.jobs()),
  };

  const handler = createNodeApiHandler({
    settings,
    clock,
    store,
    nodes: new NodeDirectory(db, options.randomBytes ?? ((size) => cryptoRandomBytes(size))),
    trust,
    engineBuild: build,
    presence,
    claimLatency,
    authenticator: new Authenticator({ clock, maxClockSkewMs: settings.maxClockSkewMs }),
    rateLimiter: new RateLimiter(clock, settings.rateLimitPerSecond, settings.rateLimitBurst),
    registerLimiter: new RateLimiter(clock, settings.registerPerMinute / 60, settings.registerPerMinute),
    logger,
    gameData,
    // Compiled, the sentinel's file is in dist/ beside the node's (no `./`: see scripts/build.mjs).
    nodeBundle: nodeBundleLoader(
      options.nodeBundlePath ??
        (BUNDLED ? fileURLToPath(new URL('simforge-node.mjs', import.meta.url)) : undefined),
    ),
    isClosing: () => closing,
    status: () => ({
      status: closing ? 'closing' : 'ok',
      uptimeMs: clock.now() - startedAtMs,
      jobsActive: store.activeJobs,
      nodesPresent: presenceSource.present().size,
      chunksInFlight: store.chunksInFlight,
    }),
    metricsText: async () => {
      const { rows } = await runQuery<{ status: string; count: number }>(db, 'sentinel_jobs_by_status');
      return renderMetrics({
        jobsByStatus: rows,
        jobsActive: store.activeJobs,
        chunksInFlight: store.chunksInFlight,
        nodesPresent: presenceSource.present().size,
        stats: store.stats,
        claimLatency,
      });
    },
  });

  function every(ms: number, what: string, run: () => unknown): void {
    const timer = setInterval(() => {
      Promise.resolve()
        .then(run)
        .catch((error: unknown) =>
          logger.log('error', `${what}_error`, { message: (error as Error).message }),
        );
    }, ms);
    timer.unref();
    timers.push(timer);
  }

  const address = (): { host: string; port: number } | null => {
    const info = server?.address() as AddressInfo | null | undefined;
    return info ? { host: info.address, port: info.port } : null;
  };

  return {
    db,
    settings,
    store,
    scheduler,
    crons,
    async listen(port = 0, host = settings.host) {
      await scheduler.boot();
      await scheduler.start();
      if (!(options.disableTimers ?? false)) {
        every(settings.reclaimIntervalMs, 'reclaim_stale', crons.reclaimStale);
        every(settings.presenceIntervalMs, 'presence', crons.presence);
        every(settings.progressIntervalMs, 'progress', crons.progress);
      }
      server = createServer({ keepAliveTimeout: 65_000 }, handler);
      await new Promise<void>((resolve, reject) => {
        server!.once('error', reject);
        server!.listen(port, host, () => resolve());
      });
      const bound = address()!;
      logger.log('info', 'sentinel_listening', { ...bound, driver: db.kind });
      return bound;
    },
    address,
    trust,
    async idle() {
      await sink.idle();
      await trust.flush();
      while (taints.size > 0) await Promise.all([...taints]);
    },
    async close() {
      closing = true;
      for (const timer of timers.splice(0)) clearInterval(timer);
      await scheduler.stop();
      if (server !== undefined) {
        const closed = new Promise<void>((resolve) => server!.close(() => resolve()));
        server.closeAllConnections();
        await closed;
      }
      await sink.idle();
      await trust.flush();
      await Promise.all([...taints]);
      if (ownsDb) await db.close();
    },
  };
}
