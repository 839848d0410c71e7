/**
 * Checks that the local Lambda stays faithful under a burst, through the SDK
 * clients a load generator uses, and prints what it saw:
 *
 *   npx tsx lambda/local/fidelity.ts [--events 200] [--reserved 4] [--hold-ms 200] [--runtime-client auto|fallback]
 *
 * 1. synchronous: `--events` invocations at once on a function with reserved
 *    concurrency `--reserved`: every one answers 200 or 429 with its reason;
 * 2. asynchronous: `--events` Event invocations at once: every one is
 *    delivered (its receipt line read back with FilterLogEvents);
 * 3. EventBridge: `--events` events through PutEvents to a rule targeting the
 *    function: every one is delivered;
 * and, over all three, that the INIT_START lines in the logs equal the REPORT
 * lines with an Init Duration (every cold start logged once) and that the log
 * store dropped nothing. Latency from send to the handler's receipt is the
 * emulator's on this host, not AWS's, and is printed as such. Exit 1 if a
 * check fails; figures are printed, never asserted (the host sets them).
 */

import { parseArgs } from 'node:util';
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateEventBusCommand, EventBridgeClient, PutEventsCommand, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import {
  AddPermissionCommand, CreateFunctionCommand, DeleteFunctionConcurrencyCommand, InvokeCommand, LambdaClient,
  PutFunctionConcurrencyCommand, waitUntilFunctionActiveV2,
} from '@aws-sdk/client-lambda';
import { strToU8, zipSync } from 'fflate';
import { quantileSorted, sortedCopy } from '../../harness/stats/sorted.js';
import { startLocalLambda } from './server.js';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '200' },
    reserved: { type: 'string', default: '4' },
    'hold-ms': { type: 'string', default: '200' },
    'runtime-client': { type: 'string', default: 'auto' },
  },
});
const n = Number(values.events);
const reserved = Number(values.reserved);
const holdMs = Number(values['hold-ms']);
const NAME = 'fidelity-receipt';
/** Logs its receipt time and the event's mark, then holds the environment for `ms` (to make concurrency). */
const HANDLER = `
export const handler = async (event) => {
  const receivedAt = Date.now();
  const mark = event.mark ?? event.detail?.mark;
  console.log(JSON.stringify({ receivedAt, mark }));
  if (event.ms) await new Promise((resolve) => setTimeout(resolve, event.ms));
  return { mark };
};
`;

/** One check's line: what was expected, what came, PASS or FAIL. */
const checks: { name: string; ok: boolean; detail: string }[] = [];
function check(name: string, ok: boolean, detail: string): void {
  checks.push({ name, ok, detail });
}

async function main(): Promise<void> {
  const lambda = await startLocalLambda({ runtimeClient: values['runtime-client'] === 'fallback' ? 'fallback' : 'auto', notice: () => undefined });
  const config = { endpoint: lambda.endpoint, region: 'us-east-1', credentials: lambda.credentials, maxAttempts: 1 };
  const client = new LambdaClient(config);
  const logs = new CloudWatchLogsClient(config);
  const events = new EventBridgeClient(config);
  try {
    const status = lambda.status();
    process.stdout.write(`local Lambda: account concurrency ${status.concurrency.accountLimit} (${status.concurrency.accountLimitReason}); runtime client ${status.runtimeClient}; cpuLimit ${status.cpuLimit}\n`);
    await client.send(new CreateFunctionCommand({
      FunctionName: NAME, Role: 'arn:aws:iam::000000000000:role/fidelity', Runtime: 'nodejs20.x', Handler: 'index.handler',
      Code: { ZipFile: zipSync({ 'index.mjs': strToU8(HANDLER) }) }, MemorySize: 256, Timeout: 30,
    }));
    await waitUntilFunctionActiveV2({ client, maxWaitTime: 30 }, { FunctionName: NAME });

    // 1. Synchronous burst against a reservation: each answer is a result or a counted throttle.
    await client.send(new PutFunctionConcurrencyCommand({ FunctionName: NAME, ReservedConcurrentExecutions: reserved }));
    const outcomes = await Promise.all(Array.from({ length: n }, (_, i) =>
      client.send(new InvokeCommand({ FunctionName: NAME, Payload: JSON.stringify({ mark: `sync-${i}`, ms: holdMs }) })).then(
        (r) => (r.FunctionError === undefined ? 'ok' : `error ${r.FunctionError}`),
        (e: { name?: string; Reason?: string }) => `${e.name ?? 'Error'} ${e.Reason ?? ''}`.trim(),
      )));
    const tally = new Map<string, number>();
    for (const o of outcomes) tally.set(o, (tally.get(o) ?? 0) + 1);
    const ok = tally.get('ok') ?? 0;
    const throttled = tally.get('TooManyRequestsException ReservedFunctionConcurrentInvocationLimitExceeded') ?? 0;
    check('sync: every call answered 200 or 429 with its reason', ok + throttled === n, [...tally].map(([k, v]) => `${v} ${k}`).join(', '));
    check('sync: throttles appear past the reservation', throttled > 0 && ok >= reserved, `${ok} ok with reserved concurrency ${reserved}`);
    await client.send(new DeleteFunctionConcurrencyCommand({ FunctionName: NAME }));

    // 2. Asynchronous burst.
    const asyncSent = new Map<string, number>();
    await Promise.all(Array.from({ length: n }, async (_, i) => {
      asyncSent.set(`async-${i}`, Date.now());
      const r = await client.send(new InvokeCommand({ FunctionName: NAME, InvocationType: 'Event', Payload: JSON.stringify({ mark: `async-${i}`, ms: 20 }) }));
      if (r.StatusCode !== 202) throw new Error(`Event invoke answered ${r.StatusCode}`);
    }));

    // 3. EventBridge burst, batches of 10 as PutEvents allows.
    await events.send(new CreateEventBusCommand({ Name: 'fidelity' }));
    const rule = await events.send(new PutRuleCommand({ Name: 'all', EventBusName: 'fidelity', EventPattern: JSON.stringify({ source: ['fidelity'] }) }));
    await events.send(new PutTargetsCommand({ Rule: 'all', EventBusName: 'fidelity', Targets: [{ Id: 'fn', Arn: `arn:aws:lambda:us-east-1:000000000000:function:${NAME}` }] }));
    await client.send(new AddPermissionCommand({ FunctionName: NAME, StatementId: 'events', Action: 'lambda:InvokeFunction', Principal: 'events.amazonaws.com', SourceArn: rule.RuleArn }));
    const ebSent = new Map<string, number>();
    for (let i = 0; i < n; i += 10) {
      const batch = Array.from({ length: Math.min(10, n - i) }, (_, j) => `eb-${i + j}`);
      for (const mark of batch) ebSent.set(mark, Date.now());
      const r = await events.send(new PutEventsCommand({
        Entries: batch.map((mark) => ({ EventBusName: 'fidelity', Source: 'fidelity', DetailType: 'load', Detail: JSON.stringify({ mark }) })),
      }));
      if (r.FailedEntryCount !== 0) throw new Error(`PutEvents failed ${r.FailedEntryCount} entries`);
    }

    // Read everything back the way a client does on AWS.
    const read = async (pattern: string): Promise<string[]> => {
      const out: string[] = [];
      let nextToken: string | undefined;
      do {
        const page = await logs.send(new FilterLogEventsCommand({ logGroupName: `/aws/lambda/${NAME}`, filterPattern: pattern, nextToken }));
        out.push(...(page.events ?? []).map((e) => e.message ?? ''));
        nextToken = page.nextToken;
      } while (nextToken !== undefined);
      return out;
    };
    const receipts = new Map<string, number>();
    for (let attempt = 0; attempt < 1200 && receipts.size < 2 * n + ok; attempt++) {
      receipts.clear();
      for (const line of await read('receivedAt')) {
        const parsed = JSON.parse(line.slice(line.indexOf('{'))) as { receivedAt: number; mark: string };
        receipts.set(parsed.mark, parsed.receivedAt);
      }
      if (receipts.size < 2 * n + ok) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const latencies = (sent: Map<string, number>): Float64Array => sortedCopy([...sent].flatMap(([mark, at]) => {
      const got = receipts.get(mark);
      return got === undefined ? [] : [got - at];
    }));
    const asyncLatency = latencies(asyncSent);
    const ebLatency = latencies(ebSent);
    check('async: every event delivered once', asyncLatency.length === n, `${asyncLatency.length} of ${n}`);
    check('EventBridge: every event delivered once', ebLatency.length === n, `${ebLatency.length} of ${n}`);
    const inits = (await read('INIT_START')).length;
    const coldReports = (await read('REPORT "Init Duration"')).length;
    const reports = (await read('"REPORT RequestId"')).length;
    // Invocations that ran: the synchronous ones answered 200, and every queued attempt that was not throttled.
    const queued = (await (await fetch(`${lambda.endpoint}/_local/async`)).json()) as { events: { attempts: { outcome: string }[] }[] };
    const attempts = queued.events.reduce((sum, e) => sum + e.attempts.filter((a) => a.outcome !== 'throttled').length, 0);
    check('INIT_START lines equal cold REPORT lines', inits === coldReports, `${inits} INIT_START, ${coldReports} REPORT with Init Duration`);
    check('every invocation reported once', reports === ok + attempts, `${reports} REPORT for ${ok} synchronous and ${attempts} queued invocations`);
    const gate = lambda.status().concurrency.startGate;
    process.stdout.write(`starts waiting for an INIT slot (the host's limit, ${gate.limit} at once): ${gate.waited}, longest ${gate.waitMsMax} ms\n`);
    check('log store dropped nothing', lambda.status().logs.droppedEvents === 0, `${lambda.status().logs.events} events stored`);
    const peak = lambda.status().concurrency.peakInFlight;

    for (const c of checks) process.stdout.write(`${c.ok ? 'PASS' : 'FAIL'}  ${c.name}: ${c.detail}\n`);
    process.stdout.write(`peak invocations in flight: ${peak}\n`);
    process.stdout.write('send -> handler receipt, emulated (this host, not AWS), ms: p50 / p90 / p99 / max\n');
    for (const [label, xs] of [['async Invoke', asyncLatency], ['EventBridge', ebLatency]] as const) {
      const q = (p: number): string => (xs.length === 0 ? '-' : String(Math.round(quantileSorted(xs, p))));
      process.stdout.write(`  ${label.padEnd(12)} ${q(0.5)} / ${q(0.9)} / ${q(0.99)} / ${q(1)}\n`);
    }
  } finally {
    for (const c of [client, logs, events]) c.destroy();
    await lambda.close();
  }
  if (checks.some((c) => !c.ok)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`fidelity: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
