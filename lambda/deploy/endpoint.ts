/**
 * Where Lambda calls go: the embedded local Lambda, any Lambda-API endpoint,
 * or real AWS. The only differences between them live here: the endpoint URL
 * and the credentials. Every other line of deploy, teardown and the runner is
 * the same `@aws-sdk/client-lambda` code.
 */
import { LambdaClient } from '@aws-sdk/client-lambda';

/** A resolved Lambda API target. */
export interface LambdaEndpoint {
  /** `embedded`: the in-process local Lambda; `endpoint`: a URL given with --endpoint; `aws`: the real service. */
  readonly kind: 'embedded' | 'endpoint' | 'aws';
  /** API URL (undefined for AWS: the SDK derives it from the region). */
  readonly url: string | undefined;
  readonly region: string;
  /** What results record: `local`, `endpoint:<host:port>`, or `aws:<region>`; never an account id or credentials. */
  readonly label: string;
}

/** Credentials a non-AWS endpoint accepts (it checks no signature); never used against AWS. */
const PLACEHOLDER_CREDENTIALS = { accessKeyId: 'wasm-lambda-bench-local', secretAccessKey: 'wasm-lambda-bench-local' };

/** The local Lambda's endpoint, or any other endpoint URL given with --endpoint. */
export function urlEndpoint(kind: 'embedded' | 'endpoint', url: string, region = 'us-east-1'): LambdaEndpoint {
  const parsed = new URL(url);
  // Only host and port go into results: a URL may carry user info or tokens.
  return { kind, url: parsed.origin, region, label: kind === 'embedded' ? 'local' : `endpoint:${parsed.host}` };
}

/**
 * Real AWS in `region`, or in the region of the standard chain (AWS_REGION,
 * AWS_PROFILE's config) when none is given.
 */
export async function awsEndpoint(region: string | undefined): Promise<LambdaEndpoint> {
  const resolved = region ?? (await new LambdaClient({}).config.region().catch(() => undefined));
  if (!resolved) throw new Error('no AWS region: pass --region or set AWS_REGION (or a region in the AWS_PROFILE config)');
  return { kind: 'aws', url: undefined, region: resolved, label: `aws:${resolved}` };
}

/**
 * An SDK client for the endpoint. `timed` clients make one attempt per call
 * (`maxAttempts: 1`): the runner retries throttles and 5xx itself, counted,
 * so SDK retries never hide inside a timed round trip. They also resolve
 * their middleware stack once per command class (the SDK's documented
 * `cacheMiddleware`, "0-1 ms per request"; nothing here changes middleware
 * between calls): the client's own cost is part of every timed round trip.
 */
export function lambdaClient(endpoint: LambdaEndpoint, options: { readonly timed: boolean }): LambdaClient {
  return new LambdaClient({
    region: endpoint.region,
    maxAttempts: options.timed ? 1 : 3,
    cacheMiddleware: options.timed,
    ...(endpoint.kind === 'aws' ? {} : { endpoint: endpoint.url, credentials: PLACEHOLDER_CREDENTIALS }),
  });
}
