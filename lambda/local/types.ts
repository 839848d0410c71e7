/**
 * Public types of the local Lambda (`lambda/local/`): the options and status of
 * the server, the stored function, and what one invocation produces.
 *
 * The Lambda API shapes themselves (FunctionConfiguration, ...) are not
 * redeclared: requests are plain JSON read defensively, and responses are
 * built to match what `@aws-sdk/client-lambda` deserialises.
 */

import type { QueueClock } from './clock.js';
import type { ApiCredentials } from './credentials.js';
import type { LogStoreStatus } from './log-store.js';
import type { StartGateStatus } from './start-gate.js';

/** Which cgroup version limits CPU (or memory) of execution environments, or `none`. */
export type CpuLimitMode = 'cgroup-v1' | 'cgroup-v2' | 'none';

/** Which Runtime API client runs the handler inside an environment. */
export type RuntimeClientName = 'aws-lambda-ric' | 'fallback';

/** Log format of a function (LoggingConfig.LogFormat). */
export type LogFormat = 'Text' | 'JSON';

/** Options of {@link startLocalLambda} (see `server.ts`) and of the CLI. */
export interface LocalLambdaOptions {
  /** TCP port on 127.0.0.1; 0 picks a free one. Default 0 in-process, 9777 from the CLI. */
  readonly port?: number;
  /** Region used in ARNs and `AWS_REGION`. Default `us-east-1`. */
  readonly region?: string;
  /** Account id used in ARNs. Default `000000000000`. */
  readonly accountId?: string;
  /** An idle environment is evicted after this many ms without an invocation. Default 300 000. */
  readonly idleTimeoutMs?: number;
  /**
   * The account concurrency limit: invocations in flight over all functions, and environments (processes)
   * at once. Default: AWS's 1000 scaled to the host's memory (concurrency.ts), with the reason in the status.
   */
  readonly maxConcurrency?: number;
  /** Why `maxConcurrency` has its value, for the status (default: "set by the maxConcurrency option"). */
  readonly maxConcurrencyReason?: string;
  /** Environments in INIT at once (start-gate.ts); more starts wait, and the wait is counted. Default: one per core. */
  readonly concurrentInits?: number;
  /**
   * Waits of the asynchronous queue; default AWS's (1 and 2 min before retries after a function error,
   * throttles backed off from 1 s to 5 min). Shorter waits are for tests and quick runs, which must say so.
   */
  readonly asyncDelays?: Partial<QueueDelays>;
  /** Clock and timers of the async queue, EventBridge schedules and log timestamps; tests pass a fake. */
  readonly clock?: QueueClock;
  /** Bound of stored log text over all log groups (log-store.ts); default 64 MB. */
  readonly logBytes?: number;
  /** `auto` uses aws-lambda-ric when its native addon loads, else the fallback client. Default `auto`. */
  readonly runtimeClient?: 'auto' | RuntimeClientName;
  /** `auto` uses cgroup v1 or v2, whichever carries cpu and memory and is writable; `off` never touches cgroups. Default `auto`. */
  readonly cgroups?: 'auto' | 'off';
  /** Stop (SIGSTOP) idle environments as Lambda freezes them between invocations. Default true. */
  readonly freezeIdle?: boolean;
  /** Directory for unzipped code; a fresh temporary directory when absent (removed on close). */
  readonly workDir?: string;
  /** Receives every log line of every function (platform and handler output), for a CLI to print. */
  readonly onLog?: (functionName: string, text: string) => void;
  /** Where one-time notices go (cgroups unavailable, fallback client). Default: process.stderr. */
  readonly notice?: (message: string) => void;
  /**
   * Write the API credential to `credentials-<port>.json` (mode 0600) in this user's registry
   * directory, for clients in other processes (`npm run lambda:local` does). Default false:
   * an embedding program hands `LocalLambda.credentials` to its client directly.
   */
  readonly credentialFile?: boolean;
}

/** What the server reports about itself; also served at `GET /_local/status`. */
export interface LocalLambdaStatus {
  readonly endpoint: string;
  /** How CPU is limited (memorySize/1769 of a core per environment). */
  readonly cpuLimit: CpuLimitMode;
  /** How memory is limited (memorySize per environment). */
  readonly memoryLimit: CpuLimitMode;
  /** Why CPU or memory is not limited, when `cpuLimit` or `memoryLimit` is `none`. */
  readonly cpuLimitReason?: string;
  /** The runtime client new environments start with. */
  readonly runtimeClient: RuntimeClientName;
  /** Why the fallback client is used, when it is. */
  readonly runtimeClientReason?: string;
  /**
   * Who runs handlers: `separate-user` (the server is root: an unprivileged uid per environment,
   * read-only code) or `same-user` (the server's own user; see `handlerUserReason`).
   */
  readonly handlerUser: 'separate-user' | 'same-user';
  /** Why handlers run as the server's user, when they do. */
  readonly handlerUserReason?: string;
  /** Where the API credential was written, when it was (the `credentialFile` option). */
  readonly credentialFile?: string;
  /** Why the API credential does not keep handlers from changing other functions, when it does not (same-user). */
  readonly apiAuthReason?: string;
  /** `process.version` of the server's own Node.js (the host's). */
  readonly nodeVersion: string;
  /**
   * The Node.js each Runtime used so far runs on (`nodejs22.x` -> Node 22, lambda/local/runtimes.ts);
   * `substituteReason` when that Node is not installed and the host's runs instead. Absent from older servers.
   */
  readonly runtimes?: Readonly<Record<string, { readonly nodeVersion: string; readonly v8Version: string; readonly substituteReason?: string }>>;
  readonly functions: number;
  readonly environments: readonly EnvironmentStatus[];
  /** The account limit in force (and why), what reservations leave unreserved, invocations in flight now and at most. */
  readonly concurrency: {
    readonly accountLimit: number;
    readonly accountLimitReason: string;
    /** The host's memory set the account limit (scaled below AWS's 1000): throttles at it are the host's. Absent from older servers. */
    readonly accountLimitByHost?: boolean;
    readonly minUnreserved: number;
    readonly unreservedLimit: number;
    readonly inFlight: number;
    readonly peakInFlight: number;
    /** Starts waiting for an INIT slot: waits here are the host's, not Lambda's (a load step with any is host-limited). */
    readonly startGate: StartGateStatus;
  };
  /** The CloudWatch-Logs-compatible store: a non-zero droppedEvents means counts read from it are short. */
  readonly logs: LogStoreStatus;
  /** Always true: every latency and figure of this server is the emulator's, not AWS's. */
  readonly emulated: true;
}

/** One live execution environment, as reported by the status. */
export interface EnvironmentStatus {
  readonly id: string;
  readonly functionName: string;
  readonly pid: number | undefined;
  readonly state: EnvironmentState;
  /** The client that actually polled `/next` (from its User-Agent); undefined before the first poll. */
  readonly runtimeClient: RuntimeClientName | undefined;
  readonly invocations: number;
}

/** Lifecycle of an execution environment. */
export type EnvironmentState = 'initializing' | 'idle' | 'busy' | 'dead';

/** The handle {@link startLocalLambda} returns. */
export interface LocalLambda {
  /** `http://127.0.0.1:<port>`: pass it as the SDK client's `endpoint`. */
  readonly endpoint: string;
  readonly port: number;
  /**
   * The credential calls that change functions must be signed with (SigV4; unsigned or
   * otherwise signed ones get 403). Reads and Invoke need none. Never in the status.
   */
  readonly credentials: ApiCredentials;
  /** A snapshot of the server's state. */
  status(): LocalLambdaStatus;
  /** Stops every environment, removes every cgroup and the work directory, closes the port. */
  close(): Promise<void>;
}

/** The configuration of one function, as stored (only `$LATEST` exists). */
export interface FunctionConfig {
  readonly name: string;
  readonly arn: string;
  readonly runtime: string;
  readonly role: string;
  readonly handler: string;
  readonly description: string;
  /** Seconds. */
  readonly timeout: number;
  /** MB. */
  readonly memorySize: number;
  readonly environment: Readonly<Record<string, string>>;
  readonly architectures: readonly string[];
  readonly logFormat: LogFormat;
  readonly applicationLogLevel: string | undefined;
  readonly systemLogLevel: string | undefined;
  readonly logGroup: string;
  readonly ephemeralStorage: number;
}

/** The code of one function: where it is unzipped and what AWS would report about the zip. */
export interface FunctionCode {
  /** Unzipped code; the environment's LAMBDA_TASK_ROOT. */
  readonly dir: string;
  /** The uploaded zip, kept for GetFunction's Code.Location. */
  readonly zip: Uint8Array;
  /** base64 of the SHA-256 of the zip, as AWS computes CodeSha256. */
  readonly sha256: string;
  readonly size: number;
}

/** How one invocation ended. */
export type InvocationStatus =
  | 'success'
  /** The handler threw or the runtime posted to `/error`. */
  | 'failure'
  /** The environment exceeded the function timeout and was killed. */
  | 'timeout'
  /** The runtime exited or was killed (crash, out of memory, init failure). */
  | 'error';

/** What one invocation produced, from which the Invoke response is built. */
export interface InvocationResult {
  readonly requestId: string;
  readonly status: InvocationStatus;
  /** Bytes returned to the caller (the response, or the error document). */
  readonly payload: Uint8Array;
  /** `Unhandled` when the caller must see X-Amz-Function-Error. */
  readonly functionError: 'Unhandled' | undefined;
  /** Error type recorded in REPORT's `Error Type` (crashes, OOM, init errors). */
  readonly errorType: string | undefined;
  /** The invocation's log text (INIT_START on cold starts ... REPORT); only its last 1 MB if longer. */
  readonly log: string;
  /** Handler time in ms, as REPORT's Duration. */
  readonly durationMs: number;
  readonly billedDurationMs: number;
  /** Set on the first invocation of an environment only. */
  readonly initDurationMs: number | undefined;
  readonly maxMemoryUsedMb: number;
  /** The client that served this invocation. */
  readonly runtimeClient: RuntimeClientName | undefined;
  /** Id of the environment that ran it. */
  readonly environmentId: string;
  /**
   * Answers the runtime's `/response` or `/error` post. The Invoke handler
   * calls it right after writing the caller's answer, so the caller goes
   * first; the environment calls it itself one event-loop turn later if
   * nobody has (Event invocations). Idempotent; absent when the runtime
   * posted nothing (timeouts, crashes).
   */
  readonly acknowledge?: () => void;
}

/** The waits Lambda uses; the defaults are AWS's, a caller may shorten them (and then says so). */
export interface QueueDelays {
  /** Before each retry after a function error: Lambda waits 1 min, then 2 min. */
  readonly functionErrorMs: readonly number[];
  /** First wait after a throttle; doubles per throttle. */
  readonly throttleFirstMs: number;
  /** Longest wait after a throttle. */
  readonly throttleMaxMs: number;
}
