// What `simforge nodes` does to the database, as the local user under row-level security:
// link a node by the claim code it printed, and take back a quarantined one. Both go through
// SECURITY DEFINER functions (claim_node, relink_node) that raise P0002 when there is nothing
// of the user's to act on, which is an answer here (null), not a failure.
import { asUser, type Database, sqlState } from '@simforge/db';
import { type CliQueryName, runCliQuery } from './cli-queries.ts';

export interface ClaimedNode {
  id: string;
  name: string;
  publicKey: string;
}

async function linkAsUser(
  db: Database,
  userId: string,
  query: CliQueryName,
  param: string,
): Promise<ClaimedNode | null> {
  try {
    const { rows } = await asUser(db, userId, (tx) =>
      runCliQuery<{ id: string; name: string; public_key: string }>(tx, query, [param]),
    );
    const row = rows[0];
    return row ? { id: row.id, name: row.name, publicKey: row.public_key } : null;
  } catch (err) {
    if (sqlState(err) === 'P0002') return null;
    throw err;
  }
}

/** Links the node holding `code` to `userId`; null when no unlinked node has that code. */
export function claimNode(db: Database, userId: string, code: string): Promise<ClaimedNode | null> {
  return linkAsUser(db, userId, 'nodes_claim', code.trim().toUpperCase());
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isNodeId(id: string): boolean {
  return UUID.test(id);
}

/**
 * Takes back `userId`'s quarantined node `nodeId`: it leaves quarantine and starts over with
 * every result checked. Null when the user has no quarantined node with that id (another
 * user's node, or one not quarantined: relink_node cannot tell them apart, nor should we).
 */
export function relinkNode(db: Database, userId: string, nodeId: string): Promise<ClaimedNode | null> {
  // Not a uuid: no node can have it, and the ::uuid cast would raise 22P02 instead of P0002.
  if (!isNodeId(nodeId)) return Promise.resolve(null);
  return linkAsUser(db, userId, 'nodes_relink', nodeId.toLowerCase());
}
