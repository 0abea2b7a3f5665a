#!/usr/bin/env node
// The `simforge` command. Each subcommand lives in its own module under commands/ and is
// loaded only when invoked, so `simforge sim` never pulls in the database drivers.
import { isMainThread } from 'node:worker_threads';
import { CLI_EXIT, CliError } from './cli-errors.ts';

type CommandModule = { run(argv: string[], env: NodeJS.ProcessEnv): Promise<number> };

const COMMANDS: Record<string, { summary: string; load: () => Promise<CommandModule> }> = {
  start: { summary: 'run the whole platform on this machine', load: () => import('./commands/start.ts') },
  sim: { summary: 'run a profile locally and print a summary', load: () => import('./commands/sim.ts') },
  weights: {
    summary: 'stat weights (DPS per point of each stat) and a Pawn string',
    load: () => import('./commands/weights.ts'),
  },
  submit: { summary: 'submit a profile as a job and watch it', load: () => import('./commands/submit.ts') },
  data: { summary: 'game data: `data import DIR`', load: () => import('./commands/data.ts') },
  nodes: {
    summary: 'nodes: `nodes claim CODE`, `nodes relink NODE_ID`',
    load: () => import('./commands/nodes.ts'),
  },
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(8)} ${c.summary}`);
  return `usage: simforge <command> [options]\n\n${lines.join('\n')}\n`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    process.stdout.write(usage());
    return name ? CLI_EXIT.ok : CLI_EXIT.usage;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`simforge: unknown command '${name}'\n\n${usage()}`);
    return CLI_EXIT.usage;
  }
  const mod = await command.load();
  return mod.run(rest, process.env);
}

// A `simforge sim` worker thread starts the compiled file that holds the sim command's module:
// with the build's code splitting that is the command's own chunk, but were it ever this file,
// a worker must run chunks (the sim module does when loaded in a worker), not the CLI again.
if (isMainThread) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      if (err instanceof CliError) {
        process.stderr.write(`simforge: ${err.message}\n`);
        process.exitCode = err.exitCode;
        return;
      }
      process.stderr.write(`simforge: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = CLI_EXIT.internal;
    },
  );
} else {
  await import('./commands/sim.ts');
}
