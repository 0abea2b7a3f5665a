// The resource timeline has a general name on the wire; Beast Mastery's old name survives only
// as a reserved field in the .proto files and in the decoder path that reads bytes written
// before the rename. Any other source file naming it is a step back toward one spec.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const ALLOWED = new Set([
  'packages/common/proto/simforge/wire/v1/partial.proto',
  'packages/common/proto/simforge/wire/v1/timeline.proto',
  'packages/common/src/legacy-fields.ts',
  'packages/common/src/partial-decoder.ts',
  'packages/common/src/result-view.ts',
]);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory())
      return ['node_modules', 'gen', 'test', 'dist'].includes(entry.name) ? [] : sources(path);
    return /\.(ts|tsx|proto|sql)$/.test(entry.name) ? [path] : [];
  });
}

describe('the resource timeline', () => {
  it('is named focus_milli only by the reserved proto fields and the legacy decoder', () => {
    const naming = ['packages', 'apps']
      .flatMap((top) => sources(join(ROOT, top)))
      .filter((path) => /focus_?milli/i.test(readFileSync(path, 'utf8')))
      .map((path) => relative(ROOT, path));
    expect(naming.filter((path) => !ALLOWED.has(path))).toEqual([]);
  });
});
