/**
 * A scripted Lambda endpoint in-process, for tests of the sampling logic
 * (sampling.ts) that must pin every recorded figure and every call: each
 * function answers what a script says for its nth invocation, with a REPORT
 * line whose figures derive from n, Init Duration on the first call of each
 * environment, and a round trip of known length on an injected clock.
 *
 * The local-Lambda tests (sampling.test.ts, sampling-environments.test.ts)
 * prove the runner against real processes; this one exists because they
 * cannot say which figure went into which series exactly, and because they
 * cost seconds per run where the mutation run reruns them per mutant.
 * It speaks the SDK's command objects (Invoke, UpdateFunctionConfiguration,
 * GetFunction for the waiter) and answers as the SDK's `send` would.
 */
import { GetFunctionCommand, InvokeCommand, UpdateFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
import { COLD_START_VARIABLE } from './force.js';
import type { LambdaSession } from './session.js';

/** The right output's digest, and the expected digest a test hands to measureFunctions. */
export const RIGHT = { outputSha256: 'ab'.repeat(32), outputBytes: 3 } as const;
/** What measureFunctions is told every output must be. */
export const EXPECTED = { sha256: RIGHT.outputSha256, bytes: RIGHT.outputBytes } as const;

/** One invocation as the script sees it. */
export interface ScriptedCall {
  readonly functionName: string;
  /** 1-based count of this function's invocations. */
  readonly n: number;
  /** The environment that serves it (0-based per function; a new one after each forced update). */
  readonly environment: number;
  /** The first call of its environment: its REPORT carries Init Duration. */
  readonly cold: boolean;
}

/** What one invocation answers; every field defaults to a right, complete answer. */
export interface ScriptedAnswer {
  readonly output?: { readonly outputSha256: string; readonly outputBytes: number };
  /** False: no X-Amz-Log-Result at all. */
  readonly tail?: boolean;
  /** Overrides whether REPORT has Init Duration (true on a warm call: Lambda replaced the environment). */
  readonly init?: boolean;
  /** REPORT Status (absent by default, as on success). */
  readonly status?: string;
  /** Answer as a function error (X-Amz-Function-Error) with this type. */
  readonly functionError?: string;
  /** Thrown by `send` instead of answering: an SDK error. */
  readonly fail?: Error;
  /** Round trip on the injected clock, ns (default 2 ms + n µs). */
  readonly clientNs?: number;
}

/** Figures of the nth call's REPORT line, so a test can say which call a recorded figure came from. */
export const figuresOf = (n: number) => ({ durationMs: n + 0.5, billedMs: n + 1, maxMemoryUsedMB: 40 + n, initMs: 100 + n + 0.25, handlerNs: 1000 * n });

/** An SDK-shaped error: HTTP status and Lambda error type, or a network error without an answer. */
export function sdkError(name: string, message: string, httpStatus?: number): Error {
  const error = new Error(message) as Error & { $metadata?: { httpStatusCode: number } };
  error.name = name;
  if (httpStatus !== undefined) error.$metadata = { httpStatusCode: httpStatus };
  return error;
}

/** Options of the scripted endpoint. */
export interface ScriptedOptions {
  /** Answers per function (default: right and complete). */
  readonly scripts?: Readonly<Record<string, (call: ScriptedCall) => ScriptedAnswer>>;
  /** Thrown by UpdateFunctionConfiguration for this function, when it returns one. */
  readonly updateFails?: (functionName: string) => Error | undefined;
  /** The runtime client reported for a function's current environment. */
  readonly runtimeClient?: (functionName: string, environment: number) => string | undefined;
  /** What checkAnswering finds after a call got no answer: a reason (the endpoint is gone) or undefined. */
  readonly silentReason?: string;
  /** The endpoint is known gone before the group starts. */
  readonly downAtStart?: string;
}

/** The scripted endpoint: a LambdaSession, its clocks, and what it was asked. */
export interface ScriptedLambda {
  readonly session: LambdaSession;
  /** The round-trip clock to pass as `SamplingPlan.clockNs`: only invocations move it. */
  readonly clockNs: () => bigint;
  /** Every invocation in order. */
  readonly calls: ScriptedCall[];
  /** Every UpdateFunctionConfiguration: function and the value of the cold-start variable. */
  readonly updates: Array<{ readonly functionName: string; readonly token: string }>;
  /** How often checkAnswering was asked. */
  readonly answeringChecks: () => number;
  /** Invocations of one function. */
  invocations(functionName: string): number;
}

/** Builds a scripted endpoint. */
export function scriptedLambda(options: ScriptedOptions = {}): ScriptedLambda {
  let now = 0n;
  let down = options.downAtStart;
  let checks = 0;
  const calls: ScriptedCall[] = [];
  const updates: Array<{ functionName: string; token: string }> = [];
  const state = new Map<string, { n: number; environment: number; fresh: boolean }>();
  const of = (name: string) => {
    let s = state.get(name);
    if (!s) state.set(name, (s = { n: 0, environment: 0, fresh: true }));
    return s;
  };

  const invoke = async (command: InvokeCommand) => {
    const name = command.input.FunctionName ?? '';
    const s = of(name);
    s.n += 1;
    const call: ScriptedCall = { functionName: name, n: s.n, environment: s.environment, cold: s.fresh };
    s.fresh = false;
    calls.push(call);
    const answer = options.scripts?.[name]?.(call) ?? {};
    now += BigInt(answer.clientNs ?? 2_000_000 + 1000 * s.n);
    if (answer.fail) throw answer.fail;
    const f = figuresOf(s.n);
    const init = answer.init ?? call.cold;
    // A replacement seen on a warm call: the calls after it are the new environment's.
    if (init && !call.cold) s.environment += 1;
    const line = [
      `REPORT RequestId: req-${name}-${s.n}`,
      `Duration: ${f.durationMs} ms`,
      `Billed Duration: ${f.billedMs} ms`,
      'Memory Size: 128 MB',
      `Max Memory Used: ${f.maxMemoryUsedMB} MB`,
      ...(init ? [`Init Duration: ${f.initMs} ms`] : []),
      ...(answer.status !== undefined ? [`Status: ${answer.status}`] : []),
    ].join('\t');
    const body = answer.functionError !== undefined
      ? { errorType: answer.functionError, errorMessage: 'scripted failure' }
      : { ...(answer.output ?? RIGHT), handlerNs: f.handlerNs };
    return {
      $metadata: { httpStatusCode: 200 },
      Payload: new TextEncoder().encode(JSON.stringify(body)),
      ...(answer.tail === false ? {} : { LogResult: Buffer.from(`START RequestId: req\n${line}\t\n`).toString('base64') }),
      ...(answer.functionError !== undefined ? { FunctionError: 'Unhandled' } : {}),
    };
  };

  const control = async (command: unknown) => {
    if (command instanceof UpdateFunctionConfigurationCommand) {
      const name = command.input.FunctionName ?? '';
      const failure = options.updateFails?.(name);
      if (failure) throw failure;
      updates.push({ functionName: name, token: command.input.Environment?.Variables?.[COLD_START_VARIABLE] ?? '' });
      const s = of(name);
      s.environment += 1;
      s.fresh = true;
      return { $metadata: { httpStatusCode: 200 } };
    }
    // The waiter (waitUntilFunctionUpdatedV2) polls GetFunction: the update is done at once.
    if (command instanceof GetFunctionCommand) return { $metadata: { httpStatusCode: 200 }, Configuration: { LastUpdateStatus: 'Successful', State: 'Active' } };
    throw new Error(`the scripted endpoint does not answer ${(command as object).constructor.name}`);
  };

  const session = {
    endpoint: { kind: 'endpoint', url: 'http://scripted.invalid', region: 'us-east-1' },
    control: { send: control },
    timed: { send: invoke },
    timedTimeouts: {},
    status: async () => undefined,
    runtimeClientOf: async (name: string) => options.runtimeClient?.(name, of(name).environment),
    checkAnswering: async () => {
      checks += 1;
      if (options.silentReason !== undefined) down = options.silentReason;
      return options.silentReason;
    },
    downReason: () => down,
    close: async () => undefined,
  } as unknown as LambdaSession;

  return {
    session,
    clockNs: () => now,
    calls,
    updates,
    answeringChecks: () => checks,
    invocations: (name) => calls.filter((c) => c.functionName === name).length,
  };
}
