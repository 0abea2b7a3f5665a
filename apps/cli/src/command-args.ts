// Argument parsing shared by every subcommand, so each one refuses a bad command line the
// same way (exit 2 with its usage) and answers --help the same way.
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { CLI_EXIT, CliError } from './cli-errors.ts';

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

const HELP = { help: { type: 'boolean', short: 'h' } } as const;

/**
 * Parses `argv` against `options` (plus `-h/--help`). Returns null after printing `usage`
 * when help was asked for; throws a usage CliError for an unknown option or a bad value.
 */
export function parseCommandArgs<const T extends OptionsConfig>(argv: string[], options: T, usage: string) {
  let parsed: ReturnType<
    typeof parseArgs<{ args: string[]; allowPositionals: true; options: T & typeof HELP }>
  >;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: { ...options, ...HELP },
    });
  } catch (err) {
    throw new CliError(`${(err as Error).message}\n\n${usage}`, CLI_EXIT.usage, { cause: err });
  }
  if ((parsed.values as { help?: boolean }).help) {
    process.stdout.write(usage);
    return null;
  }
  return parsed;
}

/** The one PROFILE file a command takes; anything else is a usage error with `usage`. */
export function oneProfilePath(positionals: readonly string[], usage: string): string {
  const [profilePath] = positionals;
  if (!profilePath || positionals.length > 1)
    throw new CliError(`expected one PROFILE file\n\n${usage}`, CLI_EXIT.usage);
  return profilePath;
}
