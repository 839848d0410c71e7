/**
 * The EventBridge path's resources: one custom bus for the run and, per
 * function, a rule matching the load events meant for it (source and
 * detail-type) with the function as its target, and the resource policy
 * statement that lets EventBridge invoke it (the local Lambda checks it too). Everything is tagged
 * `wasm-lambda-bench: true` and named with the function prefix, and removed
 * again after the path was measured (also when the run is interrupted).
 * The same calls create them on AWS and on the local Lambda's EventBridge.
 */
import {
  CreateEventBusCommand,
  DeleteEventBusCommand,
  DeleteRuleCommand,
  DescribeEventBusCommand,
  ListRulesCommand,
  ListTagsForResourceCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
  type EventBridgeClient,
} from '@aws-sdk/client-eventbridge';
import { AddPermissionCommand, GetFunctionCommand, RemovePermissionCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { EVENT_SOURCE } from './invoker.js';

/** The tag every load resource carries (the same as the functions'). */
export const LOAD_TAG = { Key: 'wasm-lambda-bench', Value: 'true' } as const;

/** The run's bus name. */
export function busNameOf(prefix: string): string {
  return `${prefix}load-bus`;
}

/** A function's rule name (EventBridge allows 64 characters). */
export function ruleNameOf(functionName: string): string {
  return `${functionName}-load`.slice(0, 64);
}

/** The pattern of a function's rule: load events whose detail-type names it. */
export function eventPatternOf(functionName: string): string {
  return JSON.stringify({ source: [EVENT_SOURCE], 'detail-type': [functionName] });
}

const STATEMENT_ID = 'wasm-lambda-bench-load';

function named(error: unknown, ...names: string[]): boolean {
  return names.includes(String((error as { name?: unknown }).name));
}

/** What was created, for {@link removeBus}. */
export interface BusResources {
  readonly busName: string;
  readonly rules: ReadonlyArray<{ readonly rule: string; readonly functionName: string }>;
  /** Whether invoke permissions were added. */
  readonly permissions: boolean;
}

/**
 * Creates the bus, the rules, their targets and the invoke permissions.
 * Existing ones (a run interrupted before removing them) are reused.
 */
export async function createBus(events: EventBridgeClient, lambda: LambdaClient, busName: string, functionNames: readonly string[]): Promise<BusResources> {
  try {
    await events.send(new CreateEventBusCommand({ Name: busName, Tags: [LOAD_TAG] }));
  } catch (error) {
    if (!named(error, 'ResourceAlreadyExistsException')) throw error;
  }
  const rules: Array<{ rule: string; functionName: string }> = [];
  for (const functionName of functionNames) {
    const got = await lambda.send(new GetFunctionCommand({ FunctionName: functionName }));
    const arn = got.Configuration?.FunctionArn;
    if (arn === undefined) throw new Error(`GetFunction ${functionName} returned no FunctionArn`);
    const rule = ruleNameOf(functionName);
    const put = await events.send(new PutRuleCommand({ Name: rule, EventBusName: busName, EventPattern: eventPatternOf(functionName), State: 'ENABLED', Tags: [LOAD_TAG] }));
    await events.send(new PutTargetsCommand({ Rule: rule, EventBusName: busName, Targets: [{ Id: 'function', Arn: arn }] }));
    rules.push({ rule, functionName });
    try {
      await lambda.send(
        new AddPermissionCommand({ FunctionName: functionName, StatementId: STATEMENT_ID, Action: 'lambda:InvokeFunction', Principal: 'events.amazonaws.com', SourceArn: put.RuleArn }),
      );
    } catch (error) {
      if (!named(error, 'ResourceConflictException')) throw error;
    }
  }
  return { busName, rules, permissions: true };
}

/** Removes what createBus made; a resource already gone is fine. Returns one line per failure. */
export async function removeBus(events: EventBridgeClient, lambda: LambdaClient, resources: BusResources): Promise<string[]> {
  const failures: string[] = [];
  const attempt = async (what: string, call: () => Promise<unknown>): Promise<void> => {
    try {
      await call();
    } catch (error) {
      if (!named(error, 'ResourceNotFoundException')) failures.push(`${what}: ${(error as Error).message}`);
    }
  };
  for (const { rule, functionName } of resources.rules) {
    await attempt(`RemoveTargets ${rule}`, () => events.send(new RemoveTargetsCommand({ Rule: rule, EventBusName: resources.busName, Ids: ['function'] })));
    await attempt(`DeleteRule ${rule}`, () => events.send(new DeleteRuleCommand({ Name: rule, EventBusName: resources.busName })));
    if (resources.permissions) await attempt(`RemovePermission ${functionName}`, () => lambda.send(new RemovePermissionCommand({ FunctionName: functionName, StatementId: STATEMENT_ID })));
  }
  await attempt(`DeleteEventBus ${resources.busName}`, () => events.send(new DeleteEventBusCommand({ Name: resources.busName })));
  return failures;
}

/**
 * `npm run teardown`: removes the load bus a run left behind (interrupted
 * before its own cleanup), with its rules, targets and invoke permissions,
 * if it carries the project tag; a bus without it is left alone. Returns
 * what it did, in one line, or undefined when there was no such bus.
 */
export async function teardownBus(events: EventBridgeClient, lambda: LambdaClient, prefix: string): Promise<string | undefined> {
  const busName = busNameOf(prefix);
  let arn: string | undefined;
  try {
    arn = (await events.send(new DescribeEventBusCommand({ Name: busName }))).Arn;
  } catch (error) {
    if (named(error, 'ResourceNotFoundException')) return undefined;
    throw error;
  }
  const tags = arn ? ((await events.send(new ListTagsForResourceCommand({ ResourceARN: arn }))).Tags ?? []) : [];
  if (!tags.some((t) => t.Key === LOAD_TAG.Key && t.Value === LOAD_TAG.Value)) return `left ${busName} alone: no ${LOAD_TAG.Key} tag`;
  const rules: Array<{ rule: string; functionName: string }> = [];
  let nextToken: string | undefined;
  do {
    const page = await events.send(new ListRulesCommand({ EventBusName: busName, ...(nextToken ? { NextToken: nextToken } : {}) }));
    for (const rule of page.Rules ?? []) if (rule.Name?.startsWith(prefix)) rules.push({ rule: rule.Name, functionName: rule.Name.replace(/-load$/, '') });
    nextToken = page.NextToken;
  } while (nextToken);
  const failures = await removeBus(events, lambda, { busName, rules, permissions: true });
  return failures.length === 0 ? `deleted ${busName} and its ${rules.length} rule(s)` : `could not remove all of ${busName}: ${failures.join('; ')}`;
}
