// What the claim loop hands a worker thread, and what comes back. Kept apart from the worker
// so the main thread can import the types without loading the engine.

export interface ChunkTask {
  simConfig: { profile: string };
  sentinelConfig: unknown;
  /** The resolved GameDataBundle; structured-cloned into the worker. */
  gameData: unknown;
  firstIteration: number;
  iterations: number;
}

/** The chunk's ChunkPartial as standard base64 protobuf, ready for `complete`. */
export type ChunkTaskResult = string;
