import { expect, it } from 'vitest';
import { asAnon, asUser } from '../src/index.ts';
import { createUser, describeEachDriver } from '../src/testing/index.ts';

interface Who {
  role: string;
  uid: string | null;
}

const WHO = 'SELECT current_user AS role, auth.uid() AS uid';

describeEachDriver('asUser and asAnon', (getDb) => {
  it('run as authenticated with auth.uid() = the user, and as anon with no uid', async () => {
    const db = getDb();
    const userId = await createUser(db);
    const asTheUser = await asUser(db, userId, (tx) => tx.query<Who>(WHO));
    expect(asTheUser.rows[0]).toEqual({ role: 'authenticated', uid: userId });
    const asVisitor = await asAnon(db, (tx) => tx.query<Who>(WHO));
    expect(asVisitor.rows[0]).toEqual({ role: 'anon', uid: null });
  });

  it('leave no role or claims behind on the connection, after success or failure', async () => {
    const db = getDb();
    const userId = await createUser(db);
    await asUser(db, userId, (tx) => tx.query(WHO));
    await expect(
      asUser(db, userId, async (tx) => {
        await tx.query(WHO);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    // Pooled connections are reused: every one of them must be back to the owner.
    const checks = await Promise.all(Array.from({ length: 8 }, () => db.query<Who>(WHO)));
    for (const { rows } of checks) expect(rows[0]).toEqual({ role: 'postgres', uid: null });
  });
});
