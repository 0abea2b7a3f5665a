// Error codes of the game-data boundary (importer, sources, resolver), one registry.
// Documented in docs/gamedata.md; a test checks every code is documented and none reused.
import { defineErrorRegistry } from '@simforge/common';
export const GAMEDATA_ERRORS = defineErrorRegistry('gamedata', {
  SF_GAMEDATA_TABLE_MISSING: { message: 'a required DBC table is in none of the import directories' },
  SF_GAMEDATA_COLUMN_MISSING: { message: 'a DBC table lacks a column of its known layout' },
  SF_GAMEDATA_ROW_MALFORMED: {
    message: 'a DBC row has a value that is not of its column type, or the wrong number of fields',
  },
  SF_GAMEDATA_CSV_SYNTAX: { message: 'a DBC file is not valid CSV' },
  SF_GAMEDATA_PATCH_INVALID: { message: 'the patch version is empty or malformed' },
  SF_GAMEDATA_NO_PATCH: { message: 'the database holds no imported game data patch' },
  SF_GAMEDATA_ORIGIN: { message: 'the remote game-data origin failed or answered with something unexpected' },
  SF_GAMEDATA_BAD_KEY: { message: 'a game-data key is not `kind:id`, or a request asked for too many keys' },
  SF_GAMEDATA_NOT_FOUND: { message: 'requested game data does not exist in the current patch' },
});

export type GameDataErrorCode = keyof typeof GAMEDATA_ERRORS;

/** Where in a CSV file a problem is: 1-based line (the header is line 1) and column name. */
export interface CsvLocation {
  file: string;
  line?: number;
  column?: string;
}

export class GameDataError extends Error {
  readonly code: GameDataErrorCode;
  readonly location: CsvLocation | undefined;

  constructor(
    code: GameDataErrorCode,
    detail: string,
    options?: { cause?: unknown; location?: CsvLocation },
  ) {
    const at = options?.location ? `${formatLocation(options.location)}: ` : '';
    super(`${code}: ${at}${detail}`, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'GameDataError';
    this.code = code;
    this.location = options?.location;
  }
}

export function formatLocation(location: CsvLocation): string {
  let text = location.file;
  if (location.line !== undefined) text += `:${location.line}`;
  if (location.column !== undefined) text += ` column ${location.column}`;
  return text;
}
