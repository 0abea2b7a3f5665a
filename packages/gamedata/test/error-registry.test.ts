import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { GAMEDATA_ERRORS } from '../src/index.ts';

describe('game-data error registry', () => {
  it('documents every code in docs/gamedata.md', async () => {
    const doc = await readFile(new URL('../../../docs/gamedata.md', import.meta.url), 'utf8');
    for (const code of Object.keys(GAMEDATA_ERRORS)) expect(doc, code).toContain(`\`${code}\``);
  });

  it('uses each code once, with its own message', () => {
    const codes = Object.keys(GAMEDATA_ERRORS);
    expect(new Set(codes).size).toBe(codes.length);
    const messages = Object.values(GAMEDATA_ERRORS);
    expect(new Set(messages).size).toBe(messages.length);
    for (const code of codes) expect(code).toMatch(/^GAMEDATA_ERR_[A-Z_]+$/);
  });
});
