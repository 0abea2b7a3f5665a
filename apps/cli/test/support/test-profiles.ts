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

/**
 * A raced profileset (a target error with variants): secondary stats pair less well than
 * agility, so the race runs four stages (1,001 to 8,008 iterations at seed 31) before the
 * winner's difference is known to the target, and its rivals stop at different stages.
 */
export const RACED_PROFILE = `${shortFightProfile(20).trimEnd()}
iterations=16000
target_error=0.04
profileset."haste +30"+=gear_haste_rating=570
profileset."haste +90"+=gear_haste_rating=630
profileset."crit +60"+=gear_crit_rating=680
profileset."mastery +60"+=gear_mastery_rating=760
profileset."vers -60"+=gear_versatility_rating=240
profileset."same"+=gear_agility=2400
`;
