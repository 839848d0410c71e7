/**
 * What Lambda says when an invocation times out, and when the runtime process ends unexpectedly: the error type
 * (Runtime.ExitError, Runtime.OutOfMemory, or the runtime's own init error such
 * as Runtime.ImportModuleError), the wording of the `Error:` detail (Go's
 * process-state wording: `exit status 1`, `signal: killed`), and the payload
 * the caller receives.
 */

/** Everything known about an exit. */
export interface ExitFacts {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** The memory cgroup recorded an OOM kill. */
  readonly oomKilled: boolean;
  /** V8 printed its heap-limit fatal error (the old-space limit is the memory size, as on Lambda). */
  readonly heapLimitAbort: boolean;
  /** What the runtime posted to `/init/error`, if it did. */
  readonly initError: { readonly type: string | undefined; readonly body: Buffer } | undefined;
  /** The runtime reached its first `/next`. */
  readonly initialised: boolean;
}

/** How an exit is reported. */
export interface ExitVerdict {
  readonly errorType: string;
  /** e.g. `Runtime exited with error: exit status 1`. */
  readonly detail: string;
  /** The exit happened during INIT (an INIT_REPORT line is due). */
  readonly initFailure: boolean;
}

const SIGNAL_WORDS: Readonly<Record<string, string>> = {
  SIGKILL: 'killed',
  SIGABRT: 'aborted',
  SIGSEGV: 'segmentation fault',
  SIGTERM: 'terminated',
  SIGBUS: 'bus error',
  SIGILL: 'illegal instruction',
  SIGFPE: 'floating point exception',
  SIGINT: 'interrupt',
  SIGQUIT: 'quit',
  SIGHUP: 'hangup',
  SIGPIPE: 'broken pipe',
};

/** Classifies an unexpected exit of the runtime. */
export function classifyExit(facts: ExitFacts): ExitVerdict {
  const detail =
    facts.signal !== null
      ? `Runtime exited with error: signal: ${SIGNAL_WORDS[facts.signal] ?? facts.signal}`
      : facts.code === 0
        ? 'Runtime exited without providing a reason'
        : `Runtime exited with error: exit status ${facts.code ?? 'unknown'}`;
  const initFailure = !facts.initialised;
  if (facts.oomKilled || facts.heapLimitAbort) return { errorType: 'Runtime.OutOfMemory', detail, initFailure };
  if (facts.initError) return { errorType: facts.initError.type ?? 'Runtime.Unknown', detail, initFailure };
  return { errorType: 'Runtime.ExitError', detail, initFailure };
}

/** The error document returned to the caller when an invocation times out. */
export function timeoutPayload(requestId: string, timeoutSeconds: number): Buffer {
  const errorMessage = `RequestId: ${requestId} Error: Task timed out after ${timeoutSeconds.toFixed(2)} seconds`;
  return Buffer.from(JSON.stringify({ errorType: 'Sandbox.Timedout', errorMessage }));
}

/** The error document returned to the caller for an exit. */
export function exitPayload(requestId: string, verdict: ExitVerdict, facts: ExitFacts): Buffer {
  // An init error keeps the runtime's own document (errorType, errorMessage, trace), as Lambda returns it.
  if (facts.initError && verdict.errorType !== 'Runtime.OutOfMemory') return facts.initError.body;
  return Buffer.from(JSON.stringify({ errorType: verdict.errorType, errorMessage: `RequestId: ${requestId} Error: ${verdict.detail}` }));
}
