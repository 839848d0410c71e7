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
import { createCgroupManager } from './cgroup.js';
import * as cp from './control-plane.js';
import { removeCredentialFile, writeCredentialFile } from './credential-file.js';
import { checkSignature, newCredentials } from './credentials.js';
import { LambdaApiError, serviceError, unknownOperation } from './errors.js';
import { handleInvoke, MAX_SYNC_PAYLOAD } from './invoke.js';
import { EnvironmentPool } from './pool.js';
import { startReaper } from './reaper.js';
import { handlerSandbox } from './sandbox-user.js';
import { FunctionStore } from './store.js';
import type { LocalLambda, LocalLambdaOptions, LocalLambdaStatus, RuntimeClientName } from './types.js';
import { parseJsonObject } from './validate.js';

/** Directory of bootstrap.mjs and fallback-client.mjs. */
export const RUNTIME_DIR = fileURLToPath(new URL('./runtime/', import.meta.url));
/** Largest CreateFunction / UpdateFunctionCode request AWS accepts (a 50 MB zip in base64 JSON). */
const MAX_CODE_REQUEST = 70_167_211;
const MAX_OTHER_REQUEST = 1024 * 1024;

/** Starts a local Lambda on 127.0.0.1 and resolves once it accepts connections. */
export async function startLocalLambda(options: LocalLambdaOptions = {}): Promise<LocalLambda> {
  const notice = options.notice ?? ((message: string) => process.stderr.write(`${message}\n`));
  const region = options.region ?? 'us-east-1';
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
  const nodeMajor = process.versions.node.split('.')[0] ?? '0';
  const runtimeVersionArn = `arn:aws:lambda:${region}::runtime:local-${client.name}-node-${process.version}`;
  const onLog = options.onLog ?? (() => undefined);
  const pool = new EnvironmentPool(
    {
      bootstrapPath: join(RUNTIME_DIR, 'bootstrap.mjs'),
      runtimeClient: client.name,
      cgroups,
      freezeIdle: options.freezeIdle ?? true,
      region,
      identity: (config) => ({ functionName: config.name, runtimeVersion: `nodejs:${nodeMajor}.local`, runtimeVersionArn }),
      onLog,
      reaper,
    },
    { idleTimeoutMs: options.idleTimeoutMs ?? 300_000, maxConcurrency: options.maxConcurrency ?? 32 },
  );
  const store = new FunctionStore(region, options.accountId ?? '000000000000', workDir, (fn) => pool.retire(fn));
  let endpoint = '';
  let closed = false;
  const control: cp.ControlContext = { store, pool, endpoint: () => endpoint, runtimeVersionArn };
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
    const qualifier = url.searchParams.get('Qualifier') ?? undefined;
    const [version, collection, name, sub] = segments;
    const isInvoke = method === 'POST' && sub === 'invocations';
    const limit = isInvoke ? MAX_SYNC_PAYLOAD : method === 'POST' || sub === 'code' ? MAX_CODE_REQUEST : MAX_OTHER_REQUEST;
    const { body, truncated } = await readBody(req, limit);
    if (isInvoke && version === '2015-03-31' && collection === 'functions' && name !== undefined && segments.length === 4) {
      return handleInvoke({ store, pool, isClosed: () => closed, notice }, req, res, name, qualifier, body, truncated);
    }
    if (truncated) throw new LambdaApiError(413, 'RequestEntityTooLargeException', `Request must be smaller than ${limit} bytes`, 'message');
    // Every call that changes state (create, update, delete, concurrency, tags) is signed with the
    // server's credential; reads and Invoke stay open, as AWS allows them to anyone with permission.
    if (method !== 'GET') checkSignature({ method, target: req.url ?? '/', headers: req.headers, body }, credentials);
    const json = (): Record<string, unknown> => parseJsonObject(body);
    let result: cp.ApiResult | undefined;
    const key = `${method} ${version ?? ''}/${collection ?? ''}${name === undefined ? '' : '/{}'}${sub === undefined ? '' : `/${sub}`}`;
    if (segments.length <= 4) {
      const n = name ?? '';
      switch (key) {
        case 'POST 2015-03-31/functions': result = cp.createFunction(control, json()); break;
        case 'GET 2015-03-31/functions': result = cp.listFunctions(control, url.searchParams); break;
        case 'GET 2015-03-31/functions/{}': result = await cp.getFunction(control, n, qualifier); break;
        case 'DELETE 2015-03-31/functions/{}': result = await cp.deleteFunction(control, n, qualifier); break;
        case 'GET 2015-03-31/functions/{}/configuration': result = await cp.getConfiguration(control, n, qualifier); break;
        case 'PUT 2015-03-31/functions/{}/configuration': result = await cp.updateConfiguration(control, n, json()); break;
        case 'PUT 2015-03-31/functions/{}/code': result = await cp.updateCode(control, n, json()); break;
        case 'PUT 2017-10-31/functions/{}/concurrency': result = await cp.putConcurrency(control, n, json()); break;
        case 'GET 2019-09-30/functions/{}/concurrency': result = await cp.getConcurrency(control, n); break;
        case 'DELETE 2017-10-31/functions/{}/concurrency': result = await cp.deleteConcurrency(control, n); break;
        case 'GET 2017-03-31/tags/{}': result = await cp.listTags(control, n); break;
        case 'POST 2017-03-31/tags/{}': result = await cp.tagResource(control, n, json()); break;
        case 'DELETE 2017-03-31/tags/{}': result = await cp.untagResource(control, n, url.searchParams.getAll('tagKeys')); break;
        case 'GET _local/status': result = { status: 200, body: status() }; break;
        case 'GET _local/code/{}': {
          const fn = await store.find(n.replace(/\.zip$/, ''));
          res.writeHead(200, { 'Content-Type': 'application/zip', 'Content-Length': fn.code.zip.length });
          res.end(fn.code.zip);
          return;
        }
        default: break;
      }
    }
    if (!result) throw unknownOperation(method, url.pathname);
    send(res, result);
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
      functions: store.size,
      environments: pool.status(),
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
        closed = true;
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
