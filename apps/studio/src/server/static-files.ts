// Serves the built SPA from memory. The whole dist/ is a few hundred kilobytes, so it is read
// once at start-up and each file is gzipped once; a request is then a map lookup. Hashed
// assets (Vite names them by content) are cached for a year; index.html never, so a new build
// is picked up on reload. Any non-API path gets index.html: the router runs in the browser.
import { readdir, readFile } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

interface StaticFile {
  type: string;
  body: Buffer;
  gzip: Buffer | null;
  immutable: boolean;
}

export interface StaticSite {
  serve(request: FastifyRequest, reply: FastifyReply, path: string): FastifyReply;
  /** Bytes of the gzipped JS and CSS the app loads: the bundle-size figure in docs/benchmarks.md. */
  gzippedBundleBytes(): number;
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files = await Promise.all(
    entries.map((e) => (e.isDirectory() ? walk(join(dir, e.name)) : Promise.resolve([join(dir, e.name)]))),
  );
  return files.flat();
}

export async function loadStaticSite(staticDir: string): Promise<StaticSite> {
  const files = new Map<string, StaticFile>();
  for (const file of await walk(staticDir)) {
    const urlPath = `/${relative(staticDir, file).split(sep).join('/')}`;
    const body = await readFile(file);
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    const compressible = /text|javascript|json|svg/.test(type) && body.length > 512;
    files.set(urlPath, {
      type,
      body,
      gzip: compressible ? gzipSync(body, { level: 9 }) : null,
      immutable: urlPath.startsWith('/assets/'),
    });
  }
  const index = files.get('/index.html');
  if (!index) throw new Error(`no index.html in ${staticDir}; run npm run build -w @simforge/studio`);

  return {
    serve(request, reply, path) {
      // A missing hashed asset is a stale page after a deploy: a 404 lets the browser say so,
      // where index.html under a script's name would fail obscurely.
      if (!files.has(path) && path.startsWith('/assets/'))
        return reply.code(404).type('text/plain').send('not found');
      const file = files.get(path) ?? index;
      const acceptsGzip = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
      reply.header('content-type', file.type);
      reply.header('cache-control', file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      reply.header('x-content-type-options', 'nosniff');
      if (file === index) {
        // Inline styles: uPlot and React style attributes. No framing (clickjacking), and a share
        // link's token never leaves in a Referer header.
        reply.header(
          'content-security-policy',
          "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'",
        );
        reply.header('referrer-policy', 'same-origin');
      }
      if (file.gzip && acceptsGzip) {
        reply.header('content-encoding', 'gzip');
        reply.header('vary', 'accept-encoding');
        return reply.send(file.gzip);
      }
      return reply.send(file.body);
    },
    gzippedBundleBytes() {
      let total = 0;
      for (const [path, file] of files) {
        if (/\.(js|css)$/.test(path)) total += file.gzip?.length ?? file.body.length;
      }
      return total;
    },
  };
}
