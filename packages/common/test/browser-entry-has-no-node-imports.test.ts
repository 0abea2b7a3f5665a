import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The studio bundles '@simforge/common' for the browser; only '@simforge/common/signing'
// may use Node built-ins. Walk the main entry's relative imports and check every file.
const srcDir = new URL('../src/', import.meta.url);
const importPattern = /(?:import|export)\s[^'"]*?from\s+'([^']+)'/g;

function reachableFiles(entry: string): Map<string, string> {
  const seen = new Map<string, string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    const text = readFileSync(new URL(file, srcDir), 'utf8');
    seen.set(file, text);
    for (const [, specifier] of text.matchAll(importPattern)) {
      if (specifier!.startsWith('./') || specifier!.startsWith('../')) {
        const base = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : '';
        queue.push(new URL(specifier!, new URL(base, srcDir)).href.slice(srcDir.href.length));
      }
    }
  }
  return seen;
}

describe('@simforge/common main entry', () => {
  it('reaches no Node built-in and no Buffer, so the browser can run it', () => {
    const files = reachableFiles('index.ts');
    expect(files.size).toBeGreaterThan(5);
    expect([...files.keys()]).not.toContain('signing.ts');
    for (const [file, text] of files) {
      const imports = [...text.matchAll(importPattern)].map((m) => m[1]!);
      expect(
        imports.filter((s) => s.startsWith('node:') || !/^[.@]/.test(s)),
        file,
      ).toEqual([]);
      expect(/\bBuffer\b/.test(text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '')), file).toBe(
        false,
      );
    }
  });
});
