import { describe, expect, it } from 'vitest';
import { NODE_DEFAULTS, NodeConfigError, nodeCapacity, resolveNodeConfig } from '../src/node-config.ts';

const context = { totalCores: 4, homeDir: '/home/ada', hostName: 'forge' };

describe('node config', () => {
  it('uses defaults under the XDG directories', () => {
    const config = resolveNodeConfig([], {}, context);
    expect(config).toEqual({
      sentinelUrl: NODE_DEFAULTS.sentinelUrl,
      configDir: '/home/ada/.config/simforge',
      cacheDir: '/home/ada/.cache/simforge',
      name: 'forge',
      maxParallel: 4,
      totalCores: 4,
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('prefers arguments over environment over defaults', () => {
    const env = {
      XDG_CONFIG_HOME: '/x/config',
      SIMFORGE_NODE_CACHE_DIR: '/x/cache',
      SIMFORGE_SENTINEL_URL: 'http://sentinel:9000/',
      SIMFORGE_NODE_MAX_PARALLEL: '3',
      SIMFORGE_NODE_NAME: 'env-name',
    };
    const config = resolveNodeConfig(['--name', 'arg-name', '--max-parallel', '2'], env, context);
    expect(config.configDir).toBe('/x/config/simforge');
    expect(config.cacheDir).toBe('/x/cache');
    expect(config.sentinelUrl).toBe('http://sentinel:9000');
    expect(config.name).toBe('arg-name');
    expect(config.maxParallel).toBe(2);
  });

  it('caps capacity at the core count', () => {
    expect(nodeCapacity({ maxParallel: 16, totalCores: 2 })).toBe(2);
    expect(nodeCapacity({ maxParallel: 1, totalCores: 2 })).toBe(1);
  });

  it('refuses bad values with a message', () => {
    expect(() => resolveNodeConfig(['--max-parallel', '0'], {}, context)).toThrow(NodeConfigError);
    expect(() => resolveNodeConfig(['--bogus'], {}, context)).toThrow(NodeConfigError);
    expect(() => resolveNodeConfig([], { SIMFORGE_SENTINEL_URL: 'ftp://x' }, context)).toThrow(/http/);
  });
});
