// Every studio API error code is documented in docs/studio.md, exactly once, with its HTTP
// status, and no code is declared twice in the registry.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { API_ERRORS } from '../src/server/api-errors.ts';

const DOC = new URL('../../../docs/studio.md', import.meta.url);
const REGISTRY = new URL('../src/server/api-errors.ts', import.meta.url);

describe('studio API error registry', () => {
  it('documents every code once, with its status', async () => {
    const doc = await readFile(DOC, 'utf8');
    for (const [code, { status }] of Object.entries(API_ERRORS)) {
      const rows = doc.split('\n').filter((line) => line.startsWith('|') && line.includes(`\`${code}\``));
      expect(rows, code).toHaveLength(1);
      expect(rows[0], code).toContain(`| ${status} |`);
    }
  });

  it('documents no code that does not exist', async () => {
    const doc = await readFile(DOC, 'utf8');
    const documented = [...doc.matchAll(/`(STUDIO_ERR_[A-Z_]+)`/g)].map((m) => m[1]!);
    for (const code of documented) expect(Object.keys(API_ERRORS), code).toContain(code);
  });

  it('declares each code once in the source', async () => {
    const source = await readFile(REGISTRY, 'utf8');
    const declared = [...source.matchAll(/^\s+(STUDIO_ERR_[A-Z_]+):/gm)].map((m) => m[1]!);
    expect(new Set(declared).size).toBe(declared.length);
    expect(declared.sort()).toEqual(Object.keys(API_ERRORS).sort());
  });
});
