// `simforge nodes relink NODE_ID` on both drivers and both transports: straight on the
// database as the user (databasePlatform, what --database-url runs) and as a real `simforge`
// process through a control API serving that database (what the embedded default runs). The
// owner's quarantined node comes back with its trust record reset; another user's node, a node
// not quarantined and a second relink get exit 4 and change nothing; a malformed id exit 2.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createUser, describeEachDriver } from '@simforge/db/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CLI_EXIT } from '../src/cli-errors.ts';
import { createControlServer } from '../src/control-api.ts';
import { databasePlatform } from '../src/database-platform.ts';
import { CONTROL_FILE } from '../src/platform-connect.ts';
import { compiledApp } from './support/compiled-apps.ts';
import { testQueries } from './support/test-queries.ts';

const REASON = 'its result for chunk 4 of a job lost to another owner’s';

/** A real `simforge` process; asynchronous, because the control server answers in this one. */
function simforge(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const { command, args: argv } = compiledApp('simforge', args);
    const child = execFile(command, argv, { timeout: 60_000 }, (_err, stdout, stderr) =>
      resolve({ status: child.exitCode, stdout, stderr }),
    );
  });
}

function publicKey(seed: number): string {
  return Buffer.alloc(32, seed).toString('base64url');
}

describeEachDriver('simforge nodes relink', (getDb) => {
  let owner: string;
  let dataDir: string;
  let control: Server;

  const quarantinedNode = async (userId: string, seed: number, quarantined = true) => {
    const res = await testQueries.run<{ id: string }>(getDb(), 'cli_test_node_insert', [
      publicKey(seed),
      userId,
      `box-${seed}`,
    ]);
    const id = res.rows[0]!.id;
    if (quarantined) await testQueries.run(getDb(), 'cli_test_node_quarantine', [id, REASON]);
    return id;
  };
  const state = async (id: string) =>
    (await testQueries.run<Record<string, unknown>>(getDb(), 'cli_test_node_state', [id])).rows[0]!;

  beforeAll(async () => {
    owner = await createUser(getDb(), { email: 'owner@example.test' });
    // The control API of `simforge start`, serving this database as the owner.
    const token = 'relink-test-token';
    control = createControlServer(databasePlatform(getDb(), owner), { token });
    await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));
    const address = control.address() as { port: number };
    dataDir = await mkdtemp(join(tmpdir(), 'simforge-relink-'));
    await writeFile(
      join(dataDir, CONTROL_FILE),
      JSON.stringify({ url: `http://127.0.0.1:${address.port}`, token, pid: process.pid }),
      { mode: 0o600 },
    );
  });

  afterAll(async () => {
    await new Promise((resolve) => control?.close(resolve));
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('on the database: takes back only the user’s own quarantined node', async () => {
    const stranger = await createUser(getDb());
    const platform = databasePlatform(getDb(), owner);
    const mine = await quarantinedNode(owner, 51);
    const healthy = await quarantinedNode(owner, 52, false);
    const theirs = await quarantinedNode(stranger, 53);
    const before = { healthy: await state(healthy), theirs: await state(theirs) };

    expect(await platform.relinkNode(theirs)).toBeNull();
    expect(await platform.relinkNode(healthy)).toBeNull();
    expect(await platform.relinkNode('not-a-node-id')).toBeNull();
    expect(await state(theirs)).toEqual(before.theirs);
    expect(await state(healthy)).toEqual(before.healthy);

    expect(await platform.relinkNode(mine)).toEqual({ id: mine, name: 'box-51', publicKey: publicKey(51) });
    expect(await state(mine)).toMatchObject({
      user_id: owner,
      status: 'offline',
      quarantine_reason: null,
      verification_rate: 1,
      trust_epoch: 1,
    });
    expect(await platform.relinkNode(mine)).toBeNull();
    expect((await state(mine)).trust_epoch).toBe(1);
  });

  it('as a process through the control API: exit 0 once, then exit 4; exit 2 for a malformed id', async () => {
    const stranger = await createUser(getDb());
    const mine = await quarantinedNode(owner, 61);
    const theirs = await quarantinedNode(stranger, 62);
    const theirsBefore = await state(theirs);

    const relinked = await simforge(['nodes', 'relink', mine, '--data-dir', dataDir]);
    expect(relinked.status, relinked.stderr).toBe(CLI_EXIT.ok);
    expect(relinked.stdout).toContain(`re-linked node box-61 (${publicKey(61)})`);
    expect(await state(mine)).toMatchObject({ status: 'offline', trust_epoch: 1 });

    const again = await simforge(['nodes', 'relink', mine, '--data-dir', dataDir]);
    expect(again.status).toBe(CLI_EXIT.badInput);
    expect(again.stderr).toMatch(/no quarantined node of yours has id/);

    const foreign = await simforge(['nodes', 'relink', theirs, '--data-dir', dataDir]);
    expect(foreign.status).toBe(CLI_EXIT.badInput);
    expect(await state(theirs)).toEqual(theirsBefore);

    const malformed = await simforge(['nodes', 'relink', 'box-61', '--data-dir', dataDir]);
    expect(malformed.status).toBe(CLI_EXIT.usage);
    expect(malformed.stderr).toMatch(/not a node id/);
  });
});
