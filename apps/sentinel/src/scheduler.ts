// The scheduler: turns pending jobs into JobRuntimes. It wakes on NOTIFY pending_job, and
// because notifications are lost while LISTEN is down it also sweeps for pending jobs at boot,
// after every reconnect and on a slow timer. Boot first fails every job a previous process
// left running (their runtimes died with it): one restart_dropped line per job.

import { parseSentinelConfig } from '@simforge/common';
import { type Database, runQuery } from '@simforge/db';
import type { GameDataSource } from '@simforge/gamedata';
import type { Clock } from './clock.ts';
import { configHash } from './config-hash.ts';
import type { Logger } from './logger.ts';
import type { SentinelOptions, SimConfigVerdict } from './options.ts';
import { JobRuntime, type VersionPin } from './runtime/job-runtime.ts';
import type { RuntimeStore } from './runtime/runtime-store.ts';

export interface SchedulerOptions {
  db: Database;
  store: RuntimeStore;
  clock: Clock;
  logger: Logger;
  validateSimConfig: NonNullable<SentinelOptions['validateSimConfig']>;
  /** The game data jobs are checked against (the sentinel's own import). */
  gameData: GameDataSource;
  sweepIntervalMs: number;
  disableTimers: boolean;
  /** The engine build and game-data patch a job is pinned to when it is scheduled. */
  currentPin: () => Promise<VersionPin>;
}

interface JobRow {
  id: string;
  user_id: string;
  status: string;
  sim_config: unknown;
  sentinel_config: unknown;
}

export class Scheduler {
  private readonly admitting = new Set<string>();
  private readonly cleanups: (() => unknown)[] = [];
  private stopped = false;

  constructor(private readonly options: SchedulerOptions) {}

  /** boot_fail_running.sql; returns the ids it failed. */
  async boot(): Promise<string[]> {
    const { rows } = await runQuery<{ id: string; user_id: string }>(this.options.db, 'boot_fail_running');
    for (const row of rows) {
      this.options.logger.log('warn', 'restart_dropped', { jobId: row.id, userId: row.user_id });
    }
    return rows.map((row) => row.id);
  }

  async start(): Promise<void> {
    const { db, store } = this.options;
    const unlistenPending = await db.listen('pending_job', (id) => void this.admitSafely(id));
    const unlistenCancel = await db.listen('job_cancelled', (id) => {
      if (store.cancelJob(id)) this.options.logger.log('info', 'job_cancelled', { jobId: id });
    });
    const offReconnect = db.onReconnect(() => {
      this.options.logger.log('info', 'listen_reconnected', {});
      void this.sweep();
    });
    this.cleanups.push(unlistenPending, unlistenCancel, offReconnect);
    if (!this.options.disableTimers) {
      const timer = setInterval(() => void this.sweep(), this.options.sweepIntervalMs);
      timer.unref();
      this.cleanups.push(() => clearInterval(timer));
    }
    await this.sweep();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const cleanup of this.cleanups.splice(0)) await cleanup();
  }

  /** Admit every pending job (boot, reconnect, timer). */
  async sweep(): Promise<number> {
    if (this.stopped) return 0;
    try {
      const { rows } = await runQuery<{ id: string }>(this.options.db, 'jobs_pending');
      for (const row of rows) await this.admitSafely(row.id);
      return rows.length;
    } catch (error) {
      this.options.logger.log('error', 'sweep_error', { message: (error as Error).message });
      return 0;
    }
  }

  private async admitSafely(jobId: string): Promise<void> {
    try {
      await this.admit(jobId);
    } catch (error) {
      this.options.logger.log('error', 'admit_error', { jobId, message: (error as Error).message });
    }
  }

  /** Build the job's runtime, then scheduler_mark_running.sql; refused configs fail at once. */
  async admit(jobId: string): Promise<'admitted' | 'rejected' | 'skipped'> {
    const { db, store, clock, logger } = this.options;
    if (this.stopped || store.job(jobId) !== undefined || this.admitting.has(jobId)) return 'skipped';
    this.admitting.add(jobId);
    try {
      const { rows } = await runQuery<JobRow>(db, 'job_load', [jobId]);
      const row = rows[0];
      if (row === undefined || row.status !== 'pending') return 'skipped';
      const sentinelConfig = parseSentinelConfig(row.sentinel_config);
      // The pin first: the check below must have read the very patch the job is pinned to.
      const pin = await this.options.currentPin();
      const verdict: SimConfigVerdict = sentinelConfig.ok
        ? await this.options.validateSimConfig(row.sim_config, this.options.gameData)
        : { ok: false, message: sentinelConfig.message };
      if (!verdict.ok || !sentinelConfig.ok) {
        const detail = verdict.ok ? {} : { message: verdict.message, errors: verdict.errors };
        await runQuery(db, 'reclaim_mark_failed', [jobId, 'config_rejected', JSON.stringify(detail)]);
        logger.log('info', 'job_rejected', { jobId, message: verdict.ok ? '' : verdict.message });
        return 'rejected';
      }
      if (verdict.patch !== undefined && verdict.patch !== pin.gamedataPatch) {
        // An import landed between the two reads: the talents may not be the nodes' patch's.
        throw new Error(
          `the game data changed during admission (${String(pin.gamedataPatch)} -> ${String(verdict.patch)}); the next sweep retries`,
        );
      }
      const runtime = new JobRuntime({
        pin,
        jobId,
        userId: row.user_id,
        configHash: configHash(row.sim_config, sentinelConfig.value),
        simConfig: row.sim_config,
        sentinelConfig: sentinelConfig.value,
        startedAtMs: clock.now(),
        ...(verdict.report ? { profileReport: verdict.report } : {}),
      });
      const marked = await runQuery(db, 'scheduler_mark_running', [jobId]);
      if (marked.rows.length === 0) return 'skipped';
      store.addJob(runtime);
      logger.log('info', 'job_started', {
        jobId,
        chunks: runtime.plan.chunkCount,
        configHash: runtime.configHash,
        ...pin,
      });
      return 'admitted';
    } finally {
      this.admitting.delete(jobId);
    }
  }
}
