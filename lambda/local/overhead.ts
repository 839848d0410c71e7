/**
 * Measures what a warm invocation through the local Lambda costs on top of
 * the handler's own time: client wall time of `InvokeCommand` (the SDK, HTTP,
 * the server, the Runtime API round trip, the runtime client) minus the
 * REPORT Duration of the same invocation, for a handler that does nothing.
 *
 *   npx tsx lambda/local/overhead.ts [--n 400] [--memory 1769] [--runtime-client auto|fallback] [--no-freeze]
 *
 * A raw HTTP client (no SDK, no SigV4) is measured the same way, to tell the
 * SDK's share from the server's. The CPU time this process (client and
 * server) spends per call is printed too: unlike latency, it says little
 * about how busy the machine is. Prints one table; asserts nothing.
 */

import { request, Agent } from 'node:http';
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { CreateFunctionCommand, InvokeCommand, LambdaClient, waitUntilFunctionActiveV2 } from '@aws-sdk/client-lambda';
import { strToU8, zipSync } from 'fflate';
import { startLocalLambda } from './server.js';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '400' },
    memory: { type: 'string', default: '1769' },
    'runtime-client': { type: 'string', default: 'auto' },
    'no-freeze': { type: 'boolean', default: false },
  },
});
const n = Number(values.n);
const memory = Number(values.memory);
const runtimeClient = values['runtime-client'] === 'fallback' ? 'fallback' : 'auto';

const lambda = await startLocalLambda({ runtimeClient, freezeIdle: !values['no-freeze'] });
const client = new LambdaClient({
  endpoint: lambda.endpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  maxAttempts: 1,
});
try {
  const zip = zipSync({ 'index.mjs': strToU8('export const handler = async () => null;\n') });
  await client.send(new CreateFunctionCommand({
    FunctionName: 'noop', Role: 'arn:aws:iam::000000000000:role/overhead', Runtime: 'nodejs20.x',
    Handler: 'index.handler', Code: { ZipFile: zip }, MemorySize: memory,
  }));
  await waitUntilFunctionActiveV2({ client, maxWaitTime: 30 }, { FunctionName: 'noop' });

  const sdk = async (): Promise<[number, number]> => {
    const start = performance.now();
    const out = await client.send(new InvokeCommand({ FunctionName: 'noop', LogType: 'Tail' }));
    const wall = performance.now() - start;
    return [wall, durationOf(Buffer.from(out.LogResult ?? '', 'base64').toString('utf8'))];
  };
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const raw = (): Promise<[number, number]> =>
    new Promise((resolve, reject) => {
      const start = performance.now();
      const req = request(`${lambda.endpoint}/2015-03-31/functions/noop/invocations`, { method: 'POST', agent, headers: { 'X-Amz-Log-Type': 'Tail' } }, (res) => {
        res.resume();
        res.on('end', () => {
          const wall = performance.now() - start;
          resolve([wall, durationOf(Buffer.from(String(res.headers['x-amz-log-result'] ?? ''), 'base64').toString('utf8'))]);
        });
      });
      req.on('error', reject);
      req.end('{}');
    });

  // Warm up: the cold start, then enough calls for the SDK's and the server's JIT to settle.
  for (let i = 0; i < 50; i++) await sdk();
  for (let i = 0; i < 50; i++) await raw();
  const rows = [
    ['@aws-sdk/client-lambda', await sample(sdk, n)],
    ['raw HTTP (no SDK)', await sample(raw, n)],
  ] as const;
  const status = lambda.status();
  console.log(`local Lambda overhead: noop handler, ${memory} MB, ${n} warm invocations each, runtime client ${status.runtimeClient}, cpuLimit ${status.cpuLimit}, freeze ${!values['no-freeze']}`);
  console.log(`load average ${loadavg().map((x) => x.toFixed(2)).join(' ')} on ${availableParallelism()} CPUs`);
  console.log('client                 | overhead ms: p10    median    p90   mean | REPORT Duration median | wall median | this process CPU ms/call');
  for (const [name, s] of rows) {
    console.log(
      `${name.padEnd(22)} |           ${fmt(s.overhead.p10)} ${fmt(s.overhead.median)} ${fmt(s.overhead.p90)} ${fmt(s.overhead.mean)} | ${fmt(s.duration.median)}                 | ${fmt(s.wall.median)}      | ${fmt(s.cpuPerCall)}`,
    );
  }
} finally {
  client.destroy();
  await lambda.close();
}

interface Summary {
  readonly p10: number;
  readonly median: number;
  readonly p90: number;
  readonly mean: number;
}

/** Times `count` calls; also the CPU this process (client and server) spends per call, which load does not inflate much. */
async function sample(call: () => Promise<[number, number]>, count: number): Promise<{ overhead: Summary; duration: Summary; wall: Summary; cpuPerCall: number }> {
  const overhead: number[] = [];
  const duration: number[] = [];
  const wall: number[] = [];
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < count; i++) {
    const [w, d] = await call();
    wall.push(w);
    duration.push(d);
    overhead.push(w - d);
  }
  const cpu = process.cpuUsage(cpu0);
  return { overhead: summarise(overhead), duration: summarise(duration), wall: summarise(wall), cpuPerCall: (cpu.user + cpu.system) / 1000 / count };
}

function summarise(xs: number[]): Summary {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number): number => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
  return { p10: at(0.1), median: at(0.5), p90: at(0.9), mean: s.reduce((a, b) => a + b, 0) / s.length };
}

function durationOf(log: string): number {
  const line = log.split('\n').find((l) => l.startsWith('REPORT '));
  const field = line?.split('\t').find((f) => f.startsWith('Duration: '));
  if (!field) throw new Error(`no REPORT Duration in log: ${log}`);
  return Number.parseFloat(field.slice('Duration: '.length));
}

function fmt(x: number): string {
  return x.toFixed(3).padStart(6);
}
