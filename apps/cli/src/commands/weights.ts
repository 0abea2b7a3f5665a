// `simforge weights PROFILE`: stat weights (SimulationCraft's scale factors). The profile and
// one variant per stat, that stat raised by --delta points, run as a profileset on the same
// seeds (simforge sim's machinery), so each stat's DPS gain is a paired difference: a scale
// factor is that gain per point, with its error, normalised to the primary stat, and written
// as a Pawn string to paste into the addon.
import {
  DEFAULT_WEIGHTS_DELTA,
  formatProfileError,
  MAX_WEIGHTS_DELTA,
  pawnString,
  profilesetChanges,
  readStatWeights,
  statWeightsProfile,
} from '@simforge/engine';
import { CLI_EXIT, CliError } from '../cli-errors.ts';
import { oneProfilePath, parseCommandArgs } from '../command-args.ts';
import { readProfile, runOptions, SIM_OPTIONS, simulateLocally } from './sim.ts';

const USAGE = `usage: simforge weights PROFILE [options]

Measures what a point of each stat is worth to this character (DPS per point, normalised to
the primary stat) from paired runs, and prints a Pawn string.

  --delta N         points added to each stat (default 500; weapon DPS gets N / 25)
  --iterations N    iterations per variant (default: the profile's iterations=, else 10000)
  --threads N       worker threads (default: all cores)
  --seed S          random seed, 0..4294967295
  --gamedata DIR    DBC CSV directory (as for simforge sim)
  --json            print the weights as JSON
`;

const OPTIONS = { ...SIM_OPTIONS, delta: { type: 'string' } } as const;

export async function run(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const parsed = parseCommandArgs(argv, OPTIONS, USAGE);
  if (!parsed) return CLI_EXIT.ok;
  const { values, positionals } = parsed;
  const profilePath = oneProfilePath(positionals, USAGE);
  const delta = values.delta === undefined ? DEFAULT_WEIGHTS_DELTA : Number(values.delta);
  if (!Number.isInteger(delta) || delta < 1 || delta > MAX_WEIGHTS_DELTA)
    throw new CliError(
      `--delta: '${values.delta}' is not an integer from 1 to ${MAX_WEIGHTS_DELTA}`,
      CLI_EXIT.usage,
    );
  const options = runOptions(values);

  const text = await readProfile(profilePath);
  const weighed = statWeightsProfile(text, delta);
  if (!weighed.ok) {
    for (const e of weighed.errors) process.stderr.write(`${profilePath}: ${formatProfileError(e)}\n`);
    return CLI_EXIT.invalidProfile;
  }
  for (const note of weighed.notes) process.stderr.write(`${profilePath}: ${note}\n`);
  const ran = await simulateLocally(profilePath, weighed.text, options, env);
  if (typeof ran === 'number') return ran;

  const weights = readStatWeights(profilesetChanges(weighed.text), ran.view.profilesets);
  if (!weights) throw new Error('the stat variants did not read back as weights');
  const name = `simforge ${weighed.base.characterName || 'hunter'}`;
  if (values.json) {
    process.stdout.write(
      `${JSON.stringify({ delta, iterations: ran.view.iterations, weights, pawn: pawnString(name, weights) }, null, 2)}\n`,
    );
    return CLI_EXIT.ok;
  }
  const num = (n: number, digits: number) =>
    n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const lines = [
    `Stat weights: ${ran.title}`,
    `  base DPS ${num(ran.view.dps.mean, 1)} +- ${num(ran.view.dps.error, 1)}; each stat +${delta} points, ${num(ran.view.iterations, 0)} iterations on the base's seeds (95% errors from the paired differences)`,
    '',
    '  stat                 DPS per point    +- error   normalised',
    ...weights.map(
      (w) =>
        `  ${w.stat.padEnd(18)} ${num(w.perPoint, 4).padStart(15)} ${num(w.error, 4).padStart(11)} ${num(w.normalised, 2).padStart(12)}`,
    ),
    '',
    `  ${pawnString(name, weights)}`,
    '',
    `  result sha256: ${ran.digest}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return CLI_EXIT.ok;
}
