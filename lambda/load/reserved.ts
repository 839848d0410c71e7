/**
 * Reserved concurrency for a load run (`--load-reserved n`): set on every
 * function before the first step and removed after the last, so throttles
 * (429 ReservedFunctionConcurrentInvocationLimitExceeded) can be provoked on
 * purpose and counted. An endpoint without the API gets a note, not a failure.
 */
import { DeleteFunctionConcurrencyCommand, PutFunctionConcurrencyCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { describeApiError } from '../measure/api-errors.js';

/** Sets (`reserved` a number) or removes (undefined) reserved concurrency on each function. */
export async function setReserved(control: LambdaClient, functionNames: readonly string[], reserved: number | undefined, note: (message: string) => void): Promise<void> {
  for (const name of functionNames) {
    try {
      if (reserved === undefined) await control.send(new DeleteFunctionConcurrencyCommand({ FunctionName: name }));
      else await control.send(new PutFunctionConcurrencyCommand({ FunctionName: name, ReservedConcurrentExecutions: reserved }));
    } catch (error) {
      const what = reserved === undefined ? 'removing reserved concurrency' : `reserved concurrency ${reserved}`;
      note(`load: ${what} on ${name} failed: ${describeApiError(reserved === undefined ? 'DeleteFunctionConcurrency' : 'PutFunctionConcurrency', error).message}`);
      return;
    }
  }
  if (reserved !== undefined) note(`load: reserved concurrency ${reserved} on every function for the run (throttles beyond it are counted, never retried)`);
}
