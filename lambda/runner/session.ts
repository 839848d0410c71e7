/**
 * One Lambda session of a run: the endpoint (the embedded local Lambda
 * started in-process and closed at the end, an --endpoint URL, or AWS), its
 * two SDK clients, and what the endpoint can tell about how it runs code.
 */
import type { LambdaClient } from '@aws-sdk/client-lambda';
import { startLocalLambda } from '../local/server.js';
import { awsEndpoint, lambdaClient, urlEndpoint, type LambdaEndpoint } from '../deploy/endpoint.js';
import type { LocalLambda, LocalLambdaStatus } from '../local/types.js';
import type { LambdaOptions } from './options.js';

/** An open session. */
export interface LambdaSession {
  readonly endpoint: LambdaEndpoint;
  /** For deploys, configuration changes and waiters (SDK retries on). */
  readonly control: LambdaClient;
  /** For timed invocations (maxAttempts 1). */
  readonly timed: LambdaClient;
  /** Facts about a local Lambda (CPU limiting, runtime client, Node version); undefined for AWS or endpoints without them. */
  status(): Promise<LocalLambdaStatus | undefined>;
  /** The runtime client that served a function's environments, when the endpoint says. */
  runtimeClientOf(functionName: string): Promise<string | undefined>;
  close(): Promise<void>;
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
    const maxConcurrency = Math.max(32, environments + 8);
    local = await startLocalLambda({ port: 0, maxConcurrency, ...(options.region ? { region: options.region } : {}), notice });
    endpoint = urlEndpoint('embedded', local.endpoint, options.region);
  }
  const control = lambdaClient(endpoint, { timed: false });
  const timed = lambdaClient(endpoint, { timed: true });
  const status = async (): Promise<LocalLambdaStatus | undefined> => {
    if (local) return local.status();
    if (endpoint.kind !== 'endpoint' || endpoint.url === undefined) return undefined;
    // A local Lambda started with `npm run lambda:local` serves its status; other endpoints do not.
    try {
      const response = await fetch(`${endpoint.url}/_local/status`);
      return response.ok ? ((await response.json()) as LocalLambdaStatus) : undefined;
    } catch {
      return undefined;
    }
  };
  return {
    endpoint,
    control,
    timed,
    status,
    async runtimeClientOf(functionName) {
      if (endpoint.kind === 'aws') return 'aws-managed-runtime';
      const s = await status();
      return s?.environments.find((e) => e.functionName === functionName && e.runtimeClient !== undefined)?.runtimeClient;
    },
    async close() {
      control.destroy();
      timed.destroy();
      await local?.close();
    },
  };
}
