// What the runtime store counts (rendered by /metrics) and the trust events it reports (the
// sentinel logs each one: refusals with node, job, chunk and code).

export interface RuntimeStoreStats {
  claims: number;
  /** Runs issued: worker slots filled by claims (each with one or more of the claims' chunks). */
  runs: number;
  completes: number;
  duplicates: number;
  refused: number;
  reclaims: number;
  failures: number;
  /** Replays issued to verify another node's result. */
  verificationsIssued: number;
  agreements: number;
  disagreements: number;
  quarantines: number;
  /** Checks merged unchecked because no node of another owner could take them. */
  verificationsWaived: number;
  /** Iterations computed in accepted results, and the part of them that were replays. */
  iterationsComputed: number;
  iterationsReplayed: number;
}

export function emptyStats(): RuntimeStoreStats {
  return {
    claims: 0,
    runs: 0,
    completes: 0,
    duplicates: 0,
    refused: 0,
    reclaims: 0,
    failures: 0,
    verificationsIssued: 0,
    agreements: 0,
    disagreements: 0,
    quarantines: 0,
    verificationsWaived: 0,
    iterationsComputed: 0,
    iterationsReplayed: 0,
  };
}

export type TrustEvent =
  | { kind: 'refused'; nodeKey: string; jobId: string; chunkIndex: number; code: string; message: string }
  | { kind: 'disputed'; nodeKeys: string[]; jobId: string; chunkIndex: number }
  | { kind: 'outvoted'; nodeKey: string; jobId: string; chunkIndex: number }
  | { kind: 'quarantined'; nodeKey: string; reason: string; chunksUndone: number }
  | { kind: 'waived'; jobId: string; chunks: number };
