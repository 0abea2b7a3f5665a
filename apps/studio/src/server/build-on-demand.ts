// A fresh clone has no apps/studio/dist. Rather than make `npm start` fail with "run the
// build first", the server builds the SPA once, with the same vite.config.ts as
// `npm run build -w @simforge/studio`. Concurrent callers in one process share one build.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const STUDIO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
let building: Promise<void> | null = null;

export function hasBuild(staticDir: string): boolean {
  return existsSync(`${staticDir.replace(/\/$/, '')}/index.html`);
}

export async function buildStudio(): Promise<void> {
  building ??= (async () => {
    const vite = await import('vite');
    await vite.build({
      configFile: `${STUDIO_ROOT}vite.config.ts`,
      root: STUDIO_ROOT,
      logLevel: 'warn',
    });
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
