// docs/engine.md lists every talent a Beast Mastery hunter can take, modelled or not, and where
// its numbers come from. The table is generated from the data and the engine; this fails when
// either moved and the docs did not (`npm run docs:talents -w @simforge/engine` rewrites it).
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { DOC_PATH, talentTableMarkdown, withTable } from '../scripts/talent-table.ts';

describe('the talent table in docs/engine.md', () => {
  it('is what the data and the engine say', async () => {
    const doc = await readFile(DOC_PATH, 'utf8');
    const table = await talentTableMarkdown();
    expect(table).toMatch(/\| Pack Leader \| Howl of the Pack Leader \|/);
    expect(table).toMatch(/\| Dark Ranger \| Black Arrow \|/);
    expect(doc).toBe(withTable(doc, table));
  });
});
