/**
 * Forcing a function onto a new execution environment, as the Lambda mode does
 * before each forced-cold sample and between warm blocks: change one
 * environment variable with UpdateFunctionConfiguration and wait until the
 * update is done. Lambda retires the function's environments on every
 * configuration change, so the next invocation starts a new one (a cold
 * start, with Init Duration in its REPORT). On AWS each such start is one
 * extra cold start billed, INIT included.
 */
import { UpdateFunctionConfigurationCommand, waitUntilFunctionUpdatedV2 } from '@aws-sdk/client-lambda';
import { clientTimeouts, CONTROL_STEP_DEADLINE_MS } from '../deploy/endpoint.js';
import { withDeadline } from './api-errors.js';
import type { LambdaSession } from './session.js';

/** The environment variable changed to force a new execution environment. */
export const COLD_START_VARIABLE = 'WLB_COLD_START';

/** What a function lacks when forcing a new environment fails (the second only when more than one was asked for). */
export const FORCED_FIGURES: readonly string[] = ['cold start (Init Duration)', 'warm samples from more than one environment'];

/**
 * Forces the next invocation of a function onto a new environment (changes an
 * environment variable, waits), each step under its deadline; failures are
 * LambdaApiCallErrors naming the call.
 */
export async function forceColdStart(session: LambdaSession, functionName: string, token: string, maxWaitTime: number): Promise<void> {
  const timeouts = clientTimeouts({ timed: false });
  const update = new UpdateFunctionConfigurationCommand({ FunctionName: functionName, Environment: { Variables: { [COLD_START_VARIABLE]: token } } });
  await withDeadline('UpdateFunctionConfiguration', CONTROL_STEP_DEADLINE_MS, (abortSignal) => session.control.send(update, { abortSignal }), timeouts);
  // The waiter polls GetFunctionConfiguration until LastUpdateStatus is Successful; its own limit plus one request's worth.
  await withDeadline(
    'GetFunctionConfiguration (waiting for LastUpdateStatus)',
    maxWaitTime * 1000 + CONTROL_STEP_DEADLINE_MS,
    (abortSignal) => waitUntilFunctionUpdatedV2({ client: session.control, maxWaitTime, abortSignal }, { FunctionName: functionName }),
    timeouts,
  );
}
