/**
 * Reading a function's logs back after a load step, through CloudWatch Logs'
 * `FilterLogEvents` (on AWS, and on the local Lambda, which serves the same
 * API): the handler's receipt lines give when it started on each event of the
 * asynchronous paths (event, eventbridge) and its result lines the output
 * digest to verify; INIT_START lines whose environment went on to handle
 * one of the step's events count its cold starts; REPORT lines give
 * Duration, Billed Duration and Init Duration per request, and the bytes of
 * every line price log ingestion.
 *
 * parseLogLines is pure; readFunctionLogs pages through the API and polls
 * until every expected receipt arrived or the deadline passed (asynchronous
 * deliveries land after the step).
 */
import { FilterLogEventsCommand, type CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { parseReportLine, type LambdaReport } from '../report-line.js';
import { RECEIPT_MARK, RESULT_MARK } from '../handlers/protocol.js';

/** One log event as FilterLogEvents returns it. */
export interface LogLine {
  readonly timestamp?: number;
  readonly message?: string;
  /** Lambda writes each execution environment's lines to a stream of its own. */
  readonly logStreamName?: string;
}

/** What one load event's log lines said. */
export interface Receipt {
  /** Epoch ms at which the handler started on the event. */
  readonly receivedMs: number;
  /** Request id of the invocation that served it (from the console line's prefix), when the runtime printed one. */
  readonly requestId?: string;
  /** Output digest and size the handler logged, when its result line was found. */
  readonly sha256?: string;
  readonly bytes?: number;
}

/** The logs of one function over one step, parsed. */
export interface StepLogs {
  /** By load id. */
  readonly receipts: ReadonlyMap<string, Receipt>;
  /** By request id. */
  readonly reports: ReadonlyMap<string, LambdaReport>;
  /** INIT_START lines of environments whose first event was one of the step's: its cold starts. */
  readonly initStarts: number;
  /** Bytes of all log messages (what CloudWatch Logs ingests, before its per-event overhead). */
  readonly bytes: number;
  /** Log events read. */
  readonly lines: number;
  /** Execution environments (log streams) whose handler started on at least one of the step's events. */
  readonly environments: number;
  /**
   * Most of the step's events being handled at once: the largest overlap of
   * [receipt, receipt + REPORT Duration] over the events with both. A
   * property of the function's side, where peakInFlight is the client's.
   */
  readonly peakConcurrent: number;
}

/** The log group Lambda writes a function's logs to. */
export function logGroupOf(functionName: string): string {
  return `/aws/lambda/${functionName}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The request id of a Node runtime console line (`<ISO time>\t<request id>\tINFO\t<text>`),
 * or undefined for a bare line.
 */
function requestIdOf(message: string): string | undefined {
  const parts = message.split('\t');
  return parts.length >= 4 && UUID.test(parts[1] ?? '') ? parts[1] : undefined;
}

/** Parses log lines into receipts, reports and counts; lines of other events or kinds are counted, not parsed. */
export function parseLogLines(lines: readonly LogLine[], loadIdPrefix: string): StepLogs {
  const receipts = new Map<string, { receivedMs: number; requestId?: string; sha256?: string; bytes?: number }>();
  const reports = new Map<string, LambdaReport>();
  const streams = new Set<string>();
  let initStarts = 0;
  // Streams whose environment started and has not yet logged its first receipt.
  const starting = new Set<string>();
  let bytes = 0;
  // Built once per parse, not per line: a step at 100/s for 20 s leaves about 12,000 lines.
  const receiptPattern = new RegExp(`${RECEIPT_MARK} (${escape(loadIdPrefix)}[\\w.-]*) (\\d+(?:\\.\\d+)?)`);
  const resultPattern = new RegExp(`${RESULT_MARK} (${escape(loadIdPrefix)}[\\w.-]*) ([0-9a-f]{64}) (\\d+)`);
  for (const line of lines) {
    const message = line.message ?? '';
    const stream = line.logStreamName ?? '';
    bytes += Buffer.byteLength(message, 'utf8');
    if (message.startsWith('INIT_START')) starting.add(stream);
    const report = message.includes('REPORT RequestId:') ? parseReportLine(message.slice(message.indexOf('REPORT RequestId:'))) : undefined;
    if (report?.requestId !== undefined) reports.set(report.requestId, report);
    const receipt = receiptPattern.exec(message);
    // An INIT_START is this step's cold start when its environment's first event is this step's: the window
    // opens a second early, so it can hold the start of an environment an earlier step (or repeat) began.
    if (message.includes(RECEIPT_MARK) && starting.delete(stream) && receipt) initStarts += 1;
    if (receipt) {
      const id = receipt[1] as string;
      const requestId = requestIdOf(message);
      // Retried deliveries log a second receipt: the first one is when the handler first started on the event.
      if (!receipts.has(id)) receipts.set(id, { receivedMs: Number(receipt[2]), ...(requestId ? { requestId } : {}) });
      if (line.logStreamName !== undefined) streams.add(line.logStreamName);
    }
    const result = resultPattern.exec(message);
    if (result) {
      const entry = receipts.get(result[1] as string);
      if (entry && entry.sha256 === undefined) Object.assign(entry, { sha256: result[2], bytes: Number(result[3]) });
    }
  }
  return { receipts, reports, initStarts, bytes, lines: lines.length, environments: streams.size, peakConcurrent: peakOverlap(receipts.values(), reports) };
}

/**
 * The largest number of handler runs open at one instant. Ends sort before
 * starts at the same millisecond: a run that ended as the next began did not overlap it.
 */
export function peakOverlap(receipts: Iterable<{ readonly receivedMs: number; readonly requestId?: string }>, reports: ReadonlyMap<string, { readonly durationMs?: number }>): number {
  const edges: Array<readonly [number, 1 | -1]> = [];
  for (const receipt of receipts) {
    const durationMs = receipt.requestId === undefined ? undefined : reports.get(receipt.requestId)?.durationMs;
    if (durationMs === undefined) continue;
    edges.push([receipt.receivedMs, 1], [receipt.receivedMs + durationMs, -1]);
  }
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let open = 0;
  let peak = 0;
  for (const [, change] of edges) {
    open += change;
    peak = Math.max(peak, open);
  }
  return peak;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Where and how long to read. */
export interface LogQuery {
  readonly functionName: string;
  /** Epoch ms window (inclusive). */
  readonly startMs: number;
  readonly endMs: number;
  /** Load ids of this function's events in the window start with it. */
  readonly loadIdPrefix: string;
  /** Receipts expected (events accepted): reading stops once all are there. */
  readonly expected: number;
  /** Give up waiting for missing receipts after this long (ms). */
  readonly waitMs: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Reads one function's log lines over a window (every page). */
export async function filterAll(client: CloudWatchLogsClient, functionName: string, startMs: number, endMs: number): Promise<LogLine[]> {
  const lines: LogLine[] = [];
  let nextToken: string | undefined;
  for (let page = 0; page < 10_000; page++) {
    const out = await client.send(new FilterLogEventsCommand({ logGroupName: logGroupOf(functionName), startTime: Math.floor(startMs), endTime: Math.ceil(endMs), ...(nextToken ? { nextToken } : {}) }));
    for (const e of out.events ?? []) {
      lines.push({
        ...(e.timestamp !== undefined ? { timestamp: e.timestamp } : {}),
        ...(e.message !== undefined ? { message: e.message } : {}),
        ...(e.logStreamName !== undefined ? { logStreamName: e.logStreamName } : {}),
      });
    }
    nextToken = out.nextToken;
    if (nextToken === undefined) break;
  }
  return lines;
}

/**
 * Reads and parses the window's logs, again every second until every
 * expected event has its receipt and its result line, or `waitMs` has passed; throws when the API
 * itself fails (the caller records the path as not measurable there).
 */
export async function readStepLogs(client: CloudWatchLogsClient, query: LogQuery): Promise<StepLogs> {
  const deadline = Date.now() + query.waitMs;
  for (;;) {
    // The window's end stays open while deliveries may still land.
    const logs = parseLogLines(await filterAll(client, query.functionName, query.startMs, Math.max(query.endMs, Date.now())), query.loadIdPrefix);
    // An event counts once its result line is there too: a receipt alone means the handler is still running
    // (seen at 50 events/s: the step's last event read back without its result and was taken for a wrong output).
    const finished = [...logs.receipts.values()].filter((receipt) => receipt.sha256 !== undefined).length;
    if (finished >= query.expected || Date.now() >= deadline) return logs;
    await sleep(1000);
  }
}
