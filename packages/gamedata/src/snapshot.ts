// A game-data snapshot: one build of the DBC tables (a GameDataSet) written once as JSON, so
// `simforge sim` loads it in tens of milliseconds instead of parsing ~10 MB of CSV for seconds.
//
// A snapshot is named by what it was built from: the patch label (the build plus a hash of
// every table file, patchVersionFor), the classes imported, and the code that joined them (the
// caller's `builder`, the engine build: the same tables joined by other code are other records). Its first line is a header; then
// one line per record kind, `[[id, record], ...]`. The header carries each line's SHA-256; a
// reader refuses a snapshot whose lines do not hash to it (a torn write, a damaged disk, an
// edit), and the caller rebuilds it from the tables.
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DBC_LAYOUTS } from './dbc-layouts.ts';
import { patchVersionFor } from './import-game-data.ts';
import { type GameDataSet, RECORD_KINDS, type RecordKind } from './records.ts';

export const SNAPSHOT_FORMAT = 'simforge-gamedata-snapshot/1';

/** What a snapshot was built from, and so its name. */
export interface SnapshotId {
  patch: string;
  classIds: readonly number[];
  /** The code that joined the tables (the engine build); [0-9a-z] only. */
  builder: string;
}

interface SnapshotHeader {
  format: string;
  patch: string;
  classIds: number[];
  builder: string;
  /** The SHA-256 of each kind's line, in RECORD_KINDS order after the header. */
  sha256: Record<RecordKind, string>;
}

export type SnapshotRead =
  | { ok: true; set: GameDataSet }
  | { ok: false; reason: 'missing' }
  | { ok: false; reason: 'damaged'; message: string };

function classKey(classIds: readonly number[]): number[] {
  return [...new Set(classIds)].sort((a, b) => a - b);
}

/** Snapshots of one patch and class set share this prefix; only the newest builder's is kept. */
function namePrefix(id: SnapshotId): string {
  return `${id.patch}.c${classKey(id.classIds).join('-')}.`;
}

/** The file a snapshot lives in. */
export function snapshotPath(dir: string, id: SnapshotId): string {
  if (!/^[0-9a-z]{1,64}$/.test(id.builder)) throw new Error(`unsafe snapshot builder name: ${id.builder}`);
  return join(dir, `${namePrefix(id)}${id.builder}.json`);
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Writes the snapshot under a temporary name and renames it into place (never half a file). */
export async function writeSnapshot(dir: string, id: SnapshotId, set: GameDataSet): Promise<string> {
  const lines = RECORD_KINDS.map((kind) => JSON.stringify([...(set[kind] as Map<number, unknown>)]));
  const header: SnapshotHeader = {
    format: SNAPSHOT_FORMAT,
    patch: id.patch,
    classIds: classKey(id.classIds),
    builder: id.builder,
    sha256: Object.fromEntries(RECORD_KINDS.map((kind, i) => [kind, sha256(lines[i] as string)])) as Record<
      RecordKind,
      string
    >,
  };
  const path = snapshotPath(dir, id);
  const temp = `${path}.${process.pid}.${Date.now()}.tmp`;
  await mkdir(dir, { recursive: true });
  try {
    await writeFile(temp, [JSON.stringify(header), ...lines].join('\n'));
    await rename(temp, path);
  } finally {
    await rm(temp, { force: true });
  }
  // The same tables joined by an older build are dead weight (about 8 MB each).
  for (const name of await readdir(dir)) {
    if (name.startsWith(namePrefix(id)) && name.endsWith('.json') && join(dir, name) !== path) {
      await rm(join(dir, name), { force: true });
    }
  }
  return path;
}

/**
 * Reads and checks a snapshot; `damaged` says why it was refused. Every kind's hash is
 * checked here, but a kind is parsed only when first used: a profile without items never
 * pays for the 60,000 curves.
 */
export async function readSnapshot(dir: string, id: SnapshotId): Promise<SnapshotRead> {
  const path = snapshotPath(dir, id);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { ok: false, reason: 'missing' };
    throw err;
  }
  const damaged = (message: string): SnapshotRead => ({
    ok: false,
    reason: 'damaged',
    message: `${path}: ${message}`,
  });
  const [headerLine = '', ...lines] = text.split('\n');
  let header: Partial<SnapshotHeader>;
  try {
    header = JSON.parse(headerLine) as Partial<SnapshotHeader>;
  } catch {
    return damaged('the header is not JSON');
  }
  if (header.format !== SNAPSHOT_FORMAT)
    return damaged(`format ${String(header.format)}, not ${SNAPSHOT_FORMAT}`);
  if (header.patch !== id.patch) return damaged(`holds patch ${String(header.patch)}, not ${id.patch}`);
  if (header.builder !== id.builder) return damaged(`built by ${String(header.builder)}, not ${id.builder}`);
  if (lines.length !== RECORD_KINDS.length) {
    return damaged(`${lines.length} record lines where ${RECORD_KINDS.length} kinds were written`);
  }
  for (const [i, kind] of RECORD_KINDS.entries()) {
    if (sha256(lines[i] as string) !== header.sha256?.[kind]) {
      return damaged(`its ${kind} records do not match the hash in its header`);
    }
  }
  const set = {} as GameDataSet;
  for (const [i, kind] of RECORD_KINDS.entries()) {
    let parsed: Map<number, unknown> | undefined;
    Object.defineProperty(set, kind, {
      enumerable: true,
      get() {
        parsed ??= new Map(JSON.parse(lines[i] as string) as [number, unknown][]);
        return parsed;
      },
    });
  }
  return { ok: true, set };
}

const LABELS_FILE = 'patch-labels.json';
const MAX_LABELS = 32;

/**
 * patchVersionFor without reading the tables when they have not changed: the label is kept in
 * `dir` under a digest of every table file's path, size, mtime and ctime (ctime changes with any
 * write and no tool can set it back), so a start reads ~30 inodes instead of ~10 MB of CSV.
 */
export async function patchVersionCached(dir: string, dirs: readonly string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const tables of dirs) {
    const names = new Set(await readdir(tables));
    for (const table of Object.keys(DBC_LAYOUTS)) {
      const path = join(tables, `${table}.csv`);
      if (!names.has(`${table}.csv`)) continue;
      const info = await stat(path);
      hash.update(`${path}\0${info.size}\0${info.mtimeMs}\0${info.ctimeMs}\n`);
    }
  }
  const key = hash.digest('hex');
  const path = join(dir, LABELS_FILE);
  let labels: Record<string, string> = {};
  try {
    labels = JSON.parse(await readFile(path, 'utf8')) as Record<string, string>;
  } catch {
    // No index yet, or a damaged one: computed below.
  }
  const known = labels[key];
  if (typeof known === 'string') return known;
  const patch = await patchVersionFor(dirs);
  const kept = Object.entries(labels).slice(-(MAX_LABELS - 1));
  const temp = `${path}.${process.pid}.${Date.now()}.tmp`;
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(temp, JSON.stringify(Object.fromEntries([...kept, [key, patch]])));
    await rename(temp, path);
  } catch {
    // A cache: the label is right either way.
  } finally {
    await rm(temp, { force: true });
  }
  return patch;
}
