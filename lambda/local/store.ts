/**
 * The function registry: create, update, delete, list, with the state machine
 * the SDK's V2 waiters poll (`State` Pending → Active, `LastUpdateStatus`
 * InProgress → Successful) and the code unzipped into a directory per upload.
 *
 * State changes are real, not pretended: a create or code update answers while
 * the files are still being written (Pending / InProgress), and reads of the
 * function wait for that write to finish, so a waiter's first poll sees the
 * settled state instead of sleeping a second.
 */

import { randomUUID } from 'node:crypto';
import { chmod, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { conflict, invalidParameter, notFound, preconditionFailed } from './errors.js';
import { functionGroup } from './sandbox-user.js';
import type { FunctionCode, FunctionConfig, LogFormat } from './types.js';
import { unpackZip } from './unpack.js';
import {
  checkHandler,
  checkRole,
  checkRuntime,
  checkZip,
  optionalInt,
  optionalString,
  parseFunctionRef,
  readArchitectures,
  readEnvironment,
  readLogging,
  readTags,
  MAX_UNZIPPED_BYTES,
  type CheckedZip,
} from './validate.js';

/** One function and everything the API reports about it. */
export interface StoredFunction {
  config: FunctionConfig;
  code: FunctionCode;
  state: 'Pending' | 'Active' | 'Failed';
  stateReason: string | undefined;
  lastUpdateStatus: 'Successful' | 'InProgress' | 'Failed';
  lastUpdateReason: string | undefined;
  lastModified: string;
  revisionId: string;
  tags: Record<string, string>;
  reservedConcurrency: number | undefined;
  /** Bumped whenever configuration or code changes; environments of older generations are retired. */
  generation: number;
  /** The write of a code upload, while it runs. */
  transition: Promise<void> | undefined;
}

/** Called when a function's environments must be retired (update) or destroyed (delete). */
export type RetireHook = (fn: StoredFunction) => void;

/** Lambda's LastModified format: `2019-09-24T18:16:27.911+0000`. */
function lastModified(): string {
  return new Date().toISOString().replace('Z', '+0000');
}

/** The in-memory registry of functions. */
export class FunctionStore {
  private readonly functions = new Map<string, StoredFunction>();
  private uploads = 0;

  constructor(
    private readonly region: string,
    private readonly accountId: string,
    private readonly workDir: string,
    private readonly retire: RetireHook,
  ) {}

  /** Unqualified ARN of a function name. */
  arn(name: string): string {
    return `arn:aws:lambda:${this.region}:${this.accountId}:function:${name}`;
  }

  /** Number of functions. */
  get size(): number {
    return this.functions.size;
  }

  /**
   * Finds a function by name, partial or full ARN, with an optional qualifier
   * (in the name or as `?Qualifier=`); only `$LATEST` exists. Waits for a
   * running code write so the caller sees settled state.
   */
  async find(raw: string, qualifierParam?: string): Promise<StoredFunction> {
    const ref = parseFunctionRef(raw, this.region, this.accountId);
    if (ref.qualifier !== undefined && qualifierParam !== undefined && ref.qualifier !== qualifierParam) {
      throw invalidParameter('The derived qualifier from the function name does not match the specified qualifier.');
    }
    const qualifier = ref.qualifier ?? qualifierParam;
    const fn = ref.foreign ? undefined : this.functions.get(ref.name);
    const arn = this.arn(ref.name);
    if (!fn) throw notFound(qualifier === undefined ? arn : `${arn}:${qualifier}`);
    if (qualifier !== undefined && qualifier !== '$LATEST') throw notFound(`${arn}:${qualifier}`);
    if (fn.transition) await fn.transition;
    return fn;
  }

  /** True while `fn` is the stored function of its name (not deleted, not replaced). */
  isCurrent(fn: StoredFunction): boolean {
    return this.functions.get(fn.config.name) === fn;
  }

  /** All functions, by name. */
  list(): StoredFunction[] {
    return [...this.functions.values()].sort((a, b) => a.config.name.localeCompare(b.config.name));
  }

  /** CreateFunction. Answers with State Pending; the code is written right after. */
  create(body: Record<string, unknown>): StoredFunction {
    const rawName = optionalString(body, 'FunctionName', 'functionName');
    if (rawName === undefined) throw invalidParameter('FunctionName is a mandatory parameter.');
    const ref = parseFunctionRef(rawName, this.region, this.accountId);
    if (ref.qualifier !== undefined || ref.foreign) throw invalidParameter(`Invalid function name for CreateFunction: ${rawName}`);
    if (body.PackageType === 'Image') throw invalidParameter('The local Lambda runs Zip functions only.');
    const role = checkRole(optionalString(body, 'Role', 'role'));
    const runtime = checkRuntime(optionalString(body, 'Runtime', 'runtime'));
    const handler = checkHandler(optionalString(body, 'Handler', 'handler'));
    const code = typeof body.Code === 'object' && body.Code !== null ? (body.Code as Record<string, unknown>) : {};
    const zip = checkZip(code.ZipFile, 'CreateFunction');
    const logging = readLogging(body);
    const config: FunctionConfig = {
      name: ref.name,
      arn: this.arn(ref.name),
      runtime,
      role,
      handler,
      description: optionalString(body, 'Description', 'description') ?? '',
      timeout: optionalInt(body, 'Timeout', 'timeout', 1, 900) ?? 3,
      memorySize: optionalInt(body, 'MemorySize', 'memorySize', 128, 10240) ?? 128,
      environment: readEnvironment(body) ?? {},
      architectures: readArchitectures(body) ?? ['x86_64'],
      logFormat: logging?.format ?? 'Text',
      applicationLogLevel: logging?.appLevel,
      systemLogLevel: logging?.systemLevel,
      logGroup: logging?.group ?? `/aws/lambda/${ref.name}`,
      ephemeralStorage: readEphemeral(body) ?? 512,
    };
    if (this.functions.has(ref.name)) throw conflict(`Function already exist: ${ref.name}`);
    const fn: StoredFunction = {
      config,
      code: { dir: '', zip: zip.zip, sha256: zip.sha256, size: zip.zip.length },
      state: 'Pending',
      stateReason: 'The function is being created.',
      lastUpdateStatus: 'Successful',
      lastUpdateReason: undefined,
      lastModified: lastModified(),
      revisionId: randomUUID(),
      tags: readTags(body.Tags),
      reservedConcurrency: undefined,
      generation: 0,
      transition: undefined,
    };
    this.functions.set(ref.name, fn);
    fn.transition = this.writeCode(fn, zip).then(
      (written) => {
        fn.code = written;
        fn.state = 'Active';
        fn.stateReason = undefined;
      },
      (error: unknown) => {
        fn.state = 'Failed';
        fn.stateReason = `Writing the code failed: ${(error as Error).message}`;
      },
    ).finally(() => {
      fn.transition = undefined;
    });
    return fn;
  }

  /** UpdateFunctionConfiguration: applied at once; environments retire; the next invocation is cold. */
  updateConfiguration(fn: StoredFunction, body: Record<string, unknown>): void {
    this.checkUpdatable(fn, body);
    const old = fn.config;
    const logging = readLogging(body);
    const role = optionalString(body, 'Role', 'role');
    const runtime = optionalString(body, 'Runtime', 'runtime');
    const handler = optionalString(body, 'Handler', 'handler');
    fn.config = {
      ...old,
      role: role === undefined ? old.role : checkRole(role),
      runtime: runtime === undefined ? old.runtime : checkRuntime(runtime),
      handler: handler === undefined ? old.handler : checkHandler(handler),
      description: optionalString(body, 'Description', 'description') ?? old.description,
      timeout: optionalInt(body, 'Timeout', 'timeout', 1, 900) ?? old.timeout,
      memorySize: optionalInt(body, 'MemorySize', 'memorySize', 128, 10240) ?? old.memorySize,
      environment: readEnvironment(body) ?? old.environment,
      logFormat: logging?.format ?? old.logFormat,
      applicationLogLevel: logging?.appLevel ?? old.applicationLogLevel,
      systemLogLevel: logging?.systemLevel ?? old.systemLogLevel,
      logGroup: logging?.group ?? old.logGroup,
      ephemeralStorage: readEphemeral(body) ?? old.ephemeralStorage,
    };
    this.bump(fn);
    this.retire(fn);
    fn.lastUpdateStatus = 'InProgress';
    // Nothing to write: the update completes once the response is on its way.
    fn.transition = Promise.resolve().then(() => {
      fn.lastUpdateStatus = 'Successful';
      fn.transition = undefined;
    });
  }

  /** UpdateFunctionCode: the old code serves until the new code is written, then environments retire. */
  updateCode(fn: StoredFunction, body: Record<string, unknown>): void {
    this.checkUpdatable(fn, body);
    const zip = checkZip(body.ZipFile, 'UpdateFunctionCode');
    const architectures = readArchitectures(body);
    if (body.DryRun === true) return;
    fn.lastUpdateStatus = 'InProgress';
    fn.revisionId = randomUUID();
    fn.lastModified = lastModified();
    // The response already describes the new package; the old directory serves until the new one is written.
    fn.code = { dir: fn.code.dir, zip: zip.zip, sha256: zip.sha256, size: zip.zip.length };
    fn.transition = this.writeCode(fn, zip).then(
      (written) => {
        fn.code = written;
        if (architectures) fn.config = { ...fn.config, architectures };
        fn.generation += 1;
        this.retire(fn);
        fn.lastUpdateStatus = 'Successful';
        fn.lastUpdateReason = undefined;
      },
      (error: unknown) => {
        fn.lastUpdateStatus = 'Failed';
        fn.lastUpdateReason = `Writing the code failed: ${(error as Error).message}`;
      },
    ).finally(() => {
      fn.transition = undefined;
    });
  }

  /** DeleteFunction: environments are destroyed, the code directories removed. */
  async delete(fn: StoredFunction): Promise<void> {
    this.functions.delete(fn.config.name);
    fn.generation += 1;
    this.retire(fn);
    await rm(join(this.workDir, fn.config.name), { recursive: true, force: true });
  }

  /** Sets or clears reserved concurrency. */
  setReservedConcurrency(fn: StoredFunction, value: number | undefined): void {
    fn.reservedConcurrency = value;
  }

  private checkUpdatable(fn: StoredFunction, body: Record<string, unknown>): void {
    if (fn.state !== 'Active') {
      throw conflict(`The operation cannot be performed at this time. The function is currently in the following state: ${fn.state}`);
    }
    if (fn.lastUpdateStatus === 'InProgress') {
      throw conflict(`The operation cannot be performed at this time. An update is in progress for resource: ${fn.config.arn}`);
    }
    const revision = optionalString(body, 'RevisionId', 'revisionId');
    if (revision !== undefined && revision !== fn.revisionId) throw preconditionFailed();
  }

  private bump(fn: StoredFunction): void {
    fn.generation += 1;
    fn.revisionId = randomUUID();
    fn.lastModified = lastModified();
  }

  /**
   * Unpacks the code into a fresh directory (one per upload, so running environments keep theirs),
   * streaming to disk. With sandboxed handlers the work directory and the function's directory
   * only let other users pass through (0711): the upload directory itself is the function's alone.
   */
  private async writeCode(fn: StoredFunction, zip: CheckedZip): Promise<FunctionCode> {
    this.uploads += 1;
    const hex = Buffer.from(zip.sha256, 'base64').toString('hex').slice(0, 12);
    const functionDir = join(this.workDir, fn.config.name);
    const dir = join(functionDir, `${this.uploads}-${hex}`);
    const gid = functionGroup(fn.config.name);
    await mkdir(functionDir, { recursive: true });
    if (gid !== undefined) {
      await chmod(this.workDir, 0o711);
      await chmod(functionDir, 0o711);
    }
    await unpackZip(zip.zip, dir, MAX_UNZIPPED_BYTES, { gid });
    return { dir, zip: zip.zip, sha256: zip.sha256, size: zip.zip.length };
  }
}

function readEphemeral(body: Record<string, unknown>): number | undefined {
  const storage = body.EphemeralStorage;
  if (typeof storage !== 'object' || storage === null) return undefined;
  return optionalInt(storage as Record<string, unknown>, 'Size', 'ephemeralStorage.size', 512, 10240);
}

/** The FunctionConfiguration document of the Lambda API. */
export function toConfiguration(fn: StoredFunction, runtimeVersionArn: string): Record<string, unknown> {
  const c = fn.config;
  const doc: Record<string, unknown> = {
    FunctionName: c.name,
    FunctionArn: c.arn,
    Runtime: c.runtime,
    Role: c.role,
    Handler: c.handler,
    CodeSize: fn.code.size,
    Description: c.description,
    Timeout: c.timeout,
    MemorySize: c.memorySize,
    LastModified: fn.lastModified,
    CodeSha256: fn.code.sha256,
    Version: '$LATEST',
    TracingConfig: { Mode: 'PassThrough' },
    RevisionId: fn.revisionId,
    State: fn.state,
    LastUpdateStatus: fn.lastUpdateStatus,
    PackageType: 'Zip',
    Architectures: c.architectures,
    EphemeralStorage: { Size: c.ephemeralStorage },
    SnapStart: { ApplyOn: 'None', OptimizationStatus: 'Off' },
    RuntimeVersionConfig: { RuntimeVersionArn: runtimeVersionArn },
    LoggingConfig: loggingConfig(c.logFormat, c.applicationLogLevel, c.systemLogLevel, c.logGroup),
  };
  if (Object.keys(c.environment).length > 0) doc.Environment = { Variables: c.environment };
  if (fn.state === 'Pending') {
    doc.StateReason = fn.stateReason;
    doc.StateReasonCode = 'Creating';
  }
  if (fn.state === 'Failed') {
    doc.StateReason = fn.stateReason;
    doc.StateReasonCode = 'InternalError';
  }
  if (fn.lastUpdateStatus === 'Failed') {
    doc.LastUpdateStatusReason = fn.lastUpdateReason;
    doc.LastUpdateStatusReasonCode = 'InternalError';
  }
  return doc;
}

function loggingConfig(format: LogFormat, app: string | undefined, system: string | undefined, group: string): Record<string, string> {
  const out: Record<string, string> = { LogFormat: format, LogGroup: group };
  if (format === 'JSON') {
    out.ApplicationLogLevel = app ?? 'INFO';
    out.SystemLogLevel = system ?? 'INFO';
  }
  return out;
}
