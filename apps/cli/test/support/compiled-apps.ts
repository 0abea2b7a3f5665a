// The compiled apps (dist/, scripts/build.mjs), which the process-level tests run as a user
// does: `npm start` and `npm run simforge` run dist/simforge.mjs, a volunteer runs
// dist/simforge-node.mjs. The test run compiles them once first (global-build.ts).
import { fileURLToPath } from 'node:url';

const DIST = new URL('../../../../dist/', import.meta.url);

export type CompiledApp = 'simforge' | 'simforge-node' | 'simforge-sentinel' | 'simforge-studio';

export function compiledAppPath(app: CompiledApp): string {
  return fileURLToPath(new URL(`${app}.mjs`, DIST));
}

/** argv for `spawn`: this Node binary running the compiled app. */
export function compiledApp(app: CompiledApp, args: readonly string[]): { command: string; args: string[] } {
  return { command: process.execPath, args: [compiledAppPath(app), ...args] };
}
