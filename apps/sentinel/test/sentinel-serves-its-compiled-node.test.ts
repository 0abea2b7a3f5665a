// GET /v1/node.mjs: the one-line install. The sentinel serves the compiled node of its own
// build; the file runs alone, copied far from the repository and its node_modules; a sentinel
// with none says so in the error envelope; downloads are limited per address.
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEachDriver } from '@simforge/db/testing';
import { afterAll, expect, it } from 'vitest';
import { compiledAppPath } from '../../cli/test/support/compiled-apps.ts';
import { type Harness, startSentinel } from './support/sentinel-harness.ts';

describeEachDriver('the sentinel serves its compiled node', (getDb) => {
  const harnesses: Harness[] = [];
  const dirs: string[] = [];
  afterAll(async () => {
    for (const h of harnesses) await h.close();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('answers 404 SF_SENTINEL_NODE_BUNDLE_UNAVAILABLE when it has none', async () => {
    const h = await startSentinel(getDb());
    harnesses.push(h);
    const res = await fetch(`${h.baseUrl}/v1/node.mjs`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
      'SF_SENTINEL_NODE_BUNDLE_UNAVAILABLE',
    );
  });

  it('serves dist/simforge-node.mjs with its hash as ETag, a file that runs alone, and limits downloads', async () => {
    const path = compiledAppPath('simforge-node');
    const h = await startSentinel(getDb(), { nodeBundlePath: path, registerPerMinute: 3 });
    harnesses.push(h);
    const res = await fetch(`${h.baseUrl}/v1/node.mjs`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.equals(await readFile(path))).toBe(true);
    const etag = res.headers.get('etag');
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
    const again = await fetch(`${h.baseUrl}/v1/node.mjs`, { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);

    // Far from the repository: no node_modules, no sources to resolve anything against.
    const dir = await mkdtemp(join(tmpdir(), 'simforge-volunteer-'));
    dirs.push(dir);
    await writeFile(join(dir, 'simforge-node.mjs'), bytes);
    const help = spawnSync(process.execPath, ['simforge-node.mjs', '--help'], { cwd: dir, encoding: 'utf8' });
    expect(help.status, help.stderr).toBe(0);
    expect(help.stdout).toContain('--max-parallel');

    await fetch(`${h.baseUrl}/v1/node.mjs`);
    const limited = await fetch(`${h.baseUrl}/v1/node.mjs`);
    expect(limited.status).toBe(429);
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe(
      'SF_REQUEST_RATE_LIMITED',
    );
  });
});
