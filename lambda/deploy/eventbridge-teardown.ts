/**
 * `npm run teardown`'s EventBridge half: removes what deploy made
 * (eventbridge.ts), and only that: the load bus when it carries the project
 * tag, with every rule on it, their targets and the functions' invoke
 * permissions; and the scheduled rules on the default bus whose name starts
 * with the prefix and that carry the tag. A bus or rule without the tag is
 * left alone and said so. Run before the functions are deleted, so the
 * permissions are removed from functions that still exist.
 */
import {
  DeleteEventBusCommand,
  DeleteRuleCommand,
  ListRulesCommand,
  ListTargetsByRuleCommand,
  RemoveTargetsCommand,
  type EventBridgeClient,
  type Rule,
} from '@aws-sdk/client-eventbridge';
import { RemovePermissionCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { LambdaApiCallError } from '../measure/api-errors.js';
import { controlCall } from './deploy.js';
import { busNameOf, describeBus, LOAD_STATEMENT_ID, SCHEDULE_STATEMENT_ID, tagsOf } from './eventbridge.js';
import { PROJECT_TAG } from './names.js';

/** What teardown did to the EventBridge resources. */
export interface EventBridgeTeardown {
  /** One line per resource removed or left alone. */
  readonly lines: readonly string[];
  /** The closing line: what was removed. */
  readonly summary: string;
  /** Calls that failed (the resource is still there: remove it by hand). */
  readonly failures: readonly string[];
}

const notFound = (error: unknown): boolean => error instanceof LambdaApiCallError && error.failure.errorType === 'ResourceNotFoundException';

async function listRules(events: EventBridgeClient, busName: string, namePrefix: string | undefined): Promise<Rule[]> {
  const rules: Rule[] = [];
  let nextToken: string | undefined;
  do {
    const input = { EventBusName: busName, ...(namePrefix !== undefined ? { NamePrefix: namePrefix } : {}), ...(nextToken ? { NextToken: nextToken } : {}) };
    const page = await controlCall('ListRules', (abortSignal) => events.send(new ListRulesCommand(input), { abortSignal }));
    rules.push(...(page.Rules ?? []));
    nextToken = page.NextToken;
  } while (nextToken);
  return rules;
}

/** Removes the load bus and the scheduled rules of `prefix`; a resource already gone is fine. */
export async function teardownEventBridge(events: EventBridgeClient, lambda: LambdaClient, prefix: string): Promise<EventBridgeTeardown> {
  const lines: string[] = [];
  const failures: string[] = [];
  /** 'absent' when it was already gone (another teardown, or a function deleted first): nothing to count. */
  const attempt = async (what: string, call: (abortSignal: AbortSignal) => Promise<unknown>): Promise<'removed' | 'absent' | 'failed'> => {
    try {
      await controlCall(what.split(' ')[0] as string, call);
      return 'removed';
    } catch (error) {
      if (notFound(error)) return 'absent';
      failures.push(`${what}: ${(error as Error).message}`);
      return 'failed';
    }
  };
  /** Removes a rule's targets, the invoke permission of each target function, then the rule; returns the functions. */
  const removeRule = async (busName: string, rule: string, statementId: string): Promise<number> => {
    const listed = await controlCall('ListTargetsByRule', (abortSignal) => events.send(new ListTargetsByRuleCommand({ Rule: rule, EventBusName: busName }), { abortSignal }));
    const targets = listed.Targets ?? [];
    const ids = targets.flatMap((t) => (t.Id !== undefined ? [t.Id] : []));
    if (ids.length > 0) await attempt(`RemoveTargets ${rule}`, (abortSignal) => events.send(new RemoveTargetsCommand({ Rule: rule, EventBusName: busName, Ids: ids }), { abortSignal }));
    let permissions = 0;
    for (const arn of targets.flatMap((t) => (t.Arn !== undefined ? [t.Arn] : []))) {
      const functionName = arn.split(':').at(-1) as string;
      if ((await attempt(`RemovePermission ${functionName} ${statementId}`, (abortSignal) => lambda.send(new RemovePermissionCommand({ FunctionName: functionName, StatementId: statementId }), { abortSignal }))) === 'removed') permissions += 1;
    }
    if ((await attempt(`DeleteRule ${rule}`, (abortSignal) => events.send(new DeleteRuleCommand({ Name: rule, EventBusName: busName }), { abortSignal }))) !== 'failed') lines.push(`deleted   rule ${rule} (${busName}) with ${ids.length} target(s)`);
    return permissions;
  };

  const removed: string[] = [];
  let permissions = 0;
  const busName = busNameOf(prefix);
  const busArn = await describeBus(events, busName);
  if (busArn !== undefined && !(await tagsOf(events, busArn))) {
    lines.push(`skipped   event bus ${busName}: no ${PROJECT_TAG} tag`);
  } else if (busArn !== undefined) {
    // The bus is the project's: every rule on it is too (DeleteEventBus needs them gone).
    const rules = await listRules(events, busName, undefined);
    for (const rule of rules) if (rule.Name !== undefined) permissions += await removeRule(busName, rule.Name, LOAD_STATEMENT_ID);
    if ((await attempt(`DeleteEventBus ${busName}`, (abortSignal) => events.send(new DeleteEventBusCommand({ Name: busName }), { abortSignal }))) !== 'failed') {
      lines.push(`deleted   event bus ${busName}`);
      removed.push(`event bus ${busName} with ${rules.length} rule(s) and their targets`);
    }
  }
  let scheduled = 0;
  // ListRules takes no empty NamePrefix: without a prefix, every rule of the default bus is listed (the tag still decides).
  for (const rule of await listRules(events, 'default', prefix === '' ? undefined : prefix)) {
    if (rule.Name === undefined || !rule.Name.endsWith('-sched')) continue;
    if (rule.Arn === undefined || !(await tagsOf(events, rule.Arn))) {
      lines.push(`skipped   rule ${rule.Name} (default): no ${PROJECT_TAG} tag`);
      continue;
    }
    permissions += await removeRule('default', rule.Name, SCHEDULE_STATEMENT_ID);
    scheduled += 1;
  }
  if (scheduled > 0) removed.push(`${scheduled} scheduled rule(s) on the default bus with their targets`);
  if (permissions > 0) removed.push(`${permissions} invoke permission(s)`);
  const summary = removed.length > 0
    ? `EventBridge: removed ${removed.join(', ')}`
    : `EventBridge: nothing to remove (no ${busName}${busArn !== undefined ? ' of this project' : ''}, no scheduled rule ${prefix}…-sched)`;
  return { lines, summary: failures.length > 0 ? `${summary}; ${failures.length} call(s) failed (remove by hand): ${failures.join('; ')}` : summary, failures };
}
