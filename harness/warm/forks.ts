/**
 * Running one warm fork from the parent: spawn a fresh process on a job
 * file, wait for its one message, and turn whatever happened into data (a
 * crash or a timeout is an outcome, never an exception: the run goes on).
 *
 * The spawner is the cold mode's (fd 3 message lines), injected so tests
 * drive the accounting with a fake child.
 */
import { join } from 'node:path';
import { BUILD_DIR } from '../paths.js';
import { nodeSpawner, type Spawner } from '../cold/sample.js';
import type { FailureKind } from '../contract/index.js';
import type { ForkOutcome, ForkResult } from './fork-job.js';

/** The bundled fork script (built by `npm run build`, HARNESS_ENTRIES). */
export const WARM_CHILD_SCRIPT = join(BUILD_DIR, 'harness', 'warm-child.mjs');

/** Longest tail of a failed fork's stderr kept in its error. */
const STDERR_TAIL = 600;

/** What running a fork gave. */
export type ForkRun =
  | { readonly state: 'completed'; readonly outcomes: readonly ForkOutcome[] }
  | { readonly state: 'errored'; readonly error: string; readonly failure: Extract<FailureKind, 'crashed' | 'timeout'> };

/** How to start forks. */
export interface ForkLauncher {
  /** node binary (default process.execPath). */
  readonly nodePath?: string;
  /** Flags of every fork (default --expose-gc: the warm core collects garbage between tasks). */
  readonly nodeFlags?: readonly string[];
  /** The fork script (default WARM_CHILD_SCRIPT). */
  readonly childScript?: string;
  /** Environment of forks (default: process.env without NODE_OPTIONS, which could inject a loader). */
  readonly env?: NodeJS.ProcessEnv;
  /** Kill a fork after this long, ms. */
  readonly timeoutMs: number;
  readonly spawner?: Spawner;
  /**
   * Called with a way to kill the running fork; returns the function that
   * forgets it once the fork has ended. An interrupted run kills its fork
   * through this instead of leaving it to finish on its own.
   */
  readonly register?: (kill: () => void) => () => void;
}

/** The environment of measured processes: no NODE_OPTIONS (a loader such as tsx would be measured too). */
export function forkEnvironment(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env = { ...base };
  delete env['NODE_OPTIONS'];
  return env;
}

/** Runs one fork on `jobPath` and returns its outcomes or its failure. */
export function runFork(jobPath: string, launcher: ForkLauncher): Promise<ForkRun> {
  const spawner = launcher.spawner ?? nodeSpawner;
  const argv = [launcher.nodePath ?? process.execPath, ...(launcher.nodeFlags ?? ['--expose-gc']), launcher.childScript ?? WARM_CHILD_SCRIPT, jobPath];
  return new Promise((resolve) => {
    let result: ForkResult | undefined;
    let malformed: string | undefined;
    let stderr = '';
    let timedOut = false;
    let settled = false;
    let forget = (): void => {};
    // Declared before the spawn: a spawner may report an error before it returns, and settle clears this.
    let timer: NodeJS.Timeout | undefined;
    const settle = (run: ForkRun): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      forget();
      resolve(run);
    };
    const handle = spawner(argv, launcher.env ?? forkEnvironment(), {
      line(text) {
        if (text.trim() === '') return;
        try {
          const message = JSON.parse(text) as ForkResult;
          if (message.type === 'warm-fork' && Array.isArray(message.outcomes)) result = message;
          else malformed = `unexpected message ${text.slice(0, 80)}`;
        } catch {
          malformed = `unreadable message ${text.slice(0, 80)}`;
        }
      },
      stderr(chunk) {
        stderr = (stderr + chunk).slice(-STDERR_TAIL);
      },
      error(error) {
        settle({ state: 'errored', error: `warm fork could not start: ${error.message}`, failure: 'crashed' });
      },
      close(code, signal) {
        if (timedOut) {
          settle({ state: 'errored', error: `warm fork timed out after ${launcher.timeoutMs} ms`, failure: 'timeout' });
        } else if (code === 0 && result) {
          settle({ state: 'completed', outcomes: result.outcomes });
        } else {
          const how = signal ? `killed by ${signal}` : `exit ${String(code)}`;
          const why = malformed ?? (result ? 'answered, then failed' : 'no answer');
          settle({ state: 'errored', error: `warm fork ${how} (${why})${stderr.trim() ? `: ${stderr.trim()}` : ''}`, failure: 'crashed' });
        }
      },
    });
    if (!settled) {
      timer = setTimeout(() => {
        timedOut = true;
        handle.kill();
      }, launcher.timeoutMs);
    }
    if (!settled && launcher.register) forget = launcher.register(() => handle.kill());
  });
}
