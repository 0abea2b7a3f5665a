// A game-data snapshot: one build of the DBC tables (a GameDataSet) written once as JSON, so
// `simforge sim` loads it in tens of milliseconds instead of parsing ~10 MB of CSV for seconds.
//
// A snapshot is named by what it was built from: the patch label (the build plus a hash of
// every table file, patchVersionFor) and the classes imported. Its first line is a header
// carrying the SHA-256 of the body; a reader refuses a snapshot whose body does not hash to it
// (a torn write, a damaged disk, an edit), and the caller rebuilds it from the tables.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type GameDataSet, RECORD_KINDS, type RecordKind } from './records.ts';

export const SNAPSHOT_FORMAT = 'simforge-gamedata-snapshot/1';

interface SnapshotHeader {
  format: string;
  patch: string;
  classIds: number[];
  sha256: string;
}

type SnapshotBody = { [K in RecordKind]: [number, unknown][] };

export type SnapshotRead =
  | { ok: true; set: GameDataSet }
  | { ok: false; reason: 'missing' }
  | { ok: false; reason: 'damaged'; message: string };

function classKey(classIds: readonly number[]): number[] {
  return [...new Set(classIds)].sort((a, b) => a - b);
}

/** The file a snapshot of `patch` for these classes lives in. */
export function snapshotPath(dir: string, patch: string, classIds: readonly number[]): string {
  return join(dir, `${patch}.c${classKey(classIds).join('-')}.json`);
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Writes the snapshot under a temporary name and renames it into place (never half a file). */
export async function writeSnapshot(
  dir: string,
  patch: string,
  classIds: readonly number[],
  set: GameDataSet,
): Promise<string> {
  const body = {} as SnapshotBody;
  for (const kind of RECORD_KINDS) body[kind] = [...(set[kind] as Map<number, unknown>)];
  const bodyText = JSON.stringify(body);
  const header: SnapshotHeader = {
    format: SNAPSHOT_FORMAT,
    patch,
    classIds: classKey(classIds),
    sha256: sha256(bodyText),
  };
  const path = snapshotPath(dir, patch, classIds);
  const temp = `${path}.${process.pid}.${Date.now()}.tmp`;
  await mkdir(dir, { recursive: true });
  try {
    await writeFile(temp, `${JSON.stringify(header)}\n${bodyText}`);
    await rename(temp, path);
  } finally {
    await rm(temp, { force: true });
  }
  return path;
}

/** Reads and checks a snapshot; `damaged` says why it was refused. */
export async function readSnapshot(
  dir: string,
  patch: string,
  classIds: readonly number[],
): Promise<SnapshotRead> {
  const path = snapshotPath(dir, patch, classIds);
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
  const newline = text.indexOf('\n');
  if (newline < 0) return damaged('no header line');
  let header: Partial<SnapshotHeader>;
  try {
    header = JSON.parse(text.slice(0, newline)) as Partial<SnapshotHeader>;
  } catch {
    return damaged('the header is not JSON');
  }
  if (header.format !== SNAPSHOT_FORMAT)
    return damaged(`format ${String(header.format)}, not ${SNAPSHOT_FORMAT}`);
  if (header.patch !== patch) return damaged(`holds patch ${String(header.patch)}, not ${patch}`);
  const bodyText = text.slice(newline + 1);
  if (sha256(bodyText) !== header.sha256) return damaged('its body does not match the hash in its header');
  let body: Partial<SnapshotBody>;
  try {
    body = JSON.parse(bodyText) as Partial<SnapshotBody>;
  } catch {
    return damaged('the body is not JSON');
  }
  const set = {} as Record<RecordKind, Map<number, unknown>>;
  for (const kind of RECORD_KINDS) {
    const entries = body[kind];
    if (!Array.isArray(entries)) return damaged(`no ${kind} records`);
    set[kind] = new Map(entries);
  }
  return { ok: true, set: set as unknown as GameDataSet };
}
