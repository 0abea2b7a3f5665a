// Every error the node API (`/v1`, docs/protocol.md) can answer: a stable code, its HTTP status
// and a message a node operator can act on. Here rather than in the sentinel because both ends
// use it: the sentinel answers with these codes and apps/node branches on them, never on
// message text. The sentinel's ApiError (apps/sentinel/src/api-errors.ts) raises them.

import { defineErrorRegistry } from './error-registry.ts';

export const NODE_API_ERRORS = defineErrorRegistry('node-api', {
  SF_AUTH_HEADERS_MISSING: { status: 401, message: 'a signing header is missing or malformed' },
  SF_AUTH_KEY_MALFORMED: {
    status: 401,
    message: 'x-simforge-key must be base64url of a 32-byte Ed25519 key',
  },
  SF_AUTH_NODE_UNKNOWN: { status: 401, message: 'no node has this key; register first' },
  SF_AUTH_TIMESTAMP_SKEW: {
    status: 401,
    message: "the request timestamp is too far from the sentinel's clock",
  },
  SF_AUTH_NONCE_REPLAYED: { status: 401, message: 'this nonce was already used; sign each request afresh' },
  SF_AUTH_SIGNATURE_INVALID: {
    status: 401,
    message: 'the signature does not verify for this key and request',
  },
  SF_AUTH_NONCE_CACHE_FULL: {
    status: 503,
    message: 'too many recent requests to track their nonces; retry later',
  },
  SF_NODE_NOT_LINKED: { status: 403, message: 'this node has no owner yet; link it with its claim code' },
  SF_NODE_VERSION_MISMATCH: {
    status: 409,
    message: "this node's engine build or game data differs from what the sentinel schedules; update it",
  },
  SF_NODE_QUARANTINED: {
    status: 403,
    message:
      "this node's results disagreed with other owners' nodes; it gets no work until its owner re-links it",
  },
  SF_REQUEST_BODY_TOO_LARGE: { status: 413, message: "the request body exceeds this route's limit" },
  SF_REQUEST_BODY_MALFORMED: { status: 400, message: 'the request body is not valid JSON' },
  SF_REQUEST_INVALID: { status: 400, message: 'the request body has the wrong shape' },
  SF_REQUEST_RATE_LIMITED: { status: 429, message: 'too many requests from this node; retry later' },
  SF_REQUEST_ROUTE_NOT_FOUND: { status: 404, message: 'no such route' },
  SF_CLAIM_OVER_CAPACITY: { status: 409, message: 'asked for more chunks than the free capacity' },
  SF_CLAIM_NOT_HELD: { status: 409, message: 'this node does not hold that claim attempt; drop it' },
  SF_JOB_NOT_ACTIVE: { status: 410, message: 'the job is finished, failed or cancelled; drop its chunks' },
  SF_PARTIAL_MALFORMED: { status: 400, message: 'partial is not base64 protobuf ChunkPartial' },
  SF_PARTIAL_IMPLAUSIBLE: { status: 422, message: 'the partial fails the plausibility check' },
  SF_CONFIG_NOT_FOUND: { status: 404, message: 'no job config with this hash' },
  SF_SENTINEL_GAMEDATA_UNAVAILABLE: { status: 503, message: 'game data is unavailable; retry with backoff' },
  SF_SENTINEL_NODE_BUNDLE_UNAVAILABLE: {
    status: 404,
    message: 'this sentinel has no compiled node to serve (npm run build writes dist/simforge-node.mjs)',
  },
  SF_SENTINEL_SHUTTING_DOWN: { status: 503, message: 'the sentinel is stopping; retry with backoff' },
  SF_SENTINEL_INTERNAL: { status: 500, message: 'internal error; retry with backoff' },
});

export type NodeApiErrorCode = keyof typeof NODE_API_ERRORS;
