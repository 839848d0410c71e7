/**
 * `npm run lambda:local -- [--port 9777] [options]`: runs the local Lambda
 * until SIGINT or SIGTERM, printing its endpoint URL on one line of stdout
 * once it accepts connections. Function logs go to stderr with `--logs`.
 */

import { parseArgs } from 'node:util';
import { DEFAULT_PORT, startLocalLambda } from './server.js';
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

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      region: { type: 'string' },
      'idle-ms': { type: 'string' },
      'max-concurrency': { type: 'string' },
      'runtime-client': { type: 'string' },
      'no-cgroups': { type: 'boolean' },
      'no-freeze': { type: 'boolean' },
      logs: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const client = values['runtime-client'] ?? 'auto';
  if (client !== 'auto' && client !== 'aws-lambda-ric' && client !== 'fallback') throw new Error(`--runtime-client: unknown client ${client}`);
  const options: LocalLambdaOptions = {
    port: integer(values.port, '--port') ?? DEFAULT_PORT,
    region: values.region ?? 'us-east-1',
    idleTimeoutMs: integer(values['idle-ms'], '--idle-ms') ?? 300_000,
    maxConcurrency: integer(values['max-concurrency'], '--max-concurrency') ?? 32,
    runtimeClient: client,
    cgroups: values['no-cgroups'] ? 'off' : 'auto',
    freezeIdle: !values['no-freeze'],
    ...(values.logs ? { onLog: (name: string, text: string) => process.stderr.write(prefixLines(name, text)) } : {}),
  };
  const lambda = await startLocalLambda(options);
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
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

function integer(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${flag}: expected a non-negative integer, got ${value}`);
  return n;
}

function prefixLines(name: string, text: string): string {
  return text
    .split('\n')
    .filter((line, i, all) => line !== '' || i < all.length - 1)
    .map((line) => `[${name}] ${line}\n`)
    .join('');
}

main().catch((error: unknown) => {
  process.stderr.write(`local Lambda: ${(error as Error).message}\n`);
  process.exit(1);
});
