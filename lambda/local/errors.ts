/**
 * Typed AWS errors as the Lambda API sends them: an HTTP status, the
 * `x-amzn-ErrorType` header and a small JSON body. `@aws-sdk/client-lambda`
 * reads the header to pick the exception class and the body for its message.
 */

/** The key AWS uses for the message: most Lambda errors say `Message`, a few `message`. */
type MessageKey = 'Message' | 'message';

/** An error the Lambda API returns to the caller. */
export class LambdaApiError extends Error {
  /**
   * @param status HTTP status code.
   * @param type AWS error code, e.g. `ResourceNotFoundException`.
   * @param message Human-readable message, worded as AWS words it.
   * @param extra Additional body members (e.g. `Reason` of a throttle).
   * @param headers Additional response headers (e.g. `Retry-After`).
   */
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly messageKey: MessageKey = 'Message',
    readonly extra: Readonly<Record<string, string>> = {},
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = type;
  }

  /** The JSON body AWS sends with this error. */
  body(): string {
    const body: Record<string, string> = { ...this.extra };
    if (this.type !== 'ValidationException') body.Type = 'User';
    body[this.messageKey] = this.message;
    return JSON.stringify(body);
  }
}

/** 404: the function (or qualifier) does not exist. */
export function notFound(arn: string): LambdaApiError {
  return new LambdaApiError(404, 'ResourceNotFoundException', `Function not found: ${arn}`);
}

/** 404 for a route the local Lambda does not implement (AWS answers unknown paths the same way). */
export function unknownOperation(method: string, path: string): LambdaApiError {
  return new LambdaApiError(404, 'UnknownOperationException', `Unknown operation ${method} ${path}`, 'message');
}

/** 409: the function exists already, or is mid-update. */
export function conflict(message: string): LambdaApiError {
  return new LambdaApiError(409, 'ResourceConflictException', message);
}

/** 400: a parameter has an unusable value. */
export function invalidParameter(message: string): LambdaApiError {
  return new LambdaApiError(400, 'InvalidParameterValueException', message);
}

/** 400: a parameter breaks a modelled constraint (AWS's generic validation layer). */
export function validation(field: string, value: unknown, constraint: string): LambdaApiError {
  const shown = value === undefined || value === null ? 'null' : `'${String(value)}'`;
  const message = `1 validation error detected: Value ${shown} at '${field}' failed to satisfy constraint: ${constraint}`;
  return new LambdaApiError(400, 'ValidationException', message, 'message');
}

/** 400: the Invoke payload is not JSON. */
export function invalidRequestContent(detail: string): LambdaApiError {
  return new LambdaApiError(400, 'InvalidRequestContentException', `Could not parse request body into json: ${detail}`);
}

/** 413: the request body is over the operation's limit. */
export function requestTooLarge(limit: number, operation: string): LambdaApiError {
  return new LambdaApiError(
    413,
    'RequestTooLargeException',
    `Request must be smaller than ${limit} bytes for the ${operation} operation`,
    'message',
  );
}

/** 429: the function's reserved concurrency, or the account's, is exhausted. */
export function tooManyRequests(reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' | 'ConcurrentInvocationLimitExceeded'): LambdaApiError {
  return new LambdaApiError(429, 'TooManyRequestsException', 'Rate Exceeded.', 'message', { Reason: reason }, { 'Retry-After': '1' });
}

/** 412: a RevisionId precondition failed. */
export function preconditionFailed(): LambdaApiError {
  return new LambdaApiError(
    412,
    'PreconditionFailedException',
    'The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id',
  );
}

/** 500: a bug or host failure inside the local Lambda itself. */
export function serviceError(message: string): LambdaApiError {
  return new LambdaApiError(500, 'ServiceException', message);
}
