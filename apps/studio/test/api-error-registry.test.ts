// Every studio API error code follows SF_<AREA>_<WHAT> in the studio's area and heads exactly
// one row of docs/studio.md, with its HTTP status; no row documents a code that is gone.
import { readFile } from 'node:fs/promises';
import { errorRegistryDocProblems } from '@simforge/common/testing';
import { describe, expect, it } from 'vitest';
import { STUDIO_API_ERRORS } from '../src/studio-api-errors.ts';

describe('studio API error registry', () => {
  it('documents every code once, with its status, and nothing else', async () => {
    const doc = await readFile(new URL('../../../docs/studio.md', import.meta.url), 'utf8');
    expect(errorRegistryDocProblems('studio-api', STUDIO_API_ERRORS, doc)).toEqual([]);
  });
});
