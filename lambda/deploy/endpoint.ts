/**
 * Where Lambda calls go: the embedded local Lambda, any Lambda-API endpoint,
 * or real AWS. The only differences between them live here: the endpoint URL
 * and the credentials. Every other line of deploy, teardown and the Lambda mode is
 * the same `@aws-sdk/client-lambda` code.
 */
import { LambdaClient } from '@aws-sdk/client-lambda';
import { getProfileName, loadSharedConfigFiles } from '@smithy/core/config';
import { describeApiError, LambdaApiCallError, withDeadline } from '../measure/api-errors.js';
import { UsageError } from '../../harness/options/errors.js';
import { readCredentialFile } from '../local/credential-file.js';
import type { ApiCredentials } from '../local/credentials.js';

/** A resolved Lambda API target. */
export interface LambdaEndpoint {
  /** `embedded`: the in-process local Lambda; `endpoint`: a URL given with --endpoint; `aws`: the real service. */
  readonly kind: 'embedded' | 'endpoint' | 'aws';
  /** API URL (undefined for AWS: the SDK derives it from the region). */
  readonly url: string | undefined;
  readonly region: string;
  /** What results record: `local`, `endpoint:<host:port>`, or `aws:<region>`; never an account id or credentials. */
  readonly label: string;
  /** The local Lambda's API credential, when known (never for AWS: the SDK's chain resolves those). */
  readonly credentials?: ApiCredentials;
}

/**
 * Credentials for an endpoint whose own is not known: one that is not a local Lambda of this
 * project checks no signature. A local Lambda refuses them for calls that change functions.
 */
export const PLACEHOLDER_CREDENTIALS = { accessKeyId: 'wasm-lambda-bench-local', secretAccessKey: 'wasm-lambda-bench-local' };

/**
 * The local Lambda's endpoint, or any other endpoint URL given with --endpoint.
 * `credentials` are the embedded server's own; for a loopback URL without them,
 * those a standalone local Lambda on that port left for this user
 * (credential-file.ts) are used when present.
 */
export function urlEndpoint(kind: 'embedded' | 'endpoint', url: string, region = 'us-east-1', credentials?: ApiCredentials): LambdaEndpoint {
  const parsed = new URL(url);
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname);
  const port = Number(parsed.port || (parsed.protocol === 'https:' ? 443 : 80));
  const found = credentials ?? (loopback ? readCredentialFile(port) : undefined);
  // Only host and port go into results: a URL may carry user info or tokens.
  return { kind, url: parsed.origin, region, label: kind === 'embedded' ? 'local' : `endpoint:${parsed.host}`, ...(found ? { credentials: found } : {}) };
}

/** Connecting: instant on loopback, well under a second to an AWS region; after this long nobody is listening. */
export const CONNECT_TIMEOUT_MS = 3_000;
/** One control-plane request (GetFunction, UpdateFunctionConfiguration, ListTags...): AWS answers in well under a second. */
export const CONTROL_REQUEST_TIMEOUT_MS = 10_000;
/** One code upload (CreateFunction, UpdateFunctionCode): zips of a few MB over a slow uplink. */
export const UPLOAD_REQUEST_TIMEOUT_MS = 120_000;
/** A whole control step, the SDK's retries included: retries never stretch a step past this. */
export const CONTROL_STEP_DEADLINE_MS = 30_000;
/** A code upload step, retries included. */
export const UPLOAD_STEP_DEADLINE_MS = 300_000;
/**
 * Added to the function's Timeout for one Invoke attempt: a cold start's INIT
 * (AWS allows 10 s) and the network on top of the handler's own limit. A
 * 128 MB function at a large size can legitimately take seconds; only the
 * function's Timeout bounds that.
 */
export const INVOKE_SLACK_MS = 15_000;
/** The function Timeout assumed when none is known (Lambda's own default is 3 s; the project deploys 60 s). */
export const DEFAULT_FUNCTION_TIMEOUT_S = 60;

/** How long one Invoke attempt may take for a function with this Timeout (seconds). */
export function invokeAttemptTimeoutMs(functionTimeoutSeconds: number = DEFAULT_FUNCTION_TIMEOUT_S): number {
  return functionTimeoutSeconds * 1000 + INVOKE_SLACK_MS;
}

/**
 * The named AWS profile must exist before anything else is resolved: with a
 * missing one the SDK reports only "Region is missing" or "Could not load
 * credentials from any providers". Reads the files the SDK reads, with its
 * own loader (@smithy/core: declared at the version @aws-sdk/client-lambda
 * installs, so the import never rests on a transitive dependency).
 */
export async function checkAwsProfile(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (env.AWS_PROFILE === undefined || env.AWS_PROFILE === '') return;
  const profile = getProfileName({});
  const files = await loadSharedConfigFiles({ ignoreCache: true });
  if (files.configFile[profile] !== undefined || files.credentialsFile[profile] !== undefined) return;
  const where = [env.AWS_CONFIG_FILE ?? '~/.aws/config', env.AWS_SHARED_CREDENTIALS_FILE ?? '~/.aws/credentials'].join(' or ');
  throw new LambdaApiCallError({
    api: 'credentials',
    cause: 'profile',
    missingApi: false,
    message: `AWS profile "${profile}" (AWS_PROFILE) not found in ${where}`,
  });
}

/**
 * Real AWS in `region`, or in the region of the standard chain (AWS_REGION,
 * AWS_PROFILE's config) when none is given. Credentials are resolved here,
 * once and under a deadline, so a missing profile or key fails the run in
 * one line before any function is touched.
 */
export async function awsEndpoint(region: string | undefined): Promise<LambdaEndpoint> {
  await checkAwsProfile();
  let resolved = region;
  if (resolved === undefined) {
    const probe = new LambdaClient({});
    try {
      resolved = await probe.config.region();
    } catch (error) {
      // The fix is a flag or a variable: a usage error, one line, never a stack.
      throw new UsageError(`no AWS region (${describeApiError('region', error).message.replace(/^region → /, '')}): pass --region or set AWS_REGION (or a region in the AWS_PROFILE config)`);
    } finally {
      probe.destroy();
    }
  }
  const client = new LambdaClient({ region: resolved });
  try {
    // The chain may ask instance metadata or an SSO portal over the network: bounded like every other call.
    await withDeadline('credentials', CONTROL_STEP_DEADLINE_MS, () => client.config.credentials());
  } finally {
    client.destroy();
  }
  return { kind: 'aws', url: undefined, region: resolved, label: `aws:${resolved}` };
}

/** Options of {@link lambdaClient}. */
export interface ClientOptions {
  readonly timed: boolean;
  /** The functions' Timeout in seconds: bounds one timed Invoke attempt (default {@link DEFAULT_FUNCTION_TIMEOUT_S}). */
  readonly functionTimeoutSeconds?: number;
}

/**
 * An SDK client for the endpoint. `timed` clients make one attempt per call
 * (`maxAttempts: 1`): the Lambda mode retries throttles and 5xx itself, counted,
 * so SDK retries never hide inside a timed round trip. They also resolve
 * their middleware stack once per command class (the SDK's documented
 * `cacheMiddleware`, "0-1 ms per request"; nothing here changes middleware
 * between calls): the client's own cost is part of every timed round trip.
 * That cache is skipped when `send` gets options, so timed calls take their
 * limits from the client: a connect timeout, and a request timeout of the
 * function's Timeout plus {@link INVOKE_SLACK_MS}.
 *
 * Every client has connection and request timeouts (the SDK's defaults have
 * none: an endpoint that accepts and never answers would hang the run).
 */
export function lambdaClient(endpoint: LambdaEndpoint, options: ClientOptions): LambdaClient {
  const requestTimeout = options.timed ? invokeAttemptTimeoutMs(options.functionTimeoutSeconds) : CONTROL_REQUEST_TIMEOUT_MS;
  return new LambdaClient({
    region: endpoint.region,
    maxAttempts: options.timed ? 1 : 3,
    cacheMiddleware: options.timed,
    // socketTimeout also covers a body that stalls after the headers (requestTimeout stops at the headers).
    requestHandler: { connectionTimeout: CONNECT_TIMEOUT_MS, requestTimeout, throwOnRequestTimeout: true, socketTimeout: requestTimeout },
    ...(endpoint.kind === 'aws' ? {} : { endpoint: endpoint.url, credentials: endpoint.credentials ?? PLACEHOLDER_CREDENTIALS }),
  });
}

/** Timeouts of a client made by {@link lambdaClient}, for error messages. */
export function clientTimeouts(options: ClientOptions): { readonly requestTimeoutMs: number; readonly connectTimeoutMs: number } {
  return { requestTimeoutMs: options.timed ? invokeAttemptTimeoutMs(options.functionTimeoutSeconds) : CONTROL_REQUEST_TIMEOUT_MS, connectTimeoutMs: CONNECT_TIMEOUT_MS };
}
