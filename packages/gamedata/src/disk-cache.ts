import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type AnyRecord, parseRecordKey, type RecordKey } from './records.ts';

const PATCH_FILE = 'patch.json';
const SAFE_PATCH = /^[0-9A-Za-z][0-9A-Za-z._+-]{0,63}$/;

/**
 * Layer 2 of the resolver: one JSON file per record under `dir/<patch>/<kind>/<id>.json`
 * (`null` for a record the patch does not have). `dir/patch.json` names the patch the files
 * belong to; switching to another patch deletes everything first, so a cache never mixes two
 * patches and never grows past one. Writes go to a temporary name and are renamed into place,
 * so a crash or a concurrent reader never sees half a file.
 */
export class DiskRecordCache {
  private patch: string | undefined;
  private writeSeq = 0;

  constructor(private readonly dir: string) {}

  /** The patch the cache holds, from disk on first call. */
  async currentPatch(): Promise<string | undefined> {
    if (this.patch !== undefined) return this.patch;
    try {
      const parsed = JSON.parse(await readFile(join(this.dir, PATCH_FILE), 'utf8')) as { patch?: unknown };
      if (typeof parsed.patch === 'string' && SAFE_PATCH.test(parsed.patch)) this.patch = parsed.patch;
    } catch {
      // No cache yet, or a damaged one: treated as empty.
    }
    return this.patch;
  }

  /** Makes `patch` the cached patch, wiping the files of any other. */
  async usePatch(patch: string): Promise<void> {
    if (!SAFE_PATCH.test(patch)) throw new Error(`unsafe patch name for the disk cache: ${patch}`);
    if ((await this.currentPatch()) === patch) return;
    await mkdir(this.dir, { recursive: true });
    for (const name of await readdir(this.dir)) {
      await rm(join(this.dir, name), { recursive: true, force: true });
    }
    await this.atomicWrite(join(this.dir, PATCH_FILE), JSON.stringify({ patch }));
    this.patch = patch;
  }

  /** The record, `null` when the patch lacks it, `undefined` when the cache does not know. */
  async get(key: RecordKey): Promise<AnyRecord | null | undefined> {
    const path = await this.pathOf(key);
    if (!path) return undefined;
    try {
      return JSON.parse(await readFile(path, 'utf8')) as AnyRecord | null;
    } catch {
      return undefined;
    }
  }

  async put(key: RecordKey, record: AnyRecord | null): Promise<void> {
    const path = await this.pathOf(key);
    if (!path) return;
    await mkdir(join(path, '..'), { recursive: true });
    await this.atomicWrite(path, JSON.stringify(record));
  }

  private async pathOf(key: RecordKey): Promise<string | undefined> {
    const patch = await this.currentPatch();
    const parsed = parseRecordKey(key);
    if (!patch || !parsed) return undefined;
    return join(this.dir, patch, parsed.kind, `${parsed.id}.json`);
  }

  private async atomicWrite(path: string, text: string): Promise<void> {
    this.writeSeq += 1;
    const temp = `${path}.${process.pid}.${this.writeSeq}.tmp`;
    await writeFile(temp, text);
    await rename(temp, path);
  }
}
