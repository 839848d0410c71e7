/**
 * One execution environment: a child `node` process running the function's
 * handler through a Runtime API client (aws-lambda-ric, or the project's
 * fallback), its own Runtime API, optionally its own cgroups; the Runtime API
 * calls drive its invocations, and how each ended (timeout, crash, exit).
 *
 * Duration follows Lambda's definition: from handing the event out on `/next`
 * to receiving `/response` or `/error`. Init Duration, Max Memory Used, the
 * log text and the END/REPORT lines are kept by environment-record.ts.
 */

import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { CgroupManager, EnvironmentCgroup } from './cgroup.js';
import { classifyExit, exitPayload, timeoutPayload, type ExitFacts } from './exit.js';
import { Freezer } from './freezer.js';
import { InvocationRecord, timedOut, type Ending, type InvocationInput, type Running } from './environment-record.js';
import { launchRuntime, signalGroup, type RuntimeProcess } from './launch.js';
import * as logs from './logs.js';
import { cgroupDirs, type Reaper } from './reaper.js';
import {
  clientFromUserAgent,
  errorTypeOf,
  sendEvent,
  startRuntimeApi,
  traceId,
  type Reply,
  type RuntimeApi,
  type RuntimeEvent,
} from './runtime-api.js';
import type { EnvironmentState, EnvironmentStatus, FunctionCode, FunctionConfig, InvocationResult, RuntimeClientName } from './types.js';

export type { InvocationInput } from './environment-record.js';

/** What every environment needs from the server. */
export interface EnvironmentDeps {
  readonly bootstrapPath: string;
  readonly runtimeClient: RuntimeClientName;
  readonly cgroups: CgroupManager;
  readonly freezeIdle: boolean;
  readonly region: string;
  readonly identity: (config: FunctionConfig) => logs.RuntimeIdentity;
  /** The node binary that runs a function's handlers (its Runtime's major: runtimes.ts). */
  readonly nodePath?: (config: FunctionConfig) => string;
  /** Every log line: the function, the text, and where CloudWatch Logs would keep it (group, stream). */
  readonly onLog: (functionName: string, text: string, logGroup: string, logStream: string) => void;
  /** The watchdog: the runtime's process group and cgroups are registered with it while they exist. */
  readonly reaper: Reaper;
  /** The environment died (crash, timeout, kill); the pool forgets it. */
  readonly onDead: (env: ExecutionEnvironment) => void;
  /** Whether any other environment is initialising or running an invocation. */
  readonly othersWorking: (env: ExecutionEnvironment) => boolean;
  /** This environment has just been handed an event: idle ones should stop competing for CPU. */
  readonly onWorking: (env: ExecutionEnvironment) => void;
}

/** Largest response a function may return: Lambda's 6 MB response limit in bytes. */
export const MAX_RESPONSE_BYTES = 6_291_556;
/** Longest INIT Lambda allows on-demand functions. */
const INIT_LIMIT_MS = 10_000;

/** A live execution environment. Create with {@link ExecutionEnvironment.start}. */
export class ExecutionEnvironment {
  readonly id = randomBytes(16).toString('hex');
  state: EnvironmentState = 'initializing';
  invocations = 0;
  /** The client that polled `/next`, known from its User-Agent. */
  runtimeClient: RuntimeClientName | undefined;
  /** When the environment last finished an invocation (for LRU eviction). */
  lastUsed = performance.now();

  private child: RuntimeProcess | undefined;
  private api: RuntimeApi | undefined;
  private cgroup: EnvironmentCgroup | undefined;
  private initTimer: NodeJS.Timeout | undefined;
  private parkedNext: ServerResponse | undefined;
  private current: Running | undefined;
  private initError: { readonly type: string | undefined; readonly body: Buffer } | undefined;
  private readonly record: InvocationRecord;
  private readonly freezer: Freezer;
  private killedForTimeout = false;
  private markExited: () => void = () => undefined;
  /** Settles once the runtime process has exited and its cgroups are removed (or given up on). */
  readonly exited: Promise<void> = new Promise((resolve) => {
    this.markExited = resolve;
  });

  private constructor(
    readonly config: FunctionConfig,
    readonly code: FunctionCode,
    readonly generation: number,
    private readonly deps: EnvironmentDeps,
  ) {
    this.freezer = new Freezer(deps.freezeIdle, (name) => this.signal(name));
    this.record = new InvocationRecord(config, this.id, (text, stream) => deps.onLog(config.name, text, config.logGroup, stream));
  }

  /** Starts an environment: Runtime API, cgroups, then the runtime process. INIT runs in the background. */
  static async start(config: FunctionConfig, code: FunctionCode, generation: number, deps: EnvironmentDeps): Promise<ExecutionEnvironment> {
    const env = new ExecutionEnvironment(config, code, generation, deps);
    env.api = await startRuntimeApi({
      next: (res, ua) => env.onNext(res, ua),
      response: (id, body, reply) => env.onResult(id, body, reply, undefined),
      error: (id, body, type, reply) => env.onResult(id, body, reply, type ?? errorTypeOf(body)),
      initError: (body, type, reply) => env.onInitError(body, type, reply),
    });
    try {
      env.cgroup = deps.cgroups.create(env.id, config.memorySize);
    } catch (error) {
      env.api.close();
      throw error;
    }
    if (env.cgroup) {
      const dirs = cgroupDirs(env.cgroup);
      for (const dir of [...dirs.roots, ...dirs.own]) deps.reaper.add('cgroup', dir);
    }
    env.emit(logs.initStartLine(config.logFormat, deps.identity(config)));
    env.spawnRuntime();
    env.initTimer = setTimeout(() => env.onInitTimeout(), INIT_LIMIT_MS);
    return env;
  }

  /** The process id of the runtime (the sh wrapper execs node, keeping its pid). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Runs one invocation; resolves when it ends, however it ends. One at a time. */
  run(input: InvocationInput): Promise<InvocationResult> {
    if (this.current || this.state === 'dead') throw new Error(`environment ${this.id} cannot take an invocation now`);
    return new Promise((resolve) => {
      this.current = { input, resolve, log: this.record.openLog(), deliveredAt: undefined, timer: undefined };
      this.invocations += 1;
      if (this.state === 'idle') this.state = 'busy';
      if (this.parkedNext) this.deliver(this.parkedNext);
    });
  }

  /** Kills the runtime process group and releases the port; cgroups go once the processes are gone. */
  kill(): void {
    if (this.state === 'dead') return;
    this.state = 'dead';
    clearTimeout(this.initTimer);
    this.freezer.cancel();
    this.signal('SIGKILL');
    this.api?.close();
    this.deps.onDead(this);
  }

  /** Status for `/_local/status`. */
  status(): EnvironmentStatus {
    return {
      id: this.id,
      functionName: this.config.name,
      pid: this.pid,
      state: this.state,
      runtimeClient: this.runtimeClient,
      invocations: this.invocations,
    };
  }

  private spawnRuntime(): void {
    this.record.spawning();
    const child = launchRuntime({
      config: this.config,
      code: this.code,
      environmentId: this.id,
      logStream: this.record.logStream,
      bootstrapPath: this.deps.bootstrapPath,
      runtimeClient: this.deps.runtimeClient,
      region: this.deps.region,
      runtimeApi: this.api?.address ?? '',
      cgroupProcs: this.cgroup?.procsFiles,
      reaper: this.deps.reaper,
      ...(this.deps.nodePath ? { nodePath: this.deps.nodePath(this.config) } : {}),
    });
    this.child = child;
    // Registered before anything else can run: from here a killed server cannot leave this group behind.
    if (child.pid !== undefined) this.deps.reaper.add('group', child.pid);
    this.record.spawned(child.pid);
    child.stdout.setEncoding('utf8').on('data', (text: string) => this.record.output(this.current, text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => this.record.output(this.current, text));
    child.on('error', (error) => {
      this.record.output(this.current, `local Lambda: could not start the runtime: ${error.message}\n`);
      if (child.pid === undefined) this.onExit(127, null);
    });
    child.on('exit', (code, signal) => this.onExit(code, signal));
  }

  /** Log text of the running invocation, or of the next one. */
  private emit(text: string): void {
    this.record.emit(this.current, text);
  }

  private onNext(res: ServerResponse, userAgent: string | undefined): void {
    if (this.state === 'dead') {
      res.destroy();
      return;
    }
    this.runtimeClient = clientFromUserAgent(userAgent) ?? this.deps.runtimeClient;
    if (!this.record.initialised) {
      this.record.initEnded();
      clearTimeout(this.initTimer);
      this.cgroup?.setCpu('throttled');
      if (this.state === 'initializing') this.state = this.current ? 'busy' : 'idle';
    }
    if (this.current && this.current.deliveredAt === undefined) {
      this.deliver(res);
      return;
    }
    this.parkedNext = res;
    if (this.current) return;
    if (this.deps.othersWorking(this)) this.freezeIfIdle();
    else this.freezer.freezeLater(this.idleInNext);
  }

  /**
   * Freezes the environment if it is idle, blocked in its `/next` poll. The pool calls it as
   * soon as another environment gets work: until then an idle runtime's background threads
   * (V8 tiering up a component, GC) would take CPU from that one and from the caller timing it.
   */
  freezeIfIdle(): void {
    this.freezer.freezeNow(this.idleInNext);
  }

  private readonly idleInNext = (): boolean => !this.current && this.state !== 'dead' && this.parkedNext !== undefined;

  /** Initialising, or running an invocation. */
  get working(): boolean {
    return this.state === 'initializing' || this.current !== undefined;
  }

  private deliver(res: ServerResponse): void {
    const run = this.current;
    if (!run) return;
    this.parkedNext = undefined;
    this.freezer.thaw();
    this.record.platform(run, logs.startLine(this.config.logFormat, run.input.requestId));
    const event: RuntimeEvent = {
      requestId: run.input.requestId,
      deadlineMs: Date.now() + this.config.timeout * 1000,
      invokedFunctionArn: run.input.invokedFunctionArn,
      traceId: traceId(),
      clientContext: run.input.clientContext,
      payload: run.input.payload,
    };
    run.deliveredAt = performance.now();
    run.timer = setTimeout(() => this.onTimeout(), this.config.timeout * 1000);
    sendEvent(res, event);
    // After the event is on its way: the signals cost this thread time, not the handler's.
    this.deps.onWorking(this);
  }

  private onResult(requestId: string, body: Buffer, reply: Reply, errorType: string | undefined): void {
    const run = this.current;
    const endedAt = performance.now();
    if (!run || run.deliveredAt === undefined || run.input.requestId !== requestId) {
      reply(400, { errorMessage: `Invalid request ID: ${requestId}`, errorType: 'InvalidRequestID' });
      return;
    }
    this.record.sampleMemory();
    clearTimeout(run.timer);
    const duration = endedAt - run.deliveredAt;
    const tooLarge = errorType === undefined && body.length > MAX_RESPONSE_BYTES;
    const payload = tooLarge
      ? Buffer.from(JSON.stringify({
          errorMessage: `Response payload size exceeded maximum allowed payload size (${MAX_RESPONSE_BYTES} bytes).`,
          errorType: 'Function.ResponseSizeTooLarge',
        }))
      : body;
    const failed = errorType !== undefined || tooLarge;
    // The caller's answer goes out before the runtime's: the caller is waiting, the runtime will only
    // poll /next. Answering the runtime first put its next poll on this thread while the caller waited.
    let acknowledged = false;
    const acknowledge = (): void => {
      if (acknowledged) return;
      acknowledged = true;
      if (tooLarge) reply(413, { errorMessage: 'Response payload too large', errorType: 'RequestEntityTooLarge' });
      else reply(202, { status: 'OK' });
    };
    // Let output already in the pipes arrive first (the runtime blocks until `reply`, so nothing newer can).
    setImmediate(() => {
      this.finish({
        status: failed ? 'failure' : 'success', payload, functionError: failed ? 'Unhandled' : undefined,
        errorType: tooLarge ? 'Function.ResponseSizeTooLarge' : errorType, durationMs: duration, memoryOverrideMb: undefined, acknowledge,
      });
      setImmediate(acknowledge); // when nobody answered the caller first (Event invocations)
    });
  }

  private onInitError(body: Buffer, type: string | undefined, reply: Reply): void {
    this.record.sampleMemory();
    this.initError = { type: type ?? errorTypeOf(body), body };
    reply(202, { status: 'OK' });
  }

  private onTimeout(): void {
    const run = this.current;
    if (!run || run.deliveredAt === undefined) return;
    const duration = performance.now() - run.deliveredAt;
    // libuv timers run on a loop clock cached per iteration and may fire a little early: never cut short.
    const remaining = this.config.timeout * 1000 - duration;
    if (remaining > 0) {
      run.timer = setTimeout(() => this.onTimeout(), Math.ceil(remaining));
      return;
    }
    this.killedForTimeout = true;
    this.emit(logs.timeoutLine(run.input.requestId, this.config.timeout));
    this.finish(timedOut(timeoutPayload(run.input.requestId, this.config.timeout), duration));
    this.kill();
  }

  private onInitTimeout(): void {
    if (this.record.initialised || this.state === 'dead') return;
    this.killedForTimeout = true;
    this.emit(logs.initReportLine(this.config.logFormat, this.record.sinceSpawnMs(), 'timeout', undefined));
    const run = this.current;
    if (run) {
      this.record.platform(run, logs.startLine(this.config.logFormat, run.input.requestId));
      this.finish(timedOut(timeoutPayload(run.input.requestId, INIT_LIMIT_MS / 1000), this.record.sinceSpawnMs()));
    }
    this.kill();
  }

  private onExit(code: number | null, signal: NodeJS.Signals | null): void {
    clearTimeout(this.initTimer);
    this.record.exited();
    // The runtime is gone: whatever it started in its group goes now too (an environment never
    // outlives its runtime anyway), and the watchdog may forget the group, whose number can be reused.
    this.signal('SIGKILL');
    if (this.pid !== undefined) this.deps.reaper.remove('group', this.pid);
    const wasKilledByUs = this.state === 'dead';
    // Read the OOM counter before the group is removed.
    const facts: ExitFacts = {
      code,
      signal,
      oomKilled: this.cgroup?.oomKilled() ?? false,
      heapLimitAbort: this.record.heapLimitAbort,
      initError: this.initError,
      initialised: this.record.initialised,
    };
    if (this.cgroup) this.removeCgroupSoon(this.cgroup);
    else this.markExited();
    if (wasKilledByUs || this.killedForTimeout) return;
    const run = this.current;
    // Give the pipes a moment to deliver what the process printed before dying.
    setTimeout(() => {
      const exit = classifyExit(facts);
      if (run) {
        const requestId = run.input.requestId;
        if (exit.initFailure) {
          this.emit(logs.initReportLine(this.config.logFormat, this.record.sinceSpawnMs(), 'error', exit.errorType));
          this.record.platform(run, logs.startLine(this.config.logFormat, requestId));
        } else {
          if (run.deliveredAt === undefined) this.record.platform(run, logs.startLine(this.config.logFormat, requestId));
          this.emit(logs.exitLines(requestId, exit.detail, exit.errorType));
        }
        const durationMs = run.deliveredAt === undefined ? this.record.sinceSpawnMs() : performance.now() - run.deliveredAt;
        this.finish({
          status: 'error', payload: exitPayload(requestId, exit, facts), functionError: 'Unhandled', errorType: exit.errorType, durationMs,
          memoryOverrideMb: exit.errorType === 'Runtime.OutOfMemory' ? this.config.memorySize : undefined,
        });
      } else {
        this.deps.onLog(this.config.name, `local Lambda: idle environment ${this.id} exited (${exit.detail})\n`, this.config.logGroup, this.record.logStream);
      }
      this.kill();
    }, 20);
  }

  /** Writes END and REPORT, resolves the invocation and frees the environment for the next one. */
  private finish(ending: Ending): void {
    const run = this.current;
    if (!run) return;
    this.current = undefined;
    clearTimeout(run.timer);
    const result = this.record.close(run, ending, this.runtimeClient);
    this.lastUsed = performance.now();
    if (this.state === 'busy') this.state = 'idle';
    run.resolve(result);
  }

  private signal(name: NodeJS.Signals): void {
    signalGroup(this.pid, name);
  }

  private removeCgroupSoon(cgroup: EnvironmentCgroup, attempt = 0): void {
    if (cgroup.remove()) {
      for (const dir of cgroupDirs(cgroup).own) this.deps.reaper.remove('cgroup', dir);
      this.markExited();
      return;
    }
    if (attempt > 50) {
      // Still registered: the watchdog retries when the server ends, the next start's sweep after that.
      this.markExited();
      return;
    }
    setTimeout(() => this.removeCgroupSoon(cgroup, attempt + 1), 20);
  }
}
