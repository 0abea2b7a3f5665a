// The contract between the engine and the game data: every spell the engine requests for the
// default Beast Mastery profile is in the bundle the gamedata package builds, with its name.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseProfile, requiredGameData } from '../src/index.ts';
import { fixtureBundle } from './support/fixture-bundle.ts';

const DEFAULT_PROFILE = readFileSync(new URL('../profiles/beast-mastery.simc', import.meta.url), 'utf8');

describe('the game data for the default profile', () => {
  it('holds every spell the engine asks for, named', async () => {
    const parsed = parseProfile(DEFAULT_PROFILE);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const request = requiredGameData(parsed.profile);
    const { spells } = await fixtureBundle(request);
    expect(request.spellIds.length).toBeGreaterThan(20);
    for (const id of request.spellIds) expect(spells[id]?.name, `spell ${id}`).toBeTruthy();
  });
});
