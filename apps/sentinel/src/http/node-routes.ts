// The /v1 handlers (docs/protocol.md). Each gets an authenticated node and a parsed body and
// returns the JSON answer or throws an ApiError; the server does signing, limits and I/O.

import {
  type ClaimRequest,
  type ClaimResponse,
  CONFIG_HASH_PATTERN,
  type CompleteOutcome,
  type CompleteResponse,
  type CompletesResponse,
  decodeChunkPartial,
  type FailResponse,
  type HeartbeatResponse,
  type JobConfigResponse,
  type NodeStatus,
  type RegisterResponse,
  type ReleaseResponse,
  type SimConfig,
} from '@simforge/common';
import { ApiError } from '../api-errors.ts';
import type { Clock } from '../clock.ts';
import type { LatencyHistogram } from '../metrics.ts';
import type { NodeDirectory, NodeRecord } from '../node-directory.ts';
import type { SentinelSettings } from '../options.ts';
import type { PresenceTracker } from '../presence.ts';
import type { ClaimBatchResult, NodeCapacity, RuntimeStore } from '../runtime/runtime-store.ts';
import type { TrustBook } from '../trust/trust-book.ts';
import {
  claimBody,
  completeBody,
  completesBody,
  failBody,
  registerBody,
  releaseBody,
} from './body-shapes.ts';

export interface NodeRouteDeps {
  settings: Readonly<SentinelSettings>;
  clock: Clock;
  store: RuntimeStore;
  nodes: NodeDirectory;
  presence: PresenceTracker;
  claimLatency: LatencyHistogram;
  trust: TrustBook;
  /** The engine build this sentinel pins jobs to; a node on another build gets no work. */
  engineBuild: string;
}

/**
 * After a claim that found nothing: when there is work this node could take but for its game
 * data patch, say so instead of answering empty forever (a node whose cached patch is stale
 * refreshes it on this code).
 */
function refuseOtherPatch(deps: NodeRouteDeps, worker: NodeCapacity): void {
  const waiting = deps.store.patchesWithWorkFor(worker);
  if (waiting.size === 0 || waiting.has(worker.pin?.gamedataPatch ?? null)) return;
  throw new ApiError(
    'SF_NODE_VERSION_MISMATCH',
    `the node holds game data patch ${worker.pin?.gamedataPatch ?? '(none)'}, the waiting jobs need ${[...waiting].join(', ')}: refresh game data`,
  );
}

/**
 * Refuses a quarantined node. Its owner lifts a quarantine in the database (relink_node,
 * which bumps the trust epoch), so a quarantined node's row is read again each time.
 */
async function refuseQuarantined(deps: NodeRouteDeps, node: NodeRecord): Promise<void> {
  deps.trust.sync(node.publicKey, node.trust);
  if (!deps.trust.isQuarantined(node.publicKey)) return;
  const fresh = await deps.nodes.refresh(node.publicKey);
  if (fresh !== null) deps.trust.sync(node.publicKey, fresh.trust);
  const record = deps.trust.record(node.publicKey);
  if (record.quarantineReason !== null) {
    throw new ApiError('SF_NODE_QUARANTINED', `${record.quarantineReason}; its owner must re-link it`);
  }
}

function nodeStatus(deps: NodeRouteDeps, node: NodeRecord): NodeStatus {
  return {
    linked: node.userId !== null,
    claimCode: node.userId === null ? node.claimCode : null,
    capacity: node.capacity,
    runsPerSlot: deps.settings.runsPerSlot,
    leaseMs: deps.settings.leaseMs,
    heartbeatMs: deps.settings.heartbeatMs,
  };
}

export async function register(deps: NodeRouteDeps, keyId: string, body: unknown): Promise<RegisterResponse> {
  const input = registerBody(body);
  const node = await deps.nodes.register(keyId, input);
  deps.presence.seen(keyId);
  // A process that registers holds nothing: whatever this key held goes back, unblamed.
  deps.store.release(keyId);
  return { publicKey: keyId, ...nodeStatus(deps, node) };
}

export function heartbeat(deps: NodeRouteDeps, node: NodeRecord): HeartbeatResponse {
  const held = deps.store.renewLeases(node.publicKey);
  return { ...nodeStatus(deps, node), held };
}

/** Resolves when work may be available ('work'), the wait is over, or the client went away. */
function waitForWork(deps: NodeRouteDeps, waitMs: number, gone: AbortSignal): Promise<'work' | 'over'> {
  return new Promise((resolve) => {
    const done = (why: 'work' | 'over') => {
      clearTimeout(timer);
      off();
      gone.removeEventListener('abort', onAbort);
      resolve(why);
    };
    const onAbort = () => done('over');
    const timer = setTimeout(() => done('over'), waitMs);
    const off = deps.store.onWork(() => done('work'));
    gone.addEventListener('abort', onAbort);
  });
}

export async function claim(
  deps: NodeRouteDeps,
  node: NodeRecord,
  body: unknown,
  gone: AbortSignal,
): Promise<ClaimResponse> {
  if (node.userId === null)
    throw new ApiError('SF_NODE_NOT_LINKED', `claim code ${node.claimCode ?? '(none)'}`);
  await refuseQuarantined(deps, node);
  const request = claimBody(body, deps.settings.claimWaitDefaultMs, deps.settings.claimWaitMaxMs);
  const { max, waitMs } = request;
  const worker = claimWorker(deps, node, request);
  // The deadline is on the injected clock; the wait itself is a real timer, and its expiry
  // ends the poll even when an injected clock stands still.
  const deadline = deps.clock.now() + waitMs;
  deps.presence.pollOpened(node.publicKey);
  try {
    for (;;) {
      const startedAt = performance.now();
      const result: ClaimBatchResult = deps.store.claimBatch(worker, max);
      if (!result.ok) {
        if (result.code === 'quarantined') {
          // Throws while it stays quarantined; a node re-linked meanwhile just polls again.
          await refuseQuarantined(deps, node);
          return { chunks: [], leaseMs: deps.settings.leaseMs };
        }
        throw new ApiError('SF_CLAIM_OVER_CAPACITY', `asked for ${max}, free room is ${result.free}`);
      }
      const remaining = deadline - deps.clock.now();
      if (gone.aborted && result.chunks.length > 0) {
        // The node hung up while we waited: give the chunks straight back instead of letting
        // them sit out a lease nobody will renew.
        deps.store.release(node.publicKey, result.chunks);
        return { chunks: [], leaseMs: deps.settings.leaseMs };
      }
      if (result.chunks.length > 0 || remaining <= 0 || gone.aborted) {
        if (result.chunks.length > 0) deps.claimLatency.observe(performance.now() - startedAt);
        else refuseOtherPatch(deps, worker);
        return { chunks: result.chunks, leaseMs: deps.settings.leaseMs };
      }
      if ((await waitForWork(deps, remaining, gone)) === 'over') {
        refuseOtherPatch(deps, worker);
        return { chunks: [], leaseMs: deps.settings.leaseMs };
      }
    }
  } finally {
    deps.presence.pollClosed(node.publicKey);
  }
}

function refuseIfQuarantined(deps: NodeRouteDeps, node: NodeRecord): void {
  if (deps.trust.isQuarantined(node.publicKey)) {
    throw new ApiError(
      'SF_NODE_QUARANTINED',
      deps.trust.record(node.publicKey).quarantineReason ?? undefined,
    );
  }
}

export function complete(deps: NodeRouteDeps, node: NodeRecord, body: unknown): CompleteResponse {
  refuseIfQuarantined(deps, node);
  return completeOne(deps, node, body);
}

/**
 * One signature, several results: each is judged exactly as `/v1/complete` would judge it
 * alone, and a refused one (bad shape, not held, implausible, ...) refuses that result only,
 * with its code. A node quarantined by a refusal in this batch has the rest refused too.
 */
export function completes(deps: NodeRouteDeps, node: NodeRecord, body: unknown): CompletesResponse {
  refuseIfQuarantined(deps, node);
  const batch = completesBody(body);
  const results: CompleteOutcome[] = batch.results.map((entry) => {
    try {
      refuseIfQuarantined(deps, node);
      return completeOne(deps, node, entry);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      return { status: 'refused', error: error.toJSON().error };
    }
  });
  if (batch.claim === undefined) return { results };
  // The claim comes after the results, which freed the runs they finished.
  try {
    return { results, claim: claimNow(deps, node, batch.claim) };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return { results, claim: error.toJSON() };
  }
}

/** A claim without waiting: what a batched complete's `claim` gets. */
function claimNow(deps: NodeRouteDeps, node: NodeRecord, body: unknown): ClaimResponse {
  if (node.userId === null)
    throw new ApiError('SF_NODE_NOT_LINKED', `claim code ${node.claimCode ?? '(none)'}`);
  const request = claimBody({ ...(body as object), waitMs: 0 }, 0, 0);
  const worker = claimWorker(deps, node, request);
  const result = deps.store.claimBatch(worker, request.max);
  if (!result.ok) {
    if (result.code === 'quarantined') throw new ApiError('SF_NODE_QUARANTINED');
    throw new ApiError('SF_CLAIM_OVER_CAPACITY', `asked for ${request.max}, free room is ${result.free}`);
  }
  return { chunks: result.chunks, leaseMs: deps.settings.leaseMs };
}

/** The node as a claimer; refuses an engine build this sentinel does not schedule. */
function claimWorker(deps: NodeRouteDeps, node: NodeRecord, request: Required<ClaimRequest>): NodeCapacity {
  if (request.engineBuild !== deps.engineBuild) {
    throw new ApiError(
      'SF_NODE_VERSION_MISMATCH',
      `the node runs engine build ${request.engineBuild}, this sentinel schedules ${deps.engineBuild}: run the sentinel's release`,
    );
  }
  return {
    key: node.publicKey,
    ownerId: node.userId!,
    capacity: node.capacity,
    pin: { engineBuild: request.engineBuild, gamedataPatch: request.gamedataPatch },
  };
}

function completeOne(deps: NodeRouteDeps, node: NodeRecord, body: unknown): CompleteResponse {
  const { ref, partial } = completeBody(body);
  const bytes = Buffer.from(partial, 'base64');
  let decoded: ReturnType<typeof decodeChunkPartial>;
  try {
    decoded = decodeChunkPartial(bytes);
  } catch (error) {
    throw new ApiError('SF_PARTIAL_MALFORMED', (error as Error).message);
  }
  const result = deps.store.complete(node.publicKey, ref, decoded, bytes);
  const { outcome } = result;
  switch (outcome) {
    case 'accepted':
    case 'duplicate':
      return { status: outcome };
    case 'not_held':
      throw new ApiError('SF_CLAIM_NOT_HELD', `chunk ${ref.chunkIndex} attempt ${ref.attempt}`);
    case 'job_not_active':
      throw new ApiError('SF_JOB_NOT_ACTIVE', ref.jobId);
    case 'implausible':
      throw new ApiError('SF_PARTIAL_IMPLAUSIBLE', result.message);
    default: {
      const never: never = outcome;
      throw new Error(`unknown complete outcome ${String(never)}`);
    }
  }
}

export function fail(deps: NodeRouteDeps, node: NodeRecord, body: unknown): FailResponse {
  const { ref, reason } = failBody(body);
  const outcome = deps.store.fail(node.publicKey, ref, reason);
  switch (outcome) {
    case 'failed':
      return { status: outcome };
    case 'not_held':
      throw new ApiError('SF_CLAIM_NOT_HELD', `chunk ${ref.chunkIndex} attempt ${ref.attempt}`);
    case 'job_not_active':
      throw new ApiError('SF_JOB_NOT_ACTIVE', ref.jobId);
    default: {
      const never: never = outcome;
      throw new Error(`unknown fail outcome ${String(never)}`);
    }
  }
}

export function release(deps: NodeRouteDeps, node: NodeRecord, body: unknown): ReleaseResponse {
  return { released: deps.store.release(node.publicKey, releaseBody(body)) };
}

export function jobConfig(deps: NodeRouteDeps, hash: string): JobConfigResponse {
  const job = CONFIG_HASH_PATTERN.test(hash) ? deps.store.jobByConfigHash(hash) : undefined;
  if (job === undefined) throw new ApiError('SF_CONFIG_NOT_FOUND', hash);
  // A job enters the store only after validateSimConfig accepted its sim_config.
  return { hash, simConfig: job.simConfig as SimConfig, sentinelConfig: job.sentinelConfig };
}
