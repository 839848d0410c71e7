/**
 * The REPORT parser: what Lambda says about one invocation, read from the
 * log tail `Invoke` returns with `LogType: 'Tail'`.
 *
 * Read by key, never by position: real Lambda and emulators order the fields
 * differently, and fields come and go (Init Duration only on a cold start,
 * Restore Duration only on SnapStart, Status only on failures, XRAY only when
 * tracing). Both log formats are accepted: the text REPORT line (including
 * the older raw CloudWatch spacing `27 ms \t` and a trailing tab) and the
 * JSON log format's `platform.report` record.
 */

/** Tracing fields, when the invocation was traced. */
export interface ReportTracing {
  readonly traceId?: string;
  readonly segmentId?: string;
  readonly sampled?: boolean;
}

/** Figures of one REPORT. Fields the REPORT did not carry are undefined. */
export interface LambdaReport {
  /** Which log format it came from. */
  readonly format: 'text' | 'json';
  readonly requestId?: string;
  /** Time in the handler for this event. */
  readonly durationMs?: number;
  /** What is billed: since 2025-08 it includes INIT on a cold start. */
  readonly billedDurationMs?: number;
  readonly memorySizeMB?: number;
  /** High-water mark of the environment across all invocations it served. */
  readonly maxMemoryUsedMB?: number;
  /** Present on the first invocation of an environment only: the cold-start marker. */
  readonly initDurationMs?: number;
  /** SnapStart restores report these instead of Init Duration. */
  readonly restoreDurationMs?: number;
  readonly billedRestoreDurationMs?: number;
  /** `success` when the REPORT has no Status field; otherwise as reported (`timeout`, `error`, ...). */
  readonly status: string;
  /** E.g. `Runtime.ExitError`, with `Status: error`. */
  readonly errorType?: string;
  readonly tracing?: ReportTracing;
  /** Every field as found (text: raw value strings; JSON: metrics), for figures this parser does not name. */
  readonly fields: Readonly<Record<string, string | number>>;
}

/** Text REPORT keys → the numeric fields they fill (value in ms or MB). */
const TEXT_NUMBERS: Readonly<Record<string, keyof LambdaReport>> = {
  Duration: 'durationMs',
  'Billed Duration': 'billedDurationMs',
  'Memory Size': 'memorySizeMB',
  'Max Memory Used': 'maxMemoryUsedMB',
  'Init Duration': 'initDurationMs',
  'Restore Duration': 'restoreDurationMs',
  'Billed Restore Duration': 'billedRestoreDurationMs',
};

/** JSON `platform.report` metric names → fields. */
const JSON_NUMBERS: Readonly<Record<string, keyof LambdaReport>> = {
  durationMs: 'durationMs',
  billedDurationMs: 'billedDurationMs',
  memorySizeMB: 'memorySizeMB',
  maxMemoryUsedMB: 'maxMemoryUsedMB',
  initDurationMs: 'initDurationMs',
  restoreDurationMs: 'restoreDurationMs',
  billedRestoreDurationMs: 'billedRestoreDurationMs',
};

/** A number with an optional unit ("128.83 ms", "74 MB"); undefined when there is no leading number. */
function leadingNumber(value: string): number | undefined {
  const match = /^\s*(-?\d+(?:\.\d+)?)/.exec(value);
  return match ? Number(match[1]) : undefined;
}

/** Parses one text REPORT line (`REPORT RequestId: ...\tKey: value unit\t...`); undefined if it is not one. */
export function parseReportLine(line: string): LambdaReport | undefined {
  const trimmed = line.replace(/^\uFEFF/, '').trimStart();
  if (!trimmed.startsWith('REPORT ')) return undefined;
  const out: Record<string, unknown> = { format: 'text', status: 'success' };
  const fields: Record<string, string> = {};
  const tracing: { traceId?: string; segmentId?: string; sampled?: boolean } = {};
  for (const part of trimmed.slice('REPORT '.length).split('\t')) {
    const colon = part.indexOf(':');
    if (colon <= 0) continue;
    const key = part.slice(0, colon).trim();
    const value = part.slice(colon + 1).trim();
    if (key === '' || value === '') continue;
    fields[key] = value;
    const numeric = TEXT_NUMBERS[key];
    if (numeric) {
      const n = leadingNumber(value);
      if (n !== undefined) out[numeric] = n;
    } else if (key === 'RequestId') out.requestId = value;
    else if (key === 'Status') out.status = value;
    else if (key === 'Error Type') out.errorType = value;
    else if (key === 'XRAY TraceId') tracing.traceId = value;
    else if (key === 'SegmentId') tracing.segmentId = value;
    else if (key === 'Sampled') tracing.sampled = value === 'true';
  }
  if (!('requestId' in out) && !('durationMs' in out)) return undefined;
  if (Object.keys(tracing).length > 0) out.tracing = tracing;
  out.fields = fields;
  return out as unknown as LambdaReport;
}

/** Parses one JSON log record of type `platform.report`; undefined for anything else. */
export function parseReportRecord(line: string): LambdaReport | undefined {
  const trimmed = line.trim();
  if (!trimmed.startsWith('{') || !trimmed.includes('platform.report')) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    return undefined;
  }
  const doc = parsed as { type?: unknown; record?: unknown };
  if (doc.type !== 'platform.report' || typeof doc.record !== 'object' || doc.record === null) return undefined;
  const record = doc.record as { requestId?: unknown; metrics?: unknown; status?: unknown; errorType?: unknown; tracing?: unknown };
  const out: Record<string, unknown> = { format: 'json', status: typeof record.status === 'string' ? record.status : 'success' };
  if (typeof record.requestId === 'string') out.requestId = record.requestId;
  if (typeof record.errorType === 'string') out.errorType = record.errorType;
  const fields: Record<string, number> = {};
  const metrics = typeof record.metrics === 'object' && record.metrics !== null ? (record.metrics as Record<string, unknown>) : {};
  for (const [name, value] of Object.entries(metrics)) {
    if (typeof value !== 'number' || !Number.isFinite(value)) continue;
    fields[name] = value;
    const numeric = JSON_NUMBERS[name];
    if (numeric) out[numeric] = value;
  }
  const tracing = record.tracing as { value?: unknown; spanId?: unknown } | undefined;
  if (tracing && typeof tracing.value === 'string') {
    // "Root=1-...;Parent=...;Sampled=1": the X-Amzn-Trace-Id header's syntax.
    const parts = Object.fromEntries(tracing.value.split(';').map((p) => p.split('=', 2) as [string, string]));
    const t: { traceId?: string; segmentId?: string; sampled?: boolean } = {};
    if (parts.Root) t.traceId = parts.Root;
    if (parts.Parent) t.segmentId = parts.Parent;
    else if (typeof tracing.spanId === 'string') t.segmentId = tracing.spanId;
    if (parts.Sampled !== undefined) t.sampled = parts.Sampled === '1';
    out.tracing = t;
  }
  out.fields = fields;
  return out as unknown as LambdaReport;
}

/**
 * The REPORT of a log (the last one, as the tail ends with it): text lines
 * and JSON records alike. Undefined when the log holds none (e.g. it was cut
 * off, or the endpoint returns no logs).
 */
export function findReport(log: string): LambdaReport | undefined {
  const lines = log.split(/\r?\n/);
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i] as string;
    const report = parseReportLine(line) ?? parseReportRecord(line);
    if (report) return report;
  }
  return undefined;
}

/** Decodes `LogResult` (base64 of the last 4 KB of the log) and finds its REPORT. */
export function reportFromLogResult(logResult: string | undefined): LambdaReport | undefined {
  if (!logResult) return undefined;
  return findReport(Buffer.from(logResult, 'base64').toString('utf8'));
}

