/**
 * The one handler body every target shares: decode the event, time the
 * workload call, digest the output. Targets differ only in how they obtain
 * the call (see templates.ts), which is what is being compared.
 */
import { decodeEvent, digestOutput, type HandlerResult, type PayloadKinds } from './protocol.js';
import type { WorkloadFunction } from '../../harness/types.js';

/** A Lambda handler (async: the runtime client awaits the promise). */
export type BenchHandler = (event: unknown) => Promise<HandlerResult>;

/** Wraps a workload call as a Lambda handler. */
export function createHandler(call: WorkloadFunction, payload: PayloadKinds): BenchHandler {
  return async (event) => {
    const input = decodeEvent(event, payload.input);
    const start = process.hrtime.bigint();
    const output = call(input);
    const handlerNs = Number(process.hrtime.bigint() - start);
    return { ...digestOutput(output), handlerNs };
  };
}
