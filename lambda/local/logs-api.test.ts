/**
 * The CloudWatch Logs operations over a store filled by hand: FilterLogEvents
 * (pattern, time bounds, streams, paging that the caller must follow), the
 * errors AWS answers with, GetLogEvents' tokens and DescribeLogStreams' order.
 */

import { describe, expect, it } from 'vitest';
import { JsonRpcError, type JsonService } from './json-rpc.js';
import { LogStore } from './log-store.js';
import { logsService } from './logs-api.js';

function setup(): { store: LogStore; logs: JsonService; setNow: (t: number) => void } {
  let now = 1000;
  const store = new LogStore(() => now);
  return { store, logs: logsService(store, 'us-east-1', '000000000000'), setNow: (t) => { now = t; } };
}

async function call(service: JsonService, op: string, input: Record<string, unknown>): Promise<Record<string, unknown>> {
  const handler = service.operations[op];
  if (!handler) throw new Error(`no ${op}`);
  return handler(input);
}

async function failure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof JsonRpcError) return `${error.type}: ${error.message}`;
    throw error;
  }
  throw new Error('expected an error');
}

describe('CloudWatch Logs API', () => {
  it('filters by pattern, time and stream, and pages with nextToken until every event is read', async () => {
    const { store, logs, setNow } = setup();
    for (let i = 0; i < 25; i++) {
      setNow(1000 + i);
      store.append('/aws/lambda/f', i % 2 === 0 ? 'even' : 'odd', `line ${i}${i % 5 === 0 ? ' INIT_START' : ''}\n`);
    }
    const first = await call(logs, 'FilterLogEvents', { logGroupName: '/aws/lambda/f', limit: 10 });
    expect((first.events as unknown[]).length).toBe(10);
    let messages = (first.events as { message: string }[]).map((e) => e.message);
    let token = first.nextToken as string | undefined;
    while (token !== undefined) {
      const page = await call(logs, 'FilterLogEvents', { logGroupName: '/aws/lambda/f', limit: 10, nextToken: token });
      messages = messages.concat((page.events as { message: string }[]).map((e) => e.message));
      token = page.nextToken as string | undefined;
    }
    expect(messages).toHaveLength(25);
    expect(messages[24]).toBe('line 24\n');
    const inits = await call(logs, 'FilterLogEvents', { logGroupIdentifier: 'arn:aws:logs:us-east-1:000000000000:log-group:/aws/lambda/f', filterPattern: 'INIT_START' });
    expect((inits.events as unknown[]).length).toBe(5);
    const window = await call(logs, 'FilterLogEvents', { logGroupName: '/aws/lambda/f', startTime: 1010, endTime: 1012, logStreamNames: ['even'] });
    expect((window.events as { message: string; logStreamName: string; eventId: string }[]).map((e) => [e.message, e.logStreamName])).toEqual([
      ['line 10 INIT_START\n', 'even'], ['line 12\n', 'even'],
    ]);
    expect((window.events as { eventId: string }[])[0]?.eventId).toMatch(/^\d{56}$/);
  });

  it("answers AWS's errors: no such group, both name and identifier, a bad token or pattern", async () => {
    const { store, logs } = setup();
    store.append('g', 's', 'x\n');
    expect(await failure(call(logs, 'FilterLogEvents', { logGroupName: 'nope' }))).toBe('ResourceNotFoundException: The specified log group does not exist.');
    expect(await failure(call(logs, 'FilterLogEvents', { logGroupName: 'g', logGroupIdentifier: 'g' }))).toMatch(/^InvalidParameterException/);
    expect(await failure(call(logs, 'FilterLogEvents', { logGroupName: 'g', nextToken: 'garbage' }))).toBe('InvalidParameterException: The specified nextToken is invalid.');
    expect(await failure(call(logs, 'FilterLogEvents', { logGroupName: 'g', filterPattern: '[a, b]' }))).toMatch(/^InvalidParameterException/);
    expect(await failure(call(logs, 'FilterLogEvents', { logGroupName: 'g', limit: 0 }))).toMatch(/^InvalidParameterException/);
  });

  it('reads one stream with GetLogEvents (the forward token comes back unchanged at the end) and orders streams by last event', async () => {
    const { store, logs, setNow } = setup();
    store.append('g', 'a', '1\n2\n3\n');
    setNow(2000);
    store.append('g', 'b', 'b1\n');
    const head = await call(logs, 'GetLogEvents', { logGroupName: 'g', logStreamName: 'a', startFromHead: true, limit: 2 });
    expect((head.events as { message: string }[]).map((e) => e.message)).toEqual(['1\n', '2\n']);
    const rest = await call(logs, 'GetLogEvents', { logGroupName: 'g', logStreamName: 'a', nextToken: head.nextForwardToken, limit: 2 });
    expect((rest.events as { message: string }[]).map((e) => e.message)).toEqual(['3\n']);
    const end = await call(logs, 'GetLogEvents', { logGroupName: 'g', logStreamName: 'a', nextToken: rest.nextForwardToken });
    expect(end.events).toEqual([]);
    expect(end.nextForwardToken).toBe(rest.nextForwardToken);
    const latest = await call(logs, 'DescribeLogStreams', { logGroupName: 'g', orderBy: 'LastEventTime', descending: true, limit: 1 });
    expect((latest.logStreams as { logStreamName: string }[])[0]?.logStreamName).toBe('b');
    expect(latest.nextToken).toBeDefined();
    const groups = await call(logs, 'DescribeLogGroups', { logGroupNamePrefix: 'g' });
    expect((groups.logGroups as { logGroupName: string }[]).map((g) => g.logGroupName)).toEqual(['g']);
    await call(logs, 'DeleteLogGroup', { logGroupName: 'g' });
    expect(await failure(call(logs, 'DeleteLogGroup', { logGroupName: 'g' }))).toMatch(/^ResourceNotFoundException/);
  });
});
