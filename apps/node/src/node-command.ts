// How to start a `simforge-node` process from another program (`simforge start`, the tests):
// this Node binary with tsx's loader, by absolute path so it does not depend on the cwd.
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const NODE_MAIN_URL = new URL('./main.ts', import.meta.url);

export function tsxLoaderUrl(): string {
  return pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
}

/** argv for `spawn`: `node --import <tsx> <entry> ...args`; entry defaults to main.ts. */
export function nodeCommand(
  args: readonly string[],
  entry: URL = NODE_MAIN_URL,
): { command: string; args: string[] } {
  return { command: process.execPath, args: ['--import', tsxLoaderUrl(), fileURLToPath(entry), ...args] };
}
