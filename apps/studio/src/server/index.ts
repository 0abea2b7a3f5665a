// createStudioServer: the studio's API and the built single-page app, on one port.
// `simforge start` composes it with the sentinel in one process (sharing embedded PGlite);
// with a real Postgres it can equally run alone. It never reads process.env.
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { errorBody, StudioApiError } from './api-errors.ts';
import { ensureBuilt } from './build-on-demand.ts';
import { resolveOptions, type StudioServerOptions } from './options.ts';
import { createProgressRelay } from './progress-relay.ts';
import { checkCsrf, type RequestAuth, resolveAuth } from './request-auth.ts';
import { registerAuthRoutes } from './routes/auth-routes.ts';
import { registerEventRoutes } from './routes/event-routes.ts';
import { registerJobRoutes } from './routes/job-routes.ts';
import { registerNodeRoutes } from './routes/node-routes.ts';
import { registerProfileRoutes } from './routes/profile-routes.ts';
import { registerShareRoutes } from './routes/share-routes.ts';
import { registerSpellRoutes } from './routes/spell-routes.ts';
import { loadStaticSite, type StaticSite } from './static-files.ts';

export { STUDIO_DEFAULTS, type StudioServerOptions } from './options.ts';

declare module 'fastify' {
  interface FastifyRequest {
    auth: RequestAuth;
  }
}

export interface StudioServer {
  /** Builds the SPA if missing, starts relaying progress, and listens. Resolves to the URL. */
  listen(port?: number, host?: string): Promise<string>;
  /** `http://host:port` once listening, else null. */
  readonly address: string | null;
  /** Gzipped size of the app's JS and CSS, once listening. */
  gzippedBundleBytes(): number;
  close(): Promise<void>;
  /** The fastify instance, for composition (tests use real HTTP instead). */
  readonly app: FastifyInstance;
}

export function createStudioServer(input: StudioServerOptions): StudioServer {
  const options = resolveOptions(input);
  const relay = createProgressRelay(options.db, options.log);
  let site: StaticSite | null = null;
  let address: string | null = null;

  const app = Fastify({
    logger: false,
    bodyLimit: options.maxBodyBytes,
    // Unknown fields are an error the player should see, not something to drop silently.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: false } },
    return503OnClosing: true,
    // Server-sent-event streams never end on their own; close() must not wait for them.
    forceCloseConnections: true,
  });

  app.decorateRequest('auth', null as unknown as RequestAuth);

  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    request.auth = await resolveAuth(request, options);
    checkCsrf(request, request.auth);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    if (request.url.startsWith('/api/')) {
      reply.header('cache-control', reply.getHeader('cache-control') ?? 'no-store');
      reply.header('x-content-type-options', 'nosniff');
    }
    return payload;
  });

  app.setErrorHandler((error: FastifyError | StudioApiError, request, reply) => {
    const apiError = toApiError(error);
    if (apiError.code === 'SF_STUDIO_INTERNAL') {
      options.log({
        level: 'error',
        msg: 'request_failed',
        url: request.url,
        error: String(error.stack ?? error),
      });
    }
    return reply.code(apiError.status).send(errorBody(apiError));
  });

  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || (request.method !== 'GET' && request.method !== 'HEAD')) {
      return reply.code(404).send(errorBody(new StudioApiError('SF_STUDIO_ROUTE_NOT_FOUND')));
    }
    if (!site) return reply.code(503).send('studio is starting');
    return site.serve(request, reply, request.url.split('?')[0] ?? '/');
  });

  registerAuthRoutes(app, options);
  registerJobRoutes(app, options, relay);
  registerProfileRoutes(app, options);
  registerEventRoutes(app, relay);
  registerNodeRoutes(app, options);
  registerSpellRoutes(app, options);
  registerShareRoutes(app, options);

  return {
    app,
    get address() {
      return address;
    },
    async listen(port = options.port, host = options.host) {
      if (options.buildIfMissing) await ensureBuilt(options.staticDir, options.log);
      site = await loadStaticSite(options.staticDir);
      await relay.start();
      await app.listen({ port, host });
      const info = app.server.address() as AddressInfo;
      address = `http://${info.family === 'IPv6' ? `[${info.address}]` : info.address}:${info.port}`;
      return address;
    },
    gzippedBundleBytes() {
      return site?.gzippedBundleBytes() ?? 0;
    },
    async close() {
      await relay.stop();
      await app.close();
      address = null;
    },
  };
}

function toApiError(error: FastifyError | StudioApiError): StudioApiError {
  if (error instanceof StudioApiError) return error;
  if ('validation' in error && error.validation) {
    return new StudioApiError('SF_STUDIO_BODY_INVALID', {
      message: `The request is not valid: ${error.message}.`,
      cause: error,
    });
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new StudioApiError('SF_STUDIO_BODY_TOO_LARGE', { cause: error });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new StudioApiError('SF_STUDIO_BODY_INVALID', {
        message: `The request body is not valid JSON.`,
        cause: error,
      });
    default:
      if (error.statusCode === 400) {
        return new StudioApiError('SF_STUDIO_BODY_INVALID', { message: error.message, cause: error });
      }
      return new StudioApiError('SF_STUDIO_INTERNAL', { cause: error });
  }
}
