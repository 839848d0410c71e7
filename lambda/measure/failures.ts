/**
 * What kind of failure a Lambda row's reason is (harness/contract
 * FailureKind): only an output digest that differs from the expected one is
 * a wrong output (INVALID); an endpoint that gives no answer, a function that
 * errors or runs out of time, an API that answers with an error are failures
 * to measure (FAILED), each with its own kind.
 */
import type { FailureKind } from '../../harness/contract/index.js';
import { outputMatches } from '../../harness/verify/check.js';
import type { ApiCause, ApiFailure } from './api-errors.js';
import type { InvokeOutcome } from './invoke.js';

/** Causes that mean no HTTP answer came at all. */
const NO_ANSWER: ReadonlySet<ApiCause> = new Set(['timeout', 'connect-timeout', 'deadline', 'reset', 'refused']);

/**
 * The kind of a failed API call: no answer is `unreachable`, except an Invoke
 * whose request timed out after connecting (the function ran past the
 * client's limit: `timeout`); an answer with an error status, or missing
 * credentials, is `not-measured`.
 */
export function apiFailureKind(failure: ApiFailure): FailureKind {
  if (failure.api === 'Invoke' && failure.cause === 'timeout') return 'timeout';
  return NO_ANSWER.has(failure.cause) ? 'unreachable' : 'not-measured';
}

/** The kind of a thrown error: an API call's own, `not-measured` for anything else (options, region). */
export function errorFailureKind(error: unknown): FailureKind {
  const failure = (error as { failure?: ApiFailure } | undefined)?.failure;
  return failure !== undefined && typeof failure.cause === 'string' ? apiFailureKind(failure) : 'not-measured';
}

/**
 * The kind of an invocation that checkOutcome rejected: a digest that differs
 * is `wrong-output`; a function error is `crashed` (`timeout` when REPORT
 * says Status: timeout); a REPORT missing or incomplete is `not-measured`.
 */
export function outcomeFailureKind(outcome: InvokeOutcome, expected: { readonly sha256: string; readonly bytes: number }): FailureKind {
  const status = outcome.report?.status;
  if (outcome.state === 'errored') {
    if (outcome.failure !== undefined) return apiFailureKind(outcome.failure);
    return status === 'timeout' ? 'timeout' : 'crashed';
  }
  const { outputSha256: sha256, outputBytes: bytes } = outcome.result;
  if (!outputMatches({ kind: 'handler', sha256, bytes }, expected)) return 'wrong-output';
  if (status === 'timeout') return 'timeout';
  if (status !== undefined && status !== 'success') return 'crashed';
  return 'not-measured';
}
