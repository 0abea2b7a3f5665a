// `npm run bench` (packages/engine): throughput of the default Beast Mastery profile (300 s
// fight, one thread), heap growth over 10,000 iterations, and the ratio to a baseline measured
// in the same run: the same simulation with every condition interpreted from its AST on each
// evaluation instead of compiled to closures. Results go into the engine section of
// docs/benchmarks.md. The machine is shared, so CPU time (process.cpuUsage) is reported beside
// wall time: iterations per CPU-second is the per-core figure.
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import { CsvGameDataSource, loadBundle, REAL_TABLES_DIR } from '@simforge/gamedata';
import { createSimulation, parseProfile, requiredGameData, type Simulation } from '../src/index.ts';

const PROFILE_PATH = fileURLToPath(new URL('../profiles/beast-mastery.simc', import.meta.url));
const TABLES = REAL_TABLES_DIR;
const DOC = fileURLToPath(new URL('../../../docs/benchmarks.md', import.meta.url));
const SEED = 1;

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

interface Measure {
  iterations: number;
  events: number;
  wallMs: number;
  cpuMs: number;
}

function measure(sim: Simulation, first: number, count: number): Measure {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const partial = sim.runIterations(first, count, SEED);
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { iterations: count, events: partial.events, wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

function best(runs: Measure[]): Measure {
  return runs.reduce((a, b) => (b.cpuMs / b.iterations < a.cpuMs / a.iterations ? b : a));
}

/** Heap difference in KiB; at or below zero the iterations retained nothing measurable. */
const growth = (bytes: number) =>
  bytes <= 0 ? `none (${(bytes / 1024).toFixed(0)} KiB, GC noise)` : `${(bytes / 1024).toFixed(0)} KiB`;
const perSecond = (n: number, ms: number) => (n * 1000) / ms;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

async function main(): Promise<void> {
  const text = readFileSync(PROFILE_PATH, 'utf8');
  const parsed = parseProfile(text);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const data = await loadBundle(new CsvGameDataSource({ dirs: [TABLES] }), requiredGameData(parsed.profile));

  const compiled = createSimulation(parsed.profile, data);
  const interpreted = createSimulation(parsed.profile, data, { expressionMode: 'interpreted' });
  measure(compiled, 0, 1000);
  measure(interpreted, 0, 300);

  const compiledRuns = [0, 1, 2].map((k) => measure(compiled, 1000 + k * 4000, 4000));
  const interpretedRuns = [0, 1].map((k) => measure(interpreted, 1000 + k * 1500, 1500));
  const c = best(compiledRuns);
  const b = best(interpretedRuns);

  // Growth is measured from a simulation that has already run (its arrays sized), so it shows
  // what iterations retain, not what creating a simulation costs.
  const growthSim = createSimulation(parsed.profile, data);
  growthSim.runIterations(0, 10, SEED);
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  let events = 0;
  for (let k = 0; k < 10; k++) events += growthSim.runIterations(k * 1000, 1000, SEED).events;
  gc();
  const heapAfter = process.memoryUsage().heapUsed;

  const cpuRate = perSecond(c.iterations, c.cpuMs);
  const wallRate = perSecond(c.iterations, c.wallMs);
  const baseRate = perSecond(b.iterations, b.cpuMs);
  const lines = [
    '## Engine (`npm run bench:engine`)',
    '',
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${os.cpus()[0]?.model ?? 'unknown CPU'}`,
    `(${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}), load average`,
    `${os.loadavg()[0]!.toFixed(1)} while measuring (the machine is shared, so CPU time is the per-core figure).`,
    'Default Beast Mastery profile (`packages/engine/profiles/beast-mastery.simc`), 300 s fight',
    'with 20% variation, one thread, best of three runs of 4,000 iterations after 1,000 of warm-up.',
    "Its talents are the live tree 774's Beast Mastery starter build plus the Pack Leader hero tree",
    "(Howl of the Pack Leader's wyvern, boar and bear are simulated; the other hero talents are listed); the raid's buffs apply, Bloodlust's haste included.",
    '',
    '| measure | value |',
    '| --- | --- |',
    `| iterations per CPU-second (one core) | **${fmt(cpuRate)}** |`,
    `| iterations per wall-second | ${fmt(wallRate)} |`,
    `| events per iteration | ${fmt(c.events / c.iterations)} |`,
    `| events per CPU-second | ${fmt(perSecond(c.events, c.cpuMs))} |`,
    `| heap growth over 10,000 iterations (after GC) | ${growth(heapAfter - heapBefore)} (${fmt(events)} events) |`,
    `| baseline: conditions interpreted per evaluation | ${fmt(baseRate)} iterations per CPU-second |`,
    `| compiled closures vs baseline | **${(cpuRate / baseRate).toFixed(2)}x** |`,
    '',
    'The bar is 2,000 iterations per second per core.',
  ];
  const section = lines.join('\n');
  process.stdout.write(`${section}\n`);

  const doc = readFileSync(DOC, 'utf8');
  const start = doc.indexOf('<!-- engine -->');
  const end = doc.indexOf('<!-- /engine -->');
  if (start < 0 || end < 0) throw new Error('docs/benchmarks.md has no engine section markers');
  writeFileSync(DOC, `${doc.slice(0, start + '<!-- engine -->'.length)}\n${section}\n${doc.slice(end)}`);
}

await main();
