import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { asUser, type Database, runQuery } from '../src/index.ts';
import { createUser, describeEachDriver } from '../src/testing/index.ts';
import { nodePublicKey } from './node-keys.ts';

interface NodeRow {
  public_key: string;
  user_id: string | null;
  name: string;
  status: string;
  claim_code: string | null;
  total_cores: number;
  max_parallel: number;
  iterations_total: number;
  chunks_total: number;
  last_seen_at: Date | null;
  discord_id: string | null;
}

const register = (db: Database, key: string, name: string, claimCode: string | null, cores = 8) =>
  runQuery<NodeRow>(db, 'nodes_register', [key, name, cores, 4, 'linux-x64', '0.1.0', claimCode]);

describeEachDriver('node queries', (getDb) => {
  it('registers a node unlinked, and re-registration updates specs but keeps owner and counters', async () => {
    const db = getDb();
    const key = nodePublicKey();
    const code = `claim-${randomUUID()}`;
    const first = await register(db, key, 'box', code);
    expect(first.rows[0]).toMatchObject({
      public_key: key,
      user_id: null,
      status: 'pending',
      claim_code: code,
    });

    const owner = await createUser(db);
    await asUser(db, owner, (tx) => tx.query('SELECT public.claim_node($1)', [code]));
    await runQuery(db, 'nodes_add_contributions', [[key], [5000], [5]]);
    const again = await register(db, key, 'box-renamed', `claim-${randomUUID()}`, 16);
    // Linked: no claim code is handed out again.
    expect(again.rows[0]).toMatchObject({
      user_id: owner,
      name: 'box-renamed',
      total_cores: 16,
      claim_code: null,
    });
    const row = (await runQuery<NodeRow>(db, 'nodes_by_key', [key])).rows[0];
    expect(row).toMatchObject({ iterations_total: 5000, chunks_total: 5 });
  });

  it('counts contributions exactly', async () => {
    const db = getDb();
    const key = nodePublicKey();
    await register(db, key, 'counter', null);
    await runQuery(db, 'nodes_add_contributions', [[key], [1000], [1]]);
    const { rows } = await runQuery<NodeRow>(db, 'nodes_add_contributions', [[key], [2500], [3]]);
    expect(rows[0]).toMatchObject({ iterations_total: 3500, chunks_total: 4 });
  });

  it('presence is written both ways and nodes_online joins the owner Discord id', async () => {
    const db = getDb();
    await runQuery(db, 'nodes_set_presence', [
      (await db.query<{ public_key: string }>('SELECT public_key FROM public.nodes')).rows.map(
        (r) => r.public_key,
      ),
      'offline',
      null,
    ]);
    const withDiscord = await createUser(db, { discordId: '80351110224678912' });
    const withoutDiscord = await createUser(db);
    const [a, b, c] = [nodePublicKey(), nodePublicKey(), nodePublicKey()];
    for (const [key, user] of [
      [a, withDiscord],
      [b, withoutDiscord],
      [c, withDiscord],
    ] as const) {
      const code = `claim-${randomUUID()}`;
      await register(db, key, key.slice(0, 6), code);
      await asUser(db, user, (tx) => tx.query('SELECT public.claim_node($1)', [code]));
    }
    const seenAt = new Date('2026-01-02T03:04:05.000Z');
    const online = await runQuery(db, 'nodes_set_presence', [[a, b, c], 'online', seenAt]);
    expect(online.rowCount).toBe(3);
    const listed = await runQuery<NodeRow>(db, 'nodes_online');
    expect(Object.fromEntries(listed.rows.map((row) => [row.public_key, row.discord_id]))).toEqual({
      [a]: '80351110224678912',
      [b]: null,
      [c]: '80351110224678912',
    });

    // Connected no more: marked offline, last_seen_at kept as it was.
    await runQuery(db, 'nodes_set_presence', [[c], 'offline', null]);
    const after = await runQuery<NodeRow>(db, 'nodes_online');
    expect(after.rows.map((row) => row.public_key).sort()).toEqual([a, b].sort());
    const offline = (await runQuery<NodeRow>(db, 'nodes_by_key', [c])).rows[0];
    expect(offline?.status).toBe('offline');
    expect(offline?.last_seen_at?.toISOString()).toBe(seenAt.toISOString());
  });
});
