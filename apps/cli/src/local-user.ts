// The local user of `simforge start`: one account, created on first start, that owns the
// local nodes and the jobs `simforge submit` inserts. It is an ordinary studio account (the
// studio's own create_account function and password hash), so the same person can sign in to
// the studio in a browser with the password kept beside the database, mode 0600.
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { type Database, runQuery } from '@simforge/db';
import { hashPassword } from '@simforge/studio';
import { runCliQuery } from './cli-queries.ts';

export const LOCAL_USER_EMAIL = 'local@simforge.local';

export interface LocalUser {
  userId: string;
  email: string;
  /** Null when the account predates the credentials file (created by hand in the studio). */
  password: string | null;
}

interface CredentialsFile {
  email: string;
  password: string;
}

async function readCredentials(path: string): Promise<CredentialsFile | null> {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as Partial<CredentialsFile>;
    return typeof parsed.email === 'string' && typeof parsed.password === 'string'
      ? { email: parsed.email, password: parsed.password }
      : null;
  } catch {
    return null;
  }
}

/** Finds the local user by email on a superuser connection. */
export async function findLocalUser(db: Database, email: string): Promise<string | null> {
  const { rows } = await runCliQuery<{ id: string }>(db, 'local_user_find', [email]);
  return rows[0]?.id ?? null;
}

export async function ensureLocalUser(
  db: Database,
  options: { email: string; credentialsPath: string },
): Promise<LocalUser> {
  const existing = await findLocalUser(db, options.email);
  if (existing) {
    const credentials = await readCredentials(options.credentialsPath);
    return {
      userId: existing,
      email: options.email,
      password: credentials?.email === options.email ? credentials.password : null,
    };
  }
  const password = randomBytes(12).toString('base64url');
  const { rows } = await runQuery<{ user_id: string | null }>(db, 'studio_create_account', [
    options.email,
    await hashPassword(password),
  ]);
  const userId = rows[0]?.user_id ?? (await findLocalUser(db, options.email));
  if (!userId) throw new Error(`could not create the local user ${options.email}`);
  await writeFile(options.credentialsPath, `${JSON.stringify({ email: options.email, password })}\n`, {
    mode: 0o600,
  });
  return { userId, email: options.email, password };
}
