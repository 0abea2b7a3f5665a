import { buildGameDataSet } from './build-game-data-set.ts';
import { importDirs, patchVersionFor } from './import-game-data.ts';
import {
  type GameDataSet,
  type GameDataSource,
  type RecordBatch,
  type RecordKey,
  recordsFromSet,
} from './records.ts';

export interface CsvSourceOptions {
  dirs: readonly string[];
  /** Append the fixture tables (default true). */
  withFixtures?: boolean;
  /** Defaults to `patchVersionFor(dirs)`, the same label `simforge data import` would use. */
  patch?: string;
  classIds?: readonly number[];
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
      const dirs = importDirs(this.options.dirs, this.options.withFixtures ?? true);
      const [patch, built] = await Promise.all([
        this.options.patch ?? patchVersionFor(dirs),
        buildGameDataSet({ dirs, classIds: this.options.classIds }),
      ]);
      return { patch, set: built.set };
    })();
    return this.loaded;
  }
}
