// Why node:http: the sentinel's request shape (a signed POST with a ~5 KB raw JSON body, read
// as bytes before parsing, answered with a small JSON) served by node:http and by fastify 5
// (raw-buffer content parser), same process, same load: 64 keep-alive clients in a forked
// process. Prints requests/s and server CPU per request. `npx tsx bench/http-framework-compare.ts`.

import { fork } from 'node:child_process';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';

const DURATION_MS = 4_000;
const CLIENTS = 64;
const BODY = JSON.stringify({ jobId: 'x', partial: 'A'.repeat(5_000) });

function readRaw(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

async function nodeHttp(): Promise<{ port: number; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    void readRaw(req).then((raw) => {
      const parsed = JSON.parse(raw.toString('utf8')) as { jobId: string };
      const text = JSON.stringify({ status: 'accepted', jobId: parsed.jobId });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function fastify(): Promise<{ port: number; close(): Promise<void> }> {
  const app = Fastify({ logger: false });
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  app.post('/v1/complete', async (request) => {
    const parsed = JSON.parse((request.body as Buffer).toString('utf8')) as { jobId: string };
    return { status: 'accepted', jobId: parsed.jobId };
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { port: (app.server.address() as AddressInfo).port, close: () => app.close() };
}

interface ClientResult {
  requests: number;
  seconds: number;
}

async function load(port: number): Promise<ClientResult> {
  const child = fork(new URL(import.meta.url), ['client', String(port)], { execArgv: ['--import', 'tsx'] });
  return new Promise((resolve, reject) => {
    child.once('message', (m) => resolve(m as ClientResult));
    child.once('exit', (code) => reject(new Error(`client exited ${code}`)));
  });
}

async function client(port: number): Promise<void> {
  const { Agent, request } = await import('node:http');
  let requests = 0;
  const started = performance.now();
  const deadline = started + DURATION_MS;
  const one = (agent: InstanceType<typeof Agent>) =>
    new Promise<void>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: '/v1/complete',
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(BODY) },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve());
        },
      );
      req.on('error', reject);
      req.end(BODY);
    });
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      while (performance.now() < deadline) {
        await one(agent);
        requests++;
      }
    }),
  );
  process.send!({ requests, seconds: (performance.now() - started) / 1000 }, () => process.exit(0));
}

if (process.argv[2] === 'client') {
  await client(Number(process.argv[3]));
} else {
  for (const [name, start] of [
    ['node:http', nodeHttp],
    ['fastify 5', fastify],
  ] as const) {
    const server = await start();
    const cpu0 = process.cpuUsage();
    const result = await load(server.port);
    const cpu = process.cpuUsage(cpu0);
    await server.close();
    console.log(
      `${name}: ${Math.round(result.requests / result.seconds)} req/s, server CPU ${((cpu.user + cpu.system) / result.requests).toFixed(0)} µs/request`,
    );
  }
}
