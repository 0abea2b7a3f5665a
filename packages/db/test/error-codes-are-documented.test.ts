import { readFile } from 'node:fs/promises';
import { errorRegistryDocProblems } from '@simforge/common/testing';
import { describe, expect, it } from 'vitest';
import { DB_ERRORS } from '../src/index.ts';

// Not a database test: it pins the error registry against its documentation.
describe('database error codes', () => {
  it('follow SF_DB_<WHAT> and are each documented once in docs/database.md', async () => {
    const doc = await readFile(new URL('../../../docs/database.md', import.meta.url), 'utf8');
    expect(errorRegistryDocProblems('db', DB_ERRORS, doc)).toEqual([]);
  });
});
