/**
 * The EventBridge operations `@aws-sdk/client-eventbridge` speaks, over
 * {@link EventBuses}: PutEvents, Create/Delete/Describe/ListEventBuses,
 * PutRule, DeleteRule, DescribeRule, ListRules, Enable/DisableRule,
 * PutTargets (Input, InputPath, InputTransformer), RemoveTargets,
 * ListTargetsByRule, TagResource, UntagResource, ListTagsForResource;
 * PutRule takes an EventPattern or a rate(...) ScheduleExpression
 * (event-schedule.ts). Requests are checked as AWS checks them (per entry for
 * PutEvents and PutTargets, with AWS's error codes); matched events are
 * delivered after the answer is written, as EventBridge delivers after
 * accepting them.
 */

import { randomUUID } from 'node:crypto';
import type { EventBuses, Rule, Target } from './event-buses.js';
import { checkInputTransformer, isSupportedPath } from './event-target-input.js';
import { decodeToken, encodeToken, int, JsonRpcError, str, strings, type JsonService } from './json-rpc.js';

/** Entries per PutEvents call and targets per PutTargets call. */
const MAX_ENTRIES = 10;
/** Total size of one PutEvents call's entries (AWS's formula), 1 MB since January 2026 (256 KB before). */
export const MAX_PUT_EVENTS_BYTES = 1_048_576;
/** Targets one rule may have. */
const MAX_TARGETS_PER_RULE = 5;
const NAME = /^[.\-_A-Za-z0-9]{1,64}$/;
const BUS_NAME = /^[.\-_A-Za-z0-9]{1,256}$/;
const V = 'ValidationException';

/** The EventBridge service over `buses`; `later` runs deliveries after the answer (setImmediate). */
export function eventsService(buses: EventBuses, later: (run: () => void) => void = setImmediate): JsonService {
  const busOf = (input: Record<string, unknown>): ReturnType<EventBuses['bus']> => buses.bus(str(input, 'EventBusName', V));
  const ruleOf = (input: Record<string, unknown>, key = 'Name'): { bus: ReturnType<EventBuses['bus']>; rule: Rule } => {
    const bus = busOf(input);
    return { bus, rule: buses.rule(bus, str(input, key, V)) };
  };
  return {
    prefix: 'AWSEvents',
    operations: {
      PutEvents: (input) => putEvents(buses, input, later),
      CreateEventBus: (input) => {
        const name = str(input, 'Name', V);
        if (name === undefined || !BUS_NAME.test(name)) throw new JsonRpcError(V, `Event bus name ${String(name)} is not valid.`);
        if (str(input, 'EventSourceName', V) !== undefined) throw new JsonRpcError(V, 'Partner event buses are not supported by the local EventBridge.');
        const bus = buses.create(name, str(input, 'Description', V));
        for (const [key, value] of readTags(input.Tags)) bus.tags.set(key, value);
        return { EventBusArn: bus.arn, ...(bus.description === undefined ? {} : { Description: bus.description }) };
      },
      DeleteEventBus: (input) => {
        buses.delete(str(input, 'Name', V) ?? '');
        return {};
      },
      DescribeEventBus: (input) => {
        const bus = buses.bus(str(input, 'Name', V));
        return { Name: bus.name, Arn: bus.arn, ...(bus.description === undefined ? {} : { Description: bus.description }), CreationTime: bus.creationTime, LastModifiedTime: bus.creationTime };
      },
      ListEventBuses: (input) => page(
        buses.list().filter((b) => b.name.startsWith(str(input, 'NamePrefix', V) ?? '')), input, 'buses', 'EventBuses',
        (b) => ({ Name: b.name, Arn: b.arn, CreationTime: b.creationTime, LastModifiedTime: b.creationTime }),
      ),
      PutRule: (input) => {
        const bus = busOf(input);
        const name = str(input, 'Name', V);
        if (name === undefined || !NAME.test(name)) throw new JsonRpcError(V, `Rule name ${String(name)} is not valid.`);
        const eventPattern = str(input, 'EventPattern', V);
        const scheduleExpression = str(input, 'ScheduleExpression', V);
        if (eventPattern === undefined && scheduleExpression === undefined) {
          throw new JsonRpcError(V, 'Parameter(s) EventPattern or ScheduleExpression must be specified.');
        }
        const state = str(input, 'State', V) ?? 'ENABLED';
        if (state !== 'ENABLED' && state !== 'DISABLED') throw new JsonRpcError(V, `State ${state} is not supported by the local EventBridge.`);
        const rule = buses.putRule(bus, name, {
          ...(eventPattern === undefined ? {} : { eventPattern }),
          ...(scheduleExpression === undefined ? {} : { scheduleExpression }),
          state, tags: readTags(input.Tags),
          ...optional('description', str(input, 'Description', V)), ...optional('roleArn', str(input, 'RoleArn', V)),
        });
        return { RuleArn: rule.arn };
      },
      DeleteRule: (input) => {
        const { bus, rule } = ruleOf(input);
        buses.deleteRule(bus, rule, input.Force === true);
        return {};
      },
      DescribeRule: (input) => describeRule(ruleOf(input).rule),
      ListRules: (input) => {
        const prefix = str(input, 'NamePrefix', V) ?? '';
        const rules = [...busOf(input).rules.values()].filter((r) => r.name.startsWith(prefix)).sort((a, b) => (a.name < b.name ? -1 : 1));
        return page(rules, input, 'rules', 'Rules', describeRule);
      },
      EnableRule: (input) => {
        buses.setState(ruleOf(input).rule, 'ENABLED');
        return {};
      },
      DisableRule: (input) => {
        buses.setState(ruleOf(input).rule, 'DISABLED');
        return {};
      },
      PutTargets: (input) => putTargets(ruleOf(input, 'Rule').rule, input),
      RemoveTargets: (input) => {
        const { rule } = ruleOf(input, 'Rule');
        const ids = strings(input, 'Ids', V);
        if (ids === undefined || ids.length === 0 || ids.length > MAX_ENTRIES) throw new JsonRpcError(V, 'Ids must hold 1 to 10 target ids.');
        for (const id of ids) rule.targets.delete(id);
        return { FailedEntryCount: 0, FailedEntries: [] };
      },
      ListTargetsByRule: (input) => page([...ruleOf(input, 'Rule').rule.targets.values()], input, 'targets', 'Targets', (t) => ({ ...t })),
      TagResource: (input) => {
        const resource = buses.resource(str(input, 'ResourceARN', V) ?? '');
        for (const [key, value] of readTags(input.Tags)) resource.tags.set(key, value);
        return {};
      },
      UntagResource: (input) => {
        const resource = buses.resource(str(input, 'ResourceARN', V) ?? '');
        for (const key of strings(input, 'TagKeys', V) ?? []) resource.tags.delete(key);
        return {};
      },
      ListTagsForResource: (input) => {
        const resource = buses.resource(str(input, 'ResourceARN', V) ?? '');
        return { Tags: [...resource.tags].map(([Key, Value]) => ({ Key, Value })) };
      },
    },
  };
}

/**
 * PutEvents: each entry is checked on its own (a bad entry fails alone, with AWS's ErrorCode), each good
 * one gets an EventId and is routed after the answer is written.
 */
function putEvents(buses: EventBuses, input: Record<string, unknown>, later: (run: () => void) => void): Record<string, unknown> {
  const entries = input.Entries;
  if (!Array.isArray(entries) || entries.length === 0 || entries.length > MAX_ENTRIES) {
    throw new JsonRpcError(V, `1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length between 1 and ${MAX_ENTRIES}`);
  }
  let size = 0;
  for (const entry of entries as Record<string, unknown>[]) size += entrySize(entry);
  if (size > MAX_PUT_EVENTS_BYTES) throw new JsonRpcError(V, 'Total size of the entries in the request is over the limit.');
  const results: Record<string, unknown>[] = [];
  const accepted: { bus: string | undefined; event: Record<string, unknown> }[] = [];
  for (const raw of entries as unknown[]) {
    const entry = (raw !== null && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
    const failure = checkEntry(entry);
    if (failure) {
      results.push(failure);
      continue;
    }
    const id = randomUUID();
    const time = typeof entry.Time === 'number' ? new Date(entry.Time * 1000) : new Date();
    const event = {
      version: '0', id, 'detail-type': entry.DetailType, source: entry.Source, account: buses.accountId,
      time: time.toISOString().replace(/\.\d{3}Z$/, 'Z'), region: buses.region,
      resources: Array.isArray(entry.Resources) ? entry.Resources : [], detail: JSON.parse(entry.Detail as string) as unknown,
    };
    accepted.push({ bus: typeof entry.EventBusName === 'string' ? entry.EventBusName : undefined, event });
    results.push({ EventId: id });
  }
  if (accepted.length > 0) later(() => { for (const { bus, event } of accepted) buses.route(bus, event); });
  return { FailedEntryCount: results.filter((r) => r.ErrorCode !== undefined).length, Entries: results };
}

/** AWS's per-entry checks and error codes. */
function checkEntry(entry: Record<string, unknown>): Record<string, unknown> | undefined {
  const invalid = (field: string, reason: string): Record<string, unknown> => ({
    ErrorCode: 'InvalidArgument', ErrorMessage: `Parameter ${field} is not valid. Reason: ${reason}`,
  });
  if (typeof entry.Source !== 'string' || entry.Source === '') return invalid('Source', 'Source is a required argument.');
  if (entry.Source.startsWith('aws.')) return { ErrorCode: 'NotAuthorizedForSourceException', ErrorMessage: 'Not authorized for the source.' };
  if (typeof entry.DetailType !== 'string' || entry.DetailType === '') return invalid('DetailType', 'DetailType is a required argument.');
  if (typeof entry.Detail !== 'string' || entry.Detail === '') return invalid('Detail', 'Detail is a required argument.');
  let detail: unknown;
  try {
    detail = JSON.parse(entry.Detail);
  } catch {
    return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
  }
  if (detail === null || typeof detail !== 'object' || Array.isArray(detail)) return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
  return undefined;
}

/** AWS's entry size: Time 14 bytes, Source, DetailType, Detail and each resource by their UTF-8 bytes. */
function entrySize(entry: Record<string, unknown>): number {
  const bytes = (value: unknown): number => (typeof value === 'string' ? Buffer.byteLength(value) : 0);
  let size = (entry.Time === undefined ? 0 : 14) + bytes(entry.Source) + bytes(entry.DetailType) + bytes(entry.Detail);
  if (Array.isArray(entry.Resources)) for (const r of entry.Resources) size += bytes(r);
  return size;
}

/** PutTargets: per-target failures in FailedEntries; only Lambda function ARNs can be delivered here. */
function putTargets(rule: Rule, input: Record<string, unknown>): Record<string, unknown> {
  const targets = input.Targets;
  if (!Array.isArray(targets) || targets.length === 0 || targets.length > MAX_ENTRIES) {
    throw new JsonRpcError(V, `1 validation error detected: Value at 'targets' failed to satisfy constraint: Member must have length between 1 and ${MAX_ENTRIES}`);
  }
  const newIds = new Set((targets as Record<string, unknown>[]).map((t) => t.Id).filter((id) => !rule.targets.has(id as string)));
  if (rule.targets.size + newIds.size > MAX_TARGETS_PER_RULE) {
    throw new JsonRpcError('LimitExceededException', 'The requested resource exceeds the maximum number allowed.');
  }
  const failed: Record<string, unknown>[] = [];
  for (const raw of targets as Record<string, unknown>[]) {
    const id = typeof raw.Id === 'string' ? raw.Id : '';
    const fail = (message: string): void => {
      failed.push({ TargetId: id, ErrorCode: V, ErrorMessage: message });
    };
    if (!NAME.test(id)) throw new JsonRpcError(V, `Target id ${id} is not valid.`);
    const arn = typeof raw.Arn === 'string' ? raw.Arn : '';
    if (!/^arn:[^:]+:lambda:[^:]+:\d{12}:function:[A-Za-z0-9_-]+(:\$LATEST)?$/.test(arn)) {
      fail(`The local EventBridge delivers to Lambda functions only, not to ${arn}.`);
      continue;
    }
    const given = ['Input', 'InputPath', 'InputTransformer'].filter((k) => raw[k] !== undefined && raw[k] !== null);
    if (given.length > 1) throw new JsonRpcError(V, 'Only one of Input, InputPath, or InputTransformer can be specified.');
    const transformer = raw.InputTransformer !== undefined && raw.InputTransformer !== null ? checkInputTransformer(raw.InputTransformer) : undefined;
    if (typeof raw.Input === 'string') {
      try {
        JSON.parse(raw.Input);
      } catch {
        throw new JsonRpcError(V, 'Input is not valid JSON text.');
      }
    }
    if (raw.InputPath !== undefined && (typeof raw.InputPath !== 'string' || !isSupportedPath(raw.InputPath))) {
      fail(`InputPath ${String(raw.InputPath)} is not supported by the local EventBridge: use $, $.a.b or $.a[0].`);
      continue;
    }
    const target: Target = {
      Id: id, Arn: arn,
      ...(typeof raw.Input === 'string' ? { Input: raw.Input } : {}),
      ...(typeof raw.InputPath === 'string' ? { InputPath: raw.InputPath } : {}),
      ...(transformer !== undefined ? { InputTransformer: transformer } : {}),
    };
    rule.targets.set(id, target);
  }
  return { FailedEntryCount: failed.length, FailedEntries: failed };
}

function describeRule(rule: Rule): Record<string, unknown> {
  return {
    Name: rule.name, Arn: rule.arn, State: rule.state, EventBusName: rule.busName,
    ...(rule.eventPattern === undefined ? {} : { EventPattern: rule.eventPattern }),
    ...(rule.scheduleExpression === undefined ? {} : { ScheduleExpression: rule.scheduleExpression }),
    ...(rule.description === undefined ? {} : { Description: rule.description }),
    ...(rule.roleArn === undefined ? {} : { RoleArn: rule.roleArn }),
  };
}

/** Paging with NextToken and Limit (1-100), as the List operations do. */
function page<T>(all: T[], input: Record<string, unknown>, kind: string, key: string, map: (item: T) => unknown): Record<string, unknown> {
  const limit = int(input, 'Limit', 1, 100, V) ?? 100;
  const token = str(input, 'NextToken', V);
  const from = token === undefined ? 0 : decodeToken(token, kind, V);
  const items = all.slice(from, from + limit);
  return { [key]: items.map(map), ...(from + limit < all.length ? { NextToken: encodeToken(kind, from + limit) } : {}) };
}

/** `[{Key, Value}]` → map; malformed tags are AWS's validation error. */
function readTags(raw: unknown): Map<string, string> {
  const tags = new Map<string, string>();
  if (raw === undefined || raw === null) return tags;
  if (!Array.isArray(raw)) throw new JsonRpcError(V, 'Tags must be a list of {Key, Value}.');
  for (const tag of raw as Record<string, unknown>[]) {
    if (typeof tag.Key !== 'string' || tag.Key === '' || typeof tag.Value !== 'string') throw new JsonRpcError(V, 'Each tag needs a Key and a Value.');
    tags.set(tag.Key, tag.Value);
  }
  return tags;
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}
