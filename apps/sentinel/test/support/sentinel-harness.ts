// A sentinel listening on loopback over a test database, and signed HTTP requests against it,
// for the database and HTTP suites. Node keys are real Ed25519 keys; requests are signed with
// @simforge/common/signing exactly as apps/node signs them, with hooks to break each part.

import { type KeyObject, randomUUID } from 'node:crypto';
import {
  type ClaimedChunk,
  type ClaimRequest,
  type ClaimResponse,
  type CompleteRequest,
  encodeChunkPartial,
  NODE_PROTOCOL_PATHS,
  type NodeApiErrorBody,
  type NodeApiErrorCode,
  type RegisterRequest,
  type RegisterResponse,
  type SentinelConfig,
} from '@simforge/common';
import { generateNodeKeyPair, type NodeKeyPair, signRequest } from '@simforge/common/signing';
import { asUser, type Database, runQuery } from '@simforge/db';
import { engineBuild } from '@simforge/engine/build';
import { FakeClock } from '../../src/clock.ts';
import { createSentinel, type Sentinel, type SentinelOptions } from '../../src/index.ts';
import { MemoryLogger } from '../../src/logger.ts';
import { syntheticPartial } from './synthetic-partial.ts';

export interface Harness {
  sentinel: Sentinel;
  baseUrl: string;
  logger: MemoryLogger;
  clock: FakeClock;
  close(): Promise<void>;
}

/** Timers off (tests run the crons by hand); a fake clock that starts at the real time. */
export async function startSentinel(db: Database, options: Partial<SentinelOptions> = {}): Promise<Harness> {
  const logger = new MemoryLogger();
  const clock = new FakeClock(Date.now());
  const sentinel = await createSentinel({
    database: db,
    clock,
    logger,
    disableTimers: true,
    validateSimConfig: () => ({ ok: true }),
    ...options,
  });
  const { port } = await sentinel.listen(0, '127.0.0.1');
  return { sentinel, baseUrl: `http://127.0.0.1:${port}`, logger, clock, close: () => sentinel.close() };
}

export interface SendOptions {
  /** Sign with this key but send `key`'s id (a forged signature). */
  signWith?: KeyObject;
  /** Sign this body, send the real one (tampering in transit). */
  signedBody?: string;
  timestampMs?: number;
  headers?: Record<string, string>;
  /** Reuse these exact signature headers (replay). */
  replay?: Record<string, string>;
}

export interface Sent {
  status: number;
  body: unknown;
  headers: Headers;
  signature: Record<string, string>;
}

export async function send(
  baseUrl: string,
  key: NodeKeyPair,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  options: SendOptions = {},
): Promise<Sent> {
  const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  const signature =
    options.replay ??
    signRequest({
      privateKey: options.signWith ?? key.privateKey,
      keyId: key.publicKeyB64url,
      method,
      path,
      body: options.signedBody ?? text,
      timestampMs: options.timestampMs ?? Date.now(),
    });
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { ...signature, 'content-type': 'application/json', ...options.headers },
    body: method === 'GET' ? undefined : text,
  });
  const raw = await response.text();
  let parsed: unknown = raw;
  try {
    parsed = raw.length > 0 ? JSON.parse(raw) : undefined;
  } catch {
    // Not JSON (metrics): keep the text.
  }
  return { status: response.status, body: parsed, headers: response.headers, signature };
}

export function errorCode(sent: Sent): NodeApiErrorCode | undefined {
  return (sent.body as Partial<NodeApiErrorBody> | undefined)?.error?.code;
}

export const REGISTER: RegisterRequest = {
  name: 'test-node',
  totalCores: 4,
  maxParallel: 2,
  platform: 'linux-x64',
  version: '0.1.0',
};

/** A registered node, linked to `userId` through public.claim_node like the CLI does it. */
export async function linkedNode(db: Database, baseUrl: string, userId: string, register = REGISTER) {
  const key = generateNodeKeyPair();
  const registered = await send(baseUrl, key, 'POST', NODE_PROTOCOL_PATHS.register, register);
  const code = (registered.body as RegisterResponse).claimCode;
  await asUser(db, userId, (tx) => runQuery(tx, 'studio_nodes_claim', [code]));
  return key;
}

export async function insertJob(
  db: Database,
  userId: string,
  sentinelConfig: SentinelConfig,
  profile = 'hunter="t"',
) {
  const { rows } = await asUser(db, userId, (tx) =>
    runQuery<{ id: string }>(tx, 'studio_jobs_insert', [
      JSON.stringify({ profile }),
      JSON.stringify(sentinelConfig),
    ]),
  );
  return rows[0]!.id;
}

export function fixedConfig(iterations: number, chunkIterations: number, seed = 11): SentinelConfig {
  return { seed, chunkIterations, strategy: { kind: 'fixed', iterations } };
}

/** A claim body as a node of this checkout sends it (the sentinel's own engine build). */
export function claimRequest(max: number, waitMs = 0): ClaimRequest {
  return { max, waitMs, engineBuild: engineBuild(), gamedataPatch: null };
}

export async function claimChunks(
  baseUrl: string,
  key: NodeKeyPair,
  max: number,
  waitMs = 0,
): Promise<ClaimedChunk[]> {
  const sent = await send(baseUrl, key, 'POST', NODE_PROTOCOL_PATHS.claim, claimRequest(max, waitMs));
  if (sent.status !== 200) throw new Error(`claim: ${sent.status} ${JSON.stringify(sent.body)}`);
  return (sent.body as ClaimResponse).chunks;
}

export function partialBase64(seed: number, chunk: { firstIteration: number; iterations: number }): string {
  return Buffer.from(
    encodeChunkPartial(syntheticPartial(seed, chunk.firstIteration, chunk.iterations)),
  ).toString('base64');
}

export async function completeChunk(baseUrl: string, key: NodeKeyPair, chunk: ClaimedChunk, seed: number) {
  const request: CompleteRequest = {
    jobId: chunk.jobId,
    chunkIndex: chunk.chunkIndex,
    attempt: chunk.attempt,
    partial: partialBase64(seed, chunk),
  };
  return send(baseUrl, key, 'POST', NODE_PROTOCOL_PATHS.complete, request);
}

export async function jobRow(db: Database, jobId: string) {
  const { rows } = await runQuery<{ status: string; meta: Record<string, unknown> }>(db, 'job_load', [jobId]);
  return rows[0]!;
}

export const uuid = randomUUID;

/** Waits until `check` holds (the scheduler admits on NOTIFY asynchronously). */
export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
