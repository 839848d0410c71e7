/**
 * Platform log lines in Lambda's formats: text (`INIT_START`, `START`, `END`,
 * `REPORT` with tab-separated `Key: value unit` fields) and, when a function's
 * LoggingConfig.LogFormat is JSON, the Telemetry API records
 * (`platform.initStart`, `platform.start`, `platform.runtimeDone`, `platform.report`).
 */

import type { InvocationStatus, LogFormat } from './types.js';

/** Bytes of log `X-Amz-Log-Result` carries (the last 4 KB). */
export const TAIL_BYTES = 4096;

/** Fields of one REPORT line. */
export interface ReportFields {
  readonly requestId: string;
  readonly durationMs: number;
  readonly billedDurationMs: number;
  readonly memorySizeMb: number;
  readonly maxMemoryUsedMb: number;
  readonly initDurationMs: number | undefined;
  readonly status: InvocationStatus;
  readonly errorType: string | undefined;
}

/** Identity of the runtime, as INIT_START prints it. */
export interface RuntimeIdentity {
  readonly functionName: string;
  /** e.g. `nodejs:20.local`. */
  readonly runtimeVersion: string;
  readonly runtimeVersionArn: string;
}

/** The log stream of an environment, as Lambda names it: `YYYY/MM/DD/[$LATEST]<environment id>` (UTC date of its start). */
export function logStreamName(environmentId: string, startedAt: Date): string {
  return `${startedAt.toISOString().slice(0, 10).replaceAll('-', '/')}/[$LATEST]${environmentId}`;
}

/** Billed Duration: the handler's time plus, on a cold start, INIT (billed since 2025-08-01), rounded up to 1 ms. */
export function billedDuration(durationMs: number, initDurationMs: number | undefined): number {
  return Math.max(1, Math.ceil(durationMs + (initDurationMs ?? 0)));
}

const ms = (value: number): string => value.toFixed(2);
const iso = (): string => new Date().toISOString();
const json = (type: string, record: unknown): string => `${JSON.stringify({ time: iso(), type, record })}\n`;

/** First line of a cold start. */
export function initStartLine(format: LogFormat, id: RuntimeIdentity): string {
  if (format === 'JSON') {
    return json('platform.initStart', {
      initializationType: 'on-demand',
      phase: 'init',
      runtimeVersion: id.runtimeVersion,
      runtimeVersionArn: id.runtimeVersionArn,
      functionName: id.functionName,
      functionVersion: '$LATEST',
    });
  }
  return `INIT_START Runtime Version: ${id.runtimeVersion}\tRuntime Version ARN: ${id.runtimeVersionArn}\n`;
}

/** Logged when INIT itself fails (the handler module throws, cannot be found, ...). */
export function initReportLine(format: LogFormat, initDurationMs: number, status: 'error' | 'timeout', errorType: string | undefined): string {
  if (format === 'JSON') {
    return json('platform.initReport', {
      initializationType: 'on-demand',
      phase: 'init',
      status,
      ...(errorType === undefined ? {} : { errorType }),
      metrics: { durationMs: round3(initDurationMs) },
    });
  }
  const type = errorType === undefined ? '' : `\tError Type: ${errorType}`;
  return `INIT_REPORT Init Duration: ${ms(initDurationMs)} ms\tPhase: init\tStatus: ${status}${type}\n`;
}

/** `START RequestId: ... Version: $LATEST`. */
export function startLine(format: LogFormat, requestId: string): string {
  if (format === 'JSON') return json('platform.start', { requestId, version: '$LATEST' });
  return `START RequestId: ${requestId} Version: $LATEST\n`;
}

/** `END RequestId: ...` (JSON: `platform.runtimeDone`). */
export function endLine(format: LogFormat, requestId: string, status: InvocationStatus, durationMs: number): string {
  if (format === 'JSON') {
    return json('platform.runtimeDone', { requestId, status, metrics: { durationMs: round3(durationMs) } });
  }
  return `END RequestId: ${requestId}\n`;
}

/** The REPORT line (JSON: `platform.report`). Fields end with a tab, as Lambda's text lines do. */
export function reportLine(format: LogFormat, r: ReportFields): string {
  if (format === 'JSON') {
    const metrics: Record<string, number> = {
      durationMs: round3(r.durationMs),
      billedDurationMs: r.billedDurationMs,
      memorySizeMB: r.memorySizeMb,
      maxMemoryUsedMB: r.maxMemoryUsedMb,
    };
    if (r.initDurationMs !== undefined) metrics.initDurationMs = round3(r.initDurationMs);
    return json('platform.report', {
      requestId: r.requestId,
      metrics,
      status: r.status,
      ...(r.errorType === undefined ? {} : { errorType: r.errorType }),
    });
  }
  const fields = [
    `REPORT RequestId: ${r.requestId}`,
    `Duration: ${ms(r.durationMs)} ms`,
    `Billed Duration: ${r.billedDurationMs} ms`,
    `Memory Size: ${r.memorySizeMb} MB`,
    `Max Memory Used: ${r.maxMemoryUsedMb} MB`,
  ];
  if (r.initDurationMs !== undefined) fields.push(`Init Duration: ${ms(r.initDurationMs)} ms`);
  // Text REPORT lines carry a Status only when the platform ended the invocation abnormally.
  if (r.status === 'timeout') fields.push('Status: timeout');
  if (r.status === 'error') {
    fields.push('Status: error');
    if (r.errorType !== undefined) fields.push(`Error Type: ${r.errorType}`);
  }
  return `${fields.join('\t')}\t\n`;
}

/** The line Lambda writes when it stops an invocation at its timeout. */
export function timeoutLine(requestId: string, timeoutSeconds: number): string {
  return `${iso()} ${requestId} Task timed out after ${timeoutSeconds.toFixed(2)} seconds\n`;
}

/** The two lines Lambda writes when the runtime process exits mid-invocation. */
export function exitLines(requestId: string, detail: string, errorType: string): string {
  return `RequestId: ${requestId} Error: ${detail}\n${errorType}\n`;
}

/** `X-Amz-Log-Result`: base64 of the last 4 KB of the invocation's log. */
export function logTail(log: string): string {
  const bytes = Buffer.from(log, 'utf8');
  return bytes.subarray(Math.max(0, bytes.length - TAIL_BYTES)).toString('base64');
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
