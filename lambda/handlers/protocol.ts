/**
 * What travels between the Lambda mode (lambda/measure/) and a deployed handler. Events are JSON:
 * a bytes input as base64, a text input as a plain string. The handler
 * answers with its output's digest and size and its own in-handler time; it
 * verifies nothing itself (the Lambda mode compares the digest with the expected
 * output), and it does not return the output (a digest keeps responses tiny
 * and equal in size across targets).
 */
import { payloadBytes, sha256Hex } from '../../harness/verify/digest.js';
import type { Payload, PayloadKind } from '../../harness/contract/index.js';

/** A workload's input and output kinds. */
export interface PayloadKinds {
  readonly input: PayloadKind;
  readonly output: PayloadKind;
}

/** The Lambda event every benchmark handler takes. */
export interface HandlerEvent {
  /** base64 for bytes, the text itself for text. */
  readonly input: string;
  readonly encoding: 'base64' | 'utf8';
}

/** What every benchmark handler returns. */
export interface HandlerResult {
  /** SHA-256 (hex) of the output bytes (UTF-8 for text). */
  readonly outputSha256: string;
  readonly outputBytes: number;
  /** Time of the workload call alone (for wasm: copy in, run, copy out), from process.hrtime. */
  readonly handlerNs: number;
}

/** Builds the event for an input. */
export function encodeEvent(input: Payload): HandlerEvent {
  return typeof input === 'string'
    ? { input, encoding: 'utf8' }
    : { input: Buffer.from(input.buffer, input.byteOffset, input.byteLength).toString('base64'), encoding: 'base64' };
}

/** Reads an event back into the payload the workload expects; throws on a malformed event. */
export function decodeEvent(event: unknown, kind: PayloadKind): Payload {
  const e = event as Partial<HandlerEvent> | null;
  if (typeof e !== 'object' || e === null || typeof e.input !== 'string') {
    throw new TypeError('event must be {"input": string, "encoding": "base64" | "utf8"}');
  }
  const expected = kind === 'text' ? 'utf8' : 'base64';
  if (e.encoding !== expected) throw new TypeError(`this workload takes ${kind} input: encoding must be "${expected}", got ${JSON.stringify(e.encoding)}`);
  if (kind === 'text') return e.input;
  const buffer = Buffer.from(e.input, 'base64');
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

/** Reads a handler's JSON response; throws when it is not a HandlerResult. */
export function parseHandlerResult(body: string): HandlerResult {
  const parsed = JSON.parse(body) as Partial<HandlerResult> | null;
  if (
    typeof parsed !== 'object' || parsed === null ||
    typeof parsed.outputSha256 !== 'string' || typeof parsed.outputBytes !== 'number' || typeof parsed.handlerNs !== 'number'
  ) {
    throw new TypeError(`handler returned ${body.slice(0, 200)}, not {outputSha256, outputBytes, handlerNs}`);
  }
  return { outputSha256: parsed.outputSha256, outputBytes: parsed.outputBytes, handlerNs: parsed.handlerNs };
}

/** Digest and size of an output, as the handler reports them. */
export function digestOutput(output: Payload): { outputSha256: string; outputBytes: number } {
  // The same digest the Lambda mode checks it against (harness/verify): one definition of an output's bytes.
  const bytes = payloadBytes(output);
  return { outputSha256: sha256Hex(bytes), outputBytes: bytes.byteLength };
}

/**
 * The benchmark event inside an EventBridge event (its `detail`), or the
 * event itself when it came from Invoke.
 */
export function unwrapEvent(event: unknown): unknown {
  const e = event as { detail?: unknown; 'detail-type'?: unknown } | null;
  return typeof e === 'object' && e !== null && typeof e['detail-type'] === 'string' && typeof e.detail === 'object' ? e.detail : event;
}

/**
 * The load id of a load run's event, if it carries one. An event from a
 * scheduled rule also carries the Scheduled Event's `time` (added by the
 * rule target's InputTransformer, lambda/deploy/eventbridge.ts): its epoch ms
 * is appended (`scheduled.1795932060000`), so each firing has its own id and
 * the receipt can be compared with the time it was scheduled for.
 */
export function loadIdOf(event: unknown): string | undefined {
  const e = event as { loadId?: unknown; scheduledTime?: unknown } | null;
  const id = e?.loadId;
  if (typeof id !== 'string' || !/^[\w.-]{1,100}$/.test(id)) return undefined;
  const scheduled = typeof e?.scheduledTime === 'string' ? Date.parse(e.scheduledTime) : Number.NaN;
  return Number.isFinite(scheduled) ? `${id}.${scheduled}` : id;
}

/** Marker of the receipt line a handler logs for a load event. */
export const RECEIPT_MARK = 'WLB_RECEIPT';
/** Marker of the result line a handler logs for a load event. */
export const RESULT_MARK = 'WLB_RESULT';

/** `WLB_RECEIPT <loadId> <epoch ms>`: when the handler started on the event. */
export function receiptLine(loadId: string, epochMs: number): string {
  return `${RECEIPT_MARK} ${loadId} ${epochMs.toFixed(3)}`;
}

/** `WLB_RESULT <loadId> <sha256> <bytes>`: what the handler produced. */
export function resultLine(loadId: string, sha256: string, bytes: number): string {
  return `${RESULT_MARK} ${loadId} ${sha256} ${bytes}`;
}
