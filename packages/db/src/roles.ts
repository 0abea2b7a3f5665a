import { runQuery } from './named-queries.ts';
import type { Database, Queryable } from './types.ts';

/**
 * Runs `fn` in a transaction as the signed-in user `userId`: role `authenticated`, with the
 * JWT claims set so `auth.uid()` returns `userId` and row-level security applies, exactly as
 * a request through Supabase would. The role reverts when the transaction ends.
 */
export function asUser<T>(db: Database, userId: string, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    const claims = JSON.stringify({ sub: userId, role: 'authenticated' });
    await runQuery(tx, 'auth_impersonate', ['authenticated', claims, userId]);
    return fn(tx);
  });
}

/** Runs `fn` in a transaction as the signed-out visitor (role `anon`, no `auth.uid()`). */
export function asAnon<T>(db: Database, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await runQuery(tx, 'auth_impersonate', ['anon', JSON.stringify({ role: 'anon' }), '']);
    return fn(tx);
  });
}
