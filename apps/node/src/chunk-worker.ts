// Worker-thread entry: runs one chunk at a time through the engine and posts back the
// partial already encoded as base64 protobuf, so the main thread (which also serves the
// long-poll and heartbeats) never spends time on the encode.
import { parentPort } from 'node:worker_threads';
import { encodeChunkPartial } from '@simforge/common';
import { runChunk } from '@simforge/engine';
import type { ChunkTask, ChunkTaskResult } from './chunk-task.ts';
import type { WorkerReply } from './worker-pool.ts';

if (!parentPort) throw new Error('chunk-worker.ts must run as a worker thread');
const port = parentPort;

type RunChunkInput = Parameters<typeof runChunk>[0];

/** A few jobs' bundles at most: a node works on one or two jobs at a time. */
const MAX_BUNDLES = 4;
const bundles = new Map<string, RunChunkInput['gameData']>();

function bundleFor(task: ChunkTask): RunChunkInput['gameData'] {
  const known = bundles.get(task.gameDataKey);
  if (known) return known;
  if (bundles.size >= MAX_BUNDLES) bundles.clear();
  const bundle = task.gameData as RunChunkInput['gameData'];
  bundles.set(task.gameDataKey, bundle);
  return bundle;
}

port.on('message', (task: ChunkTask) => {
  let reply: WorkerReply<ChunkTaskResult>;
  try {
    const partial = runChunk({
      simConfig: task.simConfig,
      sentinelConfig: task.sentinelConfig as RunChunkInput['sentinelConfig'],
      gameData: bundleFor(task),
      firstIteration: task.firstIteration,
      count: task.iterations,
      running: task.running,
    });
    reply = { ok: true, result: Buffer.from(encodeChunkPartial(partial)).toString('base64') };
  } catch (err) {
    reply = { ok: false, message: `engine: ${err instanceof Error ? err.message : String(err)}` };
  }
  port.postMessage(reply);
});
