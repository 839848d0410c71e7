/**
 * The EventBridge operations over buses whose deliveries are recorded (no
 * Lambda): routing by pattern, per-entry PutEvents errors, events on a bus that
 * does not exist (accepted, dropped, counted), targets' Input and InputPath,
 * rule state, and rate schedules on a fake clock.
 */

import { describe, expect, it } from 'vitest';
import { EventBuses } from './event-buses.js';
import { eventsService } from './events-api.js';
import { FakeClock, settle } from './fake-clock.fixture.js';
import { JsonRpcError, type JsonService } from './json-rpc.js';

const FN = 'arn:aws:lambda:us-east-1:000000000000:function:f';

function setup(refuse?: string) {
  const clock = new FakeClock();
  const delivered: { target: string; input: Record<string, unknown>; rule: string }[] = [];
  const buses = new EventBuses('us-east-1', '000000000000', clock, async (target, input, rule) => {
    if (refuse !== undefined) return refuse;
    delivered.push({ target, input: JSON.parse(input.toString()) as Record<string, unknown>, rule });
    return undefined;
  });
  // Deliveries run at once here (the server defers them until PutEvents has answered).
  const api = eventsService(buses, (run) => run());
  return { clock, buses, api, delivered };
}

async function call(api: JsonService, op: string, input: Record<string, unknown>): Promise<Record<string, unknown>> {
  const handler = api.operations[op];
  if (!handler) throw new Error(`no ${op}`);
  return handler(input);
}

async function errorOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof JsonRpcError) return error.type;
    throw error;
  }
  throw new Error('expected an error');
}

describe('local EventBridge', () => {
  it('routes matching events to the target, whole or through InputPath; other entries fail alone with their codes', async () => {
    const { api, buses, delivered } = setup();
    await call(api, 'CreateEventBus', { Name: 'b' });
    await call(api, 'PutRule', { Name: 'r', EventBusName: 'b', EventPattern: JSON.stringify({ source: ['app'], detail: { kind: [{ prefix: 'ord' }] } }) });
    await call(api, 'PutTargets', { Rule: 'r', EventBusName: 'b', Targets: [{ Id: 'whole', Arn: FN }, { Id: 'part', Arn: FN, InputPath: '$.detail' }] });
    const answer = await call(api, 'PutEvents', {
      Entries: [
        { EventBusName: 'b', Source: 'app', DetailType: 't', Detail: '{"kind":"order","n":1}' },
        { EventBusName: 'b', Source: 'app', DetailType: 't', Detail: '{"kind":"refund"}' },
        { EventBusName: 'b', Source: 'aws.ec2', DetailType: 't', Detail: '{}' },
        { EventBusName: 'b', Source: 'app', Detail: '{}' },
        { EventBusName: 'b', Source: 'app', DetailType: 't', Detail: '[1]' },
      ],
    });
    expect(answer.FailedEntryCount).toBe(3);
    expect((answer.Entries as { ErrorCode?: string }[]).map((e) => e.ErrorCode)).toEqual([undefined, undefined, 'NotAuthorizedForSourceException', 'InvalidArgument', 'MalformedDetail']);
    await settle();
    expect(delivered.map((d) => d.input)).toEqual([
      expect.objectContaining({ source: 'app', 'detail-type': 't', account: '000000000000', region: 'us-east-1', detail: { kind: 'order', n: 1 } }),
      { kind: 'order', n: 1 },
    ]);
    expect(delivered[0]?.rule).toBe('arn:aws:events:us-east-1:000000000000:rule/b/r');
    expect(buses.list().find((b) => b.name === 'b')?.rules.get('r')?.counters).toMatchObject({ matchedEvents: 1, invocations: 2, failedInvocations: 0 });
  });

  it('accepts events for a bus that does not exist and drops them, as AWS does, counting them', async () => {
    const { api, buses, delivered } = setup();
    const answer = await call(api, 'PutEvents', { Entries: [{ EventBusName: 'missing', Source: 'app', DetailType: 't', Detail: '{}' }] });
    expect(answer.FailedEntryCount).toBe(0);
    expect(buses.unroutedEvents).toBe(1);
    expect(delivered).toEqual([]);
  });

  it('counts a refused delivery as a failed invocation with its reason', async () => {
    const { api, buses } = setup('no permission');
    await call(api, 'PutRule', { Name: 'r', EventPattern: '{"source":["app"]}' });
    await call(api, 'PutTargets', { Rule: 'r', Targets: [{ Id: 't', Arn: FN }] });
    await call(api, 'PutEvents', { Entries: [{ Source: 'app', DetailType: 't', Detail: '{}' }] });
    await settle();
    expect(buses.bus(undefined).rules.get('r')?.counters).toMatchObject({ matchedEvents: 1, invocations: 0, failedInvocations: 1, lastFailure: 'no permission' });
  });

  it('fires a rate rule every period while enabled, with a Scheduled Event naming the rule', async () => {
    const { api, clock, delivered } = setup();
    await call(api, 'PutRule', { Name: 'tick', ScheduleExpression: 'rate(2 minutes)' });
    await call(api, 'PutTargets', { Rule: 'tick', Targets: [{ Id: 't', Arn: FN, Input: '{"constant":true}' }] });
    await clock.advance(119_999);
    expect(delivered).toHaveLength(0);
    await clock.advance(1);
    expect(delivered.map((d) => d.input)).toEqual([{ constant: true }]);
    await call(api, 'DisableRule', { Name: 'tick' });
    await clock.advance(600_000);
    expect(delivered).toHaveLength(1);
    await call(api, 'EnableRule', { Name: 'tick' });
    await clock.advance(240_000);
    expect(delivered).toHaveLength(3);
    await call(api, 'CreateEventBus', { Name: 'custom' });
    expect(await errorOf(call(api, 'PutRule', { Name: 's', EventBusName: 'custom', ScheduleExpression: 'rate(1 minute)' }))).toBe('ValidationException');
  });

  it('refuses a rate below a minute as AWS does, and cron with the reason', async () => {
    const { api } = setup();
    const refusal = async (expression: string): Promise<string> => {
      try {
        await call(api, 'PutRule', { Name: 'r', ScheduleExpression: expression });
      } catch (error) {
        if (error instanceof JsonRpcError) return `${error.type}: ${error.message}`;
        throw error;
      }
      throw new Error(`${expression} was accepted`);
    };
    expect(await refusal('rate(30 seconds)')).toBe('ValidationException: Parameter ScheduleExpression is not valid.');
    expect(await refusal('rate(0 minutes)')).toBe('ValidationException: Parameter ScheduleExpression is not valid.');
    expect(await refusal('rate(2 minute)')).toBe('ValidationException: Parameter ScheduleExpression is not valid.');
    expect(await refusal('cron(0 12 * * ? *)')).toMatch(/^ValidationException: Parameter ScheduleExpression is not valid\. \(The local EventBridge does not run cron/);
  });

  it('fires rate(1 minute) at the whole minute with the AWS Scheduled Event, whole or through an InputTransformer', async () => {
    const { api, clock, delivered } = setup();
    const { RuleArn } = await call(api, 'PutRule', { Name: 'tick', ScheduleExpression: 'rate(1 minute)' });
    await call(api, 'PutTargets', {
      Rule: 'tick',
      Targets: [
        { Id: 'whole', Arn: FN },
        { Id: 'shaped', Arn: FN, InputTransformer: { InputPathsMap: { time: '$.time', first: '$.resources[0]' }, InputTemplate: '{"input":"x <y>","at":<time>,"said":"at <time> by \\"<aws.events.rule-name>\\"","rule":<first>}' } },
        { Id: 'text', Arn: FN, InputTransformer: { InputPathsMap: { time: '$.time' }, InputTemplate: 'fired at <time>' } },
      ],
    });
    const listed = await call(api, 'ListTargetsByRule', { Rule: 'tick' });
    expect((listed.Targets as { InputTransformer?: unknown }[])[1]?.InputTransformer).toMatchObject({ InputPathsMap: { time: '$.time' } });
    await clock.advance(59_999);
    expect(delivered).toHaveLength(0);
    await clock.advance(1);
    const time = new Date(clock.now()).toISOString().replace('.000Z', 'Z');
    expect(time.endsWith(':01:00Z')).toBe(true);
    expect(delivered.map((d) => d.input)).toEqual([
      expect.objectContaining({ source: 'aws.events', 'detail-type': 'Scheduled Event', time, resources: [RuleArn], detail: {} }),
      { input: 'x <y>', at: time, said: `at ${time} by "tick"`, rule: RuleArn },
      `fired at ${time}`,
    ]);
    await clock.advance(60_000);
    expect(delivered).toHaveLength(6);
  });

  it('refuses an InputTransformer AWS refuses: a template over 8192 characters, an AWS. variable, a path it cannot read', async () => {
    const { api } = setup();
    await call(api, 'PutRule', { Name: 'r', EventPattern: '{"source":["app"]}' });
    const put = (transformer: unknown): Promise<unknown> => call(api, 'PutTargets', { Rule: 'r', Targets: [{ Id: 't', Arn: FN, InputTransformer: transformer }] });
    expect(await errorOf(put({ InputTemplate: `"${'a'.repeat(8191)}"` }))).toBe('ValidationException');
    expect(await errorOf(put({ InputPathsMap: { 'AWS.x': '$.time' }, InputTemplate: '<AWS.x>' }))).toBe('ValidationException');
    expect(await errorOf(put({ InputPathsMap: { x: '$.detail.*' }, InputTemplate: '<x>' }))).toBe('ValidationException');
  });

  it("refuses what AWS refuses: a bad pattern, a duplicate bus, deleting default, a rule that still has targets", async () => {
    const { api } = setup();
    expect(await errorOf(call(api, 'PutRule', { Name: 'r', EventPattern: '{"source":"app"}' }))).toBe('InvalidEventPatternException');
    expect(await errorOf(call(api, 'PutRule', { Name: 'r' }))).toBe('ValidationException');
    expect(await errorOf(call(api, 'CreateEventBus', { Name: 'default' }))).toBe('ResourceAlreadyExistsException');
    expect(await errorOf(call(api, 'DeleteEventBus', { Name: 'default' }))).toBe('ValidationException');
    expect(await errorOf(call(api, 'DescribeEventBus', { Name: 'nope' }))).toBe('ResourceNotFoundException');
    await call(api, 'PutRule', { Name: 'r', EventPattern: '{"source":["app"]}' });
    await call(api, 'PutTargets', { Rule: 'r', Targets: [{ Id: 't', Arn: FN }] });
    expect(await errorOf(call(api, 'DeleteRule', { Name: 'r' }))).toBe('ValidationException');
    const listed = await call(api, 'ListTargetsByRule', { Rule: 'r' });
    expect(listed.Targets).toEqual([{ Id: 't', Arn: FN }]);
    expect(await errorOf(call(api, 'PutEvents', { Entries: Array(11).fill({ Source: 'a', DetailType: 'b', Detail: '{}' }) }))).toBe('ValidationException');
  });
});
