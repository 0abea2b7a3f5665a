// `simforge nodes claim CODE`: links the node that printed CODE to the local user. On the
// embedded default it asks the running `simforge start` (the only process that may open its
// PGlite); with --database-url it calls public.claim_node(code) itself, as the user.
import { CLI_EXIT } from '../cli-errors.ts';
import { parseCommandArgs } from '../command-args.ts';
import { connectPlatform, PLATFORM_OPTIONS, platformTarget } from '../platform-connect.ts';

const USAGE = `usage: simforge nodes claim CODE [options]

Links the compute node that printed CODE to your account, so it starts receiving work.

options:
  --data-dir DIR        the running 'simforge start' to use (env SIMFORGE_DATA_DIR, default .simforge)
  --database-url URL    claim straight in this Postgres instead (env SIMFORGE_DATABASE_URL)
  --user EMAIL          the account to link it to (default local@simforge.local)
`;

export async function run(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const parsed = parseCommandArgs(argv, PLATFORM_OPTIONS, USAGE);
  if (!parsed) return CLI_EXIT.ok;
  const { values, positionals } = parsed;
  const [sub, code, ...extra] = positionals;
  if (sub !== 'claim' || !code || extra.length > 0) {
    process.stderr.write(USAGE);
    return CLI_EXIT.usage;
  }
  const { platform, close } = await connectPlatform(platformTarget(values, env, process.cwd()));
  try {
    const node = await platform.claimNode(code);
    if (!node) {
      process.stderr.write(`simforge: no unlinked node has claim code ${code.trim().toUpperCase()}\n`);
      return CLI_EXIT.badInput;
    }
    process.stdout.write(`linked node ${node.name} (${node.publicKey}); it starts claiming work now\n`);
    return CLI_EXIT.ok;
  } finally {
    await close();
  }
}
