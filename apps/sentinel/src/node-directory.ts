// The nodes the API knows, by public key: a read-through cache of public.nodes. Linked nodes
// are cached (their owner never changes); an unlinked node is re-read on each lookup, because
// its owner links it through the database (public.claim_node) and the sentinel must notice.
// A quarantined node is re-read with `refresh` for the same reason (public.relink_node).

import type { RegisterRequest } from '@simforge/common';
import { type Database, runQuery, sqlState } from '@simforge/db';
import type { TrustRecord } from './trust/trust-book.ts';

export interface NodeRecord {
  publicKey: string;
  userId: string | null;
  claimCode: string | null;
  /** min(max_parallel, total_cores). */
  capacity: number;
  /** The trust record as stored (the sentinel's memory may be newer: TrustBook.sync). */
  trust: TrustRecord;
}

interface NodeRow {
  public_key: string;
  user_id: string | null;
  claim_code: string | null;
  total_cores: number;
  max_parallel: number;
  trust_agreements: number | bigint;
  trust_checks: number | bigint;
  trust_disagreements: number;
  trust_refusals: number;
  trust_epoch: number;
  quarantine_reason: string | null;
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
    trust: {
      agreements: Number(row.trust_agreements),
      checks: Number(row.trust_checks),
      disagreements: row.trust_disagreements,
      refusals: row.trust_refusals,
      quarantineReason: row.quarantine_reason,
      epoch: row.trust_epoch,
    },
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
    return this.refresh(publicKey);
  }

  /** Reads the row again, past the cache. */
  async refresh(publicKey: string): Promise<NodeRecord | null> {
    const { rows } = await runQuery<NodeRow>(this.db, 'nodes_by_key', [publicKey]);
    const row = rows[0];
    if (row === undefined) {
      this.linked.delete(publicKey);
      return null;
    }
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
