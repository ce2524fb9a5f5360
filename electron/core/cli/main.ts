// The command-line interface: `npm run cli -- <command>`. It goes through the same core and
// services as the UI.
import { parseArgs } from 'node:util';
import { runCommand, CLI_USAGE } from './commands.js';

// Output piped into `head` and the like: stop quietly when the reader goes away.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const [command, ...rest] = process.argv.slice(2);
try {
  const { values, positionals } = parseArgs({
    args: rest,
    options: {
      'data-dir': { type: 'string' },
      json: { type: 'boolean', default: false },
      seed: { type: 'string' },
      backup: { type: 'string' },
      limit: { type: 'string' },
    },
    allowPositionals: true,
  });
  process.exitCode = await runCommand(command, values, positionals, { out: (s) => console.log(s), err: (s) => console.error(s) });
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  console.error(CLI_USAGE);
  process.exitCode = 2;
}
