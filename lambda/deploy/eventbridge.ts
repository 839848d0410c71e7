/**
 * The EventBridge resources `npm run deploy` owns beside the functions, and
 * `npm run teardown` removes (eventbridge-teardown.ts):
 *
 * - one custom bus for load events (`<prefix>load-bus`) and, per function, a
 *   rule on it matching the load events meant for it (source and
 *   detail-type), the function as its target, and the resource-policy
 *   statement that lets EventBridge invoke it;
 * - with a schedule (`--schedule "rate(1 minute)"`), per function a scheduled
 *   rule on the default bus (AWS accepts ScheduleExpression only there) whose
 *   target passes the workload's event with the scheduled `time` added by an
 *   InputTransformer, and its own invoke permission.
 *
 * Everything is tagged `wasm-lambda-bench: true` and named with the prefix.
 * Idempotent: each resource is read first and written only when missing or
 * different, so a second deploy reports every resource "unchanged". A bus
 * or rule of the same name without the tag was not made by this project and
 * is left alone (the deploy fails on it, as it does for functions).
 *
 * The bench's load mode calls the same functions when it deploys, and
 * {@link checkEventBridge} when it does not. The same calls run on AWS and
 * on the local Lambda's EventBridge: only endpoint and credentials differ.
 */
import {
  CreateEventBusCommand,
  DescribeEventBusCommand,
  EventBridgeClient,
  ListRulesCommand,
  ListTagsForResourceCommand,
  ListTargetsByRuleCommand,
  PutRuleCommand,
  PutTargetsCommand,
  type Rule,
  type Target,
} from '@aws-sdk/client-eventbridge';
import { AddPermissionCommand, GetFunctionCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { LambdaApiCallError } from '../measure/api-errors.js';
import { EVENT_SOURCE } from '../load/invoker.js';
import { controlCall } from './deploy.js';
import { PROJECT_TAG } from './names.js';
import { CONNECT_TIMEOUT_MS, CONTROL_REQUEST_TIMEOUT_MS, PLACEHOLDER_CREDENTIALS, type LambdaEndpoint } from './endpoint.js';

/** The tag every EventBridge resource of the project carries (the functions' tag). */
export const EVENTBRIDGE_TAG = { Key: PROJECT_TAG, Value: 'true' } as const;
/** Statement ids of the invoke permissions (one per rule kind, so both can coexist on a function). */
export const LOAD_STATEMENT_ID = 'wasm-lambda-bench-load';
export const SCHEDULE_STATEMENT_ID = 'wasm-lambda-bench-schedule';
/** The id of every rule's target (one target per rule). */
export const TARGET_ID = 'function';
/** The load id scheduled events carry; the handler appends the scheduled time's epoch ms (protocol.ts loadIdOf). */
export const SCHEDULE_LOAD_ID = 'scheduled';
/** What the InputTransformer reads from the Scheduled Event. */
export const SCHEDULE_INPUT_PATHS: Readonly<Record<string, string>> = { time: '$.time' };
/** AWS's limit on an InputTemplate's length (characters). */
export const MAX_INPUT_TEMPLATE = 8192;

/** The load bus's name. */
export function busNameOf(prefix: string): string {
  return `${prefix}load-bus`;
}

/** A function's load rule (EventBridge allows 64 characters). */
export function ruleNameOf(functionName: string): string {
  return `${functionName}-load`.slice(0, 64);
}

/** A function's scheduled rule on the default bus. */
export function scheduleRuleNameOf(functionName: string): string {
  return `${functionName}-sched`.slice(0, 64);
}

/** The pattern of a function's load rule: load events whose detail-type names it. */
export function eventPatternOf(functionName: string): string {
  return JSON.stringify({ source: [EVENT_SOURCE], 'detail-type': [functionName] });
}

/**
 * The scheduled target's InputTemplate: the workload's event (encodeEvent's
 * JSON) plus the load id and the Scheduled Event's `time`, so the handler runs
 * the real workload and logs a receipt naming the time it was scheduled for.
 * `<time>` outside quotes: EventBridge inserts the string value as JSON.
 */
export function scheduledInputTemplate(eventJson: string): string {
  return `${eventJson.slice(0, -1)},"loadId":${JSON.stringify(SCHEDULE_LOAD_ID)},"scheduledTime":<time>}`;
}

/** What deploy did to one EventBridge resource. */
export interface ResourceOutcome {
  readonly kind: 'event bus' | 'rule' | 'target' | 'permission' | 'scheduled rule';
  readonly name: string;
  readonly action: 'created' | 'updated' | 'unchanged' | 'skipped';
  /** Why it was skipped. */
  readonly reason?: string;
}

/** One deployed function, and for a schedule the workload event its scheduled rule passes. */
export interface EventBridgeFunction {
  readonly name: string;
  /** encodeEvent's JSON of the workload input (needed with a schedule). */
  readonly eventJson?: string;
}

/** What to ensure: the load bus always; scheduled rules when `schedule` is given. */
export interface EnsureOptions {
  readonly prefix: string;
  /** A ScheduleExpression such as `rate(1 minute)`. */
  readonly schedule?: string;
  /** Ensure the load bus and rules (false: only the scheduled rules). Default true. */
  readonly loadBus?: boolean;
}

/** An API's error type (`ResourceNotFoundException`...), or undefined. */
function errorType(error: unknown): string | undefined {
  return error instanceof LambdaApiCallError ? error.failure.errorType : undefined;
}

/** One EventBridge or Lambda call under the control-plane deadline, failing with the API's name. */
function send<T>(api: string, run: (abortSignal: AbortSignal) => Promise<T>): Promise<T> {
  return controlCall(api, run);
}

const hasTag = (tags: ReadonlyArray<{ Key?: string; Value?: string }> | undefined): boolean =>
  (tags ?? []).some((t) => t.Key === EVENTBRIDGE_TAG.Key && t.Value === EVENTBRIDGE_TAG.Value);

/** Reads a resource's tags (bus or rule). */
export async function tagsOf(events: EventBridgeClient, arn: string): Promise<boolean> {
  const out = await send('ListTagsForResource', (abortSignal) => events.send(new ListTagsForResourceCommand({ ResourceARN: arn }), { abortSignal }));
  return hasTag(out.Tags);
}

/** The bus's ARN, or undefined when there is none. */
export async function describeBus(events: EventBridgeClient, name: string): Promise<string | undefined> {
  try {
    const out = await send('DescribeEventBus', (abortSignal) => events.send(new DescribeEventBusCommand({ Name: name }), { abortSignal }));
    return out.Arn ?? `event-bus/${name}`;
  } catch (error) {
    if (errorType(error) === 'ResourceNotFoundException') return undefined;
    throw error;
  }
}

/** A rule of exactly this name on a bus (ListRules by prefix: DescribeRule would need one more IAM action). */
export async function findRule(events: EventBridgeClient, busName: string, name: string): Promise<Rule | undefined> {
  let nextToken: string | undefined;
  do {
    const page = await send('ListRules', (abortSignal) => events.send(new ListRulesCommand({ EventBusName: busName, NamePrefix: name, ...(nextToken ? { NextToken: nextToken } : {}) }), { abortSignal }));
    const rule = (page.Rules ?? []).find((r) => r.Name === name);
    if (rule) return rule;
    nextToken = page.NextToken;
  } while (nextToken);
  return undefined;
}

/** The rule's target with {@link TARGET_ID}, or undefined. */
export async function findTarget(events: EventBridgeClient, busName: string, rule: string): Promise<Target | undefined> {
  const out = await send('ListTargetsByRule', (abortSignal) => events.send(new ListTargetsByRuleCommand({ Rule: rule, EventBusName: busName }), { abortSignal }));
  return (out.Targets ?? []).find((t) => t.Id === TARGET_ID);
}

/** Creates the bus when absent; refuses one that exists without the project tag. */
async function ensureBus(events: EventBridgeClient, name: string): Promise<ResourceOutcome> {
  const arn = await describeBus(events, name);
  if (arn !== undefined) {
    if (!(await tagsOf(events, arn))) throw new Error(`an event bus named ${name} exists without the ${PROJECT_TAG} tag: not created by this project, so it is left alone (use another --prefix)`);
    return { kind: 'event bus', name, action: 'unchanged' };
  }
  await send('CreateEventBus', (abortSignal) => events.send(new CreateEventBusCommand({ Name: name, Tags: [EVENTBRIDGE_TAG] }), { abortSignal }));
  return { kind: 'event bus', name, action: 'created' };
}

const samePattern = (a: string | undefined, b: string | undefined): boolean => {
  if (a === undefined || b === undefined) return a === b;
  try {
    return JSON.stringify(JSON.parse(a)) === JSON.stringify(JSON.parse(b));
  } catch {
    return a === b;
  }
};

/** Creates or corrects one rule; returns its ARN and what was done. */
async function ensureRule(
  events: EventBridgeClient,
  busName: string,
  name: string,
  kind: 'rule' | 'scheduled rule',
  shape: { readonly EventPattern?: string; readonly ScheduleExpression?: string },
): Promise<{ arn: string; outcome: ResourceOutcome }> {
  const existing = await findRule(events, busName, name);
  if (existing?.Arn !== undefined && !(await tagsOf(events, existing.Arn))) {
    throw new Error(`a rule named ${name} exists on ${busName} without the ${PROJECT_TAG} tag: not created by this project, so it is left alone (use another --prefix)`);
  }
  const same = existing !== undefined && existing.State === 'ENABLED' && samePattern(existing.EventPattern, shape.EventPattern) && existing.ScheduleExpression === shape.ScheduleExpression;
  if (same && existing.Arn !== undefined) return { arn: existing.Arn, outcome: { kind, name, action: 'unchanged' } };
  // Tags only on creation: an existing rule already carries them (checked above), and PutRule does not change a rule's tags.
  const tags = existing === undefined ? { Tags: [EVENTBRIDGE_TAG] } : {};
  const put = await send('PutRule', (abortSignal) => events.send(new PutRuleCommand({ Name: name, EventBusName: busName, ...shape, State: 'ENABLED', ...tags }), { abortSignal }));
  if (put.RuleArn === undefined) throw new Error(`PutRule ${name} returned no RuleArn`);
  return { arn: put.RuleArn, outcome: { kind, name, action: existing ? 'updated' : 'created' } };
}

/** Puts the rule's one target when absent or different. */
async function ensureTarget(events: EventBridgeClient, busName: string, rule: string, target: Target): Promise<ResourceOutcome> {
  const existing = await findTarget(events, busName, rule);
  const same = existing !== undefined && existing.Arn === target.Arn && existing.Input === target.Input &&
    existing.InputTransformer?.InputTemplate === target.InputTransformer?.InputTemplate &&
    JSON.stringify(existing.InputTransformer?.InputPathsMap ?? null) === JSON.stringify(target.InputTransformer?.InputPathsMap ?? null);
  if (same) return { kind: 'target', name: `${rule} → ${target.Arn?.split(':').pop() ?? ''}`, action: 'unchanged' };
  const out = await send('PutTargets', (abortSignal) => events.send(new PutTargetsCommand({ Rule: rule, EventBusName: busName, Targets: [target] }), { abortSignal }));
  const failed = out.FailedEntries?.[0];
  if ((out.FailedEntryCount ?? 0) > 0) throw new Error(`PutTargets ${rule} → ${failed?.ErrorCode ?? 'failed'}: ${failed?.ErrorMessage ?? ''}`);
  return { kind: 'target', name: `${rule} → ${target.Arn?.split(':').pop() ?? ''}`, action: existing ? 'updated' : 'created' };
}

/**
 * Lets EventBridge invoke the function for the rule. A statement of the same
 * id already there is taken as this one (the rule's ARN follows from names
 * that do not change; reading the policy back would need lambda:GetPolicy).
 */
async function ensurePermission(lambda: LambdaClient, functionName: string, statementId: string, ruleArn: string): Promise<ResourceOutcome> {
  try {
    await send('AddPermission', (abortSignal) => lambda.send(
      new AddPermissionCommand({ FunctionName: functionName, StatementId: statementId, Action: 'lambda:InvokeFunction', Principal: 'events.amazonaws.com', SourceArn: ruleArn }),
      { abortSignal },
    ));
    return { kind: 'permission', name: `${functionName} ${statementId}`, action: 'created' };
  } catch (error) {
    if (errorType(error) === 'ResourceConflictException') return { kind: 'permission', name: `${functionName} ${statementId}`, action: 'unchanged' };
    throw error;
  }
}

async function functionArn(lambda: LambdaClient, name: string): Promise<string> {
  const got = await send('GetFunction', (abortSignal) => lambda.send(new GetFunctionCommand({ FunctionName: name }), { abortSignal }));
  const arn = got.Configuration?.FunctionArn;
  if (arn === undefined) throw new Error(`GetFunction ${name} returned no FunctionArn`);
  return arn;
}

/**
 * Ensures the load bus with a rule, target and permission per function and,
 * with a schedule, each function's scheduled rule. Returns one outcome per
 * resource, in order; `onOutcome` sees each as it is settled. Throws on the
 * first failure (the caller prints it: deploy fails, the bench skips the path).
 */
export async function ensureEventBridge(
  events: EventBridgeClient,
  lambda: LambdaClient,
  functions: readonly EventBridgeFunction[],
  options: EnsureOptions,
  onOutcome: (outcome: ResourceOutcome) => void = () => {},
): Promise<ResourceOutcome[]> {
  const outcomes: ResourceOutcome[] = [];
  const note = (outcome: ResourceOutcome): void => {
    outcomes.push(outcome);
    onOutcome(outcome);
  };
  const busName = busNameOf(options.prefix);
  if (options.loadBus !== false) note(await ensureBus(events, busName));
  for (const fn of functions) {
    const arn = await functionArn(lambda, fn.name);
    if (options.loadBus !== false) {
      const rule = await ensureRule(events, busName, ruleNameOf(fn.name), 'rule', { EventPattern: eventPatternOf(fn.name) });
      note(rule.outcome);
      note(await ensureTarget(events, busName, ruleNameOf(fn.name), { Id: TARGET_ID, Arn: arn }));
      note(await ensurePermission(lambda, fn.name, LOAD_STATEMENT_ID, rule.arn));
    }
    if (options.schedule !== undefined) {
      const name = scheduleRuleNameOf(fn.name);
      const template = fn.eventJson === undefined ? undefined : scheduledInputTemplate(fn.eventJson);
      if (template === undefined || template.length > MAX_INPUT_TEMPLATE) {
        const reason = template === undefined
          ? 'no workload event to pass'
          : `its event is ${template.length} characters, over the ${MAX_INPUT_TEMPLATE} an InputTemplate may hold`;
        note({ kind: 'scheduled rule', name, action: 'skipped', reason });
        continue;
      }
      const rule = await ensureRule(events, 'default', name, 'scheduled rule', { ScheduleExpression: options.schedule });
      note(rule.outcome);
      note(await ensureTarget(events, 'default', name, { Id: TARGET_ID, Arn: arn, InputTransformer: { InputPathsMap: { ...SCHEDULE_INPUT_PATHS }, InputTemplate: template } }));
      note(await ensurePermission(lambda, fn.name, SCHEDULE_STATEMENT_ID, rule.arn));
    }
  }
  return outcomes;
}

/** Counts of outcomes by action, for the closing line. */
export function countOutcomes(outcomes: readonly ResourceOutcome[]): Record<ResourceOutcome['action'], number> {
  const counts = { created: 0, updated: 0, unchanged: 0, skipped: 0 };
  for (const o of outcomes) counts[o.action] += 1;
  return counts;
}

/**
 * For a run that does not deploy (`--no-deploy`): whether what the load path
 * needs for one function exists (the bus, the function's rule with its
 * target; for a schedule, the scheduled rule with that expression and a
 * target passing `eventJson`). Undefined when it does, else what is missing.
 * The invoke permission is not checked (that would need lambda:GetPolicy):
 * without it the events are accepted and never delivered, and read as lost.
 */
export async function checkEventBridge(
  events: EventBridgeClient,
  prefix: string,
  functionName: string,
  want: { readonly schedule?: string; readonly eventJson?: string } = {},
): Promise<string | undefined> {
  if (want.schedule === undefined) {
    const busName = busNameOf(prefix);
    if ((await describeBus(events, busName)) === undefined) return `event bus ${busName} does not exist`;
    const rule = ruleNameOf(functionName);
    if ((await findRule(events, busName, rule)) === undefined) return `rule ${rule} does not exist on ${busName}`;
    if ((await findTarget(events, busName, rule)) === undefined) return `rule ${rule} has no target`;
    return undefined;
  }
  const name = scheduleRuleNameOf(functionName);
  const rule = await findRule(events, 'default', name);
  if (rule === undefined) return `scheduled rule ${name} does not exist on the default bus`;
  if (rule.ScheduleExpression !== want.schedule) return `scheduled rule ${name} runs ${rule.ScheduleExpression ?? 'no schedule'}, not ${want.schedule}`;
  const target = await findTarget(events, 'default', name);
  if (target === undefined) return `scheduled rule ${name} has no target`;
  if (want.eventJson !== undefined && target.InputTransformer?.InputTemplate !== scheduledInputTemplate(want.eventJson)) {
    return `scheduled rule ${name} passes another input than this run's (deploy makes it from the small size and seed 1)`;
  }
  return undefined;
}

/**
 * The control-plane EventBridge client for an endpoint: the same retries and
 * timeouts as the Lambda control client (endpoint.ts); on AWS the standard
 * credential chain, elsewhere the endpoint's URL and credentials.
 */
export function eventBridgeClient(endpoint: LambdaEndpoint): EventBridgeClient {
  return new EventBridgeClient({
    region: endpoint.region,
    maxAttempts: 3,
    requestHandler: { connectionTimeout: CONNECT_TIMEOUT_MS, requestTimeout: CONTROL_REQUEST_TIMEOUT_MS, throwOnRequestTimeout: true, socketTimeout: CONTROL_REQUEST_TIMEOUT_MS },
    ...(endpoint.kind === 'aws' ? {} : { endpoint: endpoint.url, credentials: endpoint.credentials ?? PLACEHOLDER_CREDENTIALS }),
  });
}
