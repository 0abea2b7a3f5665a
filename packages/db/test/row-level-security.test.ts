import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { asAnon, asUser, type Database, type Queryable, runQuery } from '../src/index.ts';
import { createUser, describeEachDriver } from '../src/testing/index.ts';
import { nodePublicKey } from './node-keys.ts';

const INSUFFICIENT_PRIVILEGE = '42501';
const NO_DATA_FOUND = 'P0002';

const insertJob = (tx: Queryable, userId?: string) =>
  tx.query<{ id: string }>(
    'INSERT INTO public.jobs (user_id, sim_config, sentinel_config) VALUES (COALESCE($1, auth.uid()), $2, $3) RETURNING id',
    [
      userId ?? null,
      { profile: 'hunter="rls"' },
      { seed: 1, chunkIterations: 10, strategy: { kind: 'fixed', iterations: 10 } },
    ],
  );

async function registerUnlinked(db: Database, claimCode: string): Promise<string> {
  const key = nodePublicKey();
  await runQuery(db, 'nodes_register', [key, 'box', 8, 4, 'linux-x64', '0.1.0', claimCode]);
  return key;
}

describeEachDriver('row-level security', (getDb) => {
  let userA = '';
  let userB = '';
  let jobOfA = '';
  let nodeOfA = '';

  beforeAll(async () => {
    const db = getDb();
    userA = await createUser(db);
    userB = await createUser(db);
    jobOfA = (await asUser(db, userA, (tx) => insertJob(tx))).rows[0]!.id;
    const code = `claim-${randomUUID()}`;
    const key = await registerUnlinked(db, code);
    const claimed = await asUser(db, userA, (tx) =>
      tx.query<{ id: string; user_id: string; claim_code: string | null }>(
        'SELECT * FROM public.claim_node($1)',
        [code],
      ),
    );
    expect(claimed.rows[0]).toMatchObject({ user_id: userA, claim_code: null });
    nodeOfA = key;
  });

  it('a user reads only their own jobs', async () => {
    const db = getDb();
    const asA = await asUser(db, userA, (tx) => tx.query('SELECT id FROM public.jobs'));
    expect(asA.rows).toEqual([{ id: jobOfA }]);
    const asB = await asUser(db, userB, (tx) =>
      tx.query('SELECT id FROM public.jobs WHERE id = $1', [jobOfA]),
    );
    expect(asB.rowCount).toBe(0);
  });

  it('a user cannot insert a job as another user', async () => {
    await expect(asUser(getDb(), userB, (tx) => insertJob(tx, userA))).rejects.toMatchObject({
      code: INSUFFICIENT_PRIVILEGE,
    });
  });

  it('a user cannot insert a job past pending or with results', async () => {
    const attempt = (tx: Queryable) =>
      tx.query(
        "INSERT INTO public.jobs (sim_config, sentinel_config, status) VALUES ('{}', '{}', 'completed')",
      );
    await expect(asUser(getDb(), userA, attempt)).rejects.toMatchObject({ code: INSUFFICIENT_PRIVILEGE });
  });

  it('no user updates or deletes a job, not even their own: transitions are the sentinel s', async () => {
    const db = getDb();
    for (const user of [userB, userA]) {
      await expect(
        asUser(db, user, (tx) =>
          tx.query("UPDATE public.jobs SET status = 'completed' WHERE id = $1", [jobOfA]),
        ),
      ).rejects.toMatchObject({ code: INSUFFICIENT_PRIVILEGE });
      await expect(
        asUser(db, user, (tx) => tx.query('DELETE FROM public.jobs WHERE id = $1', [jobOfA])),
      ).rejects.toMatchObject({ code: INSUFFICIENT_PRIVILEGE });
    }
    const { rows } = await db.query<{ status: string }>('SELECT status FROM public.jobs WHERE id = $1', [
      jobOfA,
    ]);
    expect(rows[0]?.status).toBe('pending');
  });

  it('a user reads only their own nodes', async () => {
    const db = getDb();
    const asA = await asUser(db, userA, (tx) => tx.query('SELECT public_key FROM public.nodes'));
    expect(asA.rows).toEqual([{ public_key: nodeOfA }]);
    const asB = await asUser(db, userB, (tx) => tx.query('SELECT public_key FROM public.nodes'));
    expect(asB.rowCount).toBe(0);
  });

  it('a user renames their own node but not another user s', async () => {
    const db = getDb();
    const rename = (user: string, name: string) =>
      asUser(db, user, (tx) =>
        tx.query('UPDATE public.nodes SET name = $2 WHERE public_key = $1', [nodeOfA, name]),
      );
    expect((await rename(userB, 'stolen')).rowCount).toBe(0);
    expect((await rename(userA, 'renamed')).rowCount).toBe(1);
    // Ownership itself is not a user-writable column.
    await expect(
      asUser(db, userA, (tx) =>
        tx.query('UPDATE public.nodes SET user_id = $2 WHERE public_key = $1', [nodeOfA, userB]),
      ),
    ).rejects.toMatchObject({ code: INSUFFICIENT_PRIVILEGE });
    const { rows } = await runQuery<{ name: string; user_id: string }>(db, 'nodes_by_key', [nodeOfA]);
    expect(rows[0]).toMatchObject({ name: 'renamed', user_id: userA });
  });

  it('a user inserts a node for themselves but not for another user', async () => {
    const db = getDb();
    const insert = (user: string, owner: string) =>
      asUser(db, user, (tx) =>
        tx.query(
          'INSERT INTO public.nodes (public_key, user_id, name, total_cores, max_parallel) VALUES ($1, $2, $3, 4, 2)',
          [nodePublicKey(), owner, 'direct'],
        ),
      );
    await expect(insert(userB, userA)).rejects.toMatchObject({ code: INSUFFICIENT_PRIVILEGE });
    expect((await insert(userB, userB)).rowCount).toBe(1);
  });

  it('a user cannot delete another user s node', async () => {
    const db = getDb();
    const removed = await asUser(db, userB, (tx) =>
      tx.query('DELETE FROM public.nodes WHERE public_key = $1', [nodeOfA]),
    );
    expect(removed.rowCount).toBe(0);
    expect((await runQuery(db, 'nodes_by_key', [nodeOfA])).rowCount).toBe(1);
  });

  it('claim_node refuses a used or unknown code', async () => {
    const db = getDb();
    const code = `claim-${randomUUID()}`;
    await registerUnlinked(db, code);
    const claim = (user: string) =>
      asUser(db, user, (tx) => tx.query('SELECT * FROM public.claim_node($1)', [code]));
    await claim(userB);
    await expect(claim(userA)).rejects.toMatchObject({ code: NO_DATA_FOUND });
    await expect(
      asUser(db, userA, (tx) => tx.query('SELECT public.claim_node($1)', ['no-such-code'])),
    ).rejects.toMatchObject({ code: NO_DATA_FOUND });
  });

  it('anon reads every game table', async () => {
    const db = getDb();
    const { rows } = await db.query<{ qualified: string }>(
      "SELECT format('%I.%I', schemaname, tablename) AS qualified FROM pg_tables WHERE schemaname = 'game'",
    );
    for (const { qualified } of rows) {
      // Names come from the catalog, quoted by the server's own format('%I').
      await asAnon(db, (tx) => tx.query(`SELECT * FROM ${qualified} LIMIT 1`));
    }
    expect(rows.length).toBeGreaterThan(0);
    // Default privileges: a game table added by a later migration is readable too.
    await db.exec('CREATE TABLE game.rls_probe_later (id int); INSERT INTO game.rls_probe_later VALUES (1)');
    const later = await asAnon(db, (tx) => tx.query('SELECT id FROM game.rls_probe_later'));
    expect(later.rows).toEqual([{ id: 1 }]);
    await expect(asAnon(db, (tx) => tx.query('DELETE FROM game.rls_probe_later'))).rejects.toMatchObject({
      code: INSUFFICIENT_PRIVILEGE,
    });
  });

  it('anon writes nothing anywhere', async () => {
    const db = getDb();
    const writable = await db.query<{ relation: string }>(
      `SELECT format('%I.%I', n.nspname, c.relname) AS relation
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')
         AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
         AND (has_table_privilege('anon', c.oid, 'INSERT, UPDATE, DELETE, TRUNCATE')
              OR has_any_column_privilege('anon', c.oid, 'INSERT, UPDATE'))`,
    );
    expect(writable.rows).toEqual([]);
    const schemas = await db.query<{ nspname: string }>(
      "SELECT nspname FROM pg_namespace WHERE has_schema_privilege('anon', oid, 'CREATE')",
    );
    expect(schemas.rows).toEqual([]);

    const attempts = [
      (tx: Queryable) => insertJob(tx, userA),
      (tx: Queryable) => tx.query('SELECT id FROM public.jobs'),
      (tx: Queryable) =>
        tx.query(
          "INSERT INTO public.nodes (public_key, name, total_cores, max_parallel) VALUES ($1, 'x', 1, 1)",
          [nodePublicKey()],
        ),
      (tx: Queryable) => tx.query("INSERT INTO auth.users (email) VALUES ('anon@example.test')"),
      (tx: Queryable) => tx.query('CREATE TABLE public.anon_was_here (id int)'),
      (tx: Queryable) => tx.query('SELECT public.claim_node($1)', ['x']),
      (tx: Queryable) => tx.query('SELECT public.cancel_job($1)', [jobOfA]),
    ];
    for (const attempt of attempts) {
      await expect(asAnon(db, attempt)).rejects.toMatchObject({ code: INSUFFICIENT_PRIVILEGE });
    }
  });
});
