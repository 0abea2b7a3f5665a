import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { DB_ERRORS } from '../src/index.ts';

// Not a database test: it pins the error registry against its documentation.
describe('database error codes', () => {
  it('are each documented in docs/database.md', async () => {
    const doc = await readFile(new URL('../../../docs/database.md', import.meta.url), 'utf8');
    for (const code of Object.keys(DB_ERRORS)) expect(doc).toContain(`\`${code}\``);
  });

  it('are unique and follow DB_ERR_<WHAT>', () => {
    const codes = Object.keys(DB_ERRORS);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^DB_ERR_[A-Z_]+$/);
  });
});
