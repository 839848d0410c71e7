/**
 * The control-plane operations of the Lambda API (everything but Invoke):
 * functions, their reserved concurrency, and tags. Each handler returns the
 * HTTP status and JSON document AWS returns; errors are thrown as
 * {@link LambdaApiError}s by the store and validators.
 */

import type { ConcurrencyLimits } from './concurrency.js';
import { invalidParameter, validation } from './errors.js';
import type { EventInvokeConfigs } from './event-invoke-config.js';
import type { Policies } from './permissions.js';
import type { EnvironmentPool } from './pool.js';
import { toConfiguration, type FunctionStore } from './store.js';
import { MAX_UNZIPPED_BYTES, optionalInt, readTags } from './validate.js';

/** What the control plane needs from the server. */
export interface ControlContext {
  readonly store: FunctionStore;
  readonly pool: EnvironmentPool;
  /** The server's base URL, for Code.Location. */
  readonly endpoint: () => string;
  /** The runtime version ARN GetFunctionConfiguration reports for a Runtime (it names the Node that runs it). */
  readonly runtimeVersionArn: (runtime: string) => string;
  readonly limits: ConcurrencyLimits;
  readonly eventConfigs: EventInvokeConfigs;
  readonly policies: Policies;
}

/** A handler's answer. */
export interface ApiResult {
  readonly status: number;
  readonly body?: unknown;
}

type Body = Record<string, unknown>;

/** CreateFunction → 201 FunctionConfiguration (State Pending). */
export function createFunction(ctx: ControlContext, body: Body): ApiResult {
  const fn = ctx.store.create(body);
  return { status: 201, body: toConfiguration(fn, ctx.runtimeVersionArn(fn.config.runtime)) };
}

/** GetFunction → Configuration, Code location, Tags, Concurrency. */
export async function getFunction(ctx: ControlContext, name: string, qualifier: string | undefined): Promise<ApiResult> {
  const fn = await ctx.store.find(name, qualifier);
  const doc: Body = {
    Configuration: toConfiguration(fn, ctx.runtimeVersionArn(fn.config.runtime)),
    Code: { RepositoryType: 'S3', Location: `${ctx.endpoint()}/_local/code/${encodeURIComponent(fn.config.name)}.zip` },
  };
  if (Object.keys(fn.tags).length > 0) doc.Tags = fn.tags;
  if (fn.reservedConcurrency !== undefined) doc.Concurrency = { ReservedConcurrentExecutions: fn.reservedConcurrency };
  return { status: 200, body: doc };
}

/** GetFunctionConfiguration. */
export async function getConfiguration(ctx: ControlContext, name: string, qualifier: string | undefined): Promise<ApiResult> {
  const fn = await ctx.store.find(name, qualifier);
  return { status: 200, body: toConfiguration(fn, ctx.runtimeVersionArn(fn.config.runtime)) };
}

/** UpdateFunctionConfiguration → LastUpdateStatus InProgress; environments retire. */
export async function updateConfiguration(ctx: ControlContext, name: string, body: Body): Promise<ApiResult> {
  const fn = await ctx.store.find(name);
  ctx.store.updateConfiguration(fn, body);
  return { status: 200, body: toConfiguration(fn, ctx.runtimeVersionArn(fn.config.runtime)) };
}

/** UpdateFunctionCode → LastUpdateStatus InProgress; environments retire once the code is written. */
export async function updateCode(ctx: ControlContext, name: string, body: Body): Promise<ApiResult> {
  const fn = await ctx.store.find(name);
  ctx.store.updateCode(fn, body);
  return { status: 200, body: toConfiguration(fn, ctx.runtimeVersionArn(fn.config.runtime)) };
}

/** DeleteFunction → 204. Only whole functions (there are no published versions). */
export async function deleteFunction(ctx: ControlContext, name: string, qualifier: string | undefined): Promise<ApiResult> {
  if (qualifier === '$LATEST') throw invalidParameter('$LATEST version cannot be deleted without deleting the function.');
  const fn = await ctx.store.find(name, qualifier);
  await ctx.store.delete(fn);
  return { status: 204 };
}

/** ListFunctions with Marker / MaxItems paging (the marker is the last name returned, base64). */
export function listFunctions(ctx: ControlContext, query: URLSearchParams): ApiResult {
  const maxRaw = query.get('MaxItems');
  const max = maxRaw === null ? 50 : Number(maxRaw);
  if (!Number.isInteger(max) || max < 1 || max > 10000) {
    throw validation('maxItems', maxRaw, 'Member must have value between 1 and 10000');
  }
  const marker = query.get('Marker');
  const after = marker === null ? undefined : Buffer.from(marker, 'base64').toString('utf8');
  const all = ctx.store.list().filter((fn) => after === undefined || fn.config.name > after);
  const page = all.slice(0, max);
  const doc: Body = { Functions: page.map((fn) => toConfiguration(fn, ctx.runtimeVersionArn(fn.config.runtime))) };
  const last = page.at(-1);
  if (all.length > max && last) doc.NextMarker = Buffer.from(last.config.name).toString('base64');
  return { status: 200, body: doc };
}

/**
 * PutFunctionConcurrency → the reserved concurrency (0 throttles every invocation, as on AWS); refused
 * when it would leave less than the account's minimum unreserved (concurrency.ts).
 */
export async function putConcurrency(ctx: ControlContext, name: string, body: Body): Promise<ApiResult> {
  const fn = await ctx.store.find(name);
  const value = optionalInt(body, 'ReservedConcurrentExecutions', 'reservedConcurrentExecutions', 0, 10000);
  if (value === undefined) throw validation('reservedConcurrentExecutions', undefined, 'Member must not be null');
  ctx.limits.checkReservation(fn.config.name, value);
  ctx.store.setReservedConcurrency(fn, value);
  return { status: 200, body: { ReservedConcurrentExecutions: value } };
}

/** GetFunctionConcurrency. */
export async function getConcurrency(ctx: ControlContext, name: string): Promise<ApiResult> {
  const fn = await ctx.store.find(name);
  return { status: 200, body: fn.reservedConcurrency === undefined ? {} : { ReservedConcurrentExecutions: fn.reservedConcurrency } };
}

/** DeleteFunctionConcurrency → 204. */
export async function deleteConcurrency(ctx: ControlContext, name: string): Promise<ApiResult> {
  const fn = await ctx.store.find(name);
  ctx.store.setReservedConcurrency(fn, undefined);
  return { status: 204 };
}

/** GetAccountSettings: the (scaled) account limit, what reservations leave unreserved, code size limits and usage. */
export function getAccountSettings(ctx: ControlContext): ApiResult {
  const functions = ctx.store.list();
  return {
    status: 200,
    body: {
      AccountLimit: {
        TotalCodeSize: 80_530_636_800,
        CodeSizeUnzipped: MAX_UNZIPPED_BYTES,
        CodeSizeZipped: 52_428_800,
        ConcurrentExecutions: ctx.limits.account.limit,
        UnreservedConcurrentExecutions: ctx.limits.unreservedLimit,
      },
      AccountUsage: { TotalCodeSize: functions.reduce((sum, fn) => sum + fn.code.size, 0), FunctionCount: functions.length },
    },
  };
}

/** Put/Update/Get/DeleteFunctionEventInvokeConfig (retries and event age of asynchronous invocations). */
export async function eventInvokeConfig(ctx: ControlContext, name: string, op: 'put' | 'update' | 'get' | 'delete', body: Body): Promise<ApiResult> {
  const fn = await ctx.store.find(name);
  if (op === 'delete') {
    ctx.eventConfigs.delete(fn);
    return { status: 204 };
  }
  const doc = op === 'put' ? ctx.eventConfigs.put(fn, body) : op === 'update' ? ctx.eventConfigs.update(fn, body) : ctx.eventConfigs.get(fn);
  return { status: 200, body: doc };
}

/** AddPermission → 201 {Statement}. */
export async function addPermission(ctx: ControlContext, name: string, body: Body): Promise<ApiResult> {
  const fn = await ctx.store.find(name);
  return { status: 201, body: ctx.policies.add(fn, body) };
}

/** GetPolicy. */
export async function getPolicy(ctx: ControlContext, name: string): Promise<ApiResult> {
  const fn = await ctx.store.find(name);
  return { status: 200, body: ctx.policies.get(fn) };
}

/** RemovePermission → 204. */
export async function removePermission(ctx: ControlContext, name: string, statementId: string): Promise<ApiResult> {
  const fn = await ctx.store.find(name);
  ctx.policies.remove(fn, statementId);
  return { status: 204 };
}

/** ListTags of a function ARN. */
export async function listTags(ctx: ControlContext, arn: string): Promise<ApiResult> {
  const fn = await ctx.store.find(arn);
  return { status: 200, body: { Tags: fn.tags } };
}

/** TagResource → 204. */
export async function tagResource(ctx: ControlContext, arn: string, body: Body): Promise<ApiResult> {
  const fn = await ctx.store.find(arn);
  Object.assign(fn.tags, readTags(body.Tags));
  return { status: 204 };
}

/** UntagResource (`?tagKeys=a&tagKeys=b`) → 204. */
export async function untagResource(ctx: ControlContext, arn: string, keys: readonly string[]): Promise<ApiResult> {
  const fn = await ctx.store.find(arn);
  for (const key of keys) delete fn.tags[key];
  return { status: 204 };
}
