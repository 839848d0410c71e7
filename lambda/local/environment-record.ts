/**
 * What Lambda records about an execution environment's invocations, apart
 * from running them (environment.ts drives the process and the Runtime API):
 *
 * - Init Duration: from spawning the runtime to its first `/next`, reported
 *   once, on the first REPORT after INIT.
 * - Max Memory Used: the runtime process's VmHWM, read from /proc at Runtime
 *   API calls, while the runtime is blocked waiting for our answer and so
 *   cannot have exited.
 * - Each invocation's log: what the runtime printed while it ran, opened by
 *   what it printed while none ran (INIT, or after the previous response),
 *   with the platform's START, END and REPORT lines.
 */

import { PeakRssReader } from './launch.js';
import * as logs from './logs.js';
import type { FunctionConfig, InvocationResult, InvocationStatus, RuntimeClientName } from './types.js';

/** Log text kept per invocation (its last part: Tail needs only the last 4 KB). */
const LOG_CAP = 1024 * 1024;
/** Output kept to recognise V8's heap-limit abort, which prints before the process dies. */
const RECENT_OUTPUT = 2048;

/** An invocation waiting for, or running in, an environment. */
export interface InvocationInput {
  readonly requestId: string;
  readonly payload: Buffer;
  readonly invokedFunctionArn: string;
  readonly clientContext: string | undefined;
}

/** The invocation an environment holds: waiting for INIT, or handed to the runtime. */
export interface Running {
  readonly input: InvocationInput;
  readonly resolve: (result: InvocationResult) => void;
  log: string;
  /** When the event left on `/next`; undefined while waiting for INIT. */
  deliveredAt: number | undefined;
  timer: NodeJS.Timeout | undefined;
}

/** How an invocation ended: what its END and REPORT lines and its result say. */
export interface Ending {
  readonly status: InvocationStatus;
  readonly payload: Buffer;
  readonly functionError: 'Unhandled' | undefined;
  readonly errorType: string | undefined;
  readonly durationMs: number;
  /** Reported as Max Memory Used instead of the measured peak (an out-of-memory end reports the memory size). */
  readonly memoryOverrideMb: number | undefined;
  /** Answers the runtime's `/response`, which the caller may do first (see ExecutionEnvironment's onResult). */
  readonly acknowledge?: () => void;
}

/** A timeout's ending (of the invocation, or of the INIT it waited for). */
export function timedOut(payload: Buffer, durationMs: number): Ending {
  return { status: 'timeout', payload, functionError: 'Unhandled', errorType: 'Sandbox.Timedout', durationMs, memoryOverrideMb: undefined };
}

/** The timing, memory and log bookkeeping of one execution environment. */
export class InvocationRecord {
  /** When the runtime process was spawned: Init Duration counts from here. */
  private spawnedAt = performance.now();
  private initDurationMs: number | undefined;
  private initReported = false;
  private hwmKb = 0;
  private peakRss: PeakRssReader | undefined;
  /** Output produced while no invocation runs (INIT, or after a response): opens the next invocation's log. */
  private pendingLog = '';
  private recentOutput = '';
  /** The environment's log stream (AWS_LAMBDA_LOG_STREAM_NAME), named when it starts. */
  readonly logStream: string;

  /**
   * @param config the function's configuration (log format, memory size)
   * @param environmentId named in each result
   * @param sink every log line also goes here (the server's log sink), with the environment's log stream
   */
  constructor(
    private readonly config: FunctionConfig,
    private readonly environmentId: string,
    private readonly sink: (text: string, logStream: string) => void,
  ) {
    this.logStream = logs.logStreamName(environmentId, new Date());
  }

  /** The runtime process is about to be spawned: Init Duration counts from now. */
  spawning(): void {
    this.spawnedAt = performance.now();
  }

  /** The runtime process was spawned: its peak memory is read from its /proc from now on. */
  spawned(pid: number | undefined): void {
    this.peakRss = new PeakRssReader(pid);
  }

  /** The runtime process has exited: nothing more can be read from it. */
  exited(): void {
    this.peakRss?.close();
  }

  /** Whether INIT has ended (the runtime's first `/next` came). */
  get initialised(): boolean {
    return this.initDurationMs !== undefined;
  }

  /** Milliseconds since the runtime was spawned (how long a failed or timed-out INIT took). */
  sinceSpawnMs(): number {
    return performance.now() - this.spawnedAt;
  }

  /** INIT ended now, at the runtime's first `/next`: records Init Duration and the memory INIT used. */
  initEnded(): void {
    this.initDurationMs = this.sinceSpawnMs();
    this.sampleMemory(); // later polls need no reading: VmHWM only grows, and /response reads it
  }

  /** Peak RSS of the runtime process (VmHWM), kept as the environment's high-water mark. */
  sampleMemory(): void {
    this.hwmKb = Math.max(this.hwmKb, this.peakRss?.readKb() ?? 0);
  }

  /** The start of a new invocation's log: what the runtime printed while none ran. */
  openLog(): string {
    const text = this.pendingLog;
    this.pendingLog = '';
    return text;
  }

  /** Everything the runtime prints is log text of the running invocation, or of the next one. */
  output(run: Running | undefined, text: string): void {
    this.recentOutput = (this.recentOutput + text).slice(-RECENT_OUTPUT);
    this.emit(run, text);
  }

  /** Whether the runtime's last output was V8's heap-limit abort (it died of its JS heap limit). */
  get heapLimitAbort(): boolean {
    return this.recentOutput.includes('JavaScript heap out of memory');
  }

  /** Appends text to the running invocation's log, or to the next one's when none runs. */
  emit(run: Running | undefined, text: string): void {
    if (run) {
      run.log += text;
      if (run.log.length > LOG_CAP) run.log = run.log.slice(-LOG_CAP);
    } else {
      this.pendingLog += text;
      if (this.pendingLog.length > LOG_CAP) this.pendingLog = this.pendingLog.slice(-LOG_CAP);
    }
    this.sink(text, this.logStream);
  }

  /** Appends a platform line to an invocation's log (and to the sink). */
  platform(run: Running, text: string): void {
    run.log += text;
    this.sink(text, this.logStream);
  }

  /**
   * Writes the END and REPORT lines of an invocation that ended and answers its
   * result. Init Duration goes on the first REPORT after INIT only, as Lambda's does.
   */
  close(run: Running, ending: Ending, runtimeClient: RuntimeClientName | undefined): InvocationResult {
    const format = this.config.logFormat;
    const cold = !this.initReported && this.initDurationMs !== undefined;
    const initDurationMs = cold ? this.initDurationMs : undefined;
    if (cold) this.initReported = true;
    const { status, durationMs, errorType } = ending;
    const maxMemoryUsedMb = ending.memoryOverrideMb ?? Math.round(this.hwmKb / 1024);
    const billedDurationMs = logs.billedDuration(durationMs, initDurationMs);
    const requestId = run.input.requestId;
    const tail =
      logs.endLine(format, requestId, status, durationMs) +
      logs.reportLine(format, {
        requestId, durationMs, billedDurationMs, memorySizeMb: this.config.memorySize,
        maxMemoryUsedMb, initDurationMs, status, errorType,
      });
    this.platform(run, tail);
    return {
      requestId, status, payload: new Uint8Array(ending.payload), functionError: ending.functionError, errorType, log: run.log,
      durationMs, billedDurationMs, initDurationMs, maxMemoryUsedMb,
      runtimeClient, environmentId: this.environmentId,
      ...(ending.acknowledge ? { acknowledge: ending.acknowledge } : {}),
    };
  }
}
