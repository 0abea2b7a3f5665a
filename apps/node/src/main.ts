#!/usr/bin/env node
// `simforge-node`: the compute-node CLI. The only place the node reads process.argv and
// process.env; everything below takes the frozen config. Runs compiled
// (`node dist/simforge-node.mjs`, see scripts/build.mjs) or from the sources under tsx.
import { availableParallelism, homedir, hostname } from 'node:os';
import { isMainThread } from 'node:worker_threads';
import { NODE_USAGE, NodeConfigError, resolveNodeConfig } from './node-config.ts';
import { createNodeProcess } from './node-process.ts';

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(NODE_USAGE);
    return 0;
  }
  let config: ReturnType<typeof resolveNodeConfig>;
  try {
    config = resolveNodeConfig(argv, process.env, {
      totalCores: availableParallelism(),
      homeDir: homedir(),
      hostName: hostname(),
    });
  } catch (err) {
    if (!(err instanceof NodeConfigError)) throw err;
    process.stderr.write(`simforge-node: ${err.message}\n\n${NODE_USAGE}`);
    return 2;
  }
  const { node, log } = await createNodeProcess({
    config,
    platform: `${process.platform}-${process.arch}`,
    writeLog: (line) => process.stderr.write(line),
    writeHuman: (line) => process.stdout.write(line),
    now: Date.now,
    random: Math.random,
  });
  const onSignal = (signal: NodeJS.Signals): void => {
    node.stop(signal).then(
      () => process.exit(0),
      (err: unknown) => {
        log.error('stop_failed', { error: (err as Error).message });
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  await node.run();
  await node.stop('finished');
  return 0;
}

// Compiled into one file (dist/simforge-node.mjs), this module is also the worker threads'
// entry: a worker runs chunks, the main thread runs the node.
if (isMainThread) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(
        `${JSON.stringify({ ts: new Date().toISOString(), level: 'error', event: 'node_crashed', error: err instanceof Error ? err.message : String(err) })}\n`,
      );
      process.exit(1);
    },
  );
} else {
  await import('./chunk-worker.ts');
}
