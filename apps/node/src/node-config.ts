// The node's configuration: command-line arguments, then environment, then defaults, in
// that order, resolved once at start-up into a frozen object. Only main.ts calls this with
// the real process.argv/process.env; everything below it takes the frozen result.
import { join } from 'node:path';
import { parseArgs } from 'node:util';

/** Every default of the node, in one place (documented in docs/node.md). */
export const NODE_DEFAULTS = Object.freeze({
  sentinelUrl: 'http://127.0.0.1:8700',
  /** How long one claim long-poll may wait for work before the sentinel answers empty. */
  claimWaitMs: 25_000,
  heartbeatIntervalMs: 10_000,
  backoffInitialMs: 500,
  backoffMaxMs: 30_000,
  /** How often an unlinked node asks whether its owner has claimed it yet. */
  linkPollMs: 3_000,
  /**
   * The longest a result waits to be reported while every slot is busy: results of all slots
   * and the claim that refills them travel together at about this pace (sooner when a slot
   * would otherwise idle).
   */
  reportEveryMs: 1_000,
  /** Configs kept in memory; each is a profile text and a few numbers. */
  configCacheEntries: 64,
  /** Every request but the claim long-poll, which adds its own wait to this. */
  requestTimeoutMs: 15_000,
});

export interface NodeConfig {
  sentinelUrl: string;
  configDir: string;
  cacheDir: string;
  name: string;
  maxParallel: number;
  totalCores: number;
}

export class NodeConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NodeConfigError';
  }
}

export interface NodeConfigContext {
  totalCores: number;
  homeDir: string;
  hostName: string;
}

export const NODE_USAGE = `usage: simforge-node [--name NAME] [--max-parallel N] [--sentinel URL]

environment:
  SIMFORGE_SENTINEL_URL       sentinel base URL (default ${NODE_DEFAULTS.sentinelUrl})
  SIMFORGE_NODE_CONFIG_DIR    where the node key lives (default $XDG_CONFIG_HOME/simforge)
  SIMFORGE_NODE_CACHE_DIR     game-data and config cache (default $XDG_CACHE_HOME/simforge)
  SIMFORGE_NODE_MAX_PARALLEL  chunks run at once (default: all cores)
  SIMFORGE_NODE_NAME          name shown to the owner (default: host name)
`;

function positiveInt(value: string, what: string): number {
  if (!/^[1-9][0-9]*$/.test(value))
    throw new NodeConfigError(`${what} must be a positive integer, got '${value}'`);
  return Number(value);
}

function httpUrl(value: string, what: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new NodeConfigError(`${what} is not a URL: '${value}'`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new NodeConfigError(`${what} must be http(s), got '${value}'`);
  }
  return url.toString().replace(/\/+$/, '');
}

export function resolveNodeConfig(
  argv: string[],
  env: NodeJS.ProcessEnv,
  context: NodeConfigContext,
): Readonly<NodeConfig> {
  let values: { name?: string; 'max-parallel'?: string; sentinel?: string };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        name: { type: 'string' },
        'max-parallel': { type: 'string' },
        sentinel: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    throw new NodeConfigError((err as Error).message);
  }
  const xdgConfig = env.XDG_CONFIG_HOME || join(context.homeDir, '.config');
  const xdgCache = env.XDG_CACHE_HOME || join(context.homeDir, '.cache');
  const maxParallelText = values['max-parallel'] ?? env.SIMFORGE_NODE_MAX_PARALLEL;
  const name = (values.name ?? env.SIMFORGE_NODE_NAME ?? context.hostName).trim();
  if (name.length === 0 || name.length > 64) throw new NodeConfigError('node name must be 1-64 characters');
  return Object.freeze({
    sentinelUrl: httpUrl(
      values.sentinel ?? env.SIMFORGE_SENTINEL_URL ?? NODE_DEFAULTS.sentinelUrl,
      'sentinel URL',
    ),
    configDir: env.SIMFORGE_NODE_CONFIG_DIR || join(xdgConfig, 'simforge'),
    cacheDir: env.SIMFORGE_NODE_CACHE_DIR || join(xdgCache, 'simforge'),
    name,
    maxParallel:
      maxParallelText === undefined ? context.totalCores : positiveInt(maxParallelText, '--max-parallel'),
    totalCores: context.totalCores,
  });
}

/** The spec's capacity rule: a node never runs more chunks than it has cores. */
export function nodeCapacity(config: Pick<NodeConfig, 'maxParallel' | 'totalCores'>): number {
  return Math.max(1, Math.min(config.maxParallel, config.totalCores));
}
