// `simforge data import DIR... [--patch X]`: loads DBC CSV tables into the game schema.
// Directories are merged in the order given (the first directory wins on a row present in
// several); the labelled fixture tables of packages/gamedata/fixtures are appended last
// unless --no-fixtures, so real rows always override fixture rows.
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type Database, migrate, openDatabase } from '@simforge/db';
import {
  CsvGameDataSource,
  GameDataError,
  importDirs,
  importGameData,
  patchVersionFor,
  REAL_TABLES_DIR,
} from '@simforge/gamedata';
import { gameDataSnapshot, snapshotDir } from '../cli-cache.ts';
import { CLI_EXIT, CliError } from '../cli-errors.ts';
import { parseCommandArgs } from '../command-args.ts';

const USAGE = `usage: simforge data import DIR... [options]
       simforge data snapshot [--gamedata DIR] [--quiet]

Imports DBC tables (one CSV per table, DBC field names in the header) into the game schema,
replacing the current patch in one transaction. Several DIRs are merged, the first winning;
the fixture tables (packages/gamedata/fixtures) are appended last.

options:
  --patch VERSION       patch label (default: build 12.0.5.66529 plus a hash of the tables)
  --no-fixtures         do not append the fixture tables
  --classes IDS         ChrClasses ids to import, comma separated (default 3, hunter)
  --database-url URL    import into this Postgres (env SIMFORGE_DATABASE_URL)
  --data-dir DIR        otherwise the embedded PGlite in DIR/pglite (env SIMFORGE_DATA_DIR,
                        default .simforge); stop 'simforge start' on it first

'data snapshot' writes the snapshot 'simforge sim' reads of DIR (env SIMFORGE_GAMEDATA_DIR,
default packages/gamedata/dbc; fixtures appended), unless a valid one is there already.
`;

/** `simforge data snapshot`: builds the tables' snapshot for `simforge sim` (npm run build). */
async function snapshot(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const parsed = parseCommandArgs(argv, { gamedata: { type: 'string' }, quiet: { type: 'boolean' } }, USAGE);
  if (!parsed) return CLI_EXIT.ok;
  if (parsed.positionals.length > 0)
    throw new CliError(`data snapshot takes no DIR\n\n${USAGE}`, CLI_EXIT.usage);
  const dir = resolve(parsed.values.gamedata ?? (env.SIMFORGE_GAMEDATA_DIR || REAL_TABLES_DIR));
  const started = performance.now();
  const source = new CsvGameDataSource({
    dirs: [dir],
    snapshot: gameDataSnapshot(env),
    onSnapshotProblem: (message) => process.stderr.write(`simforge: game-data snapshot ${message}\n`),
  });
  let patch: string;
  try {
    patch = await source.currentPatch();
  } catch (error) {
    throw new CliError(`game data from ${dir}: ${(error as Error).message}`, CLI_EXIT.badInput, {
      cause: error,
    });
  }
  if (!parsed.values.quiet) {
    process.stdout.write(
      `game-data snapshot of patch ${patch} in ${snapshotDir(env)} (${Math.round(performance.now() - started)} ms)\n`,
    );
  }
  return CLI_EXIT.ok;
}

function parseClasses(text: string | undefined): number[] | undefined {
  if (text === undefined) return undefined;
  const ids = text.split(',').map((part) => Number(part.trim()));
  if (ids.length === 0 || ids.some((id) => !Number.isInteger(id) || id <= 0)) {
    throw new CliError(`--classes wants comma-separated class ids, got '${text}'`, CLI_EXIT.usage);
  }
  return ids;
}

export async function run(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === '--help' || sub === '-h') {
    process.stdout.write(USAGE);
    return CLI_EXIT.ok;
  }
  if (sub === 'snapshot') return snapshot(rest, env);
  if (sub !== 'import') {
    process.stderr.write(USAGE);
    return CLI_EXIT.usage;
  }
  const parsed = parseCommandArgs(rest, IMPORT_OPTIONS, USAGE);
  if (!parsed) return CLI_EXIT.ok;
  const { values, positionals } = parsed;
  if (positionals.length === 0)
    throw new CliError(`data import needs at least one DIR\n\n${USAGE}`, CLI_EXIT.usage);

  const cwd = process.cwd();
  const dirs = positionals.map((dir) => resolve(cwd, dir));
  const withFixtures = !values['no-fixtures'];
  const classIds = parseClasses(values.classes);
  const databaseUrl = values['database-url'] ?? (env.SIMFORGE_DATABASE_URL || undefined);
  const dataDir = resolve(cwd, values['data-dir'] ?? (env.SIMFORGE_DATA_DIR || '.simforge'));

  let patch: string;
  try {
    patch = values.patch ?? (await patchVersionFor(importDirs(dirs, withFixtures)));
  } catch (error) {
    throw new CliError(`cannot read the table directories: ${(error as Error).message}`, CLI_EXIT.badInput, {
      cause: error,
    });
  }

  let db: Database;
  try {
    if (databaseUrl) {
      db = await openDatabase({ url: databaseUrl });
    } else {
      await mkdir(join(dataDir, 'pglite'), { recursive: true });
      db = await openDatabase({ dataDir: join(dataDir, 'pglite') });
    }
    await migrate(db);
  } catch (error) {
    throw new CliError(`cannot open the database: ${(error as Error).message}`, CLI_EXIT.unavailable, {
      cause: error,
    });
  }
  try {
    const started = performance.now();
    const summary = await importGameData({
      db,
      dirs,
      patch,
      withFixtures,
      classIds,
      snapshot: gameDataSnapshot(env),
    });
    const counts = Object.entries(summary.counts)
      .map(([kind, n]) => `${kind} ${n}`)
      .join(', ');
    process.stdout.write(
      `imported patch ${summary.patch} from ${summary.files.length} files: ${counts}\n` +
        `read ${Math.round(summary.readMs)} ms, write ${Math.round(summary.writeMs)} ms, ` +
        `total ${Math.round(performance.now() - started)} ms\n` +
        (summary.snapshot && 'path' in summary.snapshot
          ? `snapshot ${summary.snapshot.path}\n`
          : `snapshot not written: ${summary.snapshot?.error}\n`),
    );
    return CLI_EXIT.ok;
  } catch (error) {
    if (error instanceof GameDataError) {
      throw new CliError(`game data import failed, nothing changed: ${error.message}`, CLI_EXIT.badInput, {
        cause: error,
      });
    }
    throw error;
  } finally {
    await db.close();
  }
}

const IMPORT_OPTIONS = {
  patch: { type: 'string' },
  'no-fixtures': { type: 'boolean' },
  classes: { type: 'string' },
  'database-url': { type: 'string' },
  'data-dir': { type: 'string' },
} as const;
