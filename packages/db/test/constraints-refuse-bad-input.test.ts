import { expect, it } from 'vitest';
import { type Database, runQuery } from '../src/index.ts';
import { createUser, describeEachDriver } from '../src/testing/index.ts';
import { nodePublicKey } from './node-keys.ts';

const CHECK_VIOLATION = '23514';
const NOT_NULL_VIOLATION = '23502';
const UNIQUE_VIOLATION = '23505';

const register = (db: Database, key: string, totalCores: number, maxParallel: number) =>
  runQuery(db, 'nodes_register', [key, 'box', totalCores, maxParallel, 'linux-x64', '0.1.0', null]);

describeEachDriver('constraints refuse bad input', (getDb) => {
  it('a node key that is not base64url of 32 bytes', async () => {
    const db = getDb();
    const good = nodePublicKey();
    const malformed = [
      'not-a-key',
      `${good}A`, // 44 characters
      `${good.slice(0, 42)}B`, // last character carries bits a 32-byte key cannot have
      `${good.slice(0, 10)}+${good.slice(11)}`, // base64, not base64url
      `${good.slice(0, 42)}=`,
    ];
    for (const key of malformed) {
      await expect(register(db, key, 4, 2)).rejects.toMatchObject({
        code: CHECK_VIOLATION,
        constraint: 'nodes_public_key_ed25519',
      });
    }
    expect((await register(db, good, 4, 2)).rowCount).toBe(1);
  });

  it('negative or zero cores and parallelism', async () => {
    const db = getDb();
    await expect(register(db, nodePublicKey(), -1, 2)).rejects.toMatchObject({
      code: CHECK_VIOLATION,
      constraint: 'nodes_total_cores_positive',
    });
    await expect(register(db, nodePublicKey(), 4, 0)).rejects.toMatchObject({
      code: CHECK_VIOLATION,
      constraint: 'nodes_max_parallel_positive',
    });
  });

  it('an unknown node status', async () => {
    const db = getDb();
    const key = nodePublicKey();
    await register(db, key, 4, 2);
    await expect(runQuery(db, 'nodes_set_presence', [[key], 'busy', null])).rejects.toMatchObject({
      code: CHECK_VIOLATION,
      constraint: 'nodes_status_known',
    });
  });

  it('a job with an unknown status, a non-object config or no config', async () => {
    const db = getDb();
    const userId = await createUser(db);
    const insert = (status: string, simConfig: unknown) =>
      db.query(
        'INSERT INTO public.jobs (user_id, sim_config, sentinel_config, status) VALUES ($1, $2, $3, $4)',
        [userId, simConfig, {}, status],
      );
    await expect(insert('paused', { profile: '' })).rejects.toMatchObject({
      code: CHECK_VIOLATION,
      constraint: 'jobs_status_known',
    });
    await expect(insert('pending', JSON.stringify('text'))).rejects.toMatchObject({
      code: CHECK_VIOLATION,
      constraint: 'jobs_sim_config_object',
    });
    await expect(insert('pending', null)).rejects.toMatchObject({ code: NOT_NULL_VIOLATION });
    const { rows } = await db.query<{ id: string }>(
      "INSERT INTO public.jobs (user_id, sim_config, sentinel_config) VALUES ($1, '{}', '{}') RETURNING id",
      [userId],
    );
    await expect(
      db.query("UPDATE public.jobs SET status = 'done' WHERE id = $1", [rows[0]!.id]),
    ).rejects.toMatchObject({
      code: CHECK_VIOLATION,
      constraint: 'jobs_status_known',
    });
  });

  it('two nodes with one key, or one claim code for two nodes', async () => {
    const db = getDb();
    const key = nodePublicKey();
    await db.query(
      "INSERT INTO public.nodes (public_key, name, total_cores, max_parallel) VALUES ($1, 'a', 1, 1)",
      [key],
    );
    await expect(
      db.query(
        "INSERT INTO public.nodes (public_key, name, total_cores, max_parallel) VALUES ($1, 'b', 1, 1)",
        [key],
      ),
    ).rejects.toMatchObject({ code: UNIQUE_VIOLATION });
    await runQuery(db, 'nodes_register', [nodePublicKey(), 'c', 1, 1, '', '', 'same-code']);
    await expect(
      runQuery(db, 'nodes_register', [nodePublicKey(), 'd', 1, 1, '', '', 'same-code']),
    ).rejects.toMatchObject({
      code: UNIQUE_VIOLATION,
    });
  });
});
