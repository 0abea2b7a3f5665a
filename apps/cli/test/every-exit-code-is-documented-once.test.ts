import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { CLI_EXIT } from '../src/cli-errors.ts';

const docsUrl = new URL('../../../docs/cli.md', import.meta.url);

/** Rows of the exit-code table in docs/cli.md: `| 3 | invalidProfile | ... |`. */
async function documentedCodes(): Promise<Map<string, number>> {
  const text = await readFile(docsUrl, 'utf8');
  const section = text.slice(text.indexOf('## Exit codes'));
  const rows = new Map<string, number>();
  for (const match of section.matchAll(/^\|\s*(\d+)\s*\|\s*`(\w+)`\s*\|/gm)) {
    rows.set(match[2]!, Number(match[1]));
  }
  return rows;
}

describe('CLI exit codes', () => {
  it('reuses no value', () => {
    const values = Object.values(CLI_EXIT);
    expect(new Set(values).size).toBe(values.length);
  });

  it('documents every code in docs/cli.md with its value, and nothing else', async () => {
    const documented = await documentedCodes();
    expect(Object.fromEntries(documented)).toEqual({ ...CLI_EXIT });
  });
});
