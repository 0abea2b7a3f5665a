// `simforge submit PROFILE`: inserts the profile as a job of the local user, shows live
// progress and prints the decoded result. On the embedded default it goes through the running
// `simforge start` (its PGlite has one owner); with --database-url, straight to that Postgres.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { JobProgress } from '@simforge/common';
import { decodeJobResult } from '@simforge/common';
import { CLI_EXIT, CliError } from '../cli-errors.ts';
import { parseCommandArgs } from '../command-args.ts';
import { connectPlatform, PLATFORM_OPTIONS, platformTarget } from '../platform-connect.ts';
import { formatJobResult } from '../result-report.ts';

const USAGE = `usage: simforge submit PROFILE [options]

Submits a SimulationCraft profile (a file, or - for stdin) as a job of the local user, shows
its progress and prints the result. Ctrl-C stops watching; the job keeps running.

options:
  --iterations N        fixed number of iterations
  --target-error P      stop when the 95% error of mean DPS is under P percent
  --seed S              the job's seed (uint32)
  --json                print the decoded result as JSON
  --detach              print the job id and return without waiting
  --data-dir DIR        the running 'simforge start' to use (env SIMFORGE_DATA_DIR, default .simforge)
  --database-url URL    insert straight into this Postgres instead (env SIMFORGE_DATABASE_URL)
  --user EMAIL          the job's owner (default local@simforge.local)
`;

function numberOption(
  text: string | undefined,
  what: string,
  check: (n: number) => boolean,
): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || !check(value)) {
    throw new CliError(`${what}: '${text}' is out of range\n\n${USAGE}`, CLI_EXIT.usage);
  }
  return value;
}

async function readProfile(path: string): Promise<string> {
  try {
    if (path === '-') {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    }
    return await readFile(path, 'utf8');
  } catch (err) {
    throw new CliError(`cannot read profile ${path}: ${(err as Error).message}`, CLI_EXIT.badInput, {
      cause: err,
    });
  }
}

/** A progress line that rewrites itself on a terminal and prints every 10% otherwise. */
function progressPrinter(): { update(p: JobProgress): void; done(): void } {
  const tty = process.stderr.isTTY === true;
  let lastDecile = -1;
  return {
    update({ iterationsDone, iterationsTarget }) {
      const pct = iterationsTarget > 0 ? Math.min(100, (100 * iterationsDone) / iterationsTarget) : 0;
      const text = `progress   ${iterationsDone.toLocaleString('en-US')} / ${iterationsTarget.toLocaleString('en-US')} iterations (${pct.toFixed(0)}%)`;
      if (tty) process.stderr.write(`\r${text}`);
      else if (Math.floor(pct / 10) > lastDecile) {
        lastDecile = Math.floor(pct / 10);
        process.stderr.write(`${text}\n`);
      }
    },
    done() {
      if (tty) process.stderr.write('\n');
    },
  };
}

export async function run(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const parsed = parseCommandArgs(
    argv,
    {
      iterations: { type: 'string' },
      'target-error': { type: 'string' },
      seed: { type: 'string' },
      json: { type: 'boolean' },
      detach: { type: 'boolean' },
      ...PLATFORM_OPTIONS,
    },
    USAGE,
  );
  if (!parsed) return CLI_EXIT.ok;
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new CliError(`submit takes one PROFILE\n\n${USAGE}`, CLI_EXIT.usage);
  // The same bound as the profile's iterations= and `simforge sim`.
  const iterations = numberOption(
    values.iterations,
    '--iterations',
    (n) => Number.isInteger(n) && n >= 1 && n <= 10_000_000,
  );
  const targetErrorPct = numberOption(values['target-error'], '--target-error', (n) => n > 0 && n <= 10);
  const seed = numberOption(values.seed, '--seed', (n) => Number.isInteger(n) && n >= 0 && n <= 0xffffffff);
  const profilePath = positionals[0]!;
  const profile = await readProfile(profilePath);

  const { platform, close } = await connectPlatform(platformTarget(values, env, process.cwd()));
  try {
    const submitted = await platform.submit({ profile, iterations, targetErrorPct, seed });
    if (!submitted.ok) {
      for (const e of submitted.errors) {
        process.stderr.write(`${profilePath}:${e.line}:${e.column}: ${e.message} [${e.code}]\n`);
      }
      return CLI_EXIT.invalidProfile;
    }
    if (values.detach) {
      process.stdout.write(`${submitted.jobId}\n`);
      return CLI_EXIT.ok;
    }
    process.stderr.write(`submitted  job ${submitted.jobId}\n`);

    const abort = new AbortController();
    const onSigint = (): void => abort.abort();
    process.once('SIGINT', onSigint);
    const progress = progressPrinter();
    let finished: Awaited<ReturnType<typeof platform.watch>>;
    try {
      finished = await platform.watch(submitted.jobId, (p) => progress.update(p), abort.signal);
    } catch (err) {
      progress.done();
      if (abort.signal.aborted) {
        process.stderr.write(`stopped watching; job ${submitted.jobId} keeps running\n`);
        return CLI_EXIT.interrupted;
      }
      throw err;
    } finally {
      process.removeListener('SIGINT', onSigint);
    }
    progress.done();
    if (finished.status === 'failed') {
      const reason = finished.meta.reason ?? 'unknown';
      const detail = finished.meta.message ?? finished.meta.detail ?? '';
      process.stderr.write(
        `job ${finished.id} failed: ${String(reason)}${detail ? `: ${JSON.stringify(detail)}` : ''}\n`,
      );
      return CLI_EXIT.jobFailed;
    }
    if (!finished.resultHex)
      throw new CliError(`job ${finished.id} completed without a result`, CLI_EXIT.internal);
    const view = decodeJobResult(finished.resultHex, finished.timelineHex);
    if (values.json)
      process.stdout.write(`${JSON.stringify({ jobId: finished.id, meta: finished.meta, result: view })}\n`);
    else {
      const wallMs = typeof finished.meta.wallTimeMs === 'number' ? finished.meta.wallTimeMs : null;
      process.stdout.write(
        `job        ${finished.id}${wallMs !== null ? ` (${(wallMs / 1000).toFixed(1)} s)` : ''}\n`,
      );
      process.stdout.write(formatJobResult(view));
      // The digest `simforge sim` prints for the same profile, seed and iterations: equal bytes.
      const bytes = Buffer.from(finished.resultHex.replace(/^\\x/, ''), 'hex');
      process.stdout.write(`\nresult sha256: ${createHash('sha256').update(bytes).digest('hex')}\n`);
    }
    return CLI_EXIT.ok;
  } finally {
    await close();
  }
}
