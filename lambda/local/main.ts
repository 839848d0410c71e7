/**
 * `npm run lambda:local -- [--port 9777] [options]`: runs the local Lambda
 * until SIGINT or SIGTERM, printing its endpoint URL on one line of stdout
 * once it accepts connections. Function logs go to stderr with `--logs`.
 * Exit codes: 2 a usage error (one line), 1 the server failed.
 */

import { DEFAULT_PORT, startLocalLambda } from './server.js';
import { boundedInteger, parseFlags, unknownName, UsageError, type Bounds } from '../../harness/cli/flags.js';
import { checkRegion } from '../measure/options.js';
import type { LocalLambdaOptions } from './types.js';

const USAGE = `Usage: npm run lambda:local -- [options]

  --port <n>              TCP port on 127.0.0.1 (default ${DEFAULT_PORT}; 0 picks a free one)
  --region <name>         region in ARNs and AWS_REGION (default us-east-1)
  --idle-ms <ms>          evict environments idle this long (default 300000)
  --max-concurrency <n>   environments over all functions (default 32)
  --runtime-client <c>    auto | aws-lambda-ric | fallback (default auto)
  --no-cgroups            never limit CPU and memory with cgroups
  --no-freeze             do not SIGSTOP idle environments
  --logs                  print every function log line to stderr
  --help                  this text`;

/** Flags of the local Lambda CLI. */
const FLAGS = {
  port: { type: 'string' },
  region: { type: 'string' },
  'idle-ms': { type: 'string' },
  'max-concurrency': { type: 'string' },
  'runtime-client': { type: 'string' },
  'no-cgroups': { type: 'boolean' },
  'no-freeze': { type: 'boolean' },
  logs: { type: 'boolean' },
  help: { type: 'boolean' },
} as const;

/** Ranges of the numeric flags, each with its reason. */
const BOUNDS = {
  port: { min: 0, max: 65_535, why: 'a TCP port; 0 picks a free one' },
  // setTimeout fires at once past 2^31 ms, so an unbounded idle time would evict immediately.
  'idle-ms': { min: 0, max: 86_400_000, unit: 'ms', why: 'at most a day; 0 evicts after every invocation' },
  // 0 would throttle every invocation; every environment is a process, and 1000 is Lambda's default account limit.
  'max-concurrency': { min: 1, max: 1000, why: 'environments at once; each is a process' },
} as const satisfies Record<string, Bounds>;

const CLIENTS = ['auto', 'aws-lambda-ric', 'fallback'] as const;

/** Reads the command line; every mistake is a UsageError (one line, exit 2). */
function optionsFrom(argv: readonly string[]): LocalLambdaOptions | 'help' {
  const { values } = parseFlags(argv, FLAGS);
  if (values.help) return 'help';
  const client = values['runtime-client'] ?? 'auto';
  if (!(CLIENTS as readonly string[]).includes(client)) throw new UsageError(unknownName('runtime client', client, CLIENTS));
  const int = (name: keyof typeof BOUNDS): number | undefined => boundedInteger(values[name], name, BOUNDS[name]);
  return {
    port: int('port') ?? DEFAULT_PORT,
    region: values.region === undefined ? 'us-east-1' : checkRegion(values.region),
    idleTimeoutMs: int('idle-ms') ?? 300_000,
    maxConcurrency: int('max-concurrency') ?? 32,
    runtimeClient: client as (typeof CLIENTS)[number],
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
