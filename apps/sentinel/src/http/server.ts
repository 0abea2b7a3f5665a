// The node API's HTTP server, on node:http: every /v1 request is read raw under its route's
// size limit, its signature verified over those exact bytes, rate-limited per node, and only
// then parsed and handled. Errors are always `{error:{code,message}}` from api-errors.ts.
// node:http rather than fastify: the pipeline is this short, and owning it keeps the raw body
// and the long-poll's lifetime explicit (see docs/sentinel.md for the measurement).

import type { IncomingMessage, ServerResponse } from 'node:http';
import { NODE_PROTOCOL_PATHS } from '@simforge/common';
import type { GameDataSource } from '@simforge/gamedata';
import { ApiError } from '../api-errors.ts';
import type { Logger } from '../logger.ts';
import type { NodeRecord } from '../node-directory.ts';
import type { Authenticator } from './authenticate.ts';
import { answerGameData } from './gamedata-route.ts';
import type { NodeBundle } from './node-bundle-route.ts';
import * as routes from './node-routes.ts';
import type { RateLimiter } from './rate-limit.ts';
import { parseJson, readBody } from './request-body.ts';

export interface NodeApiServerDeps extends routes.NodeRouteDeps {
  authenticator: Authenticator;
  rateLimiter: RateLimiter;
  registerLimiter: RateLimiter;
  logger: Logger;
  gameData?: GameDataSource;
  nodeBundle(): Promise<NodeBundle>;
  status(): Record<string, unknown>;
  metricsText(): Promise<string>;
  isClosing(): boolean;
}

type Signed = (ctx: {
  keyId: string;
  node: NodeRecord | null;
  body: Buffer;
  gone: AbortSignal;
}) => Promise<unknown> | unknown;

interface Route {
  limitBytes: number;
  /** register is the one route an unknown key may call. */
  needsNode: boolean;
  longPoll?: boolean;
  handle: Signed;
}

const NEVER = new AbortController().signal;

function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

function sendError(res: ServerResponse, error: ApiError): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const headers: Record<string, string> = {};
  if (error.retryAfterSeconds !== undefined) headers['retry-after'] = String(error.retryAfterSeconds);
  // Refused bodies may still be arriving; closing stops the client from sending megabytes.
  if (error.code === 'SF_REQUEST_BODY_TOO_LARGE') headers.connection = 'close';
  json(res, error.status, error.toJSON(), headers);
}

export function createNodeApiHandler(
  deps: NodeApiServerDeps,
): (req: IncomingMessage, res: ServerResponse) => void {
  const small = deps.settings.maxBodyBytes;
  const post: Record<string, Route> = {
    [NODE_PROTOCOL_PATHS.register]: {
      limitBytes: small,
      needsNode: false,
      handle: ({ keyId, body }) => routes.register(deps, keyId, parseJson(body)),
    },
    [NODE_PROTOCOL_PATHS.claim]: {
      limitBytes: small,
      needsNode: true,
      longPoll: true,
      handle: ({ node, body, gone }) => routes.claim(deps, node!, parseJson(body), gone),
    },
    [NODE_PROTOCOL_PATHS.complete]: {
      limitBytes: deps.settings.maxCompleteBodyBytes,
      needsNode: true,
      handle: ({ node, body }) => routes.complete(deps, node!, parseJson(body)),
    },
    [NODE_PROTOCOL_PATHS.completes]: {
      limitBytes: deps.settings.maxCompletesBodyBytes,
      needsNode: true,
      handle: ({ node, body }) => routes.completes(deps, node!, parseJson(body)),
    },
    [NODE_PROTOCOL_PATHS.fail]: {
      limitBytes: small,
      needsNode: true,
      handle: ({ node, body }) => routes.fail(deps, node!, parseJson(body)),
    },
    [NODE_PROTOCOL_PATHS.release]: {
      limitBytes: small,
      needsNode: true,
      handle: ({ node, body }) => routes.release(deps, node!, parseJson(body)),
    },
    [NODE_PROTOCOL_PATHS.heartbeat]: {
      limitBytes: small,
      needsNode: true,
      handle: ({ node }) => routes.heartbeat(deps, node!),
    },
  };

  async function signedRoute(req: IncomingMessage, res: ServerResponse, path: string, route: Route) {
    const body = await readBody(req, route.limitBytes);
    const keyId = await deps.authenticator.authenticate(req.headers, req.method ?? '', path, body);
    if (!route.needsNode) {
      const wait = deps.registerLimiter.take(req.socket.remoteAddress ?? 'unknown');
      if (wait > 0) throw new ApiError('SF_REQUEST_RATE_LIMITED', 'registrations from this address', wait);
    }
    const wait = deps.rateLimiter.take(keyId);
    if (wait > 0) throw new ApiError('SF_REQUEST_RATE_LIMITED', undefined, wait);
    let node: NodeRecord | null = null;
    if (route.needsNode) {
      node = await deps.nodes.get(keyId);
      if (node === null) throw new ApiError('SF_AUTH_NODE_UNKNOWN');
      deps.presence.seen(keyId);
    }
    // Only the long-poll needs to know the client left (an AbortController per request is not free).
    let gone = NEVER;
    if (route.longPoll === true) {
      const controller = new AbortController();
      // Only a client that leaves before its answer is gone: aborting after a normal finish
      // would build an AbortError (a DOMException with a stack) per claim for no listener.
      res.on('close', () => {
        if (!res.writableFinished) controller.abort();
      });
      gone = controller.signal;
    }
    const answer = await route.handle({ keyId, node, body, gone });
    if (!res.destroyed) json(res, 200, answer);
  }

  async function getRoute(req: IncomingMessage, res: ServerResponse, path: string, url: URL) {
    const body = await readBody(req, small);
    const keyId = await deps.authenticator.authenticate(req.headers, 'GET', path, body);
    const wait = deps.rateLimiter.take(keyId);
    if (wait > 0) throw new ApiError('SF_REQUEST_RATE_LIMITED', undefined, wait);
    if ((await deps.nodes.get(keyId)) === null) throw new ApiError('SF_AUTH_NODE_UNKNOWN');
    deps.presence.seen(keyId);
    if (url.pathname.startsWith(NODE_PROTOCOL_PATHS.configsPrefix)) {
      const answer = routes.jobConfig(deps, url.pathname.slice(NODE_PROTOCOL_PATHS.configsPrefix.length));
      json(res, 200, answer, { 'cache-control': 'public, max-age=31536000, immutable' });
      return;
    }
    const answer = await answerGameData(
      deps.gameData,
      url.searchParams.get('ids'),
      req.headers['if-none-match'],
    );
    if (answer.status === 304) {
      res.writeHead(304, { etag: answer.etag });
      res.end();
      return;
    }
    json(res, 200, answer.body, { etag: answer.etag, 'cache-control': 'no-cache' });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = req.url ?? '/';
    const url = new URL(path, 'http://sentinel');
    if (req.method === 'GET' && url.pathname === '/status') return json(res, 200, deps.status());
    if (req.method === 'GET' && url.pathname === '/metrics') {
      const text = await deps.metricsText();
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
      res.end(text);
      return;
    }
    if (deps.isClosing()) throw new ApiError('SF_SENTINEL_SHUTTING_DOWN', undefined, 5);
    if (req.method === 'GET' && url.pathname === NODE_PROTOCOL_PATHS.nodeBundle) {
      const wait = deps.registerLimiter.take(req.socket.remoteAddress ?? 'unknown');
      if (wait > 0) throw new ApiError('SF_REQUEST_RATE_LIMITED', 'downloads from this address', wait);
      const bundle = await deps.nodeBundle();
      if (req.headers['if-none-match'] === bundle.etag) {
        res.writeHead(304, { etag: bundle.etag });
        res.end();
        return;
      }
      res.writeHead(200, {
        'content-type': 'text/javascript; charset=utf-8',
        'content-length': bundle.bytes.length,
        'content-disposition': 'attachment; filename="simforge-node.mjs"',
        etag: bundle.etag,
      });
      res.end(bundle.bytes);
      return;
    }
    const route = req.method === 'POST' ? post[url.pathname] : undefined;
    if (route !== undefined) return signedRoute(req, res, path, route);
    if (
      req.method === 'GET' &&
      (url.pathname.startsWith(NODE_PROTOCOL_PATHS.configsPrefix) ||
        url.pathname === NODE_PROTOCOL_PATHS.gamedata ||
        url.pathname.startsWith(`${NODE_PROTOCOL_PATHS.gamedata}/`))
    ) {
      return getRoute(req, res, path, url);
    }
    throw new ApiError('SF_REQUEST_ROUTE_NOT_FOUND', `${req.method} ${url.pathname}`);
  }

  return (req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (error instanceof ApiError) return sendError(res, error);
      deps.logger.log('error', 'request_error', { url: req.url, message: (error as Error).message });
      sendError(res, new ApiError('SF_SENTINEL_INTERNAL'));
    });
  };
}
