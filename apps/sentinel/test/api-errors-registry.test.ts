import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_ERRORS } from '../src/api-errors.ts';

const docs = readFileSync(new URL('../../../docs/protocol.md', import.meta.url), 'utf8');
const source = readFileSync(new URL('../src/api-errors.ts', import.meta.url), 'utf8');

/** Rows of the error table in docs/protocol.md: | `CODE` | status | ... */
const documented = new Map(
  [...docs.matchAll(/^\|\s*`([A-Z_]+)`\s*\|\s*(\d{3})\s*\|/gm)].map((m) => [m[1]!, Number(m[2])]),
);

describe('the API error registry', () => {
  it('defines each code once', () => {
    const defined = [...source.matchAll(/^\s{2}([A-Z_]+): \{/gm)].map((m) => m[1]!);
    expect(defined.length).toBe(Object.keys(API_ERRORS).length);
    expect(new Set(defined).size).toBe(defined.length);
  });

  it('documents every code with its status in docs/protocol.md, and nothing else', () => {
    for (const [code, { status }] of Object.entries(API_ERRORS)) {
      expect(documented.get(code), `${code} in docs/protocol.md`).toBe(status);
    }
    expect([...documented.keys()].sort()).toEqual(Object.keys(API_ERRORS).sort());
  });

  it('uses only 4xx and 5xx statuses', () => {
    for (const { status } of Object.values(API_ERRORS)) expect(status).toBeGreaterThanOrEqual(400);
  });
});
