/**
 * The CloudWatch Logs operations `@aws-sdk/client-cloudwatch-logs` needs to
 * read a function's logs back: FilterLogEvents (with filter patterns, time
 * bounds, stream selection and paging), GetLogEvents, DescribeLogGroups,
 * DescribeLogStreams, DeleteLogGroup, answered from the {@link LogStore}.
 *
 * As on AWS, a function that has never run has no log group (404), and a
 * FilterLogEvents call may return fewer events than exist together with a
 * nextToken: each call scans a bounded slice, so clients must follow the token
 * until it is absent, exactly as they must on AWS.
 */

import { compileFilter, FilterPatternError } from './log-filter.js';
import type { GroupInfo, LogEvent, LogStore } from './log-store.js';
import { decodeToken, encodeToken, int, JsonRpcError, str, strings, type JsonService } from './json-rpc.js';

/** Events scanned by one FilterLogEvents call before it answers with a nextToken. */
export const SCAN_BUDGET = 200_000;
/** Largest response AWS returns: 1 MB of events. */
const MAX_RESPONSE_BYTES = 1_048_576;

/** The Logs service over a store; `region` and `accountId` make the ARNs. */
export function logsService(store: LogStore, region: string, accountId: string): JsonService {
  const arnOf = (group: string): string => `arn:aws:logs:${region}:${accountId}:log-group:${group}`;
  return {
    prefix: 'Logs_20140328',
    operations: {
      FilterLogEvents: (input) => filterLogEvents(store, input),
      GetLogEvents: (input) => getLogEvents(store, input),
      DescribeLogGroups: (input) => {
        const prefix = str(input, 'logGroupNamePrefix') ?? '';
        const limit = int(input, 'limit', 1, 50) ?? 50;
        const all = store.list().filter((g) => g.name.startsWith(prefix));
        const from = tokenOf(input, 'groups');
        const page = all.slice(from, from + limit);
        return {
          logGroups: page.map((g) => ({
            logGroupName: g.name, creationTime: g.creationTime, metricFilterCount: 0, arn: `${arnOf(g.name)}:*`,
            logGroupArn: arnOf(g.name), storedBytes: g.storedBytes, logGroupClass: 'STANDARD',
          })),
          ...(from + limit < all.length ? { nextToken: encodeToken('groups', from + limit) } : {}),
        };
      },
      DescribeLogStreams: (input) => {
        const group = findGroup(store, input);
        const prefix = str(input, 'logStreamNamePrefix') ?? '';
        const byTime = str(input, 'orderBy') === 'LastEventTime';
        if (byTime && prefix !== '') throw new JsonRpcError('InvalidParameterException', 'Cannot order by LastEventTime with a logStreamNamePrefix.');
        const limit = int(input, 'limit', 1, 50) ?? 50;
        const streams = [...group.streams.values()].filter((s) => s.name.startsWith(prefix));
        streams.sort(byTime ? (a, b) => (a.lastEventTimestamp ?? 0) - (b.lastEventTimestamp ?? 0) : (a, b) => (a.name < b.name ? -1 : 1));
        if (input.descending === true) streams.reverse();
        const from = tokenOf(input, 'streams');
        const page = streams.slice(from, from + limit);
        return {
          logStreams: page.map((s) => ({
            logStreamName: s.name, creationTime: s.creationTime, firstEventTimestamp: s.firstEventTimestamp,
            lastEventTimestamp: s.lastEventTimestamp, lastIngestionTime: s.lastIngestionTime,
            arn: `${arnOf(group.name)}:log-stream:${s.name}`, storedBytes: 0,
          })),
          ...(from + limit < streams.length ? { nextToken: encodeToken('streams', from + limit) } : {}),
        };
      },
      DeleteLogGroup: (input) => {
        const name = str(input, 'logGroupName');
        if (name === undefined || !store.delete(name)) throw notFound();
        return {};
      },
    },
  };
}

/** FilterLogEvents over one group, in arrival order (which is time order: events are stamped as they arrive). */
function filterLogEvents(store: LogStore, input: Record<string, unknown>): Record<string, unknown> {
  const group = findGroup(store, input);
  const names = strings(input, 'logStreamNames');
  const prefix = str(input, 'logStreamNamePrefix');
  if (names !== undefined && prefix !== undefined) {
    throw new JsonRpcError('InvalidParameterException', 'logStreamNames and logStreamNamePrefix are mutually exclusive');
  }
  const startTime = int(input, 'startTime', 0, Number.MAX_SAFE_INTEGER);
  const endTime = int(input, 'endTime', 0, Number.MAX_SAFE_INTEGER);
  const limit = int(input, 'limit', 1, 10_000) ?? 10_000;
  let matches: (message: string) => boolean;
  try {
    matches = compileFilter(str(input, 'filterPattern'));
  } catch (error) {
    if (error instanceof FilterPatternError) throw new JsonRpcError('InvalidParameterException', error.message);
    throw error;
  }
  const streamSet = names === undefined ? undefined : new Set(names);
  const token = str(input, 'nextToken');
  const from = token === undefined ? 0 : decodeToken(token, `filter:${group.name}`);
  const events: Record<string, unknown>[] = [];
  let bytes = 0;
  let scanned = 0;
  let next: number | undefined;
  for (const event of store.eventsFrom(group, from)) {
    if (events.length >= limit || bytes >= MAX_RESPONSE_BYTES || scanned >= SCAN_BUDGET) {
      next = event.seq;
      break;
    }
    scanned += 1;
    if (streamSet !== undefined && !streamSet.has(event.logStreamName)) continue;
    if (prefix !== undefined && !event.logStreamName.startsWith(prefix)) continue;
    if (startTime !== undefined && event.timestamp < startTime) continue;
    if (endTime !== undefined && event.timestamp > endTime) continue;
    if (!matches(event.message)) continue;
    events.push(wire(group, event, true));
    bytes += event.message.length + 26;
  }
  return {
    events,
    searchedLogStreams: [],
    ...(next === undefined ? {} : { nextToken: encodeToken(`filter:${group.name}`, next) }),
  };
}

/**
 * GetLogEvents of one stream: from the head with `startFromHead`, else the latest `limit` events.
 * Tokens are `f/<seq>` and `b/<seq>`; at the end the forward token comes back unchanged, which is how
 * clients know they have read everything.
 */
function getLogEvents(store: LogStore, input: Record<string, unknown>): Record<string, unknown> {
  const group = findGroup(store, input);
  const streamName = str(input, 'logStreamName');
  if (streamName === undefined || !group.streams.has(streamName)) throw new JsonRpcError('ResourceNotFoundException', 'The specified log stream does not exist.');
  const limit = int(input, 'limit', 1, 10_000) ?? 10_000;
  const startTime = int(input, 'startTime', 0, Number.MAX_SAFE_INTEGER);
  const endTime = int(input, 'endTime', 0, Number.MAX_SAFE_INTEGER);
  const all: LogEvent[] = [];
  for (const event of store.eventsFrom(group, 0)) {
    if (event.logStreamName !== streamName) continue;
    if (startTime !== undefined && event.timestamp < startTime) continue;
    if (endTime !== undefined && event.timestamp >= endTime) continue;
    all.push(event);
  }
  const token = str(input, 'nextToken');
  let begin: number;
  let end: number;
  if (token !== undefined) {
    const match = /^([fb])\/(\d+)$/.exec(token);
    if (!match) throw new JsonRpcError('InvalidParameterException', 'The specified nextToken is invalid.');
    const at = Number(match[2]);
    [begin, end] = match[1] === 'f' ? [at, Math.min(all.length, at + limit)] : [Math.max(0, at - limit), at];
  } else if (input.startFromHead === true) {
    [begin, end] = [0, Math.min(all.length, limit)];
  } else {
    [begin, end] = [Math.max(0, all.length - limit), all.length];
  }
  begin = Math.min(begin, all.length);
  end = Math.max(begin, Math.min(end, all.length));
  return {
    events: all.slice(begin, end).map((e) => wire(group, e, false)),
    nextForwardToken: `f/${end}`,
    nextBackwardToken: `b/${begin}`,
  };
}

function findGroup(store: LogStore, input: Record<string, unknown>): GroupInfo {
  const name = str(input, 'logGroupName');
  const identifier = str(input, 'logGroupIdentifier');
  if (name !== undefined && identifier !== undefined) {
    throw new JsonRpcError('InvalidParameterException', 'LogGroup name and LogGroup ARN are mutually exclusive parameters.');
  }
  // An identifier may be the group's ARN (without the trailing :*) or its name.
  const wanted = name ?? identifier?.replace(/^arn:[^:]+:logs:[^:]*:[^:]*:log-group:/, '').replace(/:\*$/, '');
  if (wanted === undefined) throw new JsonRpcError('InvalidParameterException', 'Either logGroupName or logGroupIdentifier is required.');
  const group = store.find(wanted);
  if (!group) throw notFound();
  return group;
}

function tokenOf(input: Record<string, unknown>, kind: string): number {
  const token = str(input, 'nextToken');
  return token === undefined ? 0 : decodeToken(token, kind);
}

function notFound(): JsonRpcError {
  return new JsonRpcError('ResourceNotFoundException', 'The specified log group does not exist.');
}

/** An event as the wire carries it; FilterLogEvents adds the stream and an event id. */
function wire(group: GroupInfo, event: LogEvent, filtered: boolean): Record<string, unknown> {
  const base = { timestamp: event.timestamp, message: event.message, ingestionTime: event.ingestionTime };
  if (!filtered) return base;
  // AWS's event ids are 56-digit strings; here: the group's creation time and the event's position.
  const eventId = `${String(group.creationTime).padStart(20, '0')}${String(event.seq).padStart(36, '0')}`;
  return { logStreamName: event.logStreamName, ...base, eventId };
}
