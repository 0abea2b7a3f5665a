import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PORT, envName, readEnvConfig } from '../src/env-config.ts';
import { SENTINEL_DEFAULTS } from '../src/options.ts';

const docs = readFileSync(new URL('../../../docs/sentinel.md', import.meta.url), 'utf8');

describe('the sentinel environment', () => {
  it('names one variable per default, each documented in docs/sentinel.md', () => {
    expect(envName('leaseMs')).toBe('SENTINEL_LEASE_MS');
    for (const key of Object.keys(SENTINEL_DEFAULTS)) expect(docs).toContain(`\`${envName(key)}\``);
    for (const extra of ['SENTINEL_DATABASE_URL', 'SENTINEL_DATA_DIR', 'SENTINEL_PORT'])
      expect(docs).toContain(`\`${extra}\``);
  });

  it('prefers a database URL, else a PGlite data directory under XDG_DATA_HOME', () => {
    expect(readEnvConfig({ SENTINEL_DATABASE_URL: 'postgres://x/y' }).database).toEqual({
      url: 'postgres://x/y',
    });
    expect(readEnvConfig({ SENTINEL_DATA_DIR: '/d' }).database).toEqual({ dataDir: '/d' });
    expect(readEnvConfig({ XDG_DATA_HOME: '/xdg' }).database).toEqual({ dataDir: '/xdg/simforge/pglite' });
    expect(readEnvConfig({}).port).toBe(DEFAULT_PORT);
  });

  it('reads numbers and the host, and names the variable it refuses', () => {
    const config = readEnvConfig({ SENTINEL_LEASE_MS: '5000', SENTINEL_HOST: '0.0.0.0', SENTINEL_PORT: '0' });
    expect(config.settings).toEqual({ leaseMs: 5_000, host: '0.0.0.0' });
    expect(config.port).toBe(0);
    expect(() => readEnvConfig({ SENTINEL_LEASE_MS: 'soon' })).toThrow(/SENTINEL_LEASE_MS/);
    expect(() => readEnvConfig({ SENTINEL_PORT: '70000' })).toThrow(/SENTINEL_PORT/);
  });
});
