// GET /api/events: the signed-in user's job progress and status changes as server-sent
// events. EventSource reconnects on its own; a comment line every 15 s keeps proxies from
// closing an idle stream.
import type { FastifyInstance } from 'fastify';
import type { ProgressRelay } from '../progress-relay.ts';
import { requireUser } from '../request-auth.ts';

const HEARTBEAT_MS = 15_000;

export function registerEventRoutes(app: FastifyInstance, relay: ProgressRelay): void {
  app.get('/api/events', async (request, reply) => {
    const user = requireUser(request.auth);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    const unsubscribe = relay.subscribe(user.id, (event) => {
      res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
    });
    // Written after subscribing: a client that has read this line misses no later event.
    res.write('retry: 2000\n\n');
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    request.raw.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
  });
}
