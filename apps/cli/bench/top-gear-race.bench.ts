// Benchmark: racing a 50-variant Top Gear job against running every variant to the same
// precision, both on two local node processes (PGlite, the sentinel, two `simforge-node`s, as
// `simforge start` composes them). The gear is authored with `stats=` lines (the shipped data
// holds no real items): three rings, four trinkets and three helms, 54 combinations, the first
// 50 besides what is equipped raced with target_error. The full run is the same 50 variants
// at the iterations the race's winner ran, every variant to the end: the precision the race
// reached for the variants it kept.
//
// Compute is counted in profile-iterations (the base's iterations plus each variant's), which
// is what the nodes spend; the wall time is from insert to completed. The ratio is printed, not
// asserted.
//
// Run: npm run bench:top-gear -w @simforge/cli   (BENCH_TARGET_ERROR, default 0.05)

import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { decodeJobResult } from '@simforge/common';
import { planTopGear, readGearCandidates } from '@simforge/engine';
import { startTwoLocalNodes } from './two-local-nodes.ts';

const TARGET_ERROR = Number(process.env.BENCH_TARGET_ERROR ?? 0.05);
const VARIANTS = 50;
const SEED = 777;
const PROFILE_PATH = fileURLToPath(
  new URL('../../../packages/engine/profiles/beast-mastery.simc', import.meta.url),
);

const say = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

/** The default profile in 60-second fights with authored gear and bag lines. */
function topGearProfile(): string {
  const base = readFileSync(PROFILE_PATH, 'utf8')
    .replace(/^max_time=.*$/m, 'max_time=60')
    .replace(/^iterations=.*$/m, '');
  const equipped = [
    ['Band of Haste (600)', 'finger1=,id=910001,stats=160haste_40sta'],
    ['Band of Mastery (600)', 'finger2=,id=910002,stats=150mastery_40sta'],
    ['Idol of Agility (600)', 'trinket1=,id=910011,stats=180agi'],
    ['Idol of Precision (600)', 'trinket2=,id=910012,stats=240crit'],
    ['Helm of the Hunt (600)', 'head=,id=910021,stats=140agi_90vers'],
  ];
  const bags = [
    ['Band of Fury (606)', 'finger1=,id=910003,stats=90crit_90haste_40sta'],
    ['Idol of Swiftness (606)', 'trinket1=,id=910013,stats=260haste'],
    ['Idol of the Wild (606)', 'trinket2=,id=910014,stats=120agi_110mastery'],
    ['Visor of Focus (606)', 'head=,id=910022,stats=150agi_100haste'],
    ['Cowl of the Pack (606)', 'head=,id=910023,stats=135agi_120mastery'],
  ];
  return [
    base.trimEnd(),
    '',
    ...equipped.flatMap(([name, line]) => [`# ${name}`, line]),
    '',
    '### Gear from Bags',
    ...bags.flatMap(([name, line]) => ['#', `# ${name}`, `# ${line}`]),
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const profile = topGearProfile();
  const plan = planTopGear(profile, readGearCandidates(profile).alternatives);
  if (!plan.ok) throw new Error(plan.message);
  const kept = plan.combinations.slice(0, VARIANTS);
  const sets = kept.flatMap((c) => c.lines.map((line) => `profileset."${c.name}"+=${line}`));
  const compared = `${profile.trimEnd()}\n${sets.join('\n')}\n`;

  say(
    `bench top gear: ${plan.combinations.length} combinations, racing ${kept.length}; setting up two node processes`,
  );
  const { platform, close } = await startTwoLocalNodes('top-gear', say);
  try {
    const runJob = async (text: string, options: { iterations?: number; targetErrorPct?: number }) => {
      const started = performance.now();
      const submitted = await platform.submit({ profile: text, seed: SEED, ...options });
      if (!submitted.ok) throw new Error(JSON.stringify(submitted.errors));
      const job = await platform.watch(submitted.jobId, () => undefined);
      if (job.status !== 'completed' || !job.resultHex)
        throw new Error(`job ${job.status}: ${JSON.stringify(job.meta)}`);
      return { wallMs: performance.now() - started, view: decodeJobResult(job.resultHex) };
    };
    say('bench top gear: warm-up job');
    await runJob(profile, { iterations: 2_000 });

    say(`bench top gear: the race, target error ${TARGET_ERROR}%`);
    const race = await runJob(compared, { targetErrorPct: TARGET_ERROR, iterations: 200_000 });
    const n = race.view.iterations;
    const raced = n + race.view.profilesets.reduce((sum, p) => sum + p.iterations, 0);
    const survivors = race.view.profilesets.filter((p) => p.stoppedBehind === null);
    say(`bench top gear: every variant to ${n} iterations`);
    const full = await runJob(compared, { iterations: n });
    const fullCompute = n * (kept.length + 1);
    const best = (view: typeof race.view) =>
      [...view.profilesets].sort((a, b) => b.diffMean - a.diffMean)[0]!;
    const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    const fmt = (x: number) => x.toLocaleString('en-US');
    const stops = new Map<number, number>();
    for (const p of race.view.profilesets) stops.set(p.iterations, (stops.get(p.iterations) ?? 0) + 1);
    const lines = [
      `machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}, load average ${loadavg()[0]!.toFixed(1)}; date ${new Date().toISOString().slice(0, 10)}`,
      `job: ${kept.length} Top Gear variants of the default profile (60 s fights, seed ${SEED}), two local node processes`,
      `race (target error ${TARGET_ERROR}% of the base's DPS on each kept difference): ${s(race.wallMs)}, ${fmt(raced)} profile-iterations; the base ran ${fmt(n)}; variants stopped at ${[
        ...stops,
      ]
        .sort((a, b) => a[0] - b[0])
        .map(([at, count]) => `${fmt(at)} (${count})`)
        .join(', ')}; ${survivors.length} ran to the end`,
      `every variant to ${fmt(n)} iterations: ${s(full.wallMs)}, ${fmt(fullCompute)} profile-iterations`,
      `compute: the race used ${((100 * raced) / fullCompute).toFixed(1)}% of the full run's (${(fullCompute / raced).toFixed(1)}x less); wall time ${((100 * race.wallMs) / full.wallMs).toFixed(1)}%`,
      `winner: race "${best(race.view).name}" ${best(race.view).diffMean.toFixed(1)} +- ${best(race.view).diffHalfWidth95.toFixed(1)}; full run "${best(full.view).name}" ${best(full.view).diffMean.toFixed(1)} +- ${best(full.view).diffHalfWidth95.toFixed(1)}`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await close();
  }
}

await main();
