import { DiskRecordCache } from './disk-cache.ts';
import { GameDataError } from './errors.ts';
import { LruCache } from './memory-cache.ts';
import type { AnyRecord, GameDataSource, RecordBatch, RecordKey } from './records.ts';

/** The resolver's defaults, in one place. */
export const RESOLVER_DEFAULTS = Object.freeze({
  memoryMaxEntries: 20_000,
  /** How often the origin is asked whether the patch changed (a cheap conditional request). */
  patchCheckIntervalMs: 10 * 60_000,
  /** How long misses wait for company before one origin request carries them all. */
  batchWindowMs: 2,
});

export interface ResolverOptions {
  /** Layer 3: where misses go (the sentinel's endpoint, PostgREST, or a source directly). */
  origin: GameDataSource;
  /** Layer 2's directory, under the user's cache directory; no disk layer when absent. */
  diskCacheDir?: string;
  memoryMaxEntries?: number;
  patchCheckIntervalMs?: number;
  batchWindowMs?: number;
  /** Milliseconds clock, injected for tests. */
  now?: () => number;
}

export interface ResolverStats {
  memoryHits: number;
  diskHits: number;
  originRequests: number;
  originKeys: number;
}

interface PendingMiss {
  keys: RecordKey[];
  resolve: (batch: RecordBatch) => void;
  reject: (error: unknown) => void;
}

/**
 * The 3-layer game-data resolver: a bounded in-memory LRU, a disk cache keyed by patch, and
 * a remote origin. Misses of calls that arrive together (within `batchWindowMs`) travel in
 * one origin request. Every cache is keyed by the patch: when the origin reports a new one,
 * both caches are dropped before its records are stored.
 */
export class GameDataResolver {
  private readonly origin: GameDataSource;
  private readonly memory: LruCache<RecordKey, AnyRecord | null>;
  private readonly disk: DiskRecordCache | undefined;
  private readonly patchCheckIntervalMs: number;
  private readonly batchWindowMs: number;
  private readonly now: () => number;
  private patch: string | undefined;
  private patchCheckedAt = Number.NEGATIVE_INFINITY;
  private patchCheck: Promise<string> | undefined;
  private pending: PendingMiss[] = [];
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  readonly stats: ResolverStats = { memoryHits: 0, diskHits: 0, originRequests: 0, originKeys: 0 };

  constructor(options: ResolverOptions) {
    this.origin = options.origin;
    this.memory = new LruCache(options.memoryMaxEntries ?? RESOLVER_DEFAULTS.memoryMaxEntries);
    this.disk = options.diskCacheDir ? new DiskRecordCache(options.diskCacheDir) : undefined;
    this.patchCheckIntervalMs = options.patchCheckIntervalMs ?? RESOLVER_DEFAULTS.patchCheckIntervalMs;
    this.batchWindowMs = options.batchWindowMs ?? RESOLVER_DEFAULTS.batchWindowMs;
    this.now = options.now ?? Date.now;
  }

  /**
   * The current patch: asks the origin at most once per check interval, or now with
   * `recheck` (the sentinel said the patch this node holds is not the jobs').
   */
  currentPatch(options: { recheck?: boolean } = {}): Promise<string> {
    if (
      !options.recheck &&
      this.patch !== undefined &&
      this.now() - this.patchCheckedAt < this.patchCheckIntervalMs
    ) {
      return Promise.resolve(this.patch);
    }
    this.patchCheck ??= this.checkPatch().finally(() => {
      this.patchCheck = undefined;
    });
    return this.patchCheck;
  }

  /** Records of these keys in the current patch, `null` for ones the patch does not have. */
  async resolve(keys: readonly RecordKey[]): Promise<RecordBatch> {
    const patch = await this.currentPatch();
    const records: Record<string, AnyRecord | null> = {};
    const notInMemory: RecordKey[] = [];
    for (const key of new Set(keys)) {
      if (this.memory.has(key)) {
        records[key] = this.memory.get(key) as AnyRecord | null;
        this.stats.memoryHits += 1;
      } else {
        notInMemory.push(key);
      }
    }
    const disk = this.disk;
    const fromDisk = disk ? await Promise.all(notInMemory.map((key) => disk.get(key))) : [];
    const misses: RecordKey[] = [];
    notInMemory.forEach((key, i) => {
      const record = fromDisk[i];
      if (record === undefined) {
        misses.push(key);
        return;
      }
      this.memory.set(key, record);
      records[key] = record;
      this.stats.diskHits += 1;
    });
    if (misses.length === 0) return { patch, records };
    const fetched = await this.fetchBatched(misses);
    for (const key of misses) records[key] = fetched.records[key] ?? null;
    return { patch: fetched.patch, records };
  }

  private async checkPatch(): Promise<string> {
    let patch: string;
    try {
      patch = await this.origin.currentPatch();
    } catch (error) {
      // Offline: the disk cache's patch is still a consistent snapshot to work from.
      const cached = this.patch ?? (await this.disk?.currentPatch());
      if (cached === undefined) throw error;
      patch = cached;
    }
    await this.adoptPatch(patch);
    this.patchCheckedAt = this.now();
    return patch;
  }

  private async adoptPatch(patch: string): Promise<void> {
    if (this.patch !== patch) {
      this.memory.clear();
      this.patch = patch;
    }
    await this.disk?.usePatch(patch);
  }

  private fetchBatched(keys: RecordKey[]): Promise<RecordBatch> {
    return new Promise((resolve, reject) => {
      this.pending.push({ keys, resolve, reject });
      this.flushTimer ??= setTimeout(() => {
        this.flushTimer = undefined;
        void this.flush();
      }, this.batchWindowMs);
    });
  }

  private async flush(): Promise<void> {
    const waiting = this.pending;
    this.pending = [];
    const keys = [...new Set(waiting.flatMap((w) => w.keys))];
    try {
      this.stats.originRequests += 1;
      this.stats.originKeys += keys.length;
      const batch = await this.origin.fetchRecords(keys);
      if (typeof batch.patch !== 'string' || batch.patch === '') {
        throw new GameDataError('SF_GAMEDATA_ORIGIN', 'the origin answered without a patch version');
      }
      // A new patch appeared between the check and this fetch: the caches belong to the old one.
      if (batch.patch !== this.patch) await this.adoptPatch(batch.patch);
      this.patchCheckedAt = this.now();
      for (const key of keys) this.memory.set(key, batch.records[key] ?? null);
      const disk = this.disk;
      if (disk) await Promise.all(keys.map((key) => disk.put(key, batch.records[key] ?? null)));
      for (const w of waiting) w.resolve(batch);
    } catch (error) {
      for (const w of waiting) w.reject(error);
    }
  }
}
