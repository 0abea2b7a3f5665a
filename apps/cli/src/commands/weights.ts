// `simforge weights PROFILE`: stat weights (SimulationCraft's scale factors). The profile and
// one variant per stat, that stat raised by --delta points, run as a profileset on the same
// seeds (simforge sim's machinery), so each stat's DPS gain is a paired difference: a scale
// factor is that gain per point, with its error, normalised to the primary stat, and written
// as a Pawn string to paste into the addon.
import type { ProfilesetView } from '@simforge/common';
import { formatProfileError, type GearStats, parseProfile } from '@simforge/engine';
import { CLI_EXIT, CliError } from '../cli-errors.ts';
import { oneProfilePath, parseCommandArgs } from '../command-args.ts';
import { readProfile, runOptions, SIM_OPTIONS, simulateLocally } from './sim.ts';

const USAGE = `usage: simforge weights PROFILE [options]

Measures what a point of each stat is worth to this character (DPS per point, normalised to
the primary stat) from paired runs, and prints a Pawn string.

  --delta N         points added to each stat (default 500)
  --iterations N    iterations per variant (default: the profile's iterations=, else 10000)
  --threads N       worker threads (default: all cores)
  --seed S          random seed, 0..4294967295
  --gamedata DIR    DBC CSV directory (as for simforge sim)
  --json            print the weights as JSON
`;

const OPTIONS = { ...SIM_OPTIONS, delta: { type: 'string' } } as const;

/** The stats weighed: the profile line that sets each, and Pawn's name for it. */
const STATS: {
  key: Exclude<keyof GearStats, 'weapon'>;
  label: string;
  line: string;
  pawn: string;
  primary?: boolean;
}[] = [
  { key: 'agility', label: 'Agility', line: 'gear_agility', pawn: 'Agility', primary: true },
  { key: 'critRating', label: 'Critical Strike', line: 'gear_crit_rating', pawn: 'CritRating' },
  { key: 'hasteRating', label: 'Haste', line: 'gear_haste_rating', pawn: 'HasteRating' },
  { key: 'masteryRating', label: 'Mastery', line: 'gear_mastery_rating', pawn: 'MasteryRating' },
  { key: 'versatilityRating', label: 'Versatility', line: 'gear_versatility_rating', pawn: 'Versatility' },
];

export interface StatWeight {
  stat: string;
  pawn: string;
  /** DPS per point and its 95% error, from the paired difference. */
  perPoint: number;
  error: number;
  /** perPoint over the primary stat's. */
  normalised: number;
}

/** Scale factors from the variants' paired differences to the base (one variant per stat). */
export function statWeights(variants: readonly ProfilesetView[], delta: number): StatWeight[] {
  const weights = STATS.map((stat) => {
    const v = variants.find((p) => p.name === stat.label);
    if (!v) throw new Error(`no variant for ${stat.label}`);
    return {
      stat: stat.label,
      pawn: stat.pawn,
      perPoint: v.diffMean / delta,
      error: v.diffHalfWidth95 / delta,
    };
  });
  const primary = weights[0]!.perPoint;
  return weights.map((w) => ({ ...w, normalised: primary > 0 ? w.perPoint / primary : 0 }));
}

export function pawnString(name: string, weights: readonly StatWeight[]): string {
  const values = weights.map((w) => `${w.pawn}=${w.normalised.toFixed(2)}`).join(', ');
  return `( Pawn: v1: "${name.replace(/"/g, '')}": Class=Hunter, Spec=BeastMastery, ${values} )`;
}

export async function run(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const parsed = parseCommandArgs(argv, OPTIONS, USAGE);
  if (!parsed) return CLI_EXIT.ok;
  const { values, positionals } = parsed;
  const profilePath = oneProfilePath(positionals, USAGE);
  const delta = values.delta === undefined ? 500 : Number(values.delta);
  if (!Number.isInteger(delta) || delta < 1 || delta > 100_000)
    throw new CliError(`--delta: '${values.delta}' is not an integer from 1 to 100000`, CLI_EXIT.usage);
  const options = runOptions(values);

  const text = await readProfile(profilePath);
  const base = parseProfile(text);
  if (!base.ok) {
    for (const e of base.errors) process.stderr.write(`${profilePath}: ${formatProfileError(e)}\n`);
    return CLI_EXIT.invalidProfile;
  }
  // Each stat raised by delta over what the profile's gear_* lines give (items add theirs).
  const sets = STATS.map((s) => `profileset."${s.label}"+=${s.line}=${base.profile.gear[s.key] + delta}`);
  const ran = await simulateLocally(profilePath, `${text.trimEnd()}\n${sets.join('\n')}\n`, options, env);
  if (typeof ran === 'number') return ran;

  const weights = statWeights(ran.view.profilesets, delta);
  const name = `simforge ${base.profile.characterName || 'hunter'}`;
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
