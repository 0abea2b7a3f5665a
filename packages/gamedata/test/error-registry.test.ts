import { readFile } from 'node:fs/promises';
import { errorRegistryDocProblems } from '@simforge/common/testing';
import { describe, expect, it } from 'vitest';
import { GAMEDATA_ERRORS } from '../src/index.ts';

describe('game-data error registry', () => {
  it('follows SF_GAMEDATA_<WHAT>, one message per code, each documented once in docs/gamedata.md', async () => {
    const doc = await readFile(new URL('../../../docs/gamedata.md', import.meta.url), 'utf8');
    expect(errorRegistryDocProblems('gamedata', GAMEDATA_ERRORS, doc)).toEqual([]);
  });
});
