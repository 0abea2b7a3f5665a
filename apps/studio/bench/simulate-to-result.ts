// npm run bench -w @simforge/studio: how long from pressing Simulate to the report on screen,
// for the default Beast Mastery profile at 10,000 iterations on the embedded default (PGlite,
// a real sentinel, two real node processes, real headless Chromium), and how many gzipped
// bytes the app ships. Writes the figures into the studio section of docs/benchmarks.md.
import { readFile, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { gzipSync } from 'node:zlib';
import { launchChromium } from '../test/support/chromium.ts';
import { startPlatform } from '../test/support/platform.ts';

const RUNS = 3;
const ITERATIONS = 10_000;
const DIST = new URL('../dist/', import.meta.url);
const BENCHMARKS_MD = new URL('../../../docs/benchmarks.md', import.meta.url);

async function initialBundleGzipBytes(): Promise<number> {
  const html = await readFile(new URL('index.html', DIST), 'utf8');
  let total = gzipSync(html, { level: 9 }).length;
  for (const [, path] of html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)) {
    total += gzipSync(await readFile(new URL(path!, DIST)), { level: 9 }).length;
  }
  return total;
}

async function main(): Promise<void> {
  const platform = await startPlatform({ nodes: 2, maxParallel: 1 });
  const browser = await launchChromium();
  const timesMs: number[] = [];
  const sentinelWallMs: number[] = [];
  const loads: number[] = [];
  try {
    const { page } = browser;
    await page.goto(platform.studioUrl);
    await page.fill('input[name=email]', 'bench@example.test');
    await page.fill('input[name=password]', 'a strong password');
    await page.click('[data-testid=sign-up]');
    await page.locator('textarea[name=profile]').waitFor();
    for (let run = 0; run < RUNS; run++) {
      await page.goto(`${platform.studioUrl}/simulate`);
      await page.locator('textarea[name=profile]').waitFor();
      await page.click('text=Reset to default Beast Mastery').catch(() => undefined);
      await page.fill('input[name=iterations]', String(ITERATIONS));
      const started = performance.now();
      await page.click('[data-testid=simulate]');
      await page.locator('[data-testid=dps-histogram] canvas').waitFor({ timeout: 120_000 });
      await page.locator('[data-testid=ability-table] tbody tr').first().waitFor();
      timesMs.push(performance.now() - started);
      loads.push(loadavg()[0]!);
      // The sentinel's own wall time for the job (claim of the first chunk to finalize).
      const jobId = new URL(page.url()).pathname.split('/').at(-1)!;
      const detail = await page.evaluate(async (id) => (await fetch(`/api/jobs/${id}`)).json(), jobId);
      sentinelWallMs.push(Number(detail.job.run?.wallTimeMs ?? Number.NaN));
      process.stdout.write(
        `run ${run + 1}: ${Math.round(timesMs.at(-1)!)} ms (sentinel wall time ${sentinelWallMs.at(-1)} ms)\n`,
      );
    }
  } finally {
    await browser.close();
    await platform.close();
  }
  const sorted = [...timesMs].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  const allGzip = platform.studio.gzippedBundleBytes();
  const initialGzip = await initialBundleGzipBytes();
  const cpu = cpus();
  const machine = `${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const date = new Date().toISOString().slice(0, 10);
  const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

  const section = `<!-- studio -->
## Studio (\`npm run bench:studio\`)

Measured ${date} on ${machine}; 1-minute load average during the runs
${loads.map((l) => l.toFixed(1)).join(', ')} (the machine is shared: compare runs with their load).

| figure | value |
| --- | --- |
| Simulate to report on screen, default Beast Mastery profile, ${ITERATIONS.toLocaleString('en-US')} iterations, median of ${RUNS} | **${(median / 1000).toFixed(2)} s** (runs: ${timesMs.map((t) => `${(t / 1000).toFixed(2)} s`).join(', ')}) |
| of which the sentinel's wall time for the job (first claim to finalize, from \`meta\`) | ${sentinelWallMs.map((t) => `${(t / 1000).toFixed(2)} s`).join(', ')} |
| App JS + CSS, gzip, loaded before sign-in (index.html, main chunk, CSS) | **${kib(initialGzip)}** |
| App JS + CSS, gzip, everything (adds the report chunk: uPlot and the result decoder) | ${kib(allGzip)} |

What the time covers: the click on Simulate, the API's validation and \`planJob\`, the insert as
the user, the sentinel waking on \`pending_job\`, two local \`simforge-node\` processes (one chunk
at a time each, as \`simforge start\` runs them on this 2-core machine) claiming and running
1,000-iteration chunks, finalize, the \`job_status\` notification relayed over server-sent
events, the page fetching the row and decoding \`result_pb\`/\`timeline_pb\` in the browser,
and uPlot drawing the histogram. Embedded PGlite, real headless Chromium; the first run
includes the nodes' first game-data fetch.
<!-- /studio -->`;
  const doc = await readFile(BENCHMARKS_MD, 'utf8');
  const updated = doc.replace(/<!-- studio -->[\s\S]*?<!-- \/studio -->/, section);
  if (updated === doc && !doc.includes(section))
    throw new Error('no <!-- studio --> section in docs/benchmarks.md');
  await writeFile(BENCHMARKS_MD, updated);
  process.stdout.write(`${section}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
