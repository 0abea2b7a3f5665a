import { randomUUID } from 'node:crypto';
import { createSqlRunner } from '../sql-runner.ts';

/** Fixture SQL for tests of every package, beside the harness rather than in queries/. */
const fixtureQueries = createSqlRunner({ dir: new URL('./queries/', import.meta.url) });

import type { Database, Queryable } from '../types.ts';

/** Creates an `auth.users` row (as the owner) and returns its id; optionally links Discord. */
export async function createUser(
  db: Queryable,
  options: { email?: string; discordId?: string } = {},
): Promise<string> {
  const email = options.email ?? `user-${randomUUID()}@example.test`;
  const { rows } = await fixtureQueries.run<{ id: string }>(db, 'testing_user_insert', [email]);
  const id = rows[0]!.id;
  if (options.discordId)
    await fixtureQueries.run(db, 'testing_identity_insert', [id, 'discord', options.discordId]);
  return id;
}

export interface NotificationCollector {
  readonly payloads: readonly string[];
  /** Resolves with the first payload (already received or arriving) that matches. */
  waitFor(match: (payload: string) => boolean, timeoutMs?: number): Promise<string>;
  stop(): Promise<void>;
}

/** Listens on `channel` and keeps every payload, so a test can wait for one without races. */
export async function collectNotifications(db: Database, channel: string): Promise<NotificationCollector> {
  const payloads: string[] = [];
  const waiters = new Set<(payload: string) => void>();
  const unlisten = await db.listen(channel, (payload) => {
    payloads.push(payload);
    for (const waiter of waiters) waiter(payload);
  });
  return {
    payloads,
    waitFor(match, timeoutMs = 5_000) {
      const seen = payloads.find(match);
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`no matching notification on ${channel} within ${timeoutMs} ms`));
        }, timeoutMs);
        const waiter = (payload: string) => {
          if (!match(payload)) return;
          clearTimeout(timer);
          waiters.delete(waiter);
          resolve(payload);
        };
        waiters.add(waiter);
      });
    },
    stop: unlisten,
  };
}
