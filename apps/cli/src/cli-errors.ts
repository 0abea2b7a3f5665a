// Exit codes of the `simforge` command, one registry for every subcommand.
// Documented in docs/cli.md; a test checks each is documented and none is reused.
export const CLI_EXIT = {
  ok: 0,
  /** The command line itself is wrong: unknown command, missing or bad option. */
  usage: 2,
  /** The profile was refused; the errors name line and column. */
  invalidProfile: 3,
  /**
   * A file or directory could not be read, the game data is malformed, a claim code is
   * unknown, or no quarantined node of the user's has the id given to `nodes relink`.
   */
  badInput: 4,
  /** The sentinel or database could not be reached. */
  unavailable: 5,
  /** The job ran and failed; its reason is printed. */
  jobFailed: 6,
  /** Stopped by Ctrl-C (SIGINT) before it finished; a submitted job keeps running. */
  interrupted: 130,
  /** A bug: an unexpected exception. */
  internal: 70,
} as const;

export type CliExitCode = (typeof CLI_EXIT)[keyof typeof CLI_EXIT];

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: CliExitCode,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'CliError';
  }
}
