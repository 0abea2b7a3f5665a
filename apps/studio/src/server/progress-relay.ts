// Live progress for open pages. The sentinel NOTIFYs `job_progress` (about once a second per
// job) and migration 0011 NOTIFYs `job_status` on every status change; one LISTEN per
// channel fans out to each signed-in user's server-sent-event streams, filtered by the
// payload's userId so a page only ever hears about its own user's jobs. The latest progress
// per active job is kept in memory (it is never written to the database) so a page opened
// mid-run starts from the current number rather than zero.

import type { JobProgressNotice, JobStatusNotice } from '@simforge/common';
import type { Database } from '@simforge/db';
import type { JobEvent, JobProgress, JobStatus } from '../api-contract.ts';

export type RelayEvent = JobEvent;

type Subscriber = (event: RelayEvent) => void;

/** Either notice, each field still to be checked: the payload is only as good as its sender. */
type Notice = Partial<Record<keyof (JobProgressNotice & JobStatusNotice), unknown>>;

export interface ProgressRelay {
  start(): Promise<void>;
  stop(): Promise<void>;
  subscribe(userId: string, subscriber: Subscriber): () => void;
  progressOf(jobId: string): JobProgress | null;
  /** Open streams, for tests and metrics. */
  readonly subscriberCount: number;
}

const TERMINAL = new Set(['completed', 'failed']);
// Bounds the in-memory map if a sentinel stops reporting status for jobs it progressed.
const MAX_TRACKED_JOBS = 10_000;

export function createProgressRelay(
  db: Database,
  log: (line: Record<string, unknown>) => void,
): ProgressRelay {
  const subscribers = new Map<string, Set<Subscriber>>();
  const latest = new Map<string, JobProgress>();
  const unlisteners: Array<() => Promise<void>> = [];
  let stopReconnect: (() => void) | null = null;
  let count = 0;

  const deliver = (userId: unknown, event: RelayEvent) => {
    if (typeof userId !== 'string') return;
    for (const subscriber of subscribers.get(userId) ?? []) subscriber(event);
  };

  const onProgress = (payload: string) => {
    const msg = parse(payload);
    if (!msg || typeof msg.id !== 'string') return;
    const done = Number(msg.iterationsDone);
    const target = Number(msg.iterationsTarget);
    if (!Number.isFinite(done) || !Number.isFinite(target)) return;
    if (latest.size >= MAX_TRACKED_JOBS && !latest.has(msg.id)) latest.delete(latest.keys().next().value!);
    latest.set(msg.id, { iterationsDone: done, iterationsTarget: target });
    deliver(msg.userId, { type: 'progress', id: msg.id, iterationsDone: done, iterationsTarget: target });
  };

  const onStatus = (payload: string) => {
    const msg = parse(payload);
    if (!msg || typeof msg.id !== 'string' || typeof msg.status !== 'string') return;
    if (TERMINAL.has(msg.status)) latest.delete(msg.id);
    // The payload is public.jobs.status, which its check constraint keeps to JobStatus.
    deliver(msg.userId, { type: 'status', id: msg.id, status: msg.status as JobStatus });
  };

  function parse(payload: string): Notice | null {
    try {
      const value: unknown = JSON.parse(payload);
      return typeof value === 'object' && value !== null ? (value as Notice) : null;
    } catch (error) {
      log({ level: 'warn', msg: 'relay_bad_payload', payload: payload.slice(0, 200), error: String(error) });
      return null;
    }
  }

  return {
    async start() {
      unlisteners.push(await db.listen('job_progress', onProgress));
      unlisteners.push(await db.listen('job_status', onStatus));
      stopReconnect = db.onReconnect(() => {
        latest.clear();
        for (const set of subscribers.values()) for (const subscriber of set) subscriber({ type: 'resync' });
      });
    },
    async stop() {
      stopReconnect?.();
      stopReconnect = null;
      await Promise.all(unlisteners.splice(0).map((unlisten) => unlisten()));
      subscribers.clear();
      count = 0;
    },
    subscribe(userId, subscriber) {
      let set = subscribers.get(userId);
      if (!set) {
        set = new Set();
        subscribers.set(userId, set);
      }
      set.add(subscriber);
      count++;
      return () => {
        if (set.delete(subscriber)) count--;
        if (set.size === 0) subscribers.delete(userId);
      };
    },
    progressOf(jobId) {
      return latest.get(jobId) ?? null;
    },
    get subscriberCount() {
      return count;
    },
  };
}
