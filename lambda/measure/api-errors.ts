/**
 * The one place that turns what the SDK throws into one line naming the
 * Lambda API call, the HTTP status and the cause: "<API> → HTTP <status>:
 * <message>", or, without an HTTP answer, "<API> → connection reset / refused /
 * no answer within N s / credentials ...".
 *
 * The SDK's own names mislead: its HTTP handler renames ECONNRESET and EPIPE
 * to `TimeoutError` (so a reset reads "TimeoutError: socket hang up"), and a
 * non-JSON 404 page becomes a `SyntaxError`. The Node error `code` and
 * `$metadata.httpStatusCode` are read first, names last.
 *
 * Also here: the deadline of a whole step (SDK retries included), and whether
 * an answer means "this endpoint does not serve that API" (a capability gap,
 * never an invalid result).
 */

/** Why a call failed. */
export type ApiCause = 'http' | 'timeout' | 'connect-timeout' | 'deadline' | 'reset' | 'refused' | 'credentials' | 'profile' | 'other';

/** A failed Lambda API call, described. */
export interface ApiFailure {
  /** The API operation, e.g. `GetFunction`, `Invoke`. */
  readonly api: string;
  readonly cause: ApiCause;
  /** HTTP status of the answer, when there was one. */
  readonly httpStatus?: number;
  /** Lambda's error type (`ResourceNotFoundException`...), when the answer named one. */
  readonly errorType?: string;
  /**
   * The endpoint answered that it does not serve this operation (404/405/501
   * without ResourceNotFoundException): an emulator that implements only some
   * of the Lambda API. A capability gap, not a failure of the function.
   */
  readonly missingApi: boolean;
  /** One line: `GetFunction → HTTP 404: Not Found`. */
  readonly message: string;
}

/** An Error carrying its {@link ApiFailure}; its message is the failure's one line. */
export class LambdaApiCallError extends Error {
  override readonly name = 'LambdaApiCallError';
  constructor(readonly failure: ApiFailure) {
    super(failure.message);
  }
}

interface SdkErrorShape {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  $metadata?: { httpStatusCode?: unknown };
  $response?: { statusCode?: unknown };
}

/** Statuses with which an endpoint says it has no such route or method. */
const MISSING_API_STATUSES = new Set([404, 405, 501]);

const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

function httpStatusOf(e: SdkErrorShape): number | undefined {
  const status = e.$metadata?.httpStatusCode ?? e.$response?.statusCode;
  return typeof status === 'number' && status > 0 ? status : undefined;
}

/** What a deadline or timeout was, for the message. */
export interface TimeoutContext {
  /** The per-request timeout the client was given, ms. */
  readonly requestTimeoutMs?: number;
  /** The client's connection timeout, ms. */
  readonly connectTimeoutMs?: number;
  /** The step deadline (retries included), ms, when one aborted the call. */
  readonly deadlineMs?: number;
}

/** Describes any error thrown by an SDK call (or a fetch) of `api`. */
export function describeApiError(api: string, error: unknown, timeouts: TimeoutContext = {}): ApiFailure {
  if (error instanceof LambdaApiCallError) return error.failure;
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as SdkErrorShape;
  const name = typeof e.name === 'string' ? e.name : 'Error';
  const code = typeof e.code === 'string' ? e.code : undefined;
  const text = oneLine(typeof e.message === 'string' ? e.message : String(error));
  const status = httpStatusOf(e);
  const make = (cause: ApiCause, detail: string, extra: Partial<ApiFailure> = {}): ApiFailure => ({
    api,
    cause,
    missingApi: false,
    message: `${api} → ${detail}`,
    ...extra,
  });
  if (status !== undefined) {
    // A non-JSON body (an HTML or text 404 page) makes the SDK throw a SyntaxError: the status is what matters.
    const typed = /Exception$/.test(name) ? name : undefined;
    const body = name === 'SyntaxError' ? 'the answer is not Lambda API JSON' : text.replace(/ Deserialization error:.*$/, '');
    const missingApi = MISSING_API_STATUSES.has(status) && typed !== 'ResourceNotFoundException';
    return make('http', `HTTP ${status}${typed ? ` ${typed}` : ''}: ${body}`, { httpStatus: status, missingApi, ...(typed ? { errorType: typed } : {}) });
  }
  if (name === 'AbortError') {
    const limit = timeouts.deadlineMs !== undefined ? ` within ${seconds(timeouts.deadlineMs)}` : '';
    return make('deadline', `no answer${limit} (step deadline, retries included)`);
  }
  if (code === 'ECONNRESET' || code === 'EPIPE') return make('reset', `connection reset by the endpoint (${code}: ${text})`);
  if (code === 'ECONNREFUSED') return make('refused', `connection refused (${text})`);
  if (name === 'TimeoutError' && /did not establish a connection/.test(text)) {
    const limit = timeouts.connectTimeoutMs !== undefined ? ` within ${seconds(timeouts.connectTimeoutMs)}` : '';
    return make('connect-timeout', `no connection${limit} (connect timeout)`);
  }
  if (name === 'TimeoutError' || code === 'ETIMEDOUT') {
    const limit = timeouts.requestTimeoutMs !== undefined ? ` within ${seconds(timeouts.requestTimeoutMs)}` : '';
    return make('timeout', `no answer${limit} (request timeout)`);
  }
  if (name === 'CredentialsProviderError') return make('credentials', `credentials: ${text}`);
  const waiter = waiterResult(text);
  if (waiter !== undefined) return make('other', waiter);
  if (code !== undefined && /^E[A-Z]+$/.test(code)) return make('other', `network error ${code}: ${text}`);
  return make('other', `${name}: ${text}`);
}

/**
 * The SDK's waiters throw an Error whose message is their result as JSON
 * (`{"state":"TIMEOUT","observedResponses":{"404: Not Found":12},...}`): this
 * turns it into "gave up (TIMEOUT); answers seen: 404: Not Found ×12".
 */
function waiterResult(text: string): string | undefined {
  if (!text.startsWith('{')) return undefined;
  let parsed: { state?: unknown; reason?: unknown; observedResponses?: unknown };
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    return undefined;
  }
  if (typeof parsed.state !== 'string') return undefined;
  const seen = typeof parsed.observedResponses === 'object' && parsed.observedResponses !== null ? Object.entries(parsed.observedResponses as Record<string, unknown>) : [];
  const answers = seen.map(([answer, count]) => `${oneLine(answer).slice(0, 120)} ×${String(count)}`).join(', ');
  const reason = typeof parsed.reason === 'string' ? `: ${parsed.reason}` : '';
  return `gave up (${parsed.state}${reason})${answers ? `; answers seen: ${answers}` : ''}`;
}

/** "not available from this endpoint: GetFunction → HTTP 404": how a capability gap is worded everywhere. */
export function unavailableReason(failure: ApiFailure): string {
  return `not available from this endpoint: ${failure.api}${failure.httpStatus !== undefined ? ` → HTTP ${failure.httpStatus}` : ''}`;
}

/**
 * Runs one step (an SDK call with the SDK's own retries, or a waiter) under
 * an overall deadline: `run` gets an AbortSignal that fires after
 * `deadlineMs`, and whatever it throws comes back as a
 * {@link LambdaApiCallError} naming `api`. The deadline bounds the step as a
 * whole, so retries never multiply it.
 */
export async function withDeadline<T>(api: string, deadlineMs: number, run: (signal: AbortSignal) => Promise<T>, timeouts: TimeoutContext = {}): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new LambdaApiCallError(describeApiError(api, { name: 'AbortError', message: 'deadline' }, { ...timeouts, deadlineMs })));
    }, deadlineMs);
    timer.unref();
  });
  try {
    // The race ends the step on time even when `run` ignores the signal (a waiter between polls).
    return await Promise.race([run(controller.signal), expired]);
  } catch (error) {
    throw new LambdaApiCallError(controller.signal.aborted ? describeApiError(api, { name: 'AbortError', message: 'deadline' }, { ...timeouts, deadlineMs }) : describeApiError(api, error, timeouts));
  } finally {
    clearTimeout(timer);
  }
}
