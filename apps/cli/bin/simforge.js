#!/usr/bin/env node
// The `simforge` bin: compiles the apps when their sources changed (scripts/build.mjs, the same
// step as `npm run simforge`) and runs the compiled CLI, dist/simforge.mjs.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const built = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--quiet', '--apps-only'], {
  stdio: 'inherit',
});
if (built.status !== 0) process.exit(built.status ?? 1);
const result = spawnSync(process.execPath, [join(root, 'dist', 'simforge.mjs'), ...process.argv.slice(2)], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
