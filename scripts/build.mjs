#!/usr/bin/env node
// `npm run build`: compiles the apps to plain JavaScript in dist/, so they start without
// transpiling TypeScript at run time, then builds the studio's web app and the shipped game
// data's snapshot. Each step is skipped when its inputs have not changed since it last ran
// (a stamp of every input file's path, size and mtime), so `npm start` pays for it once.
//
//   dist/simforge.mjs           the CLI (start, sim, submit, data, nodes)
//   dist/simforge-node.mjs      the compute node: one self-contained file, `node simforge-node.mjs`
//   dist/simforge-sentinel.mjs  the sentinel alone (on a real Postgres)
//   dist/simforge-studio.mjs    the studio server alone (on a real Postgres)
//
// Only the node is a single file with its dependencies inside (a volunteer copies one file);
// the others run in the repository and import their npm dependencies from node_modules.
// Worker threads start the same file again; its entry tells a worker from the main thread.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');
const quiet = process.argv.includes('--quiet');
const say = (line) => {
  if (!quiet) process.stdout.write(`build: ${line}\n`);
};

/**
 * The repository's apps share chunks (split code), so a command loads only what it runs:
 * `simforge sim` never loads fastify or PGlite. The node is built alone into one file.
 */
const REPOSITORY_APPS = {
  simforge: 'apps/cli/src/main.ts',
  'simforge-sentinel': 'apps/sentinel/src/main.ts',
  'simforge-studio': 'apps/studio/src/main.ts',
};
const NODE_APP = { 'simforge-node': 'apps/node/src/main.ts' };

/** Every file under `dir` (relative to ROOT) whose name passes `keep`. */
function walk(dir, keep = () => true) {
  const abs = join(ROOT, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === 'node_modules' || entry.name === 'dist') return [];
    const path = join(dir, entry.name);
    return entry.isDirectory() ? walk(path, keep) : keep(entry.name) ? [path] : [];
  });
}

/** A digest of the inputs' paths, sizes and mtimes: cheap, and changes whenever one does. */
function stampOf(paths) {
  const hash = createHash('sha256');
  for (const path of [...paths].sort()) {
    const stat = statSync(join(ROOT, path));
    hash.update(`${path}\0${stat.size}\0${stat.mtimeMs}\n`);
  }
  return hash.digest('hex');
}

function upToDate(stampFile, stamp, outputs) {
  try {
    return readFileSync(stampFile, 'utf8') === stamp && outputs.every((out) => existsSync(out));
  } catch {
    return false;
  }
}

const workspaceDirs = ['apps', 'packages'].flatMap((group) =>
  readdirSync(join(ROOT, group)).map((name) => join(group, name)),
);
const manifests = ['package.json', 'package-lock.json', ...workspaceDirs.map((d) => join(d, 'package.json'))];

/** The npm packages the repository depends on (not its own workspaces). */
function npmDependencies() {
  const names = new Set();
  for (const manifest of manifests.filter((m) => m.endsWith('package.json'))) {
    const json = JSON.parse(readFileSync(join(ROOT, manifest), 'utf8'));
    for (const field of ['dependencies', 'devDependencies']) {
      for (const name of Object.keys(json[field] ?? {})) if (!name.startsWith('@simforge/')) names.add(name);
    }
  }
  return [...names];
}

/**
 * `new URL('../queries/', import.meta.url)` finds files beside a source module; in a bundle
 * import.meta.url is the bundle's, so each such literal is rewritten to the same target seen
 * from dist/.
 */
const relocateFileUrls = {
  name: 'relocate-file-urls',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async (args) => {
      if (args.path.includes(`${sep}node_modules${sep}`)) return undefined;
      const source = await readFile(args.path, 'utf8');
      const contents = source.replace(
        /new URL\((['"])(\.{1,2}\/[^'"]*)\1, import\.meta\.url\)/g,
        (_match, _quote, rel) => {
          const target = resolve(dirname(args.path), rel);
          let fromDist = relative(DIST, target).split(sep).join('/');
          if (rel.endsWith('/')) fromDist += '/';
          if (!fromDist.startsWith('.')) fromDist = `./${fromDist}`;
          return `new URL(${JSON.stringify(fromDist)}, import.meta.url)`;
        },
      );
      return { contents, loader: 'ts' };
    });
  },
};

async function buildApps() {
  const inputs = [
    ...workspaceDirs.flatMap((dir) => [...walk(join(dir, 'src')), ...walk(join(dir, 'build'))]),
    ...manifests,
    'scripts/build.mjs',
  ];
  const stampFile = join(DIST, '.apps-stamp');
  const stamp = stampOf(inputs);
  const outputs = Object.keys({ ...REPOSITORY_APPS, ...NODE_APP }).map((name) => join(DIST, `${name}.mjs`));
  if (upToDate(stampFile, stamp, outputs)) return say('apps up to date');

  const started = performance.now();
  const { build } = await import('esbuild');
  // The engine build a result depends on (packages/engine/build/engine-build.ts) hashes the
  // sources, which a copied node file does not have beside it: compute it here, once.
  const { tsImport } = await import('tsx/esm/api');
  const { engineBuild } = await tsImport('../packages/engine/build/engine-build.ts', import.meta.url);
  const external = npmDependencies();
  await rm(DIST, { recursive: true, force: true });
  await mkdir(DIST, { recursive: true });
  const common = {
    bundle: true,
    outdir: DIST,
    outExtension: { '.js': '.mjs' },
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    logLevel: 'warning',
    define: { __SIMFORGE_BUNDLED__: 'true', __SIMFORGE_ENGINE_BUILD__: JSON.stringify(engineBuild()) },
    // Bundled CommonJS dependencies may call require(); give each ESM file one.
    banner: {
      js: "import { createRequire as __simforgeCreateRequire } from 'node:module'; const require = __simforgeCreateRequire(import.meta.url);",
    },
    plugins: [relocateFileUrls],
  };
  const entries = (apps) =>
    Object.fromEntries(Object.entries(apps).map(([name, path]) => [name, join(ROOT, path)]));
  await build({
    ...common,
    entryPoints: entries(REPOSITORY_APPS),
    splitting: true,
    chunkNames: 'chunk-[hash]',
    external,
  });
  await build({ ...common, entryPoints: entries(NODE_APP) });
  writeFileSync(stampFile, stamp);
  say(
    `apps compiled to dist/ in ${Math.round(performance.now() - started)} ms (engine build ${engineBuild()})`,
  );
}

function buildWebApp() {
  const studio = 'apps/studio';
  const inputs = [
    ...walk(join(studio, 'src/web')),
    join(studio, 'src/api-contract.ts'),
    join(studio, 'src/studio-api-errors.ts'),
    ...walk('packages/common/src'),
    ...walk('packages/engine/src'),
    join(studio, 'index.html'),
    join(studio, 'vite.config.ts'),
    ...manifests,
  ];
  const stampFile = join(ROOT, studio, 'dist', '.web-stamp');
  const stamp = stampOf(inputs);
  if (upToDate(stampFile, stamp, [join(ROOT, studio, 'dist', 'index.html')]))
    return say('web app up to date');
  say('building the studio web app (vite, about 10 s)');
  const started = performance.now();
  const result = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
    {
      cwd: join(ROOT, studio),
      stdio: 'inherit',
    },
  );
  if (result.status !== 0) throw new Error(`vite build failed (exit ${result.status})`);
  writeFileSync(stampFile, stamp);
  say(`web app built in ${Math.round(performance.now() - started)} ms`);
}

function buildSnapshot() {
  // The compiled CLI writes the shipped tables' snapshot where `simforge sim` looks for it
  // (a no-op when a valid one is there); it depends on the tables and on the compiled code.
  const stampFile = join(DIST, '.snapshot-stamp');
  const stamp = stampOf([
    ...walk('packages/gamedata/dbc'),
    ...walk('packages/gamedata/fixtures'),
    'dist/.apps-stamp',
  ]);
  if (upToDate(stampFile, stamp, [])) return say('game-data snapshot up to date');
  const result = spawnSync(
    process.execPath,
    [join(DIST, 'simforge.mjs'), 'data', 'snapshot', ...(quiet ? ['--quiet'] : [])],
    {
      stdio: 'inherit',
    },
  );
  if (result.status !== 0) throw new Error(`the game-data snapshot failed (exit ${result.status})`);
  writeFileSync(stampFile, stamp);
}

const steps = process.argv.includes('--apps-only') ? [buildApps] : [buildApps, buildWebApp, buildSnapshot];
for (const step of steps) await step();
