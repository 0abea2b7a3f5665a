// The operations `simforge submit` and `simforge nodes` need, as one interface with two
// transports: straight to the database (a Postgres URL, or inside `simforge start`), or through
// the control API of a running `simforge start` when the database is its embedded PGlite,
// which no second process can open.
import type { JobProgress } from '@simforge/common';
import type { FinishedJob } from './local-jobs.ts';
import type { ClaimedNode } from './node-links.ts';

export interface SubmitRequest {
  profile: string;
  iterations?: number;
  targetErrorPct?: number;
  seed?: number;
}

export interface SubmitRejection {
  code: string;
  line: number;
  column: number;
  message: string;
}

export type SubmitResult =
  | { ok: true; jobId: string; iterationsTarget: number | null }
  | { ok: false; errors: SubmitRejection[] };

export interface LocalPlatform {
  submit(request: SubmitRequest): Promise<SubmitResult>;
  watch(
    jobId: string,
    onProgress: (progress: JobProgress) => void,
    signal?: AbortSignal,
  ): Promise<FinishedJob>;
  cancel(jobId: string): Promise<boolean>;
  claimNode(code: string): Promise<ClaimedNode | null>;
  /** Null when the user has no quarantined node with that id. */
  relinkNode(nodeId: string): Promise<ClaimedNode | null>;
}
