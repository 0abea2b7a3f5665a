// The runtime store's options and the shapes of what it takes and answers.

import type { ChunkPartial, ClaimedChunk } from '@simforge/common';
import type { Clock } from '../clock.ts';
import type { NodeTrust } from '../trust/trust-book.ts';
import type { JobRuntime } from './job-runtime.ts';
import type { TrustEvent } from './store-telemetry.ts';
import type { Worker } from './version-pin.ts';

export interface JobSink {
  /** The strategy is satisfied: write the result. The runtime is already out of the store. */
  finalize(runtime: JobRuntime): void;
  /** The job cannot finish (poison chunk): mark it failed with `reason`. */
  fail(runtime: JobRuntime, reason: string): void;
}

/** Returns null when the partial is plausible for its chunk's iterations and the job's variants, else why not. */
export type PartialCheck = (
  partial: ChunkPartial,
  expectedIterations: number,
  expectedVariants: number,
  /** A raced chunk's running variants (the others must be empty); undefined: all run. */
  running?: readonly number[],
) => { message: string } | null;

export interface RuntimeStoreOptions {
  clock: Clock;
  leaseMs: number;
  /** Failed or expired attempts of one chunk that fail its job... */
  maxChunkAttempts: number;
  /** ...once nodes of this many distinct owners (or the job owner's) have failed it. */
  minFailingOwners: number;
  /** A verification no node of another owner has taken for this long is waived. */
  verificationWaitMs: number;
  sink: JobSink;
  checkPartial: PartialCheck;
  trust: NodeTrust;
  /** Told of every refusal, disagreement and quarantine (the sentinel logs them). */
  onTrustEvent?: (event: TrustEvent) => void;
  /** How long a run (a worker slot's chunks of one claim) should take; see run-sizing.ts. */
  targetRunMs: number;
  maxRunChunks: number;
  /** Runs a node may hold per worker slot (capacity): running, and queued behind. */
  runsPerSlot: number;
}

/** A node asking for work (its owner: verification never pairs two nodes of one owner). */
export interface NodeCapacity extends Worker {
  /** min(max_parallel, total_cores). */
  capacity: number;
}

/** What claimBatch issues is exactly what the claim answer carries (node protocol). */
export type IssuedChunk = ClaimedChunk;

export type ClaimBatchResult =
  | { ok: true; chunks: IssuedChunk[] }
  | { ok: false; code: 'over_capacity'; free: number }
  | { ok: false; code: 'quarantined' };

export type CompleteResult =
  | { outcome: 'accepted' | 'duplicate' | 'not_held' | 'job_not_active' }
  | { outcome: 'implausible'; message: string };
export type FailResult = 'failed' | 'not_held' | 'job_not_active';
