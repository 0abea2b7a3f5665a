// The compute node's work: once sentinel-link.ts has it registered, linked and heartbeating,
// claim runs of chunks, run each run's chunks one after another on a worker thread (run-slots.ts
// keeps the slots), report results in batched completes that also claim the next runs, and back
// off when the sentinel is away. It holds at most `runsPerSlot` runs per worker (running or
// waiting their turn), and the sentinel sizes a run to take about two seconds here, so a slot
// never waits for work and the node sends about one request a second however many cores it has.
import type {
  ClaimedChunk,
  ClaimRef,
  ClaimRequest,
  JobConfigResponse,
  NodeApiErrorCode,
  RegisterRequest,
} from '@simforge/common';
import { NODE_PROTOCOL_LIMITS } from '@simforge/common';
import type { ChunkTask, ChunkTaskResult } from './chunk-task.ts';
import type { ConfigCache } from './config-cache.ts';
import type { Logger } from './log.ts';
import { RunSlots } from './run-slots.ts';
import { SentinelApiError, type SentinelClient } from './sentinel-client.ts';
import { createSentinelLink } from './sentinel-link.ts';
import type { WorkerPool } from './worker-pool.ts';

export interface ComputeNodeTimings {
  claimWaitMs: number;
  backoffInitialMs: number;
  backoffMaxMs: number;
  linkPollMs: number;
  reportEveryMs: number;
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

/** A batched complete stays well under the sentinel's 16 MiB limit (base64 partials). */
const REPORT_MAX_BYTES = 8 * 1024 * 1024;

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
  /** Every chunk claimed and not yet reported, dropped or released (what stop() gives back). */
  const held = new Map<string, ClaimedChunk>();
  /** Results not reported yet, and when the oldest of them was made. */
  const outbox: { chunk: ClaimedChunk; partial: string; run: number; ms: number }[] = [];
  let outboxSinceMs = 0;
  let running: Promise<void> | undefined;
  let stopping: Promise<void> | undefined;
  /** Wakes the loop: a result is ready, a run ended, or the node stops. */
  let wake: (() => void) | undefined;
  const changed = (): void => wake?.();
  /** Requests that may carry a claim, in flight: only when none is can a leak be told apart. */
  let claimsInFlight = 0;

  const link = createSentinelLink({
    registration: options.registration,
    client,
    log,
    announceClaimCode: options.announceClaimCode,
    timings,
    random: options.random,
    stopSignal,
    onStatus: (status) => {
      slots.capacity = Math.max(1, Math.min(options.pool.size, status.capacity));
      slots.runsPerSlot = Math.max(1, status.runsPerSlot ?? 1);
    },
  });
  const { pause, retryable, waitAfter } = link;

  /** Retries a report until it lands, is refused for good, or the claim has surely expired. */
  const retrying = async <T>(
    chunk: ClaimedChunk,
    what: 'complete' | 'fail',
    send: () => Promise<T>,
  ): Promise<T | undefined> => {
    const giveUpAt = options.now() + link.leaseMs * 2;
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
        ...(chunk.variants === undefined ? {} : { running: chunk.variants }),
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
      await retrying(chunk, 'fail', () => client.fail(refOf(chunk), reason));
      return undefined;
    }
  };

  /** Runs a run's chunks in order; each result goes to the outbox as soon as it is made. */
  const runRun = async (chunks: ClaimedChunk[]): Promise<void> => {
    for (const chunk of chunks) {
      if (stopSignal.aborted) return;
      const startedAt = options.now();
      const partial = await computeChunk(chunk);
      // Stopping: the chunk stays held, for stop() to give back at once.
      if (stopSignal.aborted) return;
      if (partial === undefined) {
        held.delete(claimKey(chunk));
        continue;
      }
      if (outbox.length === 0) outboxSinceMs = options.now();
      outbox.push({ chunk, partial, run: chunks.length, ms: options.now() - startedAt });
      changed();
    }
  };

  const slots = new RunSlots(
    options.pool.size,
    (run) =>
      runRun(run).catch((err: unknown) =>
        log.error('run_crashed', { chunks: run.map(claimKey), error: (err as Error).message }),
      ),
    changed,
  );

  /** Runs to ask for in one claim: the room left, within what one claim may ask. */
  const claimable = (): number => Math.min(slots.room(), NODE_PROTOCOL_LIMITS.claimRunsMax);

  const take = (chunks: ClaimedChunk[]): void => {
    if (chunks.length === 0) return;
    log.info('claimed', { chunks: chunks.map(claimKey) });
    for (const chunk of chunks) held.set(claimKey(chunk), chunk);
    slots.add(chunks);
  };

  let recheckPatch = false;
  /** What a refused claim (long-poll or a report's) means for this node. */
  const afterClaimRefused = async (err: unknown): Promise<void> => {
    if (err instanceof SentinelApiError && err.code === 'SF_NODE_NOT_LINKED') {
      await link.waitUntilLinked({
        linked: false,
        claimCode: null,
        capacity: slots.capacity,
        runsPerSlot: slots.runsPerSlot,
        heartbeatMs: link.heartbeatMs,
        leaseMs: link.leaseMs,
      });
    } else if (err instanceof SentinelApiError && err.code === 'SF_AUTH_NODE_UNKNOWN') {
      // The sentinel lost our row (a fresh database): register again, then wait for a link.
      await link.waitUntilLinked(await link.register());
    } else if (err instanceof SentinelApiError && err.code === 'SF_NODE_QUARANTINED') {
      // Nothing this node does fixes it: its owner must re-link it. Ask again rarely.
      log.error('quarantined', { error: err.message });
      await pause(timings.backoffMaxMs);
    } else if (err instanceof SentinelApiError && err.code === 'SF_NODE_VERSION_MISMATCH') {
      // A stale game-data patch fixes itself on the recheck; another engine build needs
      // the operator to update the node, which the log line says.
      log.error('version_mismatch', { error: err.message });
      recheckPatch = true;
      await pause(link.nextBackoffMs());
    } else if (err instanceof SentinelApiError && err.code === 'SF_CLAIM_OVER_CAPACITY') {
      // The sentinel still counts a run we have finished with; it clears on the next report.
      log.warn('claim_over_capacity', {
        room: slots.room(),
        running: slots.running,
        queued: slots.queuedRuns,
      });
      await pause(timings.backoffInitialMs);
    } else if (retryable(err)) {
      await waitAfter(err, 'claim');
    } else {
      log.error('claim_failed', { error: (err as Error).message });
      await waitAfter(err, 'claim');
    }
  };

  const claimFields = async (): Promise<Pick<ClaimRequest, 'engineBuild' | 'gamedataPatch'>> => {
    const pin = await options.versionPin(recheckPatch);
    recheckPatch = false;
    return pin;
  };

  /**
   * Reports what the outbox holds in one batched complete, and claims for the room that leaves
   * in the same request. The results stay in the outbox until the request lands.
   */
  const report = async (): Promise<void> => {
    let count = 0;
    let bytes = 0;
    while (count < Math.min(outbox.length, NODE_PROTOCOL_LIMITS.completesMax)) {
      bytes += outbox[count]!.partial.length;
      if (count > 0 && bytes > REPORT_MAX_BYTES) break;
      count++;
    }
    const sending = outbox.slice(0, count);
    // Claim only with the last of the results: the room counts runs the sentinel frees only
    // when their results land. Only the first attempt claims: a retry of a request that did
    // land (its answer lost) must not claim again.
    const want = count === outbox.length ? claimable() : 0;
    const results = sending.map(({ chunk, partial }) => ({ ...refOf(chunk), partial }));
    const claim = want > 0 ? { max: want, ...(await claimFields()) } : undefined;
    let attempts = 0;
    claimsInFlight++;
    let answer: Awaited<ReturnType<typeof client.completes>> | undefined;
    try {
      answer = await retrying(sending[0]!.chunk, 'complete', () =>
        client.completes(attempts++ === 0 && claim ? { results, claim } : { results }),
      );
    } finally {
      // Counted down with the claimed chunks taken (below, in this same turn), never before.
      queueMicrotask(() => {
        claimsInFlight--;
      });
    }
    outbox.splice(0, sending.length);
    if (outbox.length > 0) outboxSinceMs = options.now() - timings.reportEveryMs;
    for (const { chunk } of sending) held.delete(claimKey(chunk));
    if (answer === undefined) return;
    link.resetBackoff();
    sending.forEach(({ chunk, run, ms }, i) => {
      const outcome = answer.results[i];
      if (outcome === undefined) return;
      if (outcome.status === 'refused') {
        const code = outcome.error.code;
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
        run,
        ms,
        status: outcome.status,
      });
    });
    const claimed = answer.claim;
    if (claimed === undefined) return;
    if ('error' in claimed) {
      await afterClaimRefused(
        new SentinelApiError(409, claimed.error.code, claimed.error.message, undefined),
      );
      return;
    }
    take(claimed.chunks);
  };

  /** Waits for the next change, at most `ms` (forever when undefined). */
  const nextChange = async (ms: number | undefined): Promise<void> => {
    await new Promise<void>((resolve) => {
      wake = resolve;
      if (ms !== undefined) setTimeout(resolve, Math.max(0, ms));
    });
    wake = undefined;
  };

  stopSignal.addEventListener('abort', () => wake?.(), { once: true });

  /**
   * The node's one loop. Results are reported, with a claim for the room left, when a slot would
   * otherwise idle or the oldest result has waited reportEveryMs: a node sends about one request
   * a second however many slots it has, and a slot never waits, since the next run is queued
   * behind it. With nothing to report and a slot idle, it long-polls for work.
   */
  const claimLoop = async (): Promise<void> => {
    while (!stopSignal.aborted) {
      if (outbox.length > 0 && (slots.idle() || options.now() - outboxSinceMs >= timings.reportEveryMs)) {
        await report();
        continue;
      }
      if (outbox.length === 0 && slots.idle() && slots.room() > 0) {
        let chunks: ClaimedChunk[];
        // A claim is never hung up on while it may have been answered (the chunks it got would be
        // lost): while runs are busy, it waits at most reportEveryMs, so results do not wait long.
        const busy = slots.running > 0;
        claimsInFlight++;
        try {
          const fields = await claimFields();
          chunks = await client.claim(
            { max: claimable(), waitMs: busy ? timings.reportEveryMs : timings.claimWaitMs, ...fields },
            stopSignal,
          );
          link.resetBackoff();
        } catch (err) {
          if (stopSignal.aborted) return;
          await afterClaimRefused(err);
          continue;
        } finally {
          claimsInFlight--;
        }
        take(chunks);
        continue;
      }
      await nextChange(outbox.length > 0 ? outboxSinceMs + timings.reportEveryMs - options.now() : undefined);
    }
  };

  return {
    run() {
      running ??= (async () => {
        log.info('node_starting', { ...options.registration, workers: options.pool.size });
        try {
          await link.waitUntilLinked(await link.register());
        } catch (err) {
          if (stopSignal.aborted) return;
          throw err;
        }
        if (stopSignal.aborted) return;
        link.startHeartbeat(async (status) => {
          // Nothing here, nothing in flight, yet the sentinel counts claims for this node:
          // chunks whose claim answer was lost. Every heartbeat would renew their leases, so
          // give them back.
          if (status.held > 0 && held.size === 0 && outbox.length === 0 && claimsInFlight === 0) {
            log.warn('claims_resynced', { sentinelHeld: status.held });
            await client.release();
          }
        });
        await claimLoop();
      })();
      return running;
    },
    stop(reason) {
      stopping ??= (async () => {
        log.info('node_stopping', { reason, held: held.size });
        stopController.abort();
        link.stopHeartbeat();
        await options.pool.close();
        // Results already made are worth one last report; what it does not land is released.
        if (outbox.length > 0) {
          const results = outbox.splice(0).slice(0, NODE_PROTOCOL_LIMITS.completesMax);
          try {
            await client.completes({
              results: results.map(({ chunk, partial }) => ({ ...refOf(chunk), partial })),
            });
            for (const { chunk } of results) held.delete(claimKey(chunk));
          } catch {
            // The sentinel is away: released below, or reclaimed when the leases expire.
          }
        }
        const abandoned = [...held.values()].map(refOf);
        try {
          const released = await client.release();
          log.info('released', { claims: abandoned.length, released });
        } catch (err) {
          // The sentinel is away: the leases expire and it reclaims them on its own.
          log.warn('release_failed', { claims: abandoned.length, error: (err as Error).message });
        }
        await running?.catch(() => undefined);
        log.info('node_stopped');
      })();
      return stopping;
    },
  };
}
