// `npm run bench:profilesets` (packages/engine): what pairing buys. Variants of the default
// profile run on the base's seeds (common random numbers); for each, the 95% error of its
// difference to the base from the paired differences, against the error the same difference
// has from two independent runs of the same size (sqrt(e_base^2 + e_variant^2)), the baseline
// measured in the same run. (unpaired / paired)^2 is how many times more iterations the
// unpaired comparison would need for the same precision. Recorded in docs/benchmarks.md.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { variantView, welfordView } from '@simforge/common';
import { CsvGameDataSource, loadBundle, REAL_TABLES_DIR } from '@simforge/gamedata';
import { createProfilesetSimulation, parseProfile, profilesetGameData } from '../src/index.ts';

const PROFILE = readFileSync(
  fileURLToPath(new URL('../profiles/beast-mastery.simc', import.meta.url)),
  'utf8',
).trimEnd();
const ITERATIONS = Number(process.env.PROFILESET_ITERATIONS ?? 2000);
const SEED = 1;
const parsed = parseProfile(PROFILE);
if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
const gear = parsed.profile.gear;
const VARIANTS: [string, string][] = [
  ['+1% agility', `gear_agility=${Math.round(gear.agility * 1.01)}`],
  ['+10% agility', `gear_agility=${Math.round(gear.agility * 1.1)}`],
  ['+500 crit rating', `gear_crit_rating=${gear.critRating + 500}`],
  ['+500 haste rating', `gear_haste_rating=${gear.hasteRating + 500}`],
  ['no Bloodlust', 'override.bloodlust=0'],
];

const fmt = (n: number, digits = 1) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function main(): Promise<void> {
  const text = `${PROFILE}\n${VARIANTS.map(([name, line]) => `profileset."${name}"+=${line}`).join('\n')}\n`;
  const data = await loadBundle(new CsvGameDataSource({ dirs: [REAL_TABLES_DIR] }), profilesetGameData(text));
  const sim = createProfilesetSimulation(text, data);
  const t0 = performance.now();
  const chunk = sim.runIterations(0, ITERATIONS, SEED);
  const wallMs = performance.now() - t0;
  const base = welfordView(chunk.base);
  console.log(
    `profilesets: the default profile and ${VARIANTS.length} variants, ${ITERATIONS.toLocaleString('en-US')} iterations each on the same seeds, ${fmt(wallMs / 1000)} s on ${os.cpus()[0]?.model} (${os.cpus().length} cores), Node ${process.version}`,
  );
  console.log(`base DPS ${fmt(base.mean)} +- ${fmt(base.halfWidth95)}\n`);
  console.log(
    '| variant | DPS | difference | paired error | unpaired error | unpaired / paired | iterations saved |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  VARIANTS.forEach(([name], i) => {
    const view = variantView(chunk.variants[i]!);
    const unpaired = Math.hypot(base.halfWidth95, view.halfWidth95);
    const ratio = unpaired / view.diffHalfWidth95;
    console.log(
      `| ${name} | ${fmt(view.mean)} | ${view.diffMean >= 0 ? '+' : ''}${fmt(view.diffMean)} | +- ${fmt(view.diffHalfWidth95, 2)} | +- ${fmt(unpaired, 2)} | ${fmt(ratio)}x | ${fmt(ratio * ratio, 0)}x |`,
    );
  });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
