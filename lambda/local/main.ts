/**
 * `npm run lambda:local -- [--port 9777] [options]`: runs the local Lambda
 * until SIGINT or SIGTERM, printing its endpoint URL on one line of stdout
 * once it accepts connections. Function logs go to stderr with `--logs`.
 * Exit codes: 2 a usage error (one line), 1 the server failed.
 */

import { startLocalLambda } from './server.js';
import { UsageError } from '../../harness/options/errors.js';
import { flagHelp } from '../../harness/options/help.js';
import { checkRegion } from '../../harness/options/lambda.js';
import { parseArgs } from '../../harness/options/parse.js';
import { LOCAL_LAMBDA_DEFAULTS } from '../../harness/options/profiles.js';
import { LOCAL_LAMBDA_FLAGS } from '../../harness/options/tool-flags.js';
import type { LocalLambdaOptions } from './types.js';

const USAGE = `Usage: npm run lambda:local -- [options]

${flagHelp(LOCAL_LAMBDA_FLAGS, { defaults: LOCAL_LAMBDA_DEFAULTS, width: 23 })}`;

/** Reads the command line (harness/options: declarations and defaults); every mistake is a UsageError (one line, exit 2). */
function optionsFrom(argv: readonly string[]): LocalLambdaOptions | 'help' {
  const { values } = parseArgs(argv, LOCAL_LAMBDA_FLAGS, { defaults: LOCAL_LAMBDA_DEFAULTS });
  if (values.help) return 'help';
  return {
    port: values.port,
    region: checkRegion(values.region),
    idleTimeoutMs: values['idle-ms'],
    // Unset: the server scales AWS's 1000 to this host's memory and records why (concurrency.ts).
    ...(values['max-concurrency'] === undefined ? {} : { maxConcurrency: values['max-concurrency'], maxConcurrencyReason: 'set by --max-concurrency' }),
    runtimeClient: values['runtime-client'],
    cgroups: values['no-cgroups'] ? 'off' : 'auto',
    freezeIdle: !values['no-freeze'],
    ...(values.logs ? { onLog: (name: string, text: string) => process.stderr.write(prefixLines(name, text)) } : {}),
  };
}

async function main(): Promise<void> {
  const options = optionsFrom(process.argv.slice(2));
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  // Start-up notices (cgroups, runtime client) are held until the server listens: when it cannot (a busy port), the one line that says so is all that is printed.
  const held: string[] = [];
  let started = false;
  const notice = (message: string): void => {
    if (started) process.stderr.write(`${message}\n`);
    else held.push(message);
  };
  // Deploy, teardown and bench run in other processes: they find the API credential in a file only this user can read.
  const lambda = await startLocalLambda({ ...options, notice, credentialFile: true });
  started = true;
  for (const message of held) process.stderr.write(`${message}\n`);
  let stopping = false;
  // First signal: close cleanly (environments, cgroups, work directories), then exit. A second one
  // does not wait: exiting kills every environment at once (the server's exit hook) and the
  // watchdog (reaper.ts) removes their cgroups and work directories.
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) process.exit(signal === 'SIGINT' ? 130 : 143);
    stopping = true;
    lambda.close().then(
      () => process.exit(signal === 'SIGINT' ? 130 : 0),
      (error: unknown) => {
        process.stderr.write(`local Lambda: shutdown failed: ${(error as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  process.stdout.write(`${lambda.endpoint}\n`);
}

function prefixLines(name: string, text: string): string {
  return text
    .split('\n')
    .filter((line, i, all) => line !== '' || i < all.length - 1)
    .map((line) => `[${name}] ${line}\n`)
    .join('');
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    process.stderr.write(`error: ${error.message}\n`);
    process.exit(2);
  }
  const busy = (error as NodeJS.ErrnoException).code === 'EADDRINUSE' ? ' (another process has the port: pass --port 0 for a free one)' : '';
  process.stderr.write(`local Lambda: ${(error as Error).message}${busy}\n`);
  process.exit(1);
});
