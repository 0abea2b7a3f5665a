// Error codes of the game-data boundary (importer, sources, resolver), one registry.
// Documented in docs/gamedata.md; a test checks every code is documented and none reused.
export const GAMEDATA_ERRORS = {
  GAMEDATA_ERR_TABLE_MISSING: 'a required DBC table is in none of the import directories',
  GAMEDATA_ERR_COLUMN_MISSING: 'a DBC table lacks a column of its known layout',
  GAMEDATA_ERR_ROW_MALFORMED:
    'a DBC row has a value that is not of its column type, or the wrong number of fields',
  GAMEDATA_ERR_CSV_SYNTAX: 'a DBC file is not valid CSV',
  GAMEDATA_ERR_PATCH_INVALID: 'the patch version is empty or malformed',
  GAMEDATA_ERR_NO_PATCH: 'the database holds no imported game data patch',
  GAMEDATA_ERR_ORIGIN: 'the remote game-data origin failed or answered with something unexpected',
  GAMEDATA_ERR_BAD_KEY: 'a game-data key is not `kind:id`, or a request asked for too many keys',
  GAMEDATA_ERR_NOT_FOUND: 'requested game data does not exist in the current patch',
} as const;

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
