/**
 * Taking one cold sample: spawn a fresh process, time it from the parent,
 * read its messages, and turn whatever happened into a raw sample (a failure
 * is data, never an exception: the run goes on).
 *
 * Spawning and the clock are injected, so tests drive the accounting with a
 * fake child and a fake clock; `nodeSpawner` is the real one.
 */
import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { checkOutput } from '../verify/check.js';
import type { ChildMessage, ChildResultMessage, ColdFailureKind, ColdItem, ColdSample, ColdSampleBase } from './types.js';

/** Callbacks a spawned child reports through. */
export interface ChildHandlers {
  /** One complete line from the child's message channel (fd 3). */
  line(text: string): void;
  /** A chunk of the child's stderr. */
  stderr(text: string): void;
  /** The process could not be started. */
  error(error: Error): void;
  /** The process ended and its pipes are closed (called once). */
  close(code: number | null, signal: string | null): void;
}

/** A running child, as far as the sampler needs it. */
export interface ChildHandle {
  /** Kills the child (SIGKILL). */
  kill(): void;
}

/** Starts `argv` (argv[0] is the executable) with `env`. */
export type Spawner = (argv: readonly string[], env: NodeJS.ProcessEnv, handlers: ChildHandlers) => ChildHandle;

/** A monotonic clock in nanoseconds; must be the one the child uses (CLOCK_MONOTONIC). */
export type Clock = () => bigint;

/** The real spawner: a `node` process with its message channel on fd 3. */
export const nodeSpawner: Spawner = (argv, env, handlers) => {
  const [command, ...args] = argv;
  if (command === undefined) throw new Error('empty argv');
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe', 'pipe'], env });
  let pending = '';
  const messages = child.stdio[3] as Readable;
  messages.setEncoding('utf8');
  messages.on('data', (chunk: string) => {
    pending += chunk;
    for (let newline = pending.indexOf('\n'); newline >= 0; newline = pending.indexOf('\n')) {
      handlers.line(pending.slice(0, newline));
      pending = pending.slice(newline + 1);
    }
  });
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => handlers.stderr(chunk));
  child.on('error', (error) => handlers.error(error));
  child.on('close', (code, signal) => {
    if (pending.length > 0) handlers.line(pending);
    handlers.close(code, signal);
  });
  return { kill: () => void child.kill('SIGKILL') };
};

/** Everything one sample needs besides the spawner. */
export interface SampleRequest {
  readonly item: ColdItem;
  readonly key: string;
  readonly round: number;
  readonly sequence: number;
  readonly argv: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly envRemoved: readonly string[];
  /** sha256 (hex) every output must have; undefined for the baseline. */
  readonly expectedOutputSha256: string | undefined;
  readonly timeoutMs: number;
}

const STDERR_TAIL_CHARS = 2000;

/** Runs one fresh process to completion (or kill) and returns its raw sample. */
export function takeColdSample(request: SampleRequest, spawner: Spawner, clock: Clock): Promise<ColdSample> {
  return new Promise((resolve) => {
    let stderr = '';
    let firstAt: bigint | undefined;
    let result: ChildResultMessage | undefined;
    let messageProblem: string | undefined;
    let spawnError: Error | undefined;
    let timedOut = false;
    let settled = false;

    const base = (): ColdSampleBase => ({
      type: 'cold',
      item: request.item,
      key: request.key,
      round: request.round,
      sequence: request.sequence,
      argv: request.argv,
      envRemoved: request.envRemoved,
      wallNs: Number(clock() - spawnAt),
    });
    const fail = (failure: ColdFailureKind, error: string, code: number | null, signal: string | null): ColdSample => ({
      ...base(),
      state: 'errored',
      failure,
      error,
      stderrTail: stderr.slice(-STDERR_TAIL_CHARS),
      exitCode: code,
      signal,
    });

    const handlers: ChildHandlers = {
      line(text) {
        if (text.trim() === '') return;
        let message: ChildMessage;
        try {
          message = JSON.parse(text) as ChildMessage;
        } catch {
          messageProblem ??= `unparseable message line: ${text.slice(0, 200)}`;
          return;
        }
        if (message.type === 'first') {
          firstAt ??= clock();
        } else if (message.type === 'result') {
          if (result) messageProblem ??= 'more than one result message';
          result = message;
        } else {
          messageProblem ??= `unknown message type: ${text.slice(0, 200)}`;
        }
      },
      stderr(text) {
        stderr = (stderr + text).slice(-4 * STDERR_TAIL_CHARS);
      },
      error(error) {
        spawnError = error;
      },
      close(code, signal) {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(conclude(code, signal));
      },
    };

    const conclude = (code: number | null, signal: string | null): ColdSample => {
      if (spawnError) return fail('spawn', `could not start: ${spawnError.message}`, code, signal);
      if (timedOut) return fail('timeout', `no exit within ${request.timeoutMs} ms (killed)`, code, signal);
      if (signal) return fail('crash', `killed by ${signal}`, code, signal);
      if (code !== 0) return fail('exit-code', `exited with code ${String(code)}`, code, signal);
      if (messageProblem) return fail('bad-message', messageProblem, code, signal);
      // Exit 0 here means the child's event loop emptied mid-measurement: something it awaited never settled
      // (seen: WebAssembly.compile under --no-wasm-lazy-compilation on Node 24.22.3 / V8 13.6).
      if (!result) return fail('bad-message', `exited without a result message${firstAt === undefined ? ' (exit 0 before its first call: a load step it awaited never settled)' : ''}`, code, signal);
      if (firstAt === undefined) return fail('bad-message', 'no "first" message before the result', code, signal);
      const shapeProblem = checkShape(result, request.expectedOutputSha256 !== undefined);
      if (shapeProblem) return fail('bad-message', shapeProblem, code, signal);
      if (request.expectedOutputSha256 !== undefined) {
        const expected = { sha256: request.expectedOutputSha256 };
        for (const [call, sha256] of [['first', result.firstOutputSha256], ['last', result.lastOutputSha256]] as const) {
          const wrong = checkOutput({ kind: 'child', call, sha256 }, expected);
          if (wrong) return fail('mismatch', wrong.reason, code, signal);
        }
      }
      const startedAt = BigInt(result.startedAtNs);
      const { type: _type, startedAtNs: _s, firstResultAtNs, firstOutputSha256: _f, lastOutputSha256: _l, ...figures } = result;
      return {
        ...base(),
        state: 'completed',
        ...figures,
        processStartNs: Number(startedAt - spawnAt),
        timeToFirstResultNs: Number(firstAt - spawnAt),
        timeToFirstResultChildNs: Number(BigInt(firstResultAtNs) - spawnAt),
        ...(request.expectedOutputSha256 === undefined ? {} : { verified: true }),
      };
    };

    const spawnAt = clock();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let handle: ChildHandle;
    try {
      handle = spawner(request.argv, request.env, handlers);
    } catch (error) {
      settled = true;
      spawnError = error instanceof Error ? error : new Error(String(error));
      resolve(conclude(null, null));
      return;
    }
    if (settled) return; // a fake child may finish synchronously
    timer = setTimeout(() => {
      timedOut = true;
      handle.kill();
    }, request.timeoutMs);
  });
}

/** Checks what the summary relies on; returns a problem or undefined. */
function checkShape(result: ChildResultMessage, isTarget: boolean): string | undefined {
  const isCount = (value: unknown): boolean => typeof value === 'number' && Number.isFinite(value) && value >= 0;
  if (typeof result.startedAtNs !== 'string' || !/^\d+$/.test(result.startedAtNs)) return 'startedAtNs is not a decimal string';
  if (typeof result.firstResultAtNs !== 'string' || !/^\d+$/.test(result.firstResultAtNs)) return 'firstResultAtNs is not a decimal string';
  if (!Array.isArray(result.phases) || !result.phases.every((p) => typeof p?.name === 'string' && isCount(p.ns))) return 'phases malformed';
  if (!Array.isArray(result.callsNs) || !result.callsNs.every(isCount)) return 'callsNs malformed';
  if (isTarget && result.callsNs.length === 0) return 'no calls reported';
  if (!isCount(result.harnessNs) || !isCount(result.maxRssBytes) || !isCount(result.cpuUserUs) || !isCount(result.cpuSystemUs)) {
    return 'resource figures malformed';
  }
  if (!result.memoryAfterFirstCall || !result.memoryAtEnd) return 'memory figures missing';
  return undefined;
}
