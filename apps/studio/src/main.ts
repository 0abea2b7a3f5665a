// The studio as a process of its own, beside a sentinel on the same real Postgres (the
// deployment DESIGN.md describes). The only place the studio reads the environment. On the
// embedded default there is no such process: `simforge start` composes the studio with the
// sentinel in one process, because PGlite lives inside one process.
import { migrate, openDatabase } from '@simforge/db';
import { createStudioServer, STUDIO_DEFAULTS } from './server/index.ts';

interface StudioEnvConfig {
  databaseUrl: string;
  port: number;
  host: string;
  secureCookies: boolean;
}

function readEnvConfig(env: NodeJS.ProcessEnv): StudioEnvConfig {
  const databaseUrl = env.STUDIO_DATABASE_URL;
  if (!databaseUrl) {
    throw new Error(
      'STUDIO_DATABASE_URL is not set. The studio alone needs a real Postgres shared with the sentinel; ' +
        'for the embedded default run `npm start`.',
    );
  }
  const portText = env.STUDIO_PORT ?? String(STUDIO_DEFAULTS.port);
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`STUDIO_PORT must be a port number (0-65535), got '${portText}'`);
  }
  const secure = env.STUDIO_SECURE_COOKIES ?? 'false';
  if (secure !== 'true' && secure !== 'false') {
    throw new Error(`STUDIO_SECURE_COOKIES must be 'true' or 'false', got '${secure}'`);
  }
  return Object.freeze({
    databaseUrl,
    port,
    host: env.STUDIO_HOST ?? STUDIO_DEFAULTS.host,
    secureCookies: secure === 'true',
  });
}

async function main(): Promise<number> {
  let config: StudioEnvConfig;
  try {
    config = readEnvConfig(process.env);
  } catch (error) {
    process.stderr.write(`simforge studio: ${(error as Error).message}\n`);
    return 2;
  }
  const log = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(line)}\n`);
  const db = await openDatabase({ url: config.databaseUrl, applicationName: 'simforge-studio' });
  // Migrations are idempotent and serialized by an advisory lock, so the studio and the
  // sentinel may both run them at boot in any order.
  await migrate(db);
  const studio = createStudioServer({ db, port: config.port, secureCookies: config.secureCookies, log });
  const url = await studio.listen(config.port, config.host);
  log({ level: 'info', msg: 'studio_listening', url });
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await studio.close();
  await db.close();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`simforge studio: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
