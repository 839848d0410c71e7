/**
 * A run's state on disk from start to end: `running` while it measures,
 * `interrupted` when SIGINT or SIGTERM stops it, `failed` on a fatal error
 * (`completed` is written by runBench). On a signal it writes run.json with
 * every finished row and every sample of unfinished groups, renders the
 * reports (they say the run did not complete), closes what the run opened
 * (a local Lambda ends its environments, cgroups and work directories), and
 * exits 128 + the signal number. From the first signal on, nothing the
 * stopping run still produces reaches run.json or samples.jsonl: a Lambda
 * call failing because its endpoint is closing is not a measurement.
 */
import { join } from 'node:path';
import { renderAll } from '../report/index.js';
// Loads the target registry: the reporters read the targets' display facts it registers (harness/targets/display.ts).
import '../targets/index.js';
import type { RunControls, RunIo } from './bench.js';
import type { ProgressReport } from './progress-update.js';
import { startGuardian } from './guardian.js';
import type { RunWriter } from './writer.js';
import type { RunRecord } from '../contract/index.js';

/** Signals that interrupt a run, with their numbers (exit code 128 + n). */
const SIGNALS = { SIGINT: 2, SIGTERM: 15 } as const;

/**
 * A repeat of the first signal within this many ms is the same request
 * delivered twice, not a second Ctrl-C: `kill -TERM -- -<pgid>` (or a
 * supervisor stopping the job) reaches the CLI directly and again through
 * the npm launcher, which passes SIGTERM on. Taking it as "exit at once"
 * skipped the cleanup and left it to the watchdog.
 */
const DUPLICATE_SIGNAL_MS = 1_000;

/** How long an interruption waits for cleanup (closing a local Lambda) before exiting anyway, ms. */
const CLEANUP_LIMIT_MS = 20_000;

/** Counts for the one-line summaries. */
function counts(run: RunRecord): string {
  const p = run.progress;
  const rows = run.results.filter((r) => r.state === 'completed').length;
  const cold = p?.coldSamples?.length ?? 0;
  const lambda = p?.lambdaGroup ? ` and the unfinished ${p.lambdaGroup.group} samples` : '';
  return `${p?.finished.length ?? 0} of ${p?.planned.length ?? 0} groups finished, ${rows} completed rows${cold > 0 ? `, ${cold} cold samples` : ''}${lambda}`;
}

/** Follows one run; the CLI routes its writes through `io`. */
export class RunLifecycle {
  readonly #writer: RunWriter;
  readonly #resumeHint: string;
  #controls: RunControls | undefined;
  #stopping = false;
  #stopGuardian: (() => void) | undefined;
  #firstSignal: { readonly signal: string; readonly at: number } | undefined;

  /** `resumeHint` is the command line that continues the run. */
  constructor(writer: RunWriter, resumeHint: string) {
    this.#writer = writer;
    this.#resumeHint = resumeHint;
  }

  /** True once a signal or a fatal error is being handled: the run's own ending must not exit the process. */
  get stopping(): boolean {
    return this.#stopping;
  }

  /** The io a run writes through. */
  io(progress: ProgressReport): RunIo {
    return {
      persist: (run) => {
        if (!this.#stopping) this.#writer.writeRun(run);
      },
      samples: (record) => {
        if (!this.#stopping) this.#writer.appendSamples(record);
      },
      progress,
      attach: (controls) => {
        this.#controls = controls;
      },
    };
  }

  /** Installs the SIGINT/SIGTERM handlers and starts the guardian (for deaths nothing can handle). */
  start(): void {
    for (const signal of Object.keys(SIGNALS) as Array<keyof typeof SIGNALS>) {
      process.on(signal, () => void this.interrupt(signal));
    }
    this.#stopGuardian = startGuardian(join(this.#writer.dir, 'run.json'));
  }

  /**
   * Handles SIGINT/SIGTERM: records the run as interrupted, cleans up, exits.
   * A second signal exits at once, unless it repeats the first within
   * DUPLICATE_SIGNAL_MS (one request delivered twice).
   */
  async interrupt(signal: keyof typeof SIGNALS, now: number = performance.now()): Promise<void> {
    const code = 128 + SIGNALS[signal];
    if (this.#stopping) {
      const first = this.#firstSignal;
      if (first !== undefined && first.signal === signal && now - first.at < DUPLICATE_SIGNAL_MS) return;
      process.exit(code);
    }
    this.#stopping = true;
    this.#firstSignal = { signal, at: now };
    const snapshot = this.#controls?.snapshot();
    if (snapshot) {
      const run: RunRecord = { ...snapshot, state: 'interrupted', ending: { at: new Date().toISOString(), signal, reason: `stopped by ${signal}`, recordedBy: 'run' } };
      this.#writer.writeRun(run);
      process.stderr.write(`\ninterrupted by ${signal}: ${counts(run)} kept in ${join(this.#writer.dir, 'run.json')}; continue with: ${this.#resumeHint}\n`);
      this.#renderReports(run);
    }
    await Promise.race([this.#controls?.cleanup(), new Promise((resolve) => setTimeout(resolve, CLEANUP_LIMIT_MS).unref())]);
    process.exit(code);
  }

  /** Records a fatal error (state `failed`, one-line reason) and closes what the run opened. */
  async fail(error: unknown): Promise<void> {
    if (this.#stopping) return;
    this.#stopping = true;
    const snapshot = this.#controls?.snapshot();
    if (snapshot) {
      const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0] || 'fatal error';
      const run: RunRecord = { ...snapshot, state: 'failed', ending: { at: new Date().toISOString(), reason, recordedBy: 'run' } };
      this.#writer.writeRun(run);
      this.#renderReports(run);
    }
    await Promise.race([this.#controls?.cleanup(), new Promise((resolve) => setTimeout(resolve, CLEANUP_LIMIT_MS).unref())]);
  }

  /** Stops the guardian once the run recorded its own ending (the normal path). */
  finish(): void {
    this.#stopGuardian?.();
  }

  #renderReports(run: RunRecord): void {
    try {
      for (const [fileName, contents] of renderAll(run)) this.#writer.writeFile(fileName, contents);
    } catch (error) {
      process.stderr.write(`reports not rendered: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  }
}
