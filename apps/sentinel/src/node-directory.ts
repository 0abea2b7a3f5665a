// The nodes the API knows, by public key: a read-through cache of public.nodes. Linked nodes
// are cached (their owner never changes); an unlinked node is re-read on each lookup, because
// its owner links it through the database (public.claim_node) and the sentinel must notice.

import type { RegisterRequest } from '@simforge/common';
import { type Database, runQuery, sqlState } from '@simforge/db';

export interface NodeRecord {
  publicKey: string;
  userId: string | null;
  claimCode: string | null;
  /** min(max_parallel, total_cores). */
  capacity: number;
}

interface NodeRow {
  public_key: string;
  user_id: string | null;
  claim_code: string | null;
  total_cores: number;
  max_parallel: number;
}

/** Crockford base32 without I, L, O, U: easy to read aloud and type. */
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function claimCodeFrom(bytes: Uint8Array): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += CODE_ALPHABET[(bytes[i] ?? 0) % 32];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

function toRecord(row: NodeRow): NodeRecord {
  return {
    publicKey: row.public_key,
    userId: row.user_id,
    claimCode: row.claim_code,
    capacity: Math.min(row.max_parallel, row.total_cores),
  };
}

export class NodeDirectory {
  private readonly linked = new Map<string, NodeRecord>();

  constructor(
    private readonly db: Database,
    private readonly randomBytes: (size: number) => Uint8Array,
  ) {}

  async get(publicKey: string): Promise<NodeRecord | null> {
    const cached = this.linked.get(publicKey);
    if (cached !== undefined) return cached;
    const { rows } = await runQuery<NodeRow>(this.db, 'nodes_by_key', [publicKey]);
    const row = rows[0];
    if (row === undefined) return null;
    const record = toRecord(row);
    if (record.userId !== null) this.linked.set(publicKey, record);
    return record;
  }

  async register(publicKey: string, input: RegisterRequest): Promise<NodeRecord> {
    // A fresh code per registration of an unlinked node; retried on the (unlikely) clash
    // with another node's code, which the unique constraint reports.
    for (let attempt = 0; ; attempt++) {
      try {
        const { rows } = await runQuery<NodeRow>(this.db, 'nodes_register', [
          publicKey,
          input.name,
          input.totalCores,
          input.maxParallel,
          input.platform,
          input.version,
          claimCodeFrom(this.randomBytes(8)),
        ]);
        const record = toRecord(rows[0]!);
        if (record.userId !== null) this.linked.set(publicKey, record);
        else this.linked.delete(publicKey);
        return record;
      } catch (error) {
        if (attempt >= 3 || sqlState(error) !== '23505') throw error;
      }
    }
  }
}
