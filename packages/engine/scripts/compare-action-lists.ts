// How strong the spec's default priority list is next to lists a player would paste: for each
// example addon export (a Pack Leader and a Dark Ranger build, profiles/examples/), at one and at
// three targets, the mean DPS of the default list and of the action lines of every profile given
// on the command line, on the same seeds. The engine is deterministic, so the numbers are exact
// for the game data and the engine of the commit that prints them.
//
//   npm run compare:apl -w @simforge/engine -- PROFILE.simc [MORE.simc ...] [--iterations N]
//
// docs/engine.md records a run against SimulationCraft's shipped MID1 list (not included here:
// it is SimulationCraft's).
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CsvGameDataSource, loadBundle, REAL_TABLES_DIR } from '@simforge/gamedata';
import { createSimulation, parseProfile, requiredGameData } from '../src/index.ts';

const EXAMPLES = ['addon-export-pack-leader.simc', 'addon-export-dark-ranger.simc'];
const TARGETS = [1, 3];
const SEED = 20261202;

function actionLines(text: string): string {
  return text
    .split('\n')
    .filter((line) => /^\s*actions(\.[A-Za-z0-9_]+)?\+?=/.test(line))
    .join('\n');
}

async function meanDps(text: string, iterations: number): Promise<number> {
  const parsed = parseProfile(text);
  if (!parsed.ok) {
    const first = parsed.errors[0]!;
    throw new Error(`line ${first.line}, column ${first.column}: ${first.message}`);
  }
  const source = new CsvGameDataSource({ dirs: [REAL_TABLES_DIR] });
  const data = await loadBundle(source, requiredGameData(parsed.profile));
  const partial = createSimulation(parsed.profile, data).runIterations(0, iterations, SEED);
  return Number(partial.dpsSumMilli) / iterations / 1000;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const at = args.indexOf('--iterations');
  const iterations = at >= 0 ? Number(args.splice(at, 2)[1]) : 2000;
  if (!Number.isInteger(iterations) || iterations < 1)
    throw new Error('--iterations takes a positive integer');
  const others = await Promise.all(
    args.map(async (path) => ({ name: basename(path), lines: actionLines(await readFile(path, 'utf8')) })),
  );
  const header = ['export', 'targets', 'default list', ...others.map((o) => o.name)];
  const rows: string[][] = [];
  for (const example of EXAMPLES) {
    const base = await readFile(
      fileURLToPath(new URL(`../profiles/examples/${example}`, import.meta.url)),
      'utf8',
    );
    for (const targets of TARGETS) {
      const fight = `\ndesired_targets=${targets}\nmax_time=300\nvary_combat_length=0.2\n`;
      const ours = await meanDps(`${base}${fight}`, iterations);
      const row = [example, String(targets), ours.toFixed(0)];
      for (const other of others) {
        const theirs = await meanDps(`${base}${fight}${other.lines}\n`, iterations);
        row.push(`${theirs.toFixed(0)} (${((100 * (theirs - ours)) / ours).toFixed(1)}%)`);
      }
      rows.push(row);
    }
  }
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  process.stdout.write(
    `${[line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n')}\n\n${iterations} iterations each, seed ${SEED}, 300 s (+-20%) Patchwerk.\n`,
  );
}

await main();
