/**
 * The local Lambda: the Lambda API on 127.0.0.1, as `@aws-sdk/client-lambda`
 * speaks it, backed by real execution environments. Embed it with
 * {@link startLocalLambda}; run it standalone with `npm run lambda:local`.
 */

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AsyncQueue, AWS_DELAYS } from './async-queue.js';
import { systemClock } from './clock.js';
import { createCgroupManager } from './cgroup.js';
import { ConcurrencyLimits, defaultAccountConcurrency, explicitAccountConcurrency } from './concurrency.js';
import type * as cp from './control-plane.js';
import { removeCredentialFile, writeCredentialFile } from './credential-file.js';
import { checkSignature, newCredentials } from './credentials.js';
import { LambdaApiError, serviceError, unknownOperation } from './errors.js';
import { EventBuses } from './event-buses.js';
import { EventInvokeConfigs } from './event-invoke-config.js';
import { eventsService } from './events-api.js';
import { handleInvoke, MAX_SYNC_PAYLOAD } from './invoke.js';
import { resolveTarget, serveJson } from './json-rpc.js';
import { LogStore } from './log-store.js';
import { logsService } from './logs-api.js';
import { Policies } from './permissions.js';
import { EnvironmentPool } from './pool.js';
import { startReaper } from './reaper.js';
import { routeLambdaApi } from './routes.js';
import { defaultStartLimit, StartGate } from './start-gate.js';
import { handlerSandbox } from './sandbox-user.js';
import { RuntimeNodes, runtimeVersionOf } from './runtimes.js';
import { FunctionStore } from './store.js';
import type { LocalLambda, LocalLambdaOptions, LocalLambdaStatus, RuntimeClientName } from './types.js';
// The same defaults in-process as from `npm run lambda:local` (the port aside: 0 in-process, a free one).
import { LOCAL_LAMBDA_DEFAULTS } from '../../harness/options/profiles.js';

/** Directory of bootstrap.mjs and fallback-client.mjs. */
export const RUNTIME_DIR = fileURLToPath(new URL('./runtime/', import.meta.url));
/** Largest CreateFunction / UpdateFunctionCode request AWS accepts (a 50 MB zip in base64 JSON). */
const MAX_CODE_REQUEST = 70_167_211;
const MAX_OTHER_REQUEST = 1024 * 1024;

/** Starts a local Lambda on 127.0.0.1 and resolves once it accepts connections. */
export async function startLocalLambda(options: LocalLambdaOptions = {}): Promise<LocalLambda> {
  const notice = options.notice ?? ((message: string) => process.stderr.write(`${message}\n`));
  const region = options.region ?? LOCAL_LAMBDA_DEFAULTS.region;
  // First, before anything is created: from here on everything the server creates is registered with
  // the watchdog (see reaper.ts), which also sweeps what earlier servers, killed together with their
  // watchdogs, left.
  const reaper = startReaper({ script: join(RUNTIME_DIR, 'reaper.mjs'), notice });
  const cgroups = createCgroupManager(options.cgroups ?? 'auto');
  // The root groups exist from here, environments or not: a kill during deploy must not leave them.
  for (const root of cgroups.roots) reaper.add('cgroup', root);
  if (cgroups.reason !== undefined) {
    notice(`local Lambda: running environments with cpuLimit: ${cgroups.mode}, memoryLimit: ${cgroups.memoryMode}: ${cgroups.reason}`);
  }
  let client: Awaited<ReturnType<typeof chooseRuntimeClient>>;
  try {
    client = await chooseRuntimeClient(options.runtimeClient ?? 'auto');
  } catch (error) {
    cgroups.removeRoot();
    reaper.close();
    throw error;
  }
  if (client.name === 'fallback' && client.reason !== undefined) {
    notice(`local Lambda: using the project's fallback runtime client: ${client.reason}`);
  }
  const sandbox = handlerSandbox();
  if (sandbox.reason !== undefined) notice(`local Lambda: handlerUser: ${sandbox.mode}: ${sandbox.reason}`);
  // Calls that change functions need this (SigV4); handlers are never given it. As the same user a
  // handler can read the server's memory (it is the server's child) and its credential file.
  const credentials = newCredentials();
  const apiAuthReason = sandbox.mode === 'same-user'
    ? "handlers run as the server's user and can read its memory and credential file, so the API credential does not stop one from changing other functions"
    : undefined;
  let credentialFile: string | undefined;
  const ownWorkDir = options.workDir === undefined;
  const workDir = options.workDir ?? mkdtempSync(join(tmpdir(), 'wasm-lambda-bench-local-'));
  if (ownWorkDir) reaper.add('dir', workDir);
  // Each function runs on the Node its Runtime names (runtimes.ts); a missing one is the host's, flagged.
  const runtimes = new RuntimeNodes(notice);
  const runtimeVersionArn = (runtime: string): string => `arn:aws:lambda:${region}::runtime:local-${client.name}-${runtimeVersionOf(runtimes.forRuntime(runtime)).nodeTag}`;
  const userOnLog = options.onLog ?? (() => undefined);
  const clock = options.clock ?? systemClock;
  // Every line also goes to the CloudWatch-Logs-compatible store, stamped as it arrives (logs-api.ts reads it back).
  const logStore = new LogStore(() => clock.now(), options.logBytes);
  const onLog = (name: string, text: string, group: string, stream: string): void => {
    logStore.append(group, stream, text);
    userOnLog(name, text);
  };
  const accountId = options.accountId ?? '000000000000';
  // The store is created below; the limits read its reservations on each check.
  let store: FunctionStore | undefined;
  const limits = new ConcurrencyLimits(
    options.maxConcurrency === undefined
      ? defaultAccountConcurrency()
      : explicitAccountConcurrency(options.maxConcurrency, options.maxConcurrencyReason ?? 'set by the maxConcurrency option'),
    () => (store?.list() ?? []).map((fn) => ({ name: fn.config.name, reserved: fn.reservedConcurrency })),
  );
  const starts = options.concurrentInits === undefined
    ? defaultStartLimit()
    : { limit: options.concurrentInits, reason: 'set by the concurrentInits option' };
  const gate = new StartGate(starts.limit, starts.reason);
  const pool = new EnvironmentPool(
    {
      bootstrapPath: join(RUNTIME_DIR, 'bootstrap.mjs'),
      runtimeClient: client.name,
      cgroups,
      freezeIdle: options.freezeIdle ?? true,
      region,
      identity: (config) => ({
        functionName: config.name,
        runtimeVersion: runtimeVersionOf(runtimes.forRuntime(config.runtime)).runtimeVersion,
        runtimeVersionArn: runtimeVersionArn(config.runtime),
      }),
      nodePath: (config) => runtimes.forRuntime(config.runtime).build.path,
      onLog,
      reaper,
    },
    { idleTimeoutMs: options.idleTimeoutMs ?? LOCAL_LAMBDA_DEFAULTS['idle-ms'], limits, gate },
  );
  const functions = new FunctionStore(region, accountId, workDir, (fn) => pool.retire(fn));
  store = functions;
  const eventConfigs = new EventInvokeConfigs();
  const policies = new Policies();
  const queue = new AsyncQueue({
    clock,
    delays: { ...AWS_DELAYS, ...options.asyncDelays },
    invoke: (fn, input) => pool.invoke(fn, input),
    isCurrent: (fn) => functions.isCurrent(fn),
    settings: (fn) => eventConfigs.settings(fn),
    notice,
  });
  // EventBridge invokes Lambda targets asynchronously, and only where the function's policy lets it.
  const buses = new EventBuses(region, accountId, clock, async (targetArn, payload, ruleArn) => {
    const fn = await functions.find(targetArn).catch(() => undefined);
    if (!fn) return `function ${targetArn} does not exist`;
    if (!policies.allows(fn, 'events.amazonaws.com', ruleArn, accountId)) {
      return `the resource policy of ${fn.config.name} does not allow events.amazonaws.com to invoke it for ${ruleArn} (AddPermission)`;
    }
    queue.enqueue(fn, { requestId: crypto.randomUUID(), payload, invokedFunctionArn: fn.config.arn, clientContext: undefined }, ruleArn);
    return undefined;
  });
  const jsonServices = [logsService(logStore, region, accountId), eventsService(buses)];
  let endpoint = '';
  const control: cp.ControlContext = { store: functions, pool, endpoint: () => endpoint, runtimeVersionArn, limits, eventConfigs, policies };
  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => sendError(res, error, notice));
  });
  // SDK clients keep sockets alive; closing idle ones would race their next request.
  server.keepAliveTimeout = 0;
  server.requestTimeout = 0;

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const segments = url.pathname.split('/').filter((s) => s !== '').map((s) => decodeURIComponent(s));
    const method = req.method ?? 'GET';
    const [version, collection, name, sub] = segments;
    const isInvoke = method === 'POST' && sub === 'invocations';
    const limit = isInvoke ? MAX_SYNC_PAYLOAD : method === 'POST' || sub === 'code' ? MAX_CODE_REQUEST : MAX_OTHER_REQUEST;
    const { body, truncated } = await readBody(req, limit);
    if (isInvoke && version === '2015-03-31' && collection === 'functions' && name !== undefined && segments.length === 4) {
      const qualifier = url.searchParams.get('Qualifier') ?? undefined;
      return handleInvoke({ store: functions, pool, queue }, req, res, name, qualifier, body, truncated);
    }
    if (truncated) throw new LambdaApiError(413, 'RequestEntityTooLargeException', `Request must be smaller than ${limit} bytes`, 'message');
    // Every call that changes state (create, update, delete, concurrency, tags; every EventBridge and Logs
    // call) is signed with the server's credential; reads and Invoke stay open, as AWS allows them to anyone with permission.
    if (method !== 'GET') checkSignature({ method, target: req.url ?? '/', headers: req.headers, body }, credentials);
    // CloudWatch Logs and EventBridge: AWS's JSON protocol on the same port (`POST /`, X-Amz-Target).
    const target = resolveTarget(header(req, 'x-amz-target'), jsonServices);
    if (method === 'POST' && segments.length === 0 && target) return serveJson(res, target.service, target.operation, body);
    if (method === 'GET' && version === '_local') {
      const local = localRoute(collection, name, url.searchParams);
      if (local) return send(res, local);
      if (collection === 'code' && name !== undefined) {
        const fn = await functions.find(name.replace(/\.zip$/, ''));
        res.writeHead(200, { 'Content-Type': 'application/zip', 'Content-Length': fn.code.zip.length });
        res.end(fn.code.zip);
        return;
      }
    }
    const result = await routeLambdaApi(control, { method, segments, query: url.searchParams, body });
    if (!result) throw unknownOperation(method, url.pathname);
    send(res, result);
  }

  /** The non-AWS endpoints under `/_local/`: status, the async queue's and EventBridge's figures (all emulated). */
  function localRoute(what: string | undefined, name: string | undefined, query: URLSearchParams): cp.ApiResult | undefined {
    if (what === 'status' && name === undefined) return { status: 200, body: status() };
    if (what === 'async' && name === undefined) {
      const fn = query.get('function') ?? undefined;
      return { status: 200, body: { emulated: true, counters: queue.stats(), events: queue.events(fn) } };
    }
    if (what === 'concurrency' && name === undefined) {
      // The most invocations in flight in each second of [since, until] (ConcurrentExecutions, Maximum), as AWS's metric would give it.
      const since = Number(query.get('since') ?? 0);
      const until = Number(query.get('until') ?? Date.now());
      return { status: 200, body: { emulated: true, ...pool.peaks.window(since, until) } };
    }
    if (what === 'events' && name === undefined) {
      const rules = buses.list().flatMap((bus) => [...bus.rules.values()].map((r) => ({ bus: bus.name, rule: r.name, arn: r.arn, ...r.counters })));
      return { status: 200, body: { emulated: true, unroutedEvents: buses.unroutedEvents, rules } };
    }
    return undefined;
  }

  function status(): LocalLambdaStatus {
    return {
      endpoint,
      cpuLimit: cgroups.mode,
      memoryLimit: cgroups.memoryMode,
      ...(cgroups.reason === undefined ? {} : { cpuLimitReason: cgroups.reason }),
      runtimeClient: client.name,
      ...(client.reason === undefined ? {} : { runtimeClientReason: client.reason }),
      handlerUser: sandbox.mode,
      ...(sandbox.reason === undefined ? {} : { handlerUserReason: sandbox.reason }),
      ...(credentialFile === undefined ? {} : { credentialFile }),
      ...(apiAuthReason === undefined ? {} : { apiAuthReason }),
      nodeVersion: process.version,
      runtimes: runtimes.seen(),
      functions: functions.size,
      environments: pool.status(),
      concurrency: {
        accountLimit: limits.account.limit,
        accountLimitReason: limits.account.reason,
        accountLimitByHost: limits.account.hostLimited,
        minUnreserved: limits.account.minUnreserved,
        unreservedLimit: limits.unreservedLimit,
        ...pool.concurrency(),
        startGate: gate.status(),
      },
      logs: logStore.status(),
      emulated: true,
    };
  }

  // If the embedding process exits without close(), still kill every environment.
  const onProcessExit = (): void => pool.killAllNow();
  process.once('exit', onProcessExit);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
  } catch (error) {
    process.removeListener('exit', onProcessExit);
    cgroups.removeRoot();
    if (ownWorkDir) rmSync(workDir, { recursive: true, force: true });
    reaper.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  endpoint = `http://127.0.0.1:${port}`;
  let closing: Promise<void> | undefined;
  const lambda: LocalLambda = {
    endpoint,
    port,
    credentials,
    status,
    close() {
      closing ??= (async () => {
        queue.close();
        buses.close();
        server.close();
        server.closeAllConnections();
        if (credentialFile !== undefined) {
          removeCredentialFile(credentialFile);
          reaper.remove('dir', credentialFile);
        }
        await pool.close();
        cgroups.removeRoot();
        if (ownWorkDir) rmSync(workDir, { recursive: true, force: true });
        process.removeListener('exit', onProcessExit);
        // Last: anything the steps above could not remove is still registered, and the watchdog retries it.
        reaper.close();
      })();
      return closing;
    },
  };
  if (options.credentialFile === true) {
    try {
      credentialFile = writeCredentialFile(port, credentials);
    } catch (error) {
      await lambda.close();
      throw error;
    }
    // The watchdog removes it should the server be killed (rm -rf takes a file too).
    reaper.add('dir', credentialFile);
    if (apiAuthReason !== undefined) notice(`local Lambda: API credential in ${credentialFile}: ${apiAuthReason}`);
  }
  return lambda;
}

/** Reads a request body, keeping at most `limit` bytes (the rest is drained and flagged). */
function readBody(req: IncomingMessage, limit: number): Promise<{ body: Buffer; truncated: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let truncated = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) truncated = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve({ body: Buffer.concat(chunks), truncated }));
    req.on('error', reject);
  });
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function send(res: ServerResponse, result: cp.ApiResult): void {
  const body = result.body === undefined ? '' : JSON.stringify(result.body);
  res.writeHead(result.status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
    'x-amzn-RequestId': crypto.randomUUID(),
  });
  res.end(body);
}

function sendError(res: ServerResponse, error: unknown, notice: (message: string) => void): void {
  const apiError = error instanceof LambdaApiError ? error : serviceError((error as Error).message);
  if (!(error instanceof LambdaApiError)) notice(`local Lambda: internal error: ${(error as Error).stack ?? String(error)}`);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = apiError.body();
  res.writeHead(apiError.status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
    'x-amzn-ErrorType': apiError.type,
    'x-amzn-RequestId': crypto.randomUUID(),
    ...apiError.headers,
  });
  res.end(body);
}

/**
 * Decides the runtime client: aws-lambda-ric when its native addon loads in a
 * plain `node` child (it cannot be loaded here: it reads AWS_LAMBDA_RUNTIME_API
 * at load time), otherwise the fallback, with the reason.
 */
async function chooseRuntimeClient(setting: 'auto' | RuntimeClientName): Promise<{ name: RuntimeClientName; reason?: string }> {
  if (setting === 'fallback') return { name: 'fallback' };
  let addon: string;
  try {
    addon = join(dirname(createRequire(join(RUNTIME_DIR, 'bootstrap.mjs')).resolve('aws-lambda-ric')), 'rapid-client.node');
  } catch {
    return fail('aws-lambda-ric is not installed');
  }
  const probe = spawn(process.execPath, ['-e', `require(${JSON.stringify(addon)})`], {
    env: { AWS_LAMBDA_RUNTIME_API: '127.0.0.1:9' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  probe.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const code = await new Promise<number | null>((resolve) => {
    probe.on('error', () => resolve(-1));
    probe.on('exit', (exitCode) => resolve(exitCode));
  });
  if (code === 0) return { name: 'aws-lambda-ric' };
  const firstError = stderr.split('\n').find((line) => /Error/.test(line)) ?? `exit code ${code}`;
  return fail(`aws-lambda-ric's native addon did not load (${firstError.trim()})`);

  function fail(reason: string): { name: RuntimeClientName; reason: string } {
    if (setting === 'aws-lambda-ric') throw new Error(`runtime client aws-lambda-ric requested but unusable: ${reason}`);
    return { name: 'fallback', reason };
  }
}
