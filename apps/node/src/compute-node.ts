// The compute node: register, wait to be linked, then claim runs of chunks (long-poll), run
// each run's chunks one after another on a worker thread, report a run's results in one
// batched complete, heartbeat while working, and back off when the sentinel is away. The loop
// never holds more runs than it has free workers, and the sentinel sizes a run to take about
// two seconds here, so a claim never waits long behind another on this machine.
import { setTimeout as sleep } from 'node:timers/promises';
import type {
  ClaimedChunk,
  ClaimRef,
  ClaimRequest,
  CompleteRequest,
  JobConfigResponse,
  NodeApiErrorCode,
  NodeStatus,
  RegisterRequest,
} from '@simforge/common';
import { createBackoff } from './backoff.ts';
import type { ChunkTask, ChunkTaskResult } from './chunk-task.ts';
import type { ConfigCache } from './config-cache.ts';
import type { Logger } from './log.ts';
import { SentinelApiError, type SentinelClient, SentinelUnreachableError } from './sentinel-client.ts';
import type { WorkerPool } from './worker-pool.ts';

export interface ComputeNodeTimings {
  claimWaitMs: number;
  backoffInitialMs: number;
  backoffMaxMs: number;
  linkPollMs: number;
}

export interface ComputeNodeOptions {
  registration: RegisterRequest;
  client: SentinelClient;
  pool: WorkerPool<ChunkTask, ChunkTaskResult>;
  configs: ConfigCache;
  /**
   * What this node reports on every claim: its engine build and its game-data patch (asked
   * again of the sentinel when `recheck`, after it said the patch is not the jobs').
   */
  versionPin: (recheck: boolean) => Promise<Pick<ClaimRequest, 'engineBuild' | 'gamedataPatch'>>;
  /** Resolves the game data a job's profile needs; memoized by the caller per config. */
  loadGameData: (config: JobConfigResponse) => Promise<unknown>;
  log: Logger;
  /** Where the owner sees the claim code: a human line, apart from the structured log. */
  announceClaimCode: (code: string) => void;
  timings: ComputeNodeTimings;
  now: () => number;
  random: () => number;
}

export interface ComputeNode {
  /** Runs until stop(); resolves when the loop has wound down. */
  run(): Promise<void>;
  /** Stop claiming, abandon running chunks, release every claim held; idempotent. */
  stop(reason: string): Promise<void>;
}

const claimKey = (c: ClaimRef): string => `${c.jobId}/${c.chunkIndex}/${c.attempt}`;
const refOf = (c: ClaimedChunk): ClaimRef => ({
  jobId: c.jobId,
  chunkIndex: c.chunkIndex,
  attempt: c.attempt,
});

/** Codes after which a claim is simply dropped: someone else owns the chunk now. */
const DROP_CODES: ReadonlySet<SentinelApiError['code']> = new Set<NodeApiErrorCode>([
  'SF_CLAIM_NOT_HELD',
  'SF_JOB_NOT_ACTIVE',
  'SF_CONFIG_NOT_FOUND',
  'SF_PARTIAL_IMPLAUSIBLE',
]);

export function createComputeNode(options: ComputeNodeOptions): ComputeNode {
  const { client, log, timings } = options;
  const stopController = new AbortController();
  const stopSignal = stopController.signal;
  const held = new Map<string, ClaimedChunk>();
  /** Runs not finished yet: one per busy worker slot. */
  let runsHeld = 0;
  const backoff = createBackoff({
    initialDelayMs: timings.backoffInitialMs,
    maxDelayMs: timings.backoffMaxMs,
    random: options.random,
  });
  let capacity = options.pool.size;
  let heartbeatMs = 10_000;
  let leaseMs = 30_000;
  let heartbeatTimer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopping: Promise<void> | undefined;
  let slotFreed: (() => void) | undefined;

  /** Sleep that ends early (without throwing) when the node stops. */
  const pause = async (ms: number): Promise<void> => {
    try {
      await sleep(ms, undefined, { signal: stopSignal });
    } catch {
      // aborted by stop()
    }
  };

  const retryable = (err: unknown): boolean =>
    err instanceof SentinelUnreachableError || (err instanceof SentinelApiError && err.transient);

  const waitAfter = async (err: unknown, what: string): Promise<void> => {
    const delayMs = Math.max(
      backoff.nextDelayMs(),
      err instanceof SentinelApiError ? (err.retryAfterMs ?? 0) : 0,
    );
    log.warn('sentinel_unavailable', { during: what, error: (err as Error).message, retryInMs: delayMs });
    await pause(delayMs);
  };

  const applyStatus = (status: NodeStatus): void => {
    capacity = Math.max(1, Math.min(options.pool.size, status.capacity));
    heartbeatMs = status.heartbeatMs;
    leaseMs = status.leaseMs;
  };

  const register = async (): Promise<NodeStatus> => {
    for (;;) {
      try {
        const status = await client.register(options.registration);
        backoff.reset();
        applyStatus(status);
        log.info('registered', {
          publicKey: status.publicKey,
          linked: status.linked,
          capacity: status.capacity,
        });
        return status;
      } catch (err) {
        if (stopSignal.aborted) throw err;
        if (!retryable(err)) throw err;
        await waitAfter(err, 'register');
      }
    }
  };

  /** Blocks until the owner has linked this node (or the node stops). */
  const waitUntilLinked = async (status: NodeStatus): Promise<void> => {
    let current = status;
    let announced: string | null = null;
    while (!current.linked && !stopSignal.aborted) {
      if (current.claimCode && current.claimCode !== announced) {
        announced = current.claimCode;
        log.info('waiting_for_link', { claimCode: current.claimCode });
        options.announceClaimCode(current.claimCode);
      }
      await pause(Math.min(timings.linkPollMs, heartbeatMs));
      if (stopSignal.aborted) return;
      try {
        current = await client.heartbeat();
        backoff.reset();
        applyStatus(current);
      } catch (err) {
        if (err instanceof SentinelApiError && err.code === 'SF_AUTH_NODE_UNKNOWN')
          current = await register();
        else if (retryable(err)) await waitAfter(err, 'heartbeat');
        else throw err;
      }
    }
    if (current.linked) log.info('linked');
  };

  const startHeartbeat = (): void => {
    const beat = async (): Promise<void> => {
      try {
        const status = await client.heartbeat();
        applyStatus(status);
      } catch (err) {
        if (!stopSignal.aborted) log.warn('heartbeat_failed', { error: (err as Error).message });
      }
      if (!stopSignal.aborted) heartbeatTimer = setTimeout(beat, heartbeatMs);
    };
    heartbeatTimer = setTimeout(beat, heartbeatMs);
  };

  /** Retries a report until it lands, is refused for good, or the claim has surely expired. */
  const report = async <T>(
    chunk: ClaimedChunk,
    what: 'complete' | 'fail',
    send: () => Promise<T>,
  ): Promise<T | undefined> => {
    const giveUpAt = options.now() + leaseMs * 2;
    for (;;) {
      try {
        return await send();
      } catch (err) {
        if (err instanceof SentinelApiError && DROP_CODES.has(err.code)) {
          log.info('chunk_dropped', { ...refOf(chunk), code: err.code });
          return undefined;
        }
        if (!retryable(err) || stopSignal.aborted || options.now() > giveUpAt) {
          log.error('report_failed', { ...refOf(chunk), what, error: (err as Error).message });
          return undefined;
        }
        await waitAfter(err, what);
      }
    }
  };

  /**
   * Runs one chunk on a worker; its partial (base64), or undefined when the chunk was dropped,
   * released or failed here (each reported on its own: they are rare).
   */
  const computeChunk = async (chunk: ClaimedChunk): Promise<string | undefined> => {
    try {
      const config = await options.configs.get(chunk.configHash);
      const gameData = await options.loadGameData(config);
      return await options.pool.run({
        simConfig: config.simConfig,
        sentinelConfig: config.sentinelConfig,
        gameData,
        gameDataKey: config.hash,
        firstIteration: chunk.firstIteration,
        iterations: chunk.iterations,
      });
    } catch (err) {
      if (stopSignal.aborted) return undefined;
      if (err instanceof SentinelApiError && DROP_CODES.has(err.code)) {
        log.info('chunk_dropped', { ...refOf(chunk), code: err.code });
        return undefined;
      }
      if (retryable(err)) {
        // The sentinel went away while we fetched the config: give the chunk back without
        // blame; if even that fails the lease expires and the sentinel reclaims it.
        log.warn('chunk_released', { ...refOf(chunk), error: (err as Error).message });
        await client.release([refOf(chunk)]).catch(() => undefined);
        return undefined;
      }
      const reason = (err as Error).message;
      log.warn('chunk_failed', { ...refOf(chunk), reason });
      await report(chunk, 'fail', () => client.fail(refOf(chunk), reason));
      return undefined;
    }
  };

  /** Runs a run's chunks in order, then reports their results in one batched complete. */
  const runRun = async (chunks: ClaimedChunk[]): Promise<void> => {
    const startedAt = options.now();
    const results: { chunk: ClaimedChunk; partial: string }[] = [];
    for (const chunk of chunks) {
      if (stopSignal.aborted) return;
      const partial = await computeChunk(chunk);
      if (partial !== undefined) results.push({ chunk, partial });
      else held.delete(claimKey(chunk));
    }
    if (results.length === 0 || stopSignal.aborted) return;
    const batch: CompleteRequest[] = results.map(({ chunk, partial }) => ({ ...refOf(chunk), partial }));
    const outcomes = await report(results[0]!.chunk, 'complete', () => client.completes(batch));
    if (outcomes === undefined) return;
    const ms = options.now() - startedAt;
    results.forEach(({ chunk }, i) => {
      const outcome = outcomes[i];
      if (outcome === undefined) return;
      if (outcome.status === 'refused') {
        const code = outcome.error.code as SentinelApiError['code'];
        if (DROP_CODES.has(code)) log.info('chunk_dropped', { ...refOf(chunk), code });
        else
          log.error('report_failed', {
            ...refOf(chunk),
            what: 'complete',
            error: outcome.error.message,
            code,
          });
        return;
      }
      log.info('chunk_completed', {
        ...refOf(chunk),
        iterations: chunk.iterations,
        run: chunks.length,
        ms,
        status: outcome.status,
      });
    });
  };

  const startRun = (chunks: ClaimedChunk[]): void => {
    for (const chunk of chunks) held.set(claimKey(chunk), chunk);
    runsHeld++;
    runRun(chunks)
      .catch((err: unknown) =>
        log.error('run_crashed', { chunks: chunks.map(claimKey), error: (err as Error).message }),
      )
      .finally(() => {
        for (const chunk of chunks) held.delete(claimKey(chunk));
        runsHeld--;
        slotFreed?.();
      });
  };

  stopSignal.addEventListener('abort', () => slotFreed?.(), { once: true });

  const claimLoop = async (): Promise<void> => {
    let recheckPatch = false;
    while (!stopSignal.aborted) {
      const free = capacity - runsHeld;
      if (free <= 0) {
        // One stop listener for the node's life (below) wakes this too; adding one per wait
        // would pile up a listener per chunk on the signal.
        await new Promise<void>((resolve) => {
          slotFreed = resolve;
        });
        slotFreed = undefined;
        continue;
      }
      let chunks: ClaimedChunk[];
      try {
        const pin = await options.versionPin(recheckPatch);
        recheckPatch = false;
        chunks = await client.claim({ max: free, waitMs: timings.claimWaitMs, ...pin }, stopSignal);
        backoff.reset();
      } catch (err) {
        if (stopSignal.aborted) return;
        if (err instanceof SentinelApiError && err.code === 'SF_NODE_NOT_LINKED') {
          await waitUntilLinked({ linked: false, claimCode: null, capacity, heartbeatMs, leaseMs });
        } else if (err instanceof SentinelApiError && err.code === 'SF_AUTH_NODE_UNKNOWN') {
          // The sentinel lost our row (a fresh database): register again, then wait for a link.
          await waitUntilLinked(await register());
        } else if (err instanceof SentinelApiError && err.code === 'SF_NODE_QUARANTINED') {
          // Nothing this node does fixes it: its owner must re-link it. Ask again rarely.
          log.error('quarantined', { error: err.message });
          await pause(timings.backoffMaxMs);
        } else if (err instanceof SentinelApiError && err.code === 'SF_NODE_VERSION_MISMATCH') {
          // A stale game-data patch fixes itself on the recheck; another engine build needs
          // the operator to update the node, which the log line says.
          log.error('version_mismatch', { error: err.message });
          recheckPatch = true;
          await pause(backoff.nextDelayMs());
        } else if (err instanceof SentinelApiError && err.code === 'SF_CLAIM_OVER_CAPACITY') {
          // The sentinel still counts a claim we have finished with; it clears on the next report.
          log.warn('claim_over_capacity', { free, runs: runsHeld, held: held.size });
          await pause(timings.backoffInitialMs);
        } else if (retryable(err)) {
          await waitAfter(err, 'claim');
        } else {
          log.error('claim_failed', { error: (err as Error).message });
          await waitAfter(err, 'claim');
        }
        continue;
      }
      if (chunks.length > 0) log.info('claimed', { chunks: chunks.map(claimKey) });
      const runs = new Map<number, ClaimedChunk[]>();
      for (const chunk of chunks) {
        const run = runs.get(chunk.run);
        if (run === undefined) runs.set(chunk.run, [chunk]);
        else run.push(chunk);
      }
      for (const run of runs.values()) startRun(run);
    }
  };

  return {
    run() {
      running ??= (async () => {
        log.info('node_starting', { ...options.registration, workers: options.pool.size });
        try {
          await waitUntilLinked(await register());
        } catch (err) {
          if (stopSignal.aborted) return;
          throw err;
        }
        if (stopSignal.aborted) return;
        startHeartbeat();
        await claimLoop();
      })();
      return running;
    },
    stop(reason) {
      stopping ??= (async () => {
        log.info('node_stopping', { reason, held: held.size });
        stopController.abort();
        if (heartbeatTimer) clearTimeout(heartbeatTimer);
        const abandoned = [...held.values()].map(refOf);
        await options.pool.close();
        if (abandoned.length > 0) {
          try {
            const released = await client.release(abandoned);
            log.info('released', { claims: abandoned.length, released });
          } catch (err) {
            // The sentinel is away: the leases expire and it reclaims them on its own.
            log.warn('release_failed', { claims: abandoned.length, error: (err as Error).message });
          }
        }
        await running?.catch(() => undefined);
        log.info('node_stopped');
      })();
      return stopping;
    },
  };
}
