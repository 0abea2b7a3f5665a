// The results reported for one chunk while it is being verified, and the rule that settles
// them. The engine is deterministic, so honest nodes on the same build report identical
// bytes: verification is byte equality, not a tolerance. A result wins when the job owner's
// own node reported it (nobody gains by cheating themselves) or when nodes of two different
// owners agree on it; every node that reported other bytes for that chunk lost.

import type { ChunkPartial } from '@simforge/common';

export interface ChunkReport {
  nodeKey: string;
  ownerId: string;
  /** The partial exactly as the node encoded it: what is compared. */
  bytes: Uint8Array;
  partial: ChunkPartial;
}

export type ReportsVerdict =
  /** One result so far (or one owner's): another owner must recompute the chunk. */
  | { kind: 'open' }
  /** Results differ and none has won yet: a node of an owner not yet heard must decide. */
  | { kind: 'disputed' }
  | {
      kind: 'settled';
      winner: ChunkReport;
      agreeing: ChunkReport[];
      losers: ChunkReport[];
      /**
       * Distinct owners behind the winning bytes. Losers are quarantined only when at least two
       * owners agree against them: the job owner's node alone decides its own job's merge, but
       * cannot get a stranger's node quarantined by reporting false bytes itself.
       */
      winnerOwners: number;
    };

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function settleReports(reports: readonly ChunkReport[], jobOwnerId: string): ReportsVerdict {
  const groups: ChunkReport[][] = [];
  for (const report of reports) {
    const group = groups.find((g) => sameBytes(g[0]!.bytes, report.bytes));
    if (group === undefined) groups.push([report]);
    else group.push(report);
  }
  let winner: ChunkReport[] | undefined = groups.find((g) => g.some((r) => r.ownerId === jobOwnerId));
  if (winner === undefined) {
    // Two owners agreeing outvote any single owner; between two such groups (two colluding
    // pairs) the larger set of owners wins, and a tie waits for another owner to decide.
    const owners = (g: ChunkReport[]) => new Set(g.map((r) => r.ownerId)).size;
    const quorate = groups.filter((g) => owners(g) >= 2).sort((x, y) => owners(y) - owners(x));
    if (quorate.length > 0 && (quorate.length === 1 || owners(quorate[0]!) > owners(quorate[1]!))) {
      winner = quorate[0];
    }
  }
  if (winner === undefined) return groups.length > 1 ? { kind: 'disputed' } : { kind: 'open' };
  return {
    kind: 'settled',
    winner: winner[0]!,
    agreeing: winner,
    losers: groups.filter((g) => g !== winner).flat(),
    winnerOwners: new Set(winner.map((r) => r.ownerId)).size,
  };
}
