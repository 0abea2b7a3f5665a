import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/index.ts';
import { findPostgresBinary, startPostgres } from '../src/testing/index.ts';

// The harness must fail a database test when Postgres cannot start, never skip it. These
// fake a broken installation with a directory of stand-in binaries.
describe('throwaway Postgres cluster [harness]', () => {
  let fakeBin = '';
  beforeAll(async () => {
    fakeBin = await mkdtemp(join(tmpdir(), 'simforge-fakepg-'));
    // The stand-ins run as the postgres OS user when tests run as root.
    await chmod(fakeBin, 0o755);
  });
  afterAll(async () => {
    await rm(fakeBin, { recursive: true, force: true });
  });

  const leftovers = async () => (await readdir(tmpdir())).filter((name) => name.startsWith('simforge-pg-'));

  it('throws when initdb fails', async () => {
    await writeFile(join(fakeBin, 'initdb'), '#!/bin/sh\necho "initdb: broken on purpose" >&2\nexit 1\n');
    await chmod(join(fakeBin, 'initdb'), 0o755);
    await writeFile(join(fakeBin, 'pg_ctl'), '#!/bin/sh\nexit 1\n');
    await chmod(join(fakeBin, 'pg_ctl'), 0o755);
    const before = await leftovers();
    await expect(startPostgres({ binDir: fakeBin })).rejects.toThrow(/initdb failed/);
    expect(await leftovers()).toEqual(before);
  });

  it('throws when the server does not start', async () => {
    // The real initdb (it finds its postgres binary beside itself), then a pg_ctl that fails.
    await writeFile(join(fakeBin, 'initdb'), `#!/bin/sh\nexec ${findPostgresBinary('initdb')} "$@"\n`);
    await expect(startPostgres({ binDir: fakeBin })).rejects.toThrow(/pg_ctl start failed/);
  });

  it('starts a real server and stops it without leaving files behind', async () => {
    const cluster = await startPostgres();
    try {
      const db = await openDatabase({ url: cluster.url() });
      const { rows } = await db.query<{ v: string }>("SELECT current_setting('server_version_num') AS v");
      expect(Number(rows[0]?.v)).toBeGreaterThanOrEqual(150000);
      const fsync = await db.query<{ v: string }>("SELECT current_setting('fsync') AS v");
      expect(fsync.rows[0]?.v).toBe('off');
      await db.close();
    } finally {
      await cluster.stop();
    }
    expect(await leftovers()).not.toContain(cluster.dataDir.split('/').at(-2));
  });

  it('is stopped by its watchdog when the owning process dies without stopping it', async () => {
    // A child process starts a cluster, prints where, and is killed before it can stop it.
    const moduleUrl = new URL('../src/testing/postgres-cluster.ts', import.meta.url).href;
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        `const { startPostgres } = await import(${JSON.stringify(moduleUrl)});
         const c = await startPostgres(); console.log(c.dataDir); setInterval(() => {}, 1000);`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const dataDir = await new Promise<string>((resolve, reject) => {
      child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
      child.once('exit', (code) => reject(new Error(`child exited early (${code})`)));
    });
    expect(existsSync(dataDir)).toBe(true);
    child.kill('SIGKILL');
    const deadline = Date.now() + 15_000;
    while (existsSync(dataDir) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 200));
    expect(existsSync(dataDir)).toBe(false);
  });
});
