// The sentinel process: the only place that reads the environment (src/env-config.ts), then
// createSentinel with frozen options. SIGINT/SIGTERM close it cleanly.

import { systemClock } from './clock.ts';
import { readEnvConfig } from './env-config.ts';
import { createSentinel } from './index.ts';
import { jsonLogger } from './logger.ts';

async function main(): Promise<number> {
  const logger = jsonLogger((line) => process.stdout.write(line), systemClock);
  let config: ReturnType<typeof readEnvConfig>;
  try {
    config = readEnvConfig(process.env);
  } catch (error) {
    process.stderr.write(`simforge sentinel: ${(error as Error).message}\n`);
    return 2;
  }
  const sentinel = await createSentinel({ ...config.settings, database: config.database, logger });
  await sentinel.listen(config.port);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  logger.log('info', 'sentinel_stopping', {});
  await sentinel.close();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`simforge sentinel: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
