/**
 * The one handler body every target shares: decode the event, time the
 * workload call, digest the output. Targets differ only in how they obtain
 * the call (see templates.ts), which is what is being compared.
 *
 * Load runs (lambda/load) send events with a `loadId`, directly (sync and
 * async Invoke), as the `detail` of an EventBridge event, or as a scheduled
 * rule's transformed input (with its scheduled time). For those the
 * handler logs a receipt line when it starts and a result line when it ends:
 * asynchronous paths return nothing to the caller, so the start time and the
 * output digest are read back from the function's logs (FilterLogEvents),
 * the same way on AWS and on the local Lambda. Events without a `loadId`
 * log nothing extra.
 */
import { decodeEvent, digestOutput, loadIdOf, receiptLine, resultLine, unwrapEvent, type HandlerResult, type PayloadKinds } from './protocol.js';
import type { WorkloadFunction } from '../../harness/contract/index.js';

/** A Lambda handler (async: the runtime client awaits the promise). */
export type BenchHandler = (event: unknown) => Promise<HandlerResult>;

/** Wraps a workload call as a Lambda handler. */
export function createHandler(call: WorkloadFunction, payload: PayloadKinds): BenchHandler {
  return async (event) => {
    // Wall-clock receipt with sub-ms precision: the client compares it with its own intended send time.
    const receivedMs = performance.timeOrigin + performance.now();
    const body = unwrapEvent(event);
    const loadId = loadIdOf(body);
    if (loadId !== undefined) console.log(receiptLine(loadId, receivedMs));
    const input = decodeEvent(body, payload.input);
    const start = process.hrtime.bigint();
    const output = call(input);
    const handlerNs = Number(process.hrtime.bigint() - start);
    const digest = digestOutput(output);
    if (loadId !== undefined) console.log(resultLine(loadId, digest.outputSha256, digest.outputBytes));
    return { ...digest, handlerNs };
  };
}
