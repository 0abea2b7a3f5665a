import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JobConfigResponse } from '@simforge/common';
import { afterEach, describe, expect, it } from 'vitest';
import { createConfigCache } from '../src/config-cache.ts';

const hash = 'a'.repeat(64);
const config: JobConfigResponse = {
  hash,
  simConfig: { profile: 'hunter="x"' },
  sentinelConfig: { seed: 1, chunkIterations: 100, strategy: { kind: 'fixed', iterations: 1000 } },
};

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

describe('config cache', () => {
  it('fetches a hash once, shares the fetch, and serves a restart from disk', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'simforge-configs-'));
    dirs.push(dir);
    let fetches = 0;
    const fetchConfig = async () => {
      fetches++;
      return config;
    };
    const cache = createConfigCache({ dir, maxEntries: 4, fetchConfig });
    const [a, b] = await Promise.all([cache.get(hash), cache.get(hash)]);
    expect(a).toEqual(config);
    expect(b).toEqual(config);
    expect(fetches).toBe(1);
    expect(await readdir(dir)).toEqual([`${hash}.json`]);

    const restarted = createConfigCache({ dir, maxEntries: 4, fetchConfig });
    expect(await restarted.get(hash)).toEqual(config);
    expect(fetches).toBe(1);
  });

  it('does not remember a failed fetch', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'simforge-configs-'));
    dirs.push(dir);
    let calls = 0;
    const cache = createConfigCache({
      dir,
      maxEntries: 4,
      fetchConfig: async () => {
        calls++;
        if (calls === 1) throw new Error('sentinel away');
        return config;
      },
    });
    await expect(cache.get(hash)).rejects.toThrow('sentinel away');
    expect(await cache.get(hash)).toEqual(config);
  });

  it('refuses a malformed hash without fetching', async () => {
    const cache = createConfigCache({
      dir: '/nonexistent',
      maxEntries: 1,
      fetchConfig: async () => {
        throw new Error('should not fetch');
      },
    });
    await expect(cache.get('../etc/passwd')).rejects.toThrow(/malformed/);
  });
});
