// The node's standing with its sentinel: register (again when the sentinel lost its row), wait
// for the owner to link it, heartbeat while it works, and wait out a sentinel that is away with
// a growing, jittered back-off (or the delay the sentinel asked for). compute-node.ts does the
// work; this keeps it registered, linked and in touch.
import { setTimeout as sleep } from 'node:timers/promises';
import type { HeartbeatResponse, NodeStatus, RegisterRequest } from '@simforge/common';
import { createBackoff } from './backoff.ts';
import type { Logger } from './log.ts';
import { SentinelApiError, type SentinelClient, SentinelUnreachableError } from './sentinel-client.ts';

export interface SentinelLinkOptions {
  registration: RegisterRequest;
  client: SentinelClient;
  log: Logger;
  /** Where the owner sees the claim code: a human line, apart from the structured log. */
  announceClaimCode: (code: string) => void;
  timings: { backoffInitialMs: number; backoffMaxMs: number; linkPollMs: number };
  random: () => number;
  /** Ends every wait early (without throwing) when the node stops. */
  stopSignal: AbortSignal;
  /** Every status the sentinel sends (register, heartbeat): capacity, runs per slot, timings. */
  onStatus: (status: NodeStatus) => void;
}

export type SentinelLink = ReturnType<typeof createSentinelLink>;

export function createSentinelLink(options: SentinelLinkOptions) {
  const { client, log, timings, stopSignal } = options;
  const backoff = createBackoff({
    initialDelayMs: timings.backoffInitialMs,
    maxDelayMs: timings.backoffMaxMs,
    random: options.random,
  });
  let heartbeatMs = 10_000;
  let leaseMs = 30_000;
  let heartbeatTimer: NodeJS.Timeout | undefined;

  const applyStatus = (status: NodeStatus): void => {
    heartbeatMs = status.heartbeatMs;
    leaseMs = status.leaseMs;
    options.onStatus(status);
  };

  /** Sleep that ends early (without throwing) when the node stops. */
  const pause = async (ms: number): Promise<void> => {
    try {
      await sleep(ms, undefined, { signal: stopSignal });
    } catch {
      // aborted by stop()
    }
  };

  /** The sentinel is away or busy for now: worth asking again later. */
  const retryable = (err: unknown): boolean =>
    err instanceof SentinelUnreachableError || (err instanceof SentinelApiError && err.transient);

  /** Waits before asking again after `err`: the back-off, or longer if the sentinel said so. */
  const waitAfter = async (err: unknown, what: string): Promise<void> => {
    const delayMs = Math.max(
      backoff.nextDelayMs(),
      err instanceof SentinelApiError ? (err.retryAfterMs ?? 0) : 0,
    );
    log.warn('sentinel_unavailable', { during: what, error: (err as Error).message, retryInMs: delayMs });
    await pause(delayMs);
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
          runsPerSlot: status.runsPerSlot,
          leaseMs: status.leaseMs,
          heartbeatMs: status.heartbeatMs,
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

  return {
    pause,
    retryable,
    waitAfter,
    register,
    waitUntilLinked,
    /** Any success from the sentinel: the next trouble starts the back-off from the bottom. */
    resetBackoff: () => backoff.reset(),
    /** The next back-off delay, for waits that are not after an error (a version mismatch). */
    nextBackoffMs: () => backoff.nextDelayMs(),
    get heartbeatMs() {
      return heartbeatMs;
    },
    get leaseMs() {
      return leaseMs;
    },
    /**
     * Heartbeats every heartbeatMs until stopHeartbeat. `afterBeat` sees each status (the
     * node gives back claims the sentinel counts for it but it does not have).
     */
    startHeartbeat(afterBeat: (status: HeartbeatResponse) => Promise<void>): void {
      const beat = async (): Promise<void> => {
        try {
          const status = await client.heartbeat();
          applyStatus(status);
          await afterBeat(status);
        } catch (err) {
          if (!stopSignal.aborted) log.warn('heartbeat_failed', { error: (err as Error).message });
        }
        if (!stopSignal.aborted) heartbeatTimer = setTimeout(beat, heartbeatMs);
      };
      heartbeatTimer = setTimeout(beat, heartbeatMs);
    },
    stopHeartbeat(): void {
      if (heartbeatTimer) clearTimeout(heartbeatTimer);
    },
  };
}
