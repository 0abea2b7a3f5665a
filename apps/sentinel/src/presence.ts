// Presence: which nodes are really connected. A node is present while it holds a claim
// long-poll open or made a signed request (a heartbeat, typically) within the TTL. The
// presence cron writes public.nodes.status/last_seen_at to match, both ways. The source is an
// interface so a Centrifugo deployment can supply presence from its bus instead.

import { type Database, runQuery } from '@simforge/db';
import type { Clock } from './clock.ts';
import type { Logger } from './logger.ts';

export interface PresenceSource {
  /** Keys of the nodes connected now, with when each was last seen (ms since the epoch). */
  present(): Map<string, number>;
}

/** The sentinel's own view: open long-polls and recent signed requests. */
export class PresenceTracker implements PresenceSource {
  private readonly lastSeen = new Map<string, number>();
  private readonly openPolls = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    private readonly ttlMs: number,
  ) {}

  seen(nodeKey: string): void {
    this.lastSeen.set(nodeKey, this.clock.now());
  }

  pollOpened(nodeKey: string): void {
    this.openPolls.set(nodeKey, (this.openPolls.get(nodeKey) ?? 0) + 1);
    this.seen(nodeKey);
  }

  pollClosed(nodeKey: string): void {
    const open = (this.openPolls.get(nodeKey) ?? 1) - 1;
    if (open <= 0) this.openPolls.delete(nodeKey);
    else this.openPolls.set(nodeKey, open);
    this.seen(nodeKey);
  }

  present(): Map<string, number> {
    const now = this.clock.now();
    const out = new Map<string, number>();
    for (const [key, at] of this.lastSeen) {
      if (this.openPolls.has(key)) out.set(key, now);
      else if (now - at <= this.ttlMs) out.set(key, at);
      else this.lastSeen.delete(key);
    }
    return out;
  }
}

/**
 * One pass of the presence cron: present nodes become online (last_seen_at refreshed), nodes
 * the table lists online that are not present become offline. Returns what it changed.
 */
export async function reconcilePresence(
  db: Database,
  source: PresenceSource,
  logger: Logger,
): Promise<{ online: number; offline: number }> {
  const present = source.present();
  const listed = await runQuery<{ public_key: string }>(db, 'nodes_online');
  const stale = listed.rows.map((row) => row.public_key).filter((key) => !present.has(key));
  if (stale.length > 0) {
    await runQuery(db, 'nodes_set_presence', [stale, 'offline', null]);
    logger.log('info', 'nodes_offline', { nodes: stale });
  }
  if (present.size > 0) {
    // One statement for all: last_seen_at is the latest sighting among them, to the TTL.
    const seenAt = Math.max(...present.values());
    await runQuery(db, 'nodes_set_presence', [[...present.keys()], 'online', new Date(seenAt).toISOString()]);
  }
  return { online: present.size, offline: stale.length };
}
