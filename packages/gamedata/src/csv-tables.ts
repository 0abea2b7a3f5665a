import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { CsvError, type Options, parse } from 'csv-parse';
import { type ColumnKind, DBC_LAYOUTS, type TableLayout, type TableName } from './dbc-layouts.ts';
import { GameDataError } from './errors.ts';

/** One parsed row: only the layout's columns, typed. */
export type DbcRow = Record<string, number | string>;

/** A parsed table: rows in file order, later directories' rows appended when their key is new. */
export interface DbcTable {
  name: TableName;
  rows: DbcRow[];
  /** The files the rows came from, for the import's record in game.patches. */
  files: string[];
}

const INT = /^-?\d+$/;

function parseValue(raw: string, kind: ColumnKind): number | string | undefined {
  switch (kind) {
    case 'text':
      return raw;
    case 'int': {
      if (!INT.test(raw)) return undefined;
      const value = Number(raw);
      // Exports print flag words as signed or unsigned 32-bit; anything wider is corrupt.
      return value >= -2147483648 && value <= 4294967295 ? value : undefined;
    }
    case 'float': {
      const value = raw.trim() === '' ? Number.NaN : Number(raw);
      return Number.isFinite(value) ? value : undefined;
    }
    default: {
      const never: never = kind;
      throw new Error(`unknown column kind ${String(never)}`);
    }
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Streams one CSV file, checks its header against the layout and hands each typed row to
 * `onRow`. Fails with GameDataError naming file, line (1-based, header = 1) and column.
 */
export async function readDbcFile(
  file: string,
  layout: TableLayout,
  onRow: (row: DbcRow) => void,
): Promise<void> {
  let columns: { name: string; index: number; kind: ColumnKind }[] | undefined;
  let failure: GameDataError | undefined;
  // Rows are typed inside on_record, where the parser's context is the live position: asking
  // csv-parse for a per-record `info` snapshot instead doubles the parse time of big tables.
  const toRow = (record: string[], line: number): DbcRow | null => {
    if (!columns) {
      columns = Object.entries(layout.columns).map(([name, kind]) => {
        const index = record.indexOf(name);
        if (index < 0) {
          throw new GameDataError('SF_GAMEDATA_COLUMN_MISSING', `the header has no column ${name}`, {
            location: { file, line: 1, column: name },
          });
        }
        return { name, index, kind };
      });
      return null;
    }
    const row: DbcRow = {};
    for (const column of columns) {
      const raw = record[column.index] ?? '';
      const value = parseValue(raw, column.kind);
      if (value === undefined) {
        throw new GameDataError(
          'SF_GAMEDATA_ROW_MALFORMED',
          `${JSON.stringify(raw)} is not a valid ${column.kind === 'int' ? 'integer' : 'number'}`,
          { location: { file, line, column: column.name } },
        );
      }
      row[column.name] = value;
    }
    return row;
  };
  const options: Options<DbcRow, string[]> = {
    bom: true,
    on_record: (record, context) => {
      if (failure) return null;
      try {
        return toRow(record, context.lines);
      } catch (error) {
        failure = error as GameDataError;
        return null;
      }
    },
  };
  // The untyped overload: csv-parse types `on_record` results only for its `columns` mode.
  const parser = createReadStream(file).pipe(parse(options as unknown as Options));
  try {
    for await (const row of parser as AsyncIterable<DbcRow>) {
      if (failure) break;
      onRow(row);
    }
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines;
      const code =
        error.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH'
          ? 'SF_GAMEDATA_ROW_MALFORMED'
          : 'SF_GAMEDATA_CSV_SYNTAX';
      throw new GameDataError(code, error.message, { cause: error, location: { file, line } });
    }
    throw error;
  } finally {
    parser.destroy();
  }
  if (failure) throw failure;
  if (!columns) {
    throw new GameDataError('SF_GAMEDATA_COLUMN_MISSING', 'the file has no header row', {
      location: { file, line: 1 },
    });
  }
}

/**
 * Reads one table from every directory that has it. The first directory's rows win: later
 * directories (fixtures) only add rows whose key is not there yet, so a real export always
 * overrides a fixture of the same row.
 */
export async function readDbcTable(name: TableName, dirs: readonly string[]): Promise<DbcTable> {
  const layout: TableLayout = DBC_LAYOUTS[name];
  const rows: DbcRow[] = [];
  const files: string[] = [];
  const seen = new Set<string>();
  for (const dir of dirs) {
    const file = join(dir, `${name}.csv`);
    if (!(await exists(file))) continue;
    files.push(file);
    const fromEarlierDirs = new Set(seen);
    await readDbcFile(file, layout, (row) => {
      const key = layout.key.map((k) => row[k]).join(':');
      if (fromEarlierDirs.has(key)) return;
      seen.add(key);
      rows.push(row);
    });
  }
  if (files.length === 0 && !layout.optional) {
    throw new GameDataError('SF_GAMEDATA_TABLE_MISSING', `${name}.csv is in none of: ${dirs.join(', ')}`, {
      location: { file: `${name}.csv` },
    });
  }
  return { name, rows, files };
}

/** Reads every table the importer knows, in parallel. */
export async function readDbcTables(dirs: readonly string[]): Promise<Record<TableName, DbcTable>> {
  const names = Object.keys(DBC_LAYOUTS) as TableName[];
  const tables = await Promise.all(names.map((name) => readDbcTable(name, dirs)));
  return Object.fromEntries(tables.map((t) => [t.name, t])) as Record<TableName, DbcTable>;
}
