/**
 * One Lambda session of a run: the endpoint (the embedded local Lambda
 * started in-process and closed at the end, an --endpoint URL, or AWS), its
 * two SDK clients, and what the endpoint can tell about how it runs code.
 *
 * Opening a session asks the endpoint one cheap question under a short
 * deadline: an endpoint that accepts connections and never answers, resets
 * them or refuses them fails the run here, in one line naming the call,
 * instead of hanging the first deploy or invoke.
 */
import { ListFunctionsCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { defaultAccountConcurrency } from '../local/concurrency.js';
import { startLocalLambda } from '../local/server.js';
import { awsEndpoint, clientTimeouts, lambdaClient, urlEndpoint, type LambdaEndpoint } from '../deploy/endpoint.js';
import { withDeadline, type TimeoutContext } from './api-errors.js';
import type { LocalLambda, LocalLambdaStatus } from '../local/types.js';
import type { LambdaOptions } from '../../harness/options/lambda.js';

/** The probe at open: any HTTP answer (even 403 or 404) proves someone is there; silence for this long does not. */
export const PROBE_DEADLINE_MS = 10_000;
/** A local Lambda answers `/_local/status` at once; other endpoints may not have it at all. */
export const STATUS_TIMEOUT_MS = 5_000;

/** An open session. */
export interface LambdaSession {
  readonly endpoint: LambdaEndpoint;
  /** For deploys, configuration changes and waiters (SDK retries on). */
  readonly control: LambdaClient;
  /** For timed invocations (maxAttempts 1). */
  readonly timed: LambdaClient;
  /** The timed client's limits, to word its errors. */
  readonly timedTimeouts: TimeoutContext;
  /** Facts about a local Lambda (CPU limiting, runtime client, Node version); undefined for AWS or endpoints without them. */
  status(): Promise<LocalLambdaStatus | undefined>;
  /** The runtime client that served a function's environments, when the endpoint says. */
  runtimeClientOf(functionName: string): Promise<string | undefined>;
  /**
   * After a call got no HTTP answer: asks the endpoint again (the probe of
   * open). Silent too: the endpoint is gone, and the session says so from
   * then on; returns the one-line reason, or undefined while it answers.
   */
  checkAnswering(): Promise<string | undefined>;
  /** Why the endpoint is gone, once {@link checkAnswering} found it so. */
  downReason(): string | undefined;
  close(): Promise<void>;
}

/**
 * Asks the endpoint for one page of one function. Only the absence of any
 * HTTP answer fails: a 404 (an endpoint that serves Invoke only) or a 403 (a
 * role without lambda:ListFunctions) is still an endpoint that answers.
 */
export async function probeEndpoint(control: LambdaClient, deadlineMs: number = PROBE_DEADLINE_MS): Promise<void> {
  try {
    await withDeadline('ListFunctions', deadlineMs, (abortSignal) => control.send(new ListFunctionsCommand({ MaxItems: 1 }), { abortSignal }), clientTimeouts({ timed: false }));
  } catch (error) {
    const failure = (error as { failure?: { httpStatus?: number } }).failure;
    if (failure?.httpStatus !== undefined) return;
    throw error;
  }
}

/**
 * Opens the session the options ask for. `environments` is how many functions
 * are measured interleaved at once: the embedded local Lambda is sized so
 * none of their warm environments is evicted to make room for another (on
 * AWS only busy environments count against concurrency, and they run one at a time).
 */
export async function openSession(options: LambdaOptions, notice: (message: string) => void, environments = 0): Promise<LambdaSession> {
  let local: LocalLambda | undefined;
  let endpoint: LambdaEndpoint;
  if (options.aws) endpoint = await awsEndpoint(options.region);
  else if (options.endpoint !== undefined) endpoint = urlEndpoint('endpoint', options.endpoint, options.region);
  else {
    // The local Lambda's own default (AWS's 1000 scaled to this host, concurrency.ts) unless the functions
    // interleaved need more room: a load run must meet the account limit a default AWS account has, not a smaller one.
    const scaled = defaultAccountConcurrency();
    const needed = environments + 8;
    const limit = needed > scaled.limit
      ? { maxConcurrency: needed, maxConcurrencyReason: `raised from ${scaled.limit} (${scaled.reason}) so that none of ${environments} interleaved functions' warm environments is evicted` }
      : {};
    local = await startLocalLambda({ port: 0, ...limit, ...(options.region ? { region: options.region } : {}), notice });
    endpoint = urlEndpoint('embedded', local.endpoint, options.region, local.credentials);
  }
  const timedOptions = { timed: true, functionTimeoutSeconds: options.timeoutSeconds };
  const control = lambdaClient(endpoint, { timed: false });
  const timed = lambdaClient(endpoint, timedOptions);
  try {
    await probeEndpoint(control);
  } catch (error) {
    control.destroy();
    timed.destroy();
    await local?.close();
    throw error;
  }
  // Asked once: an endpoint without the status route does not grow one mid-run.
  let statusRoute = true;
  let down: string | undefined;
  const status = async (): Promise<LocalLambdaStatus | undefined> => {
    if (local) return local.status();
    if (endpoint.kind !== 'endpoint' || endpoint.url === undefined || !statusRoute) return undefined;
    // A local Lambda started with `npm run lambda:local` serves its status; other endpoints do not.
    try {
      const response = await fetch(`${endpoint.url}/_local/status`, { signal: AbortSignal.timeout(STATUS_TIMEOUT_MS) });
      if (response.ok) return (await response.json()) as LocalLambdaStatus;
      statusRoute = false;
      return undefined;
    } catch {
      statusRoute = false;
      return undefined;
    }
  };
  return {
    endpoint,
    control,
    timed,
    timedTimeouts: clientTimeouts(timedOptions),
    status,
    async runtimeClientOf(functionName) {
      if (endpoint.kind === 'aws') return 'aws-managed-runtime';
      const s = await status();
      return s?.environments.find((e) => e.functionName === functionName && e.runtimeClient !== undefined)?.runtimeClient;
    },
    async checkAnswering() {
      if (down !== undefined) return down;
      try {
        await probeEndpoint(control);
      } catch (error) {
        down = (error as Error).message;
      }
      return down;
    },
    downReason: () => down,
    async close() {
      control.destroy();
      timed.destroy();
      await local?.close();
    },
  };
}
