import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const binDir = fileURLToPath(new URL('../../../node_modules/.bin', import.meta.url));
// protoc-gen-es is pinned below the runtime's version (its newer releases need Node 22), so npm
// installs it under this package rather than at the root.
const packageBinDir = fileURLToPath(new URL('../node_modules/.bin', import.meta.url));

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

describe('generated protobuf code', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'simforge-gen-'));
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('is what buf generates from the committed .proto files', () => {
    // The same buf.gen.yaml as `npm run gen`, written under a scratch directory instead.
    execFileSync(join(binDir, 'buf'), ['generate', '--output', outDir], {
      cwd: packageDir,
      env: {
        ...process.env,
        PATH: [packageBinDir, binDir, process.env.PATH ?? ''].join(delimiter),
      },
      stdio: 'pipe',
    });
    const committed = join(packageDir, 'src/gen');
    const fresh = join(outDir, 'src/gen');
    expect(listFiles(fresh)).toEqual(listFiles(committed));
    expect(listFiles(fresh).length).toBeGreaterThan(0);
    for (const file of listFiles(fresh)) {
      expect(readFileSync(join(fresh, file), 'utf8'), file).toBe(readFileSync(join(committed, file), 'utf8'));
    }
  });
});
