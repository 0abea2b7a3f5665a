import { buildGameDataSet, DEFAULT_CLASS_IDS } from './build-game-data-set.ts';
import { importDirs, patchVersionFor } from './import-game-data.ts';
import {
  type GameDataSet,
  type GameDataSource,
  type RecordBatch,
  type RecordKey,
  recordsFromSet,
} from './records.ts';
import { patchVersionCached, readSnapshot, writeSnapshot } from './snapshot.ts';

export interface CsvSourceOptions {
  dirs: readonly string[];
  /** Append the fixture tables (default true). */
  withFixtures?: boolean;
  /** Defaults to `patchVersionFor(dirs)`, the same label `simforge data import` would use. */
  patch?: string;
  classIds?: readonly number[];
  /**
   * Where snapshots of the joined tables live (see snapshot.ts) and the code joining them (the
   * engine build). A snapshot of the same tables by the same builder is read instead of the
   * CSVs; a missing or damaged one is rebuilt and written. Without it the CSVs are parsed on
   * every load.
   */
  snapshot?: { dir: string; builder: string };
  /** Told when a snapshot was refused (damaged) or could not be written; the load goes on. */
  onSnapshotProblem?: (message: string) => void;
}

/**
 * Game data straight from the CSV tables, without a database (`simforge sim`, tests). The
 * tables are read once, on first use, and served from memory.
 */
export class CsvGameDataSource implements GameDataSource {
  private loaded: Promise<{ patch: string; set: GameDataSet }> | undefined;

  constructor(private readonly options: CsvSourceOptions) {}

  async currentPatch(): Promise<string> {
    return (await this.load()).patch;
  }

  async fetchRecords(keys: readonly RecordKey[]): Promise<RecordBatch> {
    const { patch, set } = await this.load();
    return recordsFromSet(set, patch, keys);
  }

  private load(): Promise<{ patch: string; set: GameDataSet }> {
    this.loaded ??= (async () => {
      const { snapshot, onSnapshotProblem } = this.options;
      const dirs = importDirs(this.options.dirs, this.options.withFixtures ?? true);
      const classIds = this.options.classIds ?? DEFAULT_CLASS_IDS;
      const patch =
        this.options.patch ??
        (snapshot ? await patchVersionCached(snapshot.dir, dirs) : await patchVersionFor(dirs));
      const id = snapshot && { patch, classIds, builder: snapshot.builder };
      if (snapshot && id) {
        const read = await readSnapshot(snapshot.dir, id);
        if (read.ok) return { patch, set: read.set };
        if (read.reason === 'damaged') onSnapshotProblem?.(`refused: ${read.message}; rebuilding it`);
      }
      const { set } = await buildGameDataSet({ dirs, classIds });
      if (snapshot && id) {
        await writeSnapshot(snapshot.dir, id, set).catch((err: unknown) =>
          onSnapshotProblem?.(`not written: ${(err as Error).message}`),
        );
      }
      return { patch, set };
    })();
    return this.loaded;
  }
}
