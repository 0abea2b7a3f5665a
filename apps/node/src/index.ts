// @simforge/node: the compute node as a library, for `simforge start`, the tests and the
// benchmark. The CLI entry is src/main.ts.

export type { ChunkTask, ChunkTaskResult } from './chunk-task.ts';
export { type ComputeNode, type ComputeNodeOptions, createComputeNode } from './compute-node.ts';
export { createLogger, type Logger } from './log.ts';
export { NODE_MAIN_URL, nodeCommand, tsxLoaderUrl } from './node-command.ts';
export {
  NODE_DEFAULTS,
  NODE_USAGE,
  type NodeConfig,
  NodeConfigError,
  nodeCapacity,
  resolveNodeConfig,
} from './node-config.ts';
export { loadOrCreateNodeKey, NODE_KEY_FILE, type NodeKey } from './node-key.ts';
export {
  createNodeProcess,
  NODE_VERSION,
  type NodeProcess,
  type NodeProcessOptions,
} from './node-process.ts';
