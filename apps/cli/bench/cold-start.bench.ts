// Benchmark: how fast simforge starts. (1) `simforge sim PROFILE --iterations 1` as a process,
// start to exit (an upper bound of start to first iteration), median of 5: before, the
// TypeScript entry under tsx reading the CSV tables (what it did until the compiled runtime
// and the snapshots), and after, the compiled CLI with the game-data snapshot warm. (2) `npm
// start` (build check, then the compiled CLI) to the line with the studio's address: once on a
// fresh data directory, then the median of 3 warm starts. Goals: (1) under 1 s, (2) warm under
// 10 s.
//
// Run: npm run bench:cold-start -w @simforge/cli
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsxLoaderUrl } from '@simforge/node';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const PROFILE = join(ROOT, 'packages/engine/profiles/beast-mastery.simc');
const RUNS = 5;
const WARM_STARTS = 3;

/** A port nothing listens on now (the test harness's helper pulls in vitest). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

function timed(command: string, args: string[], env: NodeJS.ProcessEnv): number {
  const started = performance.now();
  const result = spawnSync(command, args, { cwd: ROOT, env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return performance.now() - started;
}

/** Runs `npm start` until it prints the studio's address; returns the time, then stops it. */
async function timeStart(dataDir: string, ports: [number, number]): Promise<number> {
  const started = performance.now();
  const child = spawn('npm', ['start', '--silent'], {
    cwd: ROOT,
    env: {
      ...process.env,
      SIMFORGE_DATA_DIR: dataDir,
      SIMFORGE_SENTINEL_PORT: String(ports[0]),
      SIMFORGE_STUDIO_PORT: String(ports[1]),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  const ms = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (/studio\s+http:/.test(out)) resolve(performance.now() - started);
    });
    child.once('exit', (code) => reject(new Error(`npm start exited ${code}:\n${out}`)));
  });
  process.kill(-child.pid!, 'SIGINT');
  await new Promise((resolve) => child.once('exit', resolve));
  return ms;
}

async function main(): Promise<void> {
  const cpu = cpus();
  console.log(
    `cold-start bench — ${new Date().toISOString()} — ${cpu.length} x ${cpu[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average ${loadavg()[0]!.toFixed(1)}`,
  );
  const scratch = await mkdtemp(join(tmpdir(), 'simforge-cold-start-'));
  try {
    const built = spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs'), '--quiet'], {
      stdio: 'inherit',
    });
    if (built.status !== 0) throw new Error('npm run build failed');
    const sim = ['sim', PROFILE, '--iterations', '1', '--threads', '1'];
    const before: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      // No snapshot to read: every start parses the CSV tables, as before snapshots.
      const env = { ...process.env, SIMFORGE_CACHE_DIR: join(scratch, `empty-${i}`) };
      before.push(
        timed(
          process.execPath,
          ['--import', tsxLoaderUrl(), join(ROOT, 'apps/cli/src/main.ts'), ...sim],
          env,
        ),
      );
    }
    const warmCache = { ...process.env, SIMFORGE_CACHE_DIR: join(scratch, 'warm') };
    timed(process.execPath, [join(ROOT, 'dist/simforge.mjs'), ...sim], warmCache);
    const after: number[] = [];
    for (let i = 0; i < RUNS; i++)
      after.push(timed(process.execPath, [join(ROOT, 'dist/simforge.mjs'), ...sim], warmCache));
    console.log(
      `simforge sim --iterations 1, start to exit, median of ${RUNS}: before (tsx, CSV tables) ${seconds(median(before))}, after (compiled, snapshot) ${seconds(median(after))}, ${(median(before) / median(after)).toFixed(1)}x faster — goal 1 s: ${median(after) < 1000 ? 'met' : 'MISSED'}`,
    );

    const dataDir = join(scratch, 'data');
    const ports: [number, number] = [await freePort(), await freePort()];
    const cold = await timeStart(dataDir, ports);
    const warm: number[] = [];
    for (let i = 0; i < WARM_STARTS; i++) warm.push(await timeStart(dataDir, ports));
    console.log(
      `npm start to the studio's address: first start on a fresh data directory ${seconds(cold)} (imports the game data), warm start median of ${WARM_STARTS} ${seconds(median(warm))} — goal 10 s: ${median(warm) < 10_000 ? 'met' : 'MISSED'}`,
    );
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

await main();
