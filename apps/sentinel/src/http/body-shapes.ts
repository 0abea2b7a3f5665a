// The /v1 request bodies (types in @simforge/common's node-protocol.ts) checked by hand on
// arrival: small, exact, and the message names the offending field.

import {
  type ClaimRef,
  type ClaimRequest,
  NODE_PROTOCOL_LIMITS,
  type RegisterRequest,
} from '@simforge/common';
import { ApiError } from '../api-errors.ts';

type Body = Record<string, unknown>;

export function asObject(value: unknown): Body {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ApiError('SF_REQUEST_INVALID', 'the body must be a JSON object');
  }
  return value as Body;
}

function int(body: Body, field: string, min: number, max: number, fallback?: number): number {
  const value = body[field] ?? fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ApiError('SF_REQUEST_INVALID', `${field} must be an integer in ${min}..${max}`);
  }
  return value;
}

function text(body: Body, field: string, maxLength: number): string {
  const value = body[field];
  if (typeof value !== 'string' || value.length === 0 || value.length > maxLength) {
    throw new ApiError('SF_REQUEST_INVALID', `${field} must be a string of 1..${maxLength} characters`);
  }
  return value;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function registerBody(value: unknown): RegisterRequest {
  const body = asObject(value);
  return {
    name: text(body, 'name', 100),
    totalCores: int(body, 'totalCores', 1, 4096),
    maxParallel: int(body, 'maxParallel', 1, 4096),
    platform: text(body, 'platform', 100),
    version: text(body, 'version', 100),
  };
}

const ENGINE_BUILD = /^[0-9a-f]{16}$/;

export function claimBody(value: unknown, waitDefaultMs: number, waitMaxMs: number): Required<ClaimRequest> {
  const body = asObject(value);
  const { engineBuild, gamedataPatch } = body;
  if (typeof engineBuild !== 'string' || !ENGINE_BUILD.test(engineBuild)) {
    throw new ApiError('SF_REQUEST_INVALID', 'engineBuild must be 16 hex digits (@simforge/engine/build)');
  }
  if (gamedataPatch !== null && (typeof gamedataPatch !== 'string' || gamedataPatch.length > 100)) {
    throw new ApiError('SF_REQUEST_INVALID', 'gamedataPatch must be a patch label or null');
  }
  return {
    max: int(body, 'max', 1, NODE_PROTOCOL_LIMITS.claimRunsMax),
    waitMs: int(body, 'waitMs', 0, waitMaxMs, waitDefaultMs),
    engineBuild,
    gamedataPatch,
  };
}

export function claimRef(value: unknown): ClaimRef {
  const body = asObject(value);
  const jobId = body.jobId;
  if (typeof jobId !== 'string' || !UUID.test(jobId))
    throw new ApiError('SF_REQUEST_INVALID', 'jobId must be a uuid');
  return {
    jobId: jobId.toLowerCase(),
    chunkIndex: int(body, 'chunkIndex', 0, 1_000_000),
    attempt: int(body, 'attempt', 1, 1_000_000),
  };
}

export function completeBody(value: unknown): { ref: ClaimRef; partial: string } {
  const body = asObject(value);
  const partial = body.partial;
  if (typeof partial !== 'string' || partial.length === 0) {
    throw new ApiError('SF_REQUEST_INVALID', 'partial must be a base64 string');
  }
  return { ref: claimRef(body), partial };
}

/** The batch's envelope; each result's own shape is judged per result (completeBody). */
export function completesBody(value: unknown): { results: unknown[]; claim: unknown } {
  const body = asObject(value);
  const max = NODE_PROTOCOL_LIMITS.completesMax;
  if (!Array.isArray(body.results) || body.results.length === 0 || body.results.length > max) {
    throw new ApiError('SF_REQUEST_INVALID', `results must be an array of 1 to ${max} completes`);
  }
  return { results: body.results, claim: body.claim };
}

export function failBody(value: unknown): { ref: ClaimRef; reason: string } {
  const body = asObject(value);
  const reason =
    typeof body.reason === 'string'
      ? body.reason.slice(0, NODE_PROTOCOL_LIMITS.failReasonMaxChars)
      : 'no reason given';
  return { ref: claimRef(body), reason };
}

export function releaseBody(value: unknown): ClaimRef[] | undefined {
  const body = asObject(value);
  if (body.claims === undefined) return undefined;
  const max = NODE_PROTOCOL_LIMITS.releaseClaimsMax;
  if (!Array.isArray(body.claims) || body.claims.length > max) {
    throw new ApiError('SF_REQUEST_INVALID', `claims must be an array of at most ${max} claim refs`);
  }
  return body.claims.map(claimRef);
}
