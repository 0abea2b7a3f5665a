import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SIGNATURE_ERROR_MESSAGES, WIRE_ERROR_MESSAGES } from '../src/index.ts';

const wireDoc = readFileSync(new URL('../../../docs/wire.md', import.meta.url), 'utf8');

describe('error code registries', () => {
  const codes = [...Object.keys(WIRE_ERROR_MESSAGES), ...Object.keys(SIGNATURE_ERROR_MESSAGES)];

  it('documents every code in docs/wire.md', () => {
    const undocumented = codes.filter((code) => !new RegExp(`^\\| \`${code}\` +\\|`, 'm').test(wireDoc));
    expect(undocumented).toEqual([]);
  });

  it('uses no code twice, across both registries', () => {
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('documents no code that does not exist', () => {
    const documented = [...wireDoc.matchAll(/^\| `((?:WIRE|PARTIAL|SIG)_[A-Z0-9_]+)` +\|/gm)].map(
      (m) => m[1],
    );
    expect(documented.filter((code) => !codes.includes(code!))).toEqual([]);
  });
});
