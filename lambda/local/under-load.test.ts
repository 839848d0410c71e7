/**
 * The local Lambda under load, driven only through the AWS SDK clients a load
 * generator uses against AWS (Lambda, CloudWatch Logs, EventBridge), one
 * endpoint for all three: account and reserved concurrency with AWS's 429
 * reasons, asynchronous invocations read back from the logs, async retries,
 * and EventBridge rules delivering as asynchronous invocations. Waits are
 * bounded polls for a state, never timed assertions.
 */

import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudWatchLogsClient, FilterLogEventsCommand, type FilteredLogEvent } from '@aws-sdk/client-cloudwatch-logs';
import {
  CreateEventBusCommand, DeleteEventBusCommand, DeleteRuleCommand, EventBridgeClient, ListTagsForResourceCommand,
  PutEventsCommand, PutRuleCommand, PutTargetsCommand, RemoveTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import {
  AddPermissionCommand, CreateFunctionCommand, GetAccountSettingsCommand, InvokeCommand, LambdaClient,
  PutFunctionConcurrencyCommand, PutFunctionEventInvokeConfigCommand, waitUntilFunctionActiveV2,
} from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handlerZip } from './handlers.fixture.js';
import { startLocalLambda } from './server.js';
import type { LocalLambda } from './types.js';

const ROLE = 'arn:aws:iam::000000000000:role/local-test';
const ZIP = handlerZip();
/** Held invocations end when this file exists; in the shared tmpdir, which handlers running as other users can see. */
const RELEASE = join(tmpdir(), `wlb-under-load-release-${process.pid}`);

/** Polls `check` until it returns a value (bounded: a stuck server fails the test instead of hanging it). */
async function until<T>(what: string, check: () => Promise<T | undefined>, tries = 600): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`gave up waiting for ${what}`);
}

async function throttleOf(promise: Promise<unknown>): Promise<{ name: string; status: number | undefined; reason: unknown }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { name: string; $metadata?: { httpStatusCode?: number }; Reason?: unknown; reason?: unknown };
    return { name: e.name, status: e.$metadata?.httpStatusCode, reason: e.Reason ?? e.reason };
  }
  throw new Error('expected a throttle');
}

describe('local Lambda under load, through the Lambda, CloudWatch Logs and EventBridge SDK clients', () => {
  let lambda: LocalLambda;
  let client: LambdaClient;
  let logs: CloudWatchLogsClient;
  let events: EventBridgeClient;

  const deploy = async (name: string, handler: string): Promise<void> => {
    await client.send(new CreateFunctionCommand({
      FunctionName: name, Role: ROLE, Runtime: 'nodejs20.x', Handler: `index.${handler}`, Code: { ZipFile: ZIP }, MemorySize: 256, Timeout: 30,
    }));
    await waitUntilFunctionActiveV2({ client, maxWaitTime: 20 }, { FunctionName: name });
  };

  /** Every event of a function's log group that matches `pattern`, following nextToken as on AWS. */
  const logEvents = async (name: string, pattern: string): Promise<FilteredLogEvent[]> => {
    const found: FilteredLogEvent[] = [];
    let nextToken: string | undefined;
    do {
      const page = await logs.send(new FilterLogEventsCommand({ logGroupName: `/aws/lambda/${name}`, filterPattern: pattern, nextToken }));
      found.push(...(page.events ?? []));
      nextToken = page.nextToken;
    } while (nextToken !== undefined);
    return found;
  };

  beforeAll(async () => {
    // Four concurrent executions: small enough to reach with held invocations on a 2-core host.
    lambda = await startLocalLambda({
      notice: () => undefined, maxConcurrency: 4, maxConcurrencyReason: 'test', runtimeClient: 'fallback', cgroups: 'off',
      asyncDelays: { functionErrorMs: [20, 20] },
    });
    const config = { endpoint: lambda.endpoint, region: 'us-east-1', credentials: lambda.credentials, maxAttempts: 1 };
    client = new LambdaClient(config);
    logs = new CloudWatchLogsClient(config);
    events = new EventBridgeClient(config);
  });

  afterAll(async () => {
    for (const c of [client, logs, events]) c?.destroy();
    await lambda?.close();
    rmSync(RELEASE, { force: true });
  });

  it("throttles with AWS's two reasons: the reservation, then the unreserved pool; a reservation may not empty that pool", async () => {
    const settings = await client.send(new GetAccountSettingsCommand({}));
    expect(settings.AccountLimit).toMatchObject({ ConcurrentExecutions: 4, UnreservedConcurrentExecutions: 4 });
    expect(lambda.status().concurrency).toMatchObject({ accountLimit: 4, accountLimitReason: 'test', minUnreserved: 1 });
    await deploy('reserved', 'hold');
    await deploy('shared', 'hold');
    await client.send(new PutFunctionConcurrencyCommand({ FunctionName: 'reserved', ReservedConcurrentExecutions: 1 }));
    const refused = await throttleOf(client.send(new PutFunctionConcurrencyCommand({ FunctionName: 'shared', ReservedConcurrentExecutions: 3 })));
    expect(refused).toMatchObject({ name: 'InvalidParameterValueException', status: 400 });
    expect((await client.send(new GetAccountSettingsCommand({}))).AccountLimit?.UnreservedConcurrentExecutions).toBe(3);

    const release = RELEASE;
    const hold = (name: string): Promise<{ FunctionError?: string }> => client.send(new InvokeCommand({ FunctionName: name, Payload: JSON.stringify({ release }) }));
    const held = [hold('reserved'), hold('shared'), hold('shared'), hold('shared')];
    await until('four invocations in flight', async () => (lambda.status().concurrency.inFlight === 4 ? true : undefined));
    expect(await throttleOf(hold('reserved'))).toEqual({ name: 'TooManyRequestsException', status: 429, reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' });
    expect(await throttleOf(hold('shared'))).toEqual({ name: 'TooManyRequestsException', status: 429, reason: 'ConcurrentInvocationLimitExceeded' });
    writeFileSync(release, '');
    expect((await Promise.all(held)).map((r) => r.FunctionError)).toEqual([undefined, undefined, undefined, undefined]);
    expect(lambda.status().concurrency.peakInFlight).toBe(4);
    const window = (await (await fetch(`${lambda.endpoint}/_local/concurrency?since=${Date.now() - 600_000}`)).json()) as { emulated: boolean; peak: number };
    expect(window).toMatchObject({ emulated: true, peak: 4 });
    // Nothing lost: every environment that ran logged exactly one INIT_START, and every invocation one REPORT.
    expect(await logEvents('shared', 'INIT_START')).toHaveLength(3);
    expect(await logEvents('shared', 'REPORT')).toHaveLength(3);
    await client.send(new PutFunctionConcurrencyCommand({ FunctionName: 'reserved', ReservedConcurrentExecutions: 0 }));
  });

  it('answers Event with 202 at once and runs it; the receipt time the handler logs is read back through FilterLogEvents', async () => {
    await deploy('receiver', 'receipt');
    const sentAt = Date.now();
    const answer = await client.send(new InvokeCommand({ FunctionName: 'receiver', InvocationType: 'Event', Payload: JSON.stringify({ mark: 'async-1' }) }));
    expect(answer.StatusCode).toBe(202);
    const [line] = await until('the receipt line', async () => {
      const found = await logEvents('receiver', '"async-1"');
      return found.length > 0 ? found : undefined;
    });
    const receipt = JSON.parse((line?.message ?? '').split('\t').at(-1) ?? '{}') as { receivedAt: number };
    expect(receipt.receivedAt).toBeGreaterThanOrEqual(sentAt);
    expect(line?.timestamp).toBeGreaterThanOrEqual(receipt.receivedAt);
    expect(line?.logStreamName).toMatch(/^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
    const record = await until('the event record', async () => {
      const body = (await (await fetch(`${lambda.endpoint}/_local/async?function=receiver`)).json()) as { emulated: boolean; events: { state: string; attempts: { ageMs: number }[] }[] };
      return body.events[0]?.state === 'succeeded' ? body : undefined;
    });
    expect(record.emulated).toBe(true);
    expect(record.events[0]?.attempts).toHaveLength(1);
  });

  it('retries a failing asynchronous event twice (waits shortened for the test), then drops it; a throttled one waits and runs', async () => {
    await deploy('failing', 'boom');
    await client.send(new InvokeCommand({ FunctionName: 'failing', InvocationType: 'Event', Payload: '{}' }));
    const counters = await until('the event dropped', async () => {
      const body = (await (await fetch(`${lambda.endpoint}/_local/async`)).json()) as { counters: Record<string, { dropped: number; retried: number }> };
      return body.counters.failing?.dropped === 1 ? body.counters.failing : undefined;
    });
    expect(counters.retried).toBe(2);
    expect(await logEvents('failing', 'START RequestId')).toHaveLength(3);
    // Reserved concurrency 0 throttles every attempt: the event is kept (backed off), not lost, until the reservation goes.
    await client.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'reserved', MaximumRetryAttempts: 0 }));
    await client.send(new InvokeCommand({ FunctionName: 'reserved', InvocationType: 'Event', Payload: JSON.stringify({ release: RELEASE }) }));
    const throttled = await until('a throttled attempt', async () => {
      const body = (await (await fetch(`${lambda.endpoint}/_local/async?function=reserved`)).json()) as { events: { state: string; attempts: { outcome: string; detail?: string }[] }[] };
      return body.events[0]?.attempts[0]?.outcome === 'throttled' ? body.events[0] : undefined;
    });
    expect(throttled.state).toBe('queued');
    expect(throttled.attempts[0]?.detail).toBe('ReservedFunctionConcurrentInvocationLimitExceeded');
  });

  it('delivers PutEvents to the rule target as an asynchronous invoke once the function allows events.amazonaws.com', async () => {
    const bus = await events.send(new CreateEventBusCommand({ Name: 'bench', Tags: [{ Key: 'project', Value: 'wasm-lambda-bench' }] }));
    expect(bus.EventBusArn).toBe('arn:aws:events:us-east-1:000000000000:event-bus/bench');
    const pattern = { source: ['bench.load'], 'detail-type': [{ prefix: 'Load' }] };
    const rule = await events.send(new PutRuleCommand({ Name: 'to-receiver', EventBusName: 'bench', EventPattern: JSON.stringify(pattern) }));
    expect(rule.RuleArn).toBe('arn:aws:events:us-east-1:000000000000:rule/bench/to-receiver');
    const targets = await events.send(new PutTargetsCommand({
      Rule: 'to-receiver', EventBusName: 'bench',
      Targets: [{ Id: 'fn', Arn: 'arn:aws:lambda:us-east-1:000000000000:function:receiver' }, { Id: 'q', Arn: 'arn:aws:sqs:us-east-1:000000000000:q' }],
    }));
    expect(targets.FailedEntryCount).toBe(1);
    expect(targets.FailedEntries?.[0]?.TargetId).toBe('q');
    const put = (mark: string, detailType: string): Promise<unknown> => events.send(new PutEventsCommand({
      Entries: [{ EventBusName: 'bench', Source: 'bench.load', DetailType: detailType, Detail: JSON.stringify({ mark }) }],
    }));

    // Without the permission deploy gives on AWS, the delivery fails, as it does there.
    await put('eb-denied', 'Load step');
    await until('the failed invocation', async () => {
      const body = (await (await fetch(`${lambda.endpoint}/_local/events`)).json()) as { rules: { rule: string; failedInvocations: number; lastFailure?: string }[] };
      const r = body.rules.find((x) => x.rule === 'to-receiver');
      return r && r.failedInvocations === 1 ? r : undefined;
    });
    await client.send(new AddPermissionCommand({
      FunctionName: 'receiver', StatementId: 'bench-events', Action: 'lambda:InvokeFunction', Principal: 'events.amazonaws.com', SourceArn: rule.RuleArn,
    }));
    const answer = (await put('eb-1', 'Load step')) as { FailedEntryCount: number; Entries: { EventId?: string }[] };
    expect(answer.FailedEntryCount).toBe(0);
    expect(answer.Entries[0]?.EventId).toMatch(/^[0-9a-f-]{36}$/);
    await put('eb-ignored', 'Other');
    const bad = (await events.send(new PutEventsCommand({ Entries: [{ Source: 'bench.load', DetailType: 'Load', Detail: 'not json' }] }))) as { FailedEntryCount: number; Entries: { ErrorCode?: string }[] };
    expect(bad.Entries[0]?.ErrorCode).toBe('MalformedDetail');
    await until('the delivered event', async () => ((await logEvents('receiver', '"eb-1"')).length === 1 ? true : undefined));
    // Delivered events are asynchronous invocations; the one that did not match was never delivered.
    const record = (await (await fetch(`${lambda.endpoint}/_local/async?function=receiver`)).json()) as { events: { source: string }[] };
    expect(record.events.filter((e) => e.source === rule.RuleArn)).toHaveLength(1);
    expect(await logEvents('receiver', '"eb-ignored"')).toHaveLength(0);
    expect(await logEvents('receiver', '"eb-denied"')).toHaveLength(0);
    const tags = await events.send(new ListTagsForResourceCommand({ ResourceARN: bus.EventBusArn }));
    expect(tags.Tags).toEqual([{ Key: 'project', Value: 'wasm-lambda-bench' }]);

    // Teardown as on AWS: targets first, then the rule, then the bus.
    await expect(events.send(new DeleteRuleCommand({ Name: 'to-receiver', EventBusName: 'bench' }))).rejects.toThrow(/has targets/);
    await events.send(new RemoveTargetsCommand({ Rule: 'to-receiver', EventBusName: 'bench', Ids: ['fn'] }));
    await events.send(new DeleteRuleCommand({ Name: 'to-receiver', EventBusName: 'bench' }));
    await events.send(new DeleteEventBusCommand({ Name: 'bench' }));
  });
});
