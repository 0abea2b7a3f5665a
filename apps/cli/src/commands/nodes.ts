// `simforge nodes claim CODE` links the node that printed CODE to the local user;
// `simforge nodes relink NODE_ID` takes back one of the user's nodes the sentinel quarantined
// for returning false results. On the embedded default both ask the running `simforge start`
// (the only process that may open its PGlite); with --database-url they call
// public.claim_node / public.relink_node themselves, as the user.
import { CLI_EXIT, type CliExitCode } from '../cli-errors.ts';
import { parseCommandArgs } from '../command-args.ts';
import type { LocalPlatform } from '../local-platform.ts';
import { isNodeId } from '../node-links.ts';
import { connectPlatform, PLATFORM_OPTIONS, platformTarget } from '../platform-connect.ts';

const USAGE = `usage: simforge nodes claim CODE [options]
       simforge nodes relink NODE_ID [options]

claim    links the compute node that printed CODE to your account, so it starts receiving work
relink   takes back your node NODE_ID after the sentinel quarantined it for returning false
         results (the studio's Nodes page shows the id, reason and time); it starts over with
         every result checked. Check the machine first.

options:
  --data-dir DIR        the running 'simforge start' to use (env SIMFORGE_DATA_DIR, default .simforge)
  --database-url URL    act straight in this Postgres instead (env SIMFORGE_DATABASE_URL)
  --user EMAIL          the account the node belongs to (default local@simforge.local)
`;

type Subcommand = 'claim' | 'relink';

async function runSubcommand(sub: Subcommand, arg: string, platform: LocalPlatform): Promise<CliExitCode> {
  switch (sub) {
    case 'claim': {
      const node = await platform.claimNode(arg);
      if (!node) {
        process.stderr.write(`simforge: no unlinked node has claim code ${arg.trim().toUpperCase()}\n`);
        return CLI_EXIT.badInput;
      }
      process.stdout.write(`linked node ${node.name} (${node.publicKey}); it starts claiming work now\n`);
      return CLI_EXIT.ok;
    }
    case 'relink': {
      const node = await platform.relinkNode(arg);
      if (!node) {
        process.stderr.write(
          `simforge: no quarantined node of yours has id ${arg} (only a quarantined node can be re-linked)\n`,
        );
        return CLI_EXIT.badInput;
      }
      process.stdout.write(
        `re-linked node ${node.name} (${node.publicKey}); it starts over with every result checked\n`,
      );
      return CLI_EXIT.ok;
    }
    default: {
      const never: never = sub;
      throw new Error(`unknown nodes subcommand ${String(never)}`);
    }
  }
}

export async function run(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const parsed = parseCommandArgs(argv, PLATFORM_OPTIONS, USAGE);
  if (!parsed) return CLI_EXIT.ok;
  const { values, positionals } = parsed;
  const [sub, arg, ...extra] = positionals;
  if ((sub !== 'claim' && sub !== 'relink') || !arg || extra.length > 0) {
    process.stderr.write(USAGE);
    return CLI_EXIT.usage;
  }
  // A node id is a uuid: anything else is a typo, told apart before reaching the platform.
  if (sub === 'relink' && !isNodeId(arg)) {
    process.stderr.write(
      `simforge: ${arg} is not a node id (a uuid, as the studio's Nodes page shows)\n\n${USAGE}`,
    );
    return CLI_EXIT.usage;
  }
  const { platform, close } = await connectPlatform(platformTarget(values, env, process.cwd()));
  try {
    return await runSubcommand(sub, arg, platform);
  } finally {
    await close();
  }
}
