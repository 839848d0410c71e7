/**
 * Measures what a warm invocation through the local Lambda costs on top of
 * the handler's own time: client wall time of `InvokeCommand` (the SDK, HTTP,
 * the server, the Runtime API round trip, the runtime client) minus the
 * REPORT Duration of the same invocation, for a handler that does nothing.
 *
 *   npx tsx lambda/local/overhead.ts [--n 1000] [--warmup 500] [--memory 1769]
 *       [--runtime-client auto|fallback] [--no-freeze] [--endpoint http://127.0.0.1:9777]
 *
 * The SDK client is the one the bench times invocations with. A raw HTTP
 * client (no SDK, no SigV4) is measured the same way, alternating call by
 * call with the SDK, to tell the SDK's share from the server's. The CPU time
 * this process spends per call is printed too: unlike latency, it says little
 * about how busy the machine is. With --endpoint the server is another
 * process (`npm run lambda:local`) and its CPU is not counted. Prints one
 * table; asserts nothing. The bench reports the same figure for every Lambda
 * row (`lambda.warm.overhead` in run.json).
 */

import { request, Agent } from 'node:http';
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { CreateFunctionCommand, DeleteFunctionCommand, InvokeCommand, waitUntilFunctionActiveV2 } from '@aws-sdk/client-lambda';
import { strToU8, zipSync } from 'fflate';
import { quantileSorted, sortedCopy } from '../../harness/stats/sorted.js';
import { lambdaClient, urlEndpoint } from '../deploy/endpoint.js';
import { reportFromLogResult } from '../report-line.js';
import { startLocalLambda } from './server.js';
import type { LocalLambdaStatus } from './types.js';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '1000' },
    warmup: { type: 'string', default: '500' },
    memory: { type: 'string', default: '1769' },
    'runtime-client': { type: 'string', default: 'auto' },
    'no-freeze': { type: 'boolean', default: false },
    endpoint: { type: 'string' },
  },
});
const n = Number(values.n);
const warmup = Number(values.warmup);
const memory = Number(values.memory);
const runtimeClient = values['runtime-client'] === 'fallback' ? 'fallback' : 'auto';

/** Creates a noop function, warms it up, times both clients alternately, prints the table. */
async function main(): Promise<void> {
  const embedded = values.endpoint === undefined ? await startLocalLambda({ runtimeClient, freezeIdle: !values['no-freeze'] }) : undefined;
  const endpoint = urlEndpoint(embedded ? 'embedded' : 'endpoint', values.endpoint ?? embedded?.endpoint ?? '', undefined, embedded?.credentials);
  const control = lambdaClient(endpoint, { timed: false });
  const timed = lambdaClient(endpoint, { timed: true });
  // Unique, so that runs against a long-lived standalone server do not collide.
  const functionName = `overhead-noop-${process.pid}`;
  try {
    const zip = zipSync({ 'index.mjs': strToU8('export const handler = async () => null;\n') });
    await control.send(new CreateFunctionCommand({
      FunctionName: functionName, Role: 'arn:aws:iam::000000000000:role/overhead', Runtime: 'nodejs20.x',
      Handler: 'index.handler', Code: { ZipFile: zip }, MemorySize: memory,
    }));
    await waitUntilFunctionActiveV2({ client: control, maxWaitTime: 30 }, { FunctionName: functionName });

    const sdk = async (): Promise<Sample> => {
      const start = performance.now();
      const out = await timed.send(new InvokeCommand({ FunctionName: functionName, LogType: 'Tail' }));
      const wall = performance.now() - start;
      return { wall, duration: durationOf(out.LogResult) };
    };
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const raw = (): Promise<Sample> =>
      new Promise((resolve, reject) => {
        const start = performance.now();
        const url = `${endpoint.url}/2015-03-31/functions/${functionName}/invocations`;
        const req = request(url, { method: 'POST', agent, headers: { 'X-Amz-Log-Type': 'Tail' } }, (res) => {
          res.resume();
          res.on('end', () => {
            const wall = performance.now() - start;
            const logResult = res.headers['x-amz-log-result'];
          resolve({ wall, duration: durationOf(Array.isArray(logResult) ? logResult[0] : logResult) });
          });
        });
        req.on('error', reject);
        req.end('{}');
      });

    // Warm up: the cold start, then enough calls for the SDK's and the server's JIT to settle.
    for (let i = 0; i < warmup; i++) {
      await sdk();
      await raw();
    }
    const series = { sdk: new Series(), raw: new Series() };
    for (let i = 0; i < n; i++) {
      await series.sdk.time(sdk);
      await series.raw.time(raw);
    }
    const status = embedded?.status() ?? ((await (await fetch(`${endpoint.url}/_local/status`)).json()) as LocalLambdaStatus);
    const where = embedded ? 'server in this process' : `server at ${endpoint.url}`;
    console.log(`local Lambda overhead (${where}): noop handler, ${memory} MB, ${n} warm invocations each, runtime client ${status.runtimeClient}, cpuLimit ${status.cpuLimit}, freeze ${!values['no-freeze']}`);
    console.log(`load average ${loadavg().map((x) => x.toFixed(2)).join(' ')} on ${availableParallelism()} CPUs`);
    console.log('client                 | overhead ms: p10    median    p90   mean | REPORT Duration median | wall median | this process CPU ms/call');
    for (const [name, s] of [['@aws-sdk/client-lambda', series.sdk], ['raw HTTP (no SDK)', series.raw]] as const) {
      const o = summarise(s.overhead);
      console.log(
        `${name.padEnd(22)} |           ${fmt(o.p10)} ${fmt(o.median)} ${fmt(o.p90)} ${fmt(o.mean)} | ${fmt(summarise(s.duration).median)}                 | ${fmt(summarise(s.wall).median)}      | ${fmt(s.cpuMs / n)}`,
      );
    }
    await control.send(new DeleteFunctionCommand({ FunctionName: functionName }));
  } finally {
    control.destroy();
    timed.destroy();
    await embedded?.close();
  }
}

interface Sample {
  readonly wall: number;
  readonly duration: number;
}

/** One client's calls: wall, REPORT Duration, their difference, and the CPU this process spent in them. */
class Series {
  readonly wall: number[] = [];
  readonly duration: number[] = [];
  readonly overhead: number[] = [];
  cpuMs = 0;

  async time(call: () => Promise<Sample>): Promise<void> {
    const cpu0 = process.cpuUsage();
    const { wall, duration } = await call();
    const cpu = process.cpuUsage(cpu0);
    this.cpuMs += (cpu.user + cpu.system) / 1000;
    this.wall.push(wall);
    this.duration.push(duration);
    this.overhead.push(wall - duration);
  }
}

interface Summary {
  readonly p10: number;
  readonly median: number;
  readonly p90: number;
  readonly mean: number;
}

function summarise(xs: readonly number[]): Summary {
  const sorted = sortedCopy(xs);
  return { p10: quantileSorted(sorted, 0.1), median: quantileSorted(sorted, 0.5), p90: quantileSorted(sorted, 0.9), mean: xs.reduce((a, b) => a + b, 0) / xs.length };
}

/** REPORT Duration (ms) from an X-Amz-Log-Result header, with the Lambda mode's parser (lambda/report-line.ts). */
function durationOf(logResult: string | undefined): number {
  const duration = reportFromLogResult(logResult)?.durationMs;
  if (duration === undefined) throw new Error(`no REPORT Duration in the log tail: ${logResult ?? '(none)'}`);
  return duration;
}

function fmt(x: number): string {
  return x.toFixed(3).padStart(6);
}

await main();
