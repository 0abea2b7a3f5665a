// GET /v1/node.mjs: the compiled node (dist/simforge-node.mjs, one self-contained file) this
// sentinel's own build produced, so a volunteer installs a node that matches the sentinel's
// engine build with one line (`curl -fsSLO .../v1/node.mjs && node node.mjs`). Public, like
// a download page: there is no key yet. Read once and kept in memory; ETag is its SHA-256.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { ApiError } from '../api-errors.ts';

export interface NodeBundle {
  bytes: Buffer;
  etag: string;
}

export function nodeBundleLoader(path: string | undefined): () => Promise<NodeBundle> {
  let loaded: Promise<NodeBundle> | undefined;
  return () => {
    if (path === undefined) {
      return Promise.reject(
        new ApiError('SF_SENTINEL_NODE_BUNDLE_UNAVAILABLE', 'this sentinel runs from the sources'),
      );
    }
    loaded ??= readFile(path).then(
      (bytes) => ({ bytes, etag: `"${createHash('sha256').update(bytes).digest('hex')}"` }),
      (error: unknown) => {
        loaded = undefined; // built later (npm run build): serve it then
        throw new ApiError('SF_SENTINEL_NODE_BUNDLE_UNAVAILABLE', (error as Error).message);
      },
    );
    return loaded;
  };
}
