import { readFile } from 'node:fs/promises';
import { errorRegistryDocProblems } from '@simforge/common/testing';
import { describe, expect, it } from 'vitest';
import { CONTROL_API_ERRORS } from '../src/control-api-errors.ts';

describe('control API error codes', () => {
  it('follow SF_CONTROL_<WHAT> and are each documented once in docs/cli.md with their status', async () => {
    const doc = await readFile(new URL('../../../docs/cli.md', import.meta.url), 'utf8');
    expect(errorRegistryDocProblems('control-api', CONTROL_API_ERRORS, doc)).toEqual([]);
  });
});
