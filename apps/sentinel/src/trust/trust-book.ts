// Every node's trust record, in memory for the claim/complete hot path and persisted to
// public.nodes so a restart of the sentinel launders nothing. Agreements are written in
// batches (a lost batch only means a node is checked a little more); disagreements, refusals
// and quarantines are written at once. An owner re-linking a quarantined node bumps the row's
// trust epoch in the database; the next lookup sees the newer epoch and starts the node over.

import { randomFillSync } from 'node:crypto';
import { type VerificationRateSettings, verificationRate } from './verification-rate.ts';

/** Uniform in [0, 1) from 48 bits of node:crypto: which results are checked is unguessable. */
/** CSPRNG bytes drawn a page at a time: one draw per result is on the complete hot path. */
const RANDOM_POOL = Buffer.alloc(6 * 1024);
let randomAt = RANDOM_POOL.length;

export function cryptoUniform(): number {
  if (randomAt + 6 > RANDOM_POOL.length) {
    randomFillSync(RANDOM_POOL);
    randomAt = 0;
  }
  const value = RANDOM_POOL.readUIntBE(randomAt, 6);
  randomAt += 6;
  return value / 2 ** 48;
}

export interface TrustRecord {
  /** Agreeing checks since the last disagreement: what the verification rate decays on. */
  agreements: number;
  /** Every check of this node's results, agreeing or not, ever. */
  checks: number;
  disagreements: number;
  /** Partials refused (implausible) from this node. */
  refusals: number;
  quarantineReason: string | null;
  /** Bumped by the owner's re-link; a newer epoch in the database replaces the memory. */
  epoch: number;
}

export interface TrustSettings extends VerificationRateSettings {
  /** Refused partials that quarantine a node. */
  maxRefusals: number;
}

/** What the runtime store asks of trust. */
export interface NodeTrust {
  /** Draws whether this node's next result (of another owner's job) is recomputed. */
  shouldVerify(nodeKey: string): boolean;
  agreed(nodeKey: string): void;
  /** In a disagreement: back to full checks. */
  disagreed(nodeKey: string): void;
  /** A refused partial; true when the node has now earned quarantine. */
  refused(nodeKey: string): boolean;
  quarantine(nodeKey: string, reason: string): void;
  isQuarantined(nodeKey: string): boolean;
}

/** Where records go: public.nodes in the sentinel, nowhere in unit tests. */
export interface TrustWriter {
  save(records: ReadonlyMap<string, TrustRecord>): Promise<void>;
}

export function freshTrust(): TrustRecord {
  return { agreements: 0, checks: 0, disagreements: 0, refusals: 0, quarantineReason: null, epoch: 0 };
}

export class TrustBook implements NodeTrust {
  private readonly records = new Map<string, TrustRecord>();
  private readonly dirty = new Set<string>();
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly settings: TrustSettings,
    /** Uniform in [0, 1). Unpredictable in production: a liar must not know which chunks are checked. */
    private readonly random: () => number,
    private readonly writer?: TrustWriter,
    private readonly onWriteError?: (error: unknown) => void,
  ) {}

  /** The database's view of a node, on lookup: kept unless the memory is older (a re-link). */
  sync(nodeKey: string, stored: TrustRecord): TrustRecord {
    const known = this.records.get(nodeKey);
    if (known !== undefined && known.epoch >= stored.epoch) return known;
    const record = { ...stored };
    this.records.set(nodeKey, record);
    return record;
  }

  record(nodeKey: string): TrustRecord {
    let record = this.records.get(nodeKey);
    if (record === undefined) {
      record = freshTrust();
      this.records.set(nodeKey, record);
    }
    return record;
  }

  rate(nodeKey: string): number {
    return verificationRate(this.record(nodeKey).agreements, this.settings);
  }

  shouldVerify(nodeKey: string): boolean {
    const rate = this.rate(nodeKey);
    return rate >= 1 || this.random() < rate;
  }

  agreed(nodeKey: string): void {
    const record = this.record(nodeKey);
    record.agreements++;
    record.checks++;
    this.dirty.add(nodeKey);
  }

  disagreed(nodeKey: string): void {
    const record = this.record(nodeKey);
    record.agreements = 0;
    record.checks++;
    record.disagreements++;
    this.dirty.add(nodeKey);
    void this.flush();
  }

  refused(nodeKey: string): boolean {
    const record = this.record(nodeKey);
    record.refusals++;
    record.agreements = 0;
    this.dirty.add(nodeKey);
    void this.flush();
    return record.refusals >= this.settings.maxRefusals;
  }

  quarantine(nodeKey: string, reason: string): void {
    const record = this.record(nodeKey);
    if (record.quarantineReason !== null) return;
    record.quarantineReason = reason;
    record.agreements = 0;
    this.dirty.add(nodeKey);
    void this.flush();
  }

  isQuarantined(nodeKey: string): boolean {
    return this.records.get(nodeKey)?.quarantineReason != null;
  }

  /** Writes every changed record; one write at a time, in order. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      if (this.writer === undefined || this.dirty.size === 0) {
        this.dirty.clear();
        return;
      }
      const batch = new Map<string, TrustRecord>();
      for (const key of this.dirty) batch.set(key, { ...this.records.get(key)! });
      this.dirty.clear();
      try {
        await this.writer.save(batch);
      } catch (error) {
        // Keep them dirty: the next flush retries.
        for (const key of batch.keys()) this.dirty.add(key);
        this.onWriteError?.(error);
      }
    });
    return this.flushing;
  }
}
