// A spec is reachable only through the spec registry. The rule, for every source file of the
// repository (packages/* and apps/*: src, test, bench, fixtures, scripts):
//
//   nothing outside packages/engine/src/specs/beast-mastery/ imports a module inside it,
//   except packages/engine/src/specs/registry.ts.
//
// Tests are no exception: they reach Beast Mastery through the public engine API or through
// DEFAULT_SPEC_REGISTRY (a test of BM's internals would live in the spec's own folder, which
// the rule allows; there are none today). Without this rule a second spec would again mean
// editing the parser, the simulation and the planner, which is what the registry removed.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../../..', import.meta.url));
const SPEC_DIR = join(REPO, 'packages/engine/src/specs/beast-mastery');
const ALLOWED_IMPORTERS = new Set([join(REPO, 'packages/engine/src/specs/registry.ts')]);
const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs|jsx)$/;
const SKIP_DIRS = new Set(['node_modules', 'dist', '.git']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.isDirectory()) return SKIP_DIRS.has(e.name) ? [] : sourceFiles(join(dir, e.name));
    return SOURCE.test(e.name) ? [join(dir, e.name)] : [];
  });
}

/** Every module specifier: `from '...'`, `import '...'`, `import('...')`, `require('...')`. */
function specifiers(text: string): string[] {
  const out: string[] = [];
  const patterns = [
    /\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) for (const m of text.matchAll(pattern)) out.push(m[1]!);
  return out;
}

/** The file path a specifier points at, for relative ones and the engine's own package name. */
function target(importer: string, specifier: string): string | null {
  if (specifier.startsWith('.')) return resolve(dirname(importer), specifier);
  if (specifier.startsWith('@simforge/engine/')) {
    return join(REPO, 'packages/engine', specifier.slice('@simforge/engine/'.length));
  }
  return null;
}

const inside = (path: string, dir: string) => path === dir || path.startsWith(dir + sep);

describe('only the spec registry imports a spec', () => {
  const roots = ['packages', 'apps'].flatMap((top) =>
    readdirSync(join(REPO, top), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => join(REPO, top, e.name)),
  );
  const files = roots.flatMap(sourceFiles);

  it('scans the whole repository', () => {
    expect(files.length).toBeGreaterThan(200);
    expect(files).toContain(join(REPO, 'packages/engine/src/specs/registry.ts'));
    expect(files).toContain(join(REPO, 'apps/studio/src/web/main.tsx'));
  });

  it('finds no import of specs/beast-mastery from outside it but the registry', () => {
    const offenders: string[] = [];
    let registryImportsIt = false;
    for (const file of files) {
      if (inside(file, SPEC_DIR)) continue;
      for (const specifier of specifiers(readFileSync(file, 'utf8'))) {
        const path = target(file, specifier);
        if (path === null || !inside(path, SPEC_DIR)) continue;
        if (ALLOWED_IMPORTERS.has(file)) registryImportsIt = true;
        else offenders.push(`${relative(REPO, file)} imports '${specifier}'`);
      }
    }
    expect(offenders).toEqual([]);
    // The scan really sees imports: the registry's own one must be found.
    expect(registryImportsIt).toBe(true);
  });
});
