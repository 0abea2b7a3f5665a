import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SIGNATURE_ERRORS, WIRE_ERRORS } from '../src/index.ts';
import { errorRegistryDocProblems } from '../src/testing/error-registry-docs.ts';

const wireDoc = readFileSync(new URL('../../../docs/wire.md', import.meta.url), 'utf8');

describe('the wire and signing error registries', () => {
  it('document every code once in docs/wire.md, in their own areas, and nothing else', () => {
    expect(errorRegistryDocProblems('wire', WIRE_ERRORS, wireDoc)).toEqual([]);
    expect(errorRegistryDocProblems('signing', SIGNATURE_ERRORS, wireDoc)).toEqual([]);
  });
});
