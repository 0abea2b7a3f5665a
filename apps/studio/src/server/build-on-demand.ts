// A fresh clone has no apps/studio/dist. Rather than make `npm start` fail with "run the
// build first", the server builds the SPA once, with the same vite.config.ts as
// `npm run build -w @simforge/studio`. Concurrent callers in one process share one build;
// across processes (a test rebuilding while `simforge start` boots) the build goes to a
// private directory that is swapped in by rename, so no reader ever sees a half-written dist.
import { existsSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const STUDIO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIST = `${STUDIO_ROOT}dist`;
// Same filesystem as dist (so rename is atomic), and ignored by git and biome.
const STAGING_ROOT = fileURLToPath(
  new URL('../../../../node_modules/.cache/simforge-studio/', import.meta.url),
);
let building: Promise<void> | null = null;

export function hasBuild(staticDir: string): boolean {
  return existsSync(`${staticDir.replace(/\/$/, '')}/index.html`);
}

export async function buildStudio(): Promise<void> {
  building ??= (async () => {
    const vite = await import('vite');
    const staging = `${STAGING_ROOT}build-${process.pid}`;
    await vite.build({
      configFile: `${STUDIO_ROOT}vite.config.ts`,
      root: STUDIO_ROOT,
      logLevel: 'warn',
      build: { outDir: staging, emptyOutDir: true },
    });
    const retired = `${STAGING_ROOT}old-${process.pid}`;
    if (existsSync(DIST)) await rename(DIST, retired);
    await rename(staging, DIST);
    await rm(retired, { recursive: true, force: true });
  })().finally(() => {
    building = null;
  });
  return building;
}

export async function ensureBuilt(
  staticDir: string,
  log: (line: Record<string, unknown>) => void,
): Promise<void> {
  if (hasBuild(staticDir)) return;
  log({ level: 'info', msg: 'studio_build_started', staticDir });
  const started = Date.now();
  await buildStudio();
  log({ level: 'info', msg: 'studio_build_finished', ms: Date.now() - started });
  if (!hasBuild(staticDir)) throw new Error(`vite build did not produce ${staticDir}index.html`);
}
