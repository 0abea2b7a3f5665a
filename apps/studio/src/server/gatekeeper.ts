// The only privileged database calls the studio makes: account creation, sign-in, session
// lookup and shared-result reads, each through a SECURITY DEFINER function that the NOLOGIN
// role studio_auth alone may execute (migration 0010). Everything else runs as the user.
import type { Database, Queryable } from '@simforge/db';
import { runQuery } from '@simforge/db';

export function asGatekeeper<T>(db: Database, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await runQuery(tx, 'studio_as_gatekeeper');
    return fn(tx);
  });
}

export async function createAccount(
  db: Database,
  email: string,
  passwordHash: string,
): Promise<string | null> {
  const res = await asGatekeeper(db, (tx) =>
    runQuery<{ user_id: string | null }>(tx, 'studio_create_account', [email, passwordHash]),
  );
  return res.rows[0]?.user_id ?? null;
}

export async function passwordHashFor(
  db: Database,
  email: string,
): Promise<{ userId: string; passwordHash: string } | null> {
  const res = await asGatekeeper(db, (tx) =>
    runQuery<{ user_id: string; encrypted_password: string | null }>(tx, 'studio_password_hash_for', [email]),
  );
  const row = res.rows[0];
  return row?.encrypted_password ? { userId: row.user_id, passwordHash: row.encrypted_password } : null;
}

export async function openSession(db: Database, tokenHash: Buffer, userId: string, expiresAt: Date) {
  await asGatekeeper(db, (tx) => runQuery(tx, 'studio_open_session', [tokenHash, userId, expiresAt]));
}

export async function sessionUser(
  db: Database,
  tokenHash: Buffer,
  now: Date,
): Promise<{ id: string; email: string } | null> {
  const res = await asGatekeeper(db, (tx) =>
    runQuery<{ user_id: string; email: string }>(tx, 'studio_session_user', [tokenHash, now]),
  );
  const row = res.rows[0];
  return row ? { id: row.user_id, email: row.email } : null;
}

export async function closeSession(db: Database, tokenHash: Buffer) {
  await asGatekeeper(db, (tx) => runQuery(tx, 'studio_close_session', [tokenHash]));
}

export interface SharedResultRow {
  job_id: string;
  created_at: Date;
  updated_at: Date;
  profile: string | null;
  meta: Record<string, unknown>;
  result_pb: Uint8Array | null;
  timeline_pb: Uint8Array | null;
}

export interface SharedTaintRow {
  unverified_chunks: number;
  reason: string;
  created_at: Date;
}

/** A shared result and the marks on it (counts and reasons only), read in one transaction. */
export async function sharedResult(
  db: Database,
  token: string,
): Promise<(SharedResultRow & { taints: SharedTaintRow[] }) | null> {
  return asGatekeeper(db, async (tx) => {
    const res = await runQuery<SharedResultRow>(tx, 'studio_shared_result', [token]);
    const row = res.rows[0];
    if (!row) return null;
    const taints = await runQuery<SharedTaintRow>(tx, 'studio_shared_taints', [token]);
    return { ...row, taints: taints.rows };
  });
}
