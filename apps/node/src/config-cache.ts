// Job configs by hash. A config is immutable (its name is the SHA-256 of its content), so a
// cached copy never goes stale: memory first, then one JSON file per hash on disk (a restarted
// node working on the same job does not ask again), then the sentinel. Concurrent requests
// for one hash share one fetch.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { JobConfigResponse } from '@simforge/common';

export interface ConfigCacheOptions {
  dir: string;
  maxEntries: number;
  fetchConfig: (hash: string) => Promise<JobConfigResponse>;
}

export interface ConfigCache {
  get(hash: string): Promise<JobConfigResponse>;
}

function isJobConfig(value: unknown, hash: string): value is JobConfigResponse {
  const v = value as Partial<JobConfigResponse> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    v.hash === hash &&
    typeof v.simConfig?.profile === 'string' &&
    typeof v.sentinelConfig === 'object' &&
    v.sentinelConfig !== null
  );
}

export function createConfigCache(options: ConfigCacheOptions): ConfigCache {
  // Map iteration order is insertion order: re-inserting on hit makes the first key the LRU.
  const memory = new Map<string, Promise<JobConfigResponse>>();

  const remember = (hash: string, value: Promise<JobConfigResponse>): void => {
    memory.delete(hash);
    memory.set(hash, value);
    while (memory.size > options.maxEntries) {
      const oldest = memory.keys().next().value;
      if (oldest === undefined) break;
      memory.delete(oldest);
    }
  };

  const load = async (hash: string): Promise<JobConfigResponse> => {
    const path = join(options.dir, `${hash}.json`);
    try {
      const parsed: unknown = JSON.parse(await readFile(path, 'utf8'));
      if (isJobConfig(parsed, hash)) return parsed;
    } catch {
      // Absent or corrupt (a crash mid-write on a filesystem without atomic rename): refetch.
    }
    const config = await options.fetchConfig(hash);
    if (!isJobConfig(config, hash)) throw new Error(`sentinel sent a malformed config for ${hash}`);
    await mkdir(options.dir, { recursive: true });
    const temp = `${path}.${process.pid}.tmp`;
    await writeFile(temp, JSON.stringify(config));
    await rename(temp, path);
    return config;
  };

  return {
    get(hash) {
      if (!/^[0-9a-f]{64}$/.test(hash)) return Promise.reject(new Error(`malformed config hash '${hash}'`));
      const hit = memory.get(hash);
      if (hit) {
        remember(hash, hit);
        return hit;
      }
      const pending = load(hash);
      remember(hash, pending);
      // A failed fetch must not be cached: the next chunk of the job should try again.
      pending.catch(() => {
        if (memory.get(hash) === pending) memory.delete(hash);
      });
      return pending;
    },
  };
}
