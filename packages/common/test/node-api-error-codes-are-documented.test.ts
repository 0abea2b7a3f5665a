import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NODE_API_ERRORS } from '../src/index.ts';
import { errorRegistryDocProblems } from '../src/testing/error-registry-docs.ts';

const doc = readFileSync(new URL('../../../docs/protocol.md', import.meta.url), 'utf8');

describe('the node API error registry', () => {
  it('follows SF_<AREA>_<WHAT> in its own areas and documents each code with its status in docs/protocol.md', () => {
    expect(errorRegistryDocProblems('node-api', NODE_API_ERRORS, doc)).toEqual([]);
  });

  it('answers only 4xx and 5xx statuses', () => {
    for (const { status } of Object.values(NODE_API_ERRORS)) expect(status).toBeGreaterThanOrEqual(400);
  });
});
