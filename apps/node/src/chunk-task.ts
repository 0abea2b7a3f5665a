// What the claim loop hands a worker thread, and what comes back. Kept apart from the worker
// so the main thread can import the types without loading the engine.

export interface ChunkTask {
  simConfig: { profile: string };
  sentinelConfig: unknown;
  /** The resolved GameDataBundle; structured-cloned into the worker. */
  gameData: unknown;
  /**
   * Names the bundle (the job's config hash). The engine caches a compiled simulation per
   * bundle object, and every clone is a new object, so the worker keeps the first clone it
   * saw under this key and reuses it for the job's later chunks.
   */
  gameDataKey: string;
  firstIteration: number;
  iterations: number;
  /** A raced chunk's running variants (ClaimedChunk.variants). */
  running?: number[];
}

/** The chunk's ChunkPartial as standard base64 protobuf, ready for `complete`. */
export type ChunkTaskResult = string;
