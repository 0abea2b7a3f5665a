// How to start a `simforge-node` process from another program (`simforge start`, the tests):
// from the compiled CLI, the compiled node beside it (dist/simforge-node.mjs); from the
// sources, this Node binary with tsx's loader. By absolute path, so it does not depend on the cwd.
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BUNDLED } from '@simforge/common';

export const NODE_MAIN_URL = new URL('./main.ts', import.meta.url);

export function tsxLoaderUrl(): string {
  return pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
}

/** The compiled node beside the compiled CLI (no `./`: the build relocates only `./` URLs). */
const COMPILED_NODE_URL = new URL('simforge-node.mjs', import.meta.url);

/**
 * argv for `spawn`: the compiled node, or `node --import <tsx> <entry> ...args` from the
 * sources; an explicit entry (a test's misbehaving node) always runs from its source.
 */
export function nodeCommand(args: readonly string[], entry?: URL): { command: string; args: string[] } {
  if (entry === undefined && BUNDLED) {
    return { command: process.execPath, args: [fileURLToPath(COMPILED_NODE_URL), ...args] };
  }
  return {
    command: process.execPath,
    args: ['--import', tsxLoaderUrl(), fileURLToPath(entry ?? NODE_MAIN_URL), ...args],
  };
}
