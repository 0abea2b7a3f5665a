// Profiles and game data for the end-to-end tests: the engine's default Beast Mastery profile
// with a short fight, because these tests pin distribution behaviour, not simulation speed.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { REAL_TABLES_DIR } from '@simforge/gamedata';

export const DEFAULT_PROFILE_PATH = fileURLToPath(
  new URL('../../../../packages/engine/profiles/beast-mastery.simc', import.meta.url),
);

/**
 * The game-data directories imported for tests, most authoritative first (the fixtures are
 * appended): the real DBC tables shipped in packages/gamedata/dbc, as in every other suite.
 */
export const GAMEDATA_DIRS: string[] = [REAL_TABLES_DIR];

/** The default profile with `max_time` set (seconds) and no `iterations=` line. */
export function shortFightProfile(maxTimeSeconds: number): string {
  return readFileSync(DEFAULT_PROFILE_PATH, 'utf8')
    .replace(/^max_time=.*$/m, `max_time=${maxTimeSeconds}`)
    .replace(/^vary_combat_length=.*$/m, 'vary_combat_length=0')
    .replace(/^iterations=.*$/m, '');
}
