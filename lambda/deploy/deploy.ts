/**
 * Idempotent deployment of one function: create it when absent, upload code
 * only when the local zip's SHA-256 differs from the deployed CodeSha256,
 * update configuration only when it drifted, and wait with the SDK's V2
 * waiters after every change. A function of the same name without the
 * project tag is never touched.
 *
 * Every call runs under a deadline (SDK retries included) and fails as a
 * LambdaApiCallError naming the call: `GetFunction → HTTP 404: Not Found`.
 */
import {
  CreateFunctionCommand,
  GetFunctionCommand,
  ListTagsCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
  waitUntilFunctionActiveV2,
  waitUntilFunctionUpdatedV2,
  type FunctionConfiguration,
  type Runtime,
  type LambdaClient,
} from '@aws-sdk/client-lambda';
import { PROJECT_TAG, functionTags, type FunctionId } from './names.js';
import { clientTimeouts, CONTROL_STEP_DEADLINE_MS, UPLOAD_REQUEST_TIMEOUT_MS, UPLOAD_STEP_DEADLINE_MS } from './endpoint.js';
import { LambdaApiCallError, withDeadline } from '../measure/api-errors.js';
import { UsageError } from '../../harness/options/errors.js';

/** Everything that defines one deployed function. */
export interface FunctionSpec extends FunctionId {
  readonly name: string;
  readonly zip: Uint8Array;
  /** base64 SHA-256 of `zip`. */
  readonly codeSha256: string;
  readonly handler: string;
  /** Lambda runtime identifier, e.g. `nodejs22.x`. */
  readonly runtime: Runtime;
  readonly role: string;
  /** Seconds. */
  readonly timeout: number;
}

/** What a deploy did to one function. */
export interface DeployOutcome {
  readonly name: string;
  readonly action: 'created' | 'updated' | 'unchanged';
  /** Zip bytes sent (0 when the code was already there). */
  readonly uploadedBytes: number;
  /** Configuration keys that drifted and were updated. */
  readonly configChanged: readonly string[];
}

/** How long the waiters may wait, in seconds (AWS can take a minute on a cold account). */
export interface WaitOptions {
  readonly maxWaitTime: number;
}

const DESCRIPTION = 'wasm-lambda-bench benchmark function (created by npm run deploy; removed by npm run teardown)';

/** One control-plane call under its step deadline; its failure names `api`. */
export function controlCall<T>(api: string, run: (abortSignal: AbortSignal) => Promise<T>, deadlineMs: number = CONTROL_STEP_DEADLINE_MS): Promise<T> {
  return withDeadline(api, deadlineMs, run, clientTimeouts({ timed: false }));
}

/** A waiter (it polls GetFunctionConfiguration) under its own limit plus one control step. */
function waitFor(what: string, maxWaitTime: number, run: (abortSignal: AbortSignal) => Promise<unknown>): Promise<unknown> {
  return controlCall(`GetFunctionConfiguration (waiting for ${what})`, run, maxWaitTime * 1000 + CONTROL_STEP_DEADLINE_MS);
}

/** Creates or updates one function so it matches `spec`. */
export async function ensureFunction(client: LambdaClient, spec: FunctionSpec, wait: WaitOptions = { maxWaitTime: 300 }): Promise<DeployOutcome> {
  const waiter = { client, maxWaitTime: wait.maxWaitTime };
  const active = (): Promise<unknown> => waitFor('State Active', wait.maxWaitTime, (abortSignal) => waitUntilFunctionActiveV2({ ...waiter, abortSignal }, { FunctionName: spec.name }));
  const updated = (): Promise<unknown> => waitFor('LastUpdateStatus Successful', wait.maxWaitTime, (abortSignal) => waitUntilFunctionUpdatedV2({ ...waiter, abortSignal }, { FunctionName: spec.name }));
  const upload = { requestTimeout: UPLOAD_REQUEST_TIMEOUT_MS };
  const existing = await getFunction(client, spec.name);
  if (!existing) {
    const create = new CreateFunctionCommand({
      FunctionName: spec.name,
      Runtime: spec.runtime,
      Role: spec.role,
      Handler: spec.handler,
      Code: { ZipFile: spec.zip },
      MemorySize: spec.memoryMB,
      Timeout: spec.timeout,
      Architectures: [spec.arch],
      Description: DESCRIPTION,
      PackageType: 'Zip',
      Tags: functionTags(spec),
    });
    await controlCall('CreateFunction', (abortSignal) => client.send(create, { abortSignal, ...upload }), UPLOAD_STEP_DEADLINE_MS);
    await active();
    return { name: spec.name, action: 'created', uploadedBytes: spec.zip.length, configChanged: [] };
  }
  if (existing.tags[PROJECT_TAG] !== 'true') {
    // The fix is another --prefix: a usage error (the deploy CLI prints its message alone).
    throw new UsageError(`a function named ${spec.name} exists without the ${PROJECT_TAG} tag: not created by this project, so it is left alone (use another --prefix)`);
  }
  let config = existing.config;
  if (config.State !== 'Active' || config.LastUpdateStatus === 'InProgress') await updated();
  let uploadedBytes = 0;
  const deployedArch = config.Architectures?.[0] ?? 'x86_64';
  if (config.CodeSha256 !== spec.codeSha256 || deployedArch !== spec.arch) {
    const code = new UpdateFunctionCodeCommand({ FunctionName: spec.name, ZipFile: spec.zip, Architectures: [spec.arch] });
    await controlCall('UpdateFunctionCode', (abortSignal) => client.send(code, { abortSignal, ...upload }), UPLOAD_STEP_DEADLINE_MS);
    uploadedBytes = spec.zip.length;
    await updated();
    config = (await getFunction(client, spec.name))?.config ?? config;
  }
  const drift = configDrift(config, spec);
  if (drift.length > 0) {
    const configuration = new UpdateFunctionConfigurationCommand({
      FunctionName: spec.name,
      Runtime: spec.runtime,
      Role: spec.role,
      Handler: spec.handler,
      MemorySize: spec.memoryMB,
      Timeout: spec.timeout,
    });
    await controlCall('UpdateFunctionConfiguration', (abortSignal) => client.send(configuration, { abortSignal }));
    await updated();
  }
  const changed = uploadedBytes > 0 || drift.length > 0;
  return { name: spec.name, action: changed ? 'updated' : 'unchanged', uploadedBytes, configChanged: drift };
}

/** Configuration keys whose deployed value differs from the spec. */
export function configDrift(config: FunctionConfiguration, spec: FunctionSpec): string[] {
  const drift: string[] = [];
  if (config.Runtime !== spec.runtime) drift.push('Runtime');
  if (config.Role !== spec.role) drift.push('Role');
  if (config.Handler !== spec.handler) drift.push('Handler');
  if (config.MemorySize !== spec.memoryMB) drift.push('MemorySize');
  if (config.Timeout !== spec.timeout) drift.push('Timeout');
  return drift;
}

/** A function's configuration and tags, or undefined when it does not exist. */
export async function getFunction(client: LambdaClient, name: string): Promise<{ config: FunctionConfiguration; tags: Record<string, string> } | undefined> {
  let out;
  try {
    out = await controlCall('GetFunction', (abortSignal) => client.send(new GetFunctionCommand({ FunctionName: name }), { abortSignal }));
  } catch (error) {
    if (error instanceof LambdaApiCallError && error.failure.errorType === 'ResourceNotFoundException') return undefined;
    throw error;
  }
  const config = out.Configuration ?? {};
  const arn = config.FunctionArn;
  // GetFunction returns Tags only to callers allowed lambda:ListTags; ask directly when absent.
  const tags = out.Tags ?? (arn ? (await controlCall('ListTags', (abortSignal) => client.send(new ListTagsCommand({ Resource: arn }), { abortSignal }))).Tags : undefined) ?? {};
  return { config, tags };
}

/** One function's deploy result, or its failure. */
export type DeployResult = { readonly spec: FunctionSpec; readonly outcome: DeployOutcome } | { readonly spec: FunctionSpec; readonly error: Error };

/**
 * Deploys many functions, a few at a time: on AWS each create or update waits
 * seconds for its waiter, so hundreds of functions one by one take many minutes.
 * Results come back in `specs` order; `onResult` sees each as it finishes.
 */
export async function deployAll(
  client: LambdaClient,
  specs: readonly FunctionSpec[],
  options: WaitOptions & { readonly concurrency: number; readonly onResult?: (result: DeployResult) => void },
): Promise<DeployResult[]> {
  const results: DeployResult[] = new Array(specs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < specs.length) {
      const index = next++;
      const spec = specs[index] as FunctionSpec;
      let result: DeployResult;
      try {
        result = { spec, outcome: await ensureFunction(client, spec, options) };
      } catch (error) {
        result = { spec, error: error instanceof Error ? error : new Error(String(error)) };
      }
      results[index] = result;
      options.onResult?.(result);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, specs.length)) }, worker));
  return results;
}
