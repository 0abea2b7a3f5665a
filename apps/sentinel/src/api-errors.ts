// Every error the node API can answer, in one registry: a stable code, its HTTP status and a
// message a node operator can act on. Clients branch on the code, never on the message.
// docs/protocol.md documents each one; test/api-errors-registry.test.ts keeps the two in step.

export const API_ERRORS = {
  AUTH_HEADERS_MISSING: { status: 401, message: 'a signing header is missing or malformed' },
  AUTH_KEY_MALFORMED: { status: 401, message: 'x-simforge-key must be base64url of a 32-byte Ed25519 key' },
  AUTH_NODE_UNKNOWN: { status: 401, message: 'no node has this key; register first' },
  AUTH_TIMESTAMP_SKEW: { status: 401, message: "the request timestamp is too far from the sentinel's clock" },
  AUTH_NONCE_REPLAYED: { status: 401, message: 'this nonce was already used; sign each request afresh' },
  AUTH_SIGNATURE_INVALID: { status: 401, message: 'the signature does not verify for this key and request' },
  AUTH_NONCE_CACHE_FULL: {
    status: 503,
    message: 'too many recent requests to track their nonces; retry later',
  },
  NODE_NOT_LINKED: { status: 403, message: 'this node has no owner yet; link it with its claim code' },
  NODE_QUARANTINED: {
    status: 403,
    message:
      "this node's results disagreed with other owners' nodes; it gets no work until its owner re-links it",
  },
  REQUEST_BODY_TOO_LARGE: { status: 413, message: "the request body exceeds this route's limit" },
  REQUEST_BODY_MALFORMED: { status: 400, message: 'the request body is not valid JSON' },
  REQUEST_INVALID: { status: 400, message: 'the request body has the wrong shape' },
  RATE_LIMITED: { status: 429, message: 'too many requests from this node; retry later' },
  CLAIM_OVER_CAPACITY: { status: 409, message: 'asked for more chunks than the free capacity' },
  CLAIM_NOT_HELD: { status: 409, message: 'this node does not hold that claim attempt; drop it' },
  JOB_NOT_ACTIVE: { status: 410, message: 'the job is finished, failed or cancelled; drop its chunks' },
  PARTIAL_MALFORMED: { status: 400, message: 'partial is not base64 protobuf ChunkPartial' },
  PARTIAL_IMPLAUSIBLE: { status: 422, message: 'the partial fails the plausibility check' },
  CONFIG_NOT_FOUND: { status: 404, message: 'no job config with this hash' },
  GAMEDATA_UNAVAILABLE: { status: 503, message: 'game data is unavailable; retry with backoff' },
  ROUTE_NOT_FOUND: { status: 404, message: 'no such route' },
  SHUTTING_DOWN: { status: 503, message: 'the sentinel is stopping; retry with backoff' },
  INTERNAL: { status: 500, message: 'internal error; retry with backoff' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ApiErrorCode = keyof typeof API_ERRORS;

export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: ApiErrorCode,
    detail?: string,
    /** Seconds, sent as Retry-After (429/503). */
    readonly retryAfterSeconds?: number,
  ) {
    super(detail === undefined ? API_ERRORS[code].message : `${API_ERRORS[code].message}: ${detail}`);
    this.name = 'ApiError';
    this.status = API_ERRORS[code].status;
  }

  toJSON(): { error: { code: ApiErrorCode; message: string } } {
    return { error: { code: this.code, message: this.message } };
  }
}
