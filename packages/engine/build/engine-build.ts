// The engine build a process runs: a digest of every source file that decides a chunk's
// bytes (the engine, the wire in common, the bundle builder in gamedata) and of their
// package manifests (dependency versions). Two processes with the same build produce the
// same bytes for the same chunk, so the sentinel hands a job's chunks, and its verification
// replays, only to nodes reporting the job's build: honest nodes on another version never
// disagree. Outside src/ because the engine's own source stays free of I/O.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGES = fileURLToPath(new URL('../../', import.meta.url));
const INPUTS = ['engine/src', 'common/src', 'gamedata/src'];
const MANIFESTS = ['engine/package.json', 'common/package.json', 'gamedata/package.json'];

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return files(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

// A compiled file (scripts/build.mjs) carries the build its sources had, computed once when it
// was compiled: a copied node file has no sources beside it to hash.
declare const __SIMFORGE_ENGINE_BUILD__: string | undefined;

let memo: string | undefined;

/** 16 hex digits of SHA-256 over the sorted (path, contents) of the inputs. */
export function engineBuild(): string {
  if (memo !== undefined) return memo;
  if (typeof __SIMFORGE_ENGINE_BUILD__ === 'string') {
    memo = __SIMFORGE_ENGINE_BUILD__;
    return memo;
  }
  const hash = createHash('sha256');
  const paths = [
    ...INPUTS.flatMap((dir) => files(join(PACKAGES, dir))),
    ...MANIFESTS.map((m) => join(PACKAGES, m)),
  ];
  for (const path of paths.map((p) => relative(PACKAGES, p).split('\\').join('/')).sort()) {
    hash
      .update(path)
      .update('\0')
      .update(readFileSync(join(PACKAGES, path)))
      .update('\0');
  }
  memo = hash.digest('hex').slice(0, 16);
  return memo;
}
