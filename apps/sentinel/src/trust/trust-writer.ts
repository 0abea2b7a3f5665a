// Trust records to public.nodes (nodes_save_trust.sql, one statement per flush), and the
// marks a quarantine leaves on finished jobs (jobs_taint_for_node.sql).

import { type Database, runQuery } from '@simforge/db';
import type { TrustRecord, TrustWriter } from './trust-book.ts';
import { type VerificationRateSettings, verificationRate } from './verification-rate.ts';

export function databaseTrustWriter(db: Database, rates: VerificationRateSettings): TrustWriter {
  return {
    async save(records: ReadonlyMap<string, TrustRecord>) {
      const keys = [...records.keys()];
      const list = [...records.values()];
      await runQuery(db, 'nodes_save_trust', [
        keys,
        list.map((r) => r.agreements),
        list.map((r) => r.checks),
        list.map((r) => r.disagreements),
        list.map((r) => r.refusals),
        list.map((r) => verificationRate(r.agreements, rates)),
        list.map((r) => r.quarantineReason),
        list.map((r) => r.epoch),
      ]);
    },
  };
}

/** Marks the completed jobs holding chunks only this node computed; returns how many. */
export async function taintFinishedJobs(db: Database, nodeKey: string, reason: string): Promise<number> {
  const { rows } = await runQuery(db, 'jobs_taint_for_node', [nodeKey, reason]);
  return rows.length;
}
