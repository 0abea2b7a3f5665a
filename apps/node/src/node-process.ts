// Assembles a compute node from its frozen config: key, signed client, worker pool, caches,
// game-data resolver. main.ts calls this with the real environment; tests and the test
// fixtures call it with their own worker script to make a node that misbehaves on purpose.
import { join } from 'node:path';
import { BUNDLED } from '@simforge/common';
import { createRequestSigner } from '@simforge/common/signing';
import { engineBuild } from '@simforge/engine/build';
import type { ChunkTask, ChunkTaskResult } from './chunk-task.ts';
import { type ComputeNode, createComputeNode } from './compute-node.ts';
import { createConfigCache } from './config-cache.ts';
import { createJobGameData } from './job-game-data.ts';
import { createLogger, type Logger } from './log.ts';
import { NODE_DEFAULTS, type NodeConfig, nodeCapacity } from './node-config.ts';
import { loadOrCreateNodeKey } from './node-key.ts';
import { createSentinelClient } from './sentinel-client.ts';
import { createWorkerPool } from './worker-pool.ts';

export const NODE_VERSION = '0.1.0';

export interface NodeProcessOptions {
  config: Readonly<NodeConfig>;
  platform: string;
  /** Structured log lines (JSON, one per call). */
  writeLog: (line: string) => void;
  /** Human lines for the owner (the claim code). */
  writeHuman: (line: string) => void;
  now: () => number;
  random: () => number;
  fetch?: typeof globalThis.fetch;
  /** The worker-thread entry; the engine's chunk worker unless a test swaps it. */
  workerUrl?: URL;
}

export interface NodeProcess {
  node: ComputeNode;
  log: Logger;
  publicKey: string;
}

export async function createNodeProcess(options: NodeProcessOptions): Promise<NodeProcess> {
  const { config } = options;
  const log = createLogger({ write: options.writeLog, now: options.now, base: { node: config.name } });
  const key = await loadOrCreateNodeKey(config.configDir);
  if (key.created) log.info('key_created', { path: key.path, publicKey: key.publicKeyBase64Url });
  const client = createSentinelClient({
    baseUrl: config.sentinelUrl,
    sign: createRequestSigner({ privateKey: key.privateKey, nowMs: options.now }),
    fetch: options.fetch ?? globalThis.fetch,
    requestTimeoutMs: NODE_DEFAULTS.requestTimeoutMs,
  });
  const pool = createWorkerPool<ChunkTask, ChunkTaskResult>({
    size: nodeCapacity(config),
    // Compiled, this file is the whole node and its own worker entry (main.ts tells them apart).
    workerUrl:
      options.workerUrl ??
      (BUNDLED ? new URL(import.meta.url) : new URL('./chunk-worker.ts', import.meta.url)),
  });
  const configs = createConfigCache({
    dir: join(config.cacheDir, 'configs'),
    maxEntries: NODE_DEFAULTS.configCacheEntries,
    fetchConfig: (hash) => client.config(hash),
  });
  const gameData = createJobGameData({
    baseUrl: config.sentinelUrl,
    cacheDir: join(config.cacheDir, 'gamedata'),
    client,
  });
  const node = createComputeNode({
    registration: {
      name: config.name,
      totalCores: config.totalCores,
      maxParallel: config.maxParallel,
      platform: options.platform,
      version: NODE_VERSION,
    },
    client,
    pool,
    configs,
    loadGameData: (jobConfig) => gameData.forConfig(jobConfig),
    versionPin: async (recheck) => ({
      engineBuild: engineBuild(),
      gamedataPatch: await gameData.patch(recheck),
    }),
    log,
    announceClaimCode: (code) => {
      options.writeHuman(`simforge-node: this node is not linked to an account yet.\n`);
      options.writeHuman(`simforge-node: link it with:  simforge nodes claim ${code}   (or in the studio)\n`);
    },
    timings: {
      claimWaitMs: NODE_DEFAULTS.claimWaitMs,
      backoffInitialMs: NODE_DEFAULTS.backoffInitialMs,
      backoffMaxMs: NODE_DEFAULTS.backoffMaxMs,
      linkPollMs: NODE_DEFAULTS.linkPollMs,
      reportEveryMs: NODE_DEFAULTS.reportEveryMs,
    },
    now: options.now,
    random: options.random,
  });
  return { node, log, publicKey: key.publicKeyBase64Url };
}
