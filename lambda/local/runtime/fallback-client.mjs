// The project's own Runtime API client, used only when aws-lambda-ric's native
// addon cannot be loaded. It speaks the same Runtime API (GET /next, POST
// /response, /error, /init/error), loads the handler the way the ric does
// (`dir/module.export.path`, .js/.mjs/.cjs), patches console to Lambda's text
// (or JSON) log format, and reports errors in the ric's document shape
// ({errorType, errorMessage, trace}). Simplifications, stated in the README:
// callbackWaitsForEmptyEventLoop is not honoured (a callback completes at
// once) and response streaming is not supported.
//
// Plain .mjs: execution environments run under plain `node`.

import { existsSync, statSync } from 'node:fs';
import http from 'node:http';
import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';

const USER_AGENT = 'wasm-lambda-bench-fallback-ric/1.0';

/** Runs the handler named `handlerString` from `appRoot` until the process is killed. */
export async function run(appRoot, handlerString) {
  const [hostname, port] = (process.env.AWS_LAMBDA_RUNTIME_API ?? '').split(':');
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const request = (method, path, body, headers = {}) =>
    new Promise((done, fail) => {
      const req = http.request(
        { hostname, port: Number(port), path: `/2018-06-01/runtime/${path}`, method, agent, headers: { 'User-Agent': USER_AGENT, ...headers } },
        (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => done({ headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        },
      );
      req.on('error', fail);
      req.end(body);
    });
  const postError = (path, error) => {
    const doc = toRapidResponse(error);
    return request('POST', path, JSON.stringify(doc), {
      'Content-Type': 'application/json',
      'Lambda-Runtime-Function-Error-Type': doc.errorType,
    });
  };

  let requestId;
  patchConsole(() => requestId);
  let onFatal = (error, code) => postError('init/error', error).finally(() => process.exit(code));
  process.on('uncaughtException', (error) => {
    console.error('Uncaught Exception', formatted(error));
    onFatal(error, 129);
  });
  process.on('unhandledRejection', (reason) => {
    const error = Object.assign(new Error(String(reason)), { name: 'Runtime.UnhandledPromiseRejection' });
    console.error('Unhandled Promise Rejection', formatted(error));
    onFatal(error, 128);
  });

  let handler;
  try {
    handler = await loadHandler(appRoot, handlerString);
  } catch (error) {
    console.error('Uncaught Exception', formatted(error));
    await postError('init/error', error).catch(() => undefined);
    process.exit(129);
  }

  for (;;) {
    const next = await request('GET', 'invocation/next');
    requestId = next.headers['lambda-runtime-aws-request-id'];
    const id = encodeURIComponent(requestId);
    onFatal = (error, code) => postError(`invocation/${id}/error`, error).finally(() => process.exit(code));
    try {
      const result = await invoke(handler, JSON.parse(next.body), context(next.headers));
      await request('POST', `invocation/${id}/response`, JSON.stringify(result === undefined ? null : result), {
        'Content-Type': 'application/json',
      });
    } catch (error) {
      console.error('Invoke Error', formatted(error));
      await postError(`invocation/${id}/error`, error);
    }
  }
}

function context(headers) {
  const deadline = Number(headers['lambda-runtime-deadline-ms']);
  const parse = (value) => (value === undefined ? undefined : JSON.parse(value));
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION,
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
    invokedFunctionArn: headers['lambda-runtime-invoked-function-arn'],
    awsRequestId: headers['lambda-runtime-aws-request-id'],
    clientContext: parse(headers['lambda-runtime-client-context']),
    identity: parse(headers['lambda-runtime-cognito-identity']),
    getRemainingTimeInMillis: () => deadline - Date.now(),
  };
}

/** Calls a promise- or callback-style handler; settles on whichever it uses first. */
function invoke(handler, event, ctx) {
  return new Promise((done, fail) => {
    const callback = (error, result) => (error === undefined || error === null ? done(result) : fail(error));
    Object.assign(ctx, { succeed: (r) => done(r), fail: (e) => fail(e ?? 'handled'), done: callback });
    const returned = handler(event, ctx, callback);
    if (returned && typeof returned.then === 'function') returned.then(done, fail);
  });
}

/** Resolves `dir/module.export.path` under appRoot as the ric does. */
async function loadHandler(appRoot, handlerString) {
  if (handlerString.includes('..')) throw named('Runtime.MalformedHandlerName', `'${handlerString}' is not a valid handler name.`);
  const moduleAndHandler = basename(handlerString);
  const moduleRoot = handlerString.slice(0, handlerString.length - moduleAndHandler.length);
  const match = /^([^.]*)\.(.*)$/.exec(moduleAndHandler);
  if (!match) throw named('Runtime.MalformedHandlerName', 'Bad handler');
  const [, moduleName, path] = match;
  const base = resolve(appRoot, moduleRoot, moduleName);
  const file = ['', '.js', '.mjs', '.cjs'].map((ext) => base + ext).find((f) => existsSync(f) && statSync(f).isFile());
  if (!file) throw named('Runtime.ImportModuleError', `Error: Cannot find module '${moduleName}'`);
  let mod;
  try {
    mod = await import(pathToFileURL(file).href);
  } catch (error) {
    if (error instanceof SyntaxError) throw named('Runtime.UserCodeSyntaxError', `${error.name}: ${error.message}`, error.stack);
    throw error;
  }
  const pick = (root) => path.split('.').reduce((o, key) => (o == null ? undefined : o[key]), root);
  const fn = pick(mod) ?? pick(mod.default);
  if (fn === undefined) throw named('Runtime.HandlerNotFound', `${handlerString} is undefined or not exported`);
  if (typeof fn !== 'function') throw named('Runtime.HandlerNotFound', `${handlerString} is not a function`);
  return fn;
}

function named(name, message, stack) {
  const error = new Error(message);
  error.name = name;
  if (stack) error.stack = stack;
  return error;
}

/** The ric's error document. */
function toRapidResponse(error) {
  if (error instanceof Error) {
    return { errorType: error.name, errorMessage: error.message, trace: (error.stack ?? '').split('\n') };
  }
  return { errorType: typeof error, errorMessage: String(error), trace: [] };
}

function formatted(error) {
  return `\t${JSON.stringify(error instanceof Error ? { errorType: error.name, errorMessage: error.message, stack: (error.stack ?? '').split('\n') } : error)}`;
}

/** console.* in Lambda's format: `time\trequestId\tLEVEL\tmessage` (newlines as \r), or JSON. */
function patchConsole(currentRequestId) {
  const json = (process.env.AWS_LAMBDA_LOG_FORMAT ?? '').toUpperCase() === 'JSON';
  const write = (level) => (message, ...params) => {
    const timestamp = new Date().toISOString();
    const text = format(message, ...params);
    const line = json
      ? JSON.stringify({ timestamp, level, requestId: currentRequestId(), message: text })
      : `${timestamp}\t${currentRequestId()}\t${level}\t${text}`;
    process.stdout.write(`${line.replace(/\n/g, '\r')}\n`);
  };
  console.trace = write('TRACE');
  console.debug = write('DEBUG');
  console.info = write('INFO');
  console.log = console.info;
  console.warn = write('WARN');
  console.error = write('ERROR');
}
