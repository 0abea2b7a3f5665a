// What decides a chunk's bytes besides the job: the engine build and the game-data patch. A
// job is pinned to the sentinel's when it is scheduled; its chunks (and their verification
// replays) go only to nodes reporting the same, so honest nodes never disagree.

export interface VersionPin {
  engineBuild: string;
  /** null when the sentinel has no game data imported (any patch matches). */
  gamedataPatch: string | null;
}

/** A node asking for work: who it is, who owns it, and what it runs. */
export interface Worker {
  key: string;
  ownerId: string;
  pin?: VersionPin;
}

export function pinMatches(job: VersionPin | undefined, worker: VersionPin | undefined): boolean {
  if (job === undefined) return true;
  if (worker === undefined || worker.engineBuild !== job.engineBuild) return false;
  return job.gamedataPatch === null || worker.gamedataPatch === job.gamedataPatch;
}
