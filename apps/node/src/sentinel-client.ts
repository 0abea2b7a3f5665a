// The node's side of the `/v1` protocol (docs/protocol.md; the bodies, paths and error codes
// are @simforge/common's node-protocol.ts, shared with the sentinel): every request signed
// with the node key, every error turned into a SentinelApiError carrying the registry code, so
// the claim loop branches on codes and never on message text.

import {
  type ClaimedChunk,
  type ClaimRef,
  type ClaimRequest,
  type ClaimResponse,
  CONFIG_HASH_PATTERN,
  type CompletesRequest,
  type CompletesResponse,
  configPath,
  type FailRequest,
  type HeartbeatResponse,
  type JobConfigResponse,
  NODE_PROTOCOL_LIMITS,
  NODE_PROTOCOL_PATHS,
  type NodeApiErrorBody,
  type NodeApiErrorCode,
  type RegisterRequest,
  type RegisterResponse,
  type ReleaseRequest,
  type ReleaseResponse,
} from '@simforge/common';

/** Headers that authenticate one request; the scheme lives in @simforge/common/signing. */
export type RequestSigner = (request: {
  method: string;
  path: string;
  body: Uint8Array;
}) => Record<string, string>;

export interface SentinelClientOptions {
  baseUrl: string;
  sign: RequestSigner;
  fetch: typeof globalThis.fetch;
  /** Per-request timeout for everything except the claim long-poll, which adds its waitMs. */
  requestTimeoutMs: number;
}

/** The sentinel answered with a `{error:{code,message}}` body. */
export class SentinelApiError extends Error {
  constructor(
    readonly status: number,
    /** HTTP_<status> when the answer carried no registry code (a proxy, not the sentinel). */
    readonly code: NodeApiErrorCode | `HTTP_${number}`,
    message: string,
    /** From `Retry-After` on 429/503, when the sentinel sent one. */
    readonly retryAfterMs: number | undefined,
  ) {
    super(`${code}: ${message}`);
    this.name = 'SentinelApiError';
  }

  /** Worth retrying after a backoff: the sentinel is busy, stopping or hit a bug. */
  get transient(): boolean {
    return this.status === 429 || this.status >= 500;
  }
}

/** The sentinel could not be reached at all (refused, reset, timed out). */
export class SentinelUnreachableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SentinelUnreachableError';
  }
}

export interface SentinelClient {
  register(body: RegisterRequest): Promise<RegisterResponse>;
  heartbeat(): Promise<HeartbeatResponse>;
  claim(body: Required<ClaimRequest>, signal?: AbortSignal): Promise<ClaimedChunk[]>;
  /** Several results under one signature (one outcome per result, in order), and a claim after them. */
  completes(request: CompletesRequest): Promise<CompletesResponse>;
  fail(claim: ClaimRef, reason: string): Promise<void>;
  release(claims?: ClaimRef[]): Promise<number>;
  config(hash: string): Promise<JobConfigResponse>;
  /** A signed GET of any `/v1` path, for the game-data origin; returns the raw Response. */
  signedGet(path: string, headers?: Record<string, string>): Promise<Response>;
}

const EMPTY = new Uint8Array(0);
const encoder = new TextEncoder();

function parseRetryAfterMs(value: string | null): number | undefined {
  if (value === null) return undefined;
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

export function createSentinelClient(options: SentinelClientOptions): SentinelClient {
  const base = options.baseUrl.replace(/\/+$/, '');

  const send = async (
    method: 'GET' | 'POST',
    path: string,
    json: unknown,
    extra: { timeoutMs?: number; signal?: AbortSignal; headers?: Record<string, string> } = {},
  ): Promise<Response> => {
    const body = json === undefined ? EMPTY : encoder.encode(JSON.stringify(json));
    const headers: Record<string, string> = { ...extra.headers, ...options.sign({ method, path, body }) };
    if (json !== undefined) headers['content-type'] = 'application/json';
    const timeout = AbortSignal.timeout(extra.timeoutMs ?? options.requestTimeoutMs);
    const signal = extra.signal ? AbortSignal.any([extra.signal, timeout]) : timeout;
    try {
      return await options.fetch(`${base}${path}`, {
        method,
        headers,
        body: json === undefined ? undefined : body,
        signal,
      });
    } catch (err) {
      if (extra.signal?.aborted) throw err;
      throw new SentinelUnreachableError(`${method} ${path}: ${(err as Error).message}`, { cause: err });
    }
  };

  const expectJson = async <T>(response: Response): Promise<T> => {
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text.length > 0 ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (!response.ok) {
      const error = (parsed as Partial<NodeApiErrorBody> | undefined)?.error;
      throw new SentinelApiError(
        response.status,
        typeof error?.code === 'string' ? error.code : `HTTP_${response.status}`,
        typeof error?.message === 'string' ? error.message : text.slice(0, 200),
        parseRetryAfterMs(response.headers.get('retry-after')),
      );
    }
    return parsed as T;
  };

  return {
    async register(body) {
      return expectJson<RegisterResponse>(await send('POST', NODE_PROTOCOL_PATHS.register, body));
    },
    async heartbeat() {
      return expectJson<HeartbeatResponse>(await send('POST', NODE_PROTOCOL_PATHS.heartbeat, {}));
    },
    async claim(body, signal) {
      const response = await send('POST', NODE_PROTOCOL_PATHS.claim, body, {
        signal,
        timeoutMs: options.requestTimeoutMs + body.waitMs,
      });
      return (await expectJson<ClaimResponse>(response)).chunks;
    },
    async completes(request) {
      const response = await send('POST', NODE_PROTOCOL_PATHS.completes, request);
      return expectJson<CompletesResponse>(response);
    },
    async fail(claim, reason) {
      const request: FailRequest = {
        ...claim,
        reason: reason.slice(0, NODE_PROTOCOL_LIMITS.failReasonMaxChars),
      };
      await expectJson(await send('POST', NODE_PROTOCOL_PATHS.fail, request));
    },
    async release(claims) {
      const request: ReleaseRequest = claims ? { claims } : {};
      const response = await send('POST', NODE_PROTOCOL_PATHS.release, request);
      return (await expectJson<ReleaseResponse>(response)).released;
    },
    async config(hash) {
      // Not a registry code: the request never left, and the chunk that named it is failed.
      if (!CONFIG_HASH_PATTERN.test(hash)) throw new Error(`malformed config hash ${hash}`);
      return expectJson<JobConfigResponse>(await send('GET', configPath(hash), undefined));
    },
    async signedGet(path, headers) {
      return send('GET', path, undefined, { headers });
    },
  };
}
