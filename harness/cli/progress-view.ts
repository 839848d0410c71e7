/**
 * Draws a run's progress updates (harness/run/progress-update.ts) on stderr.
 *
 * On a terminal: one line, redrawn at least every second, with a bar, the
 * phase's elapsed time and an estimate of the time left from the planned
 * work (`warm [######------] 12/110 · 48 s elapsed · about 3 min left ·
 * sha256 small · process 2`). Elsewhere (CI logs, a file): plain lines, the
 * phase's first update, then at most one line every few seconds, a labelled
 * step that follows the work (summarising after the last sample), and the
 * end. Each phase ends with a line saying how long it took, on both.
 *
 * Why a small own renderer rather than a progress-bar package: the lines
 * carry the run's own units (processes, samples, groups), the log mode needs
 * throttling per phase, and the time left needs the rate of units done in
 * this process only (a resumed run starts past zero). Time comes from an
 * injected clock, so tests drive it without waiting.
 */
import { formatDuration } from '../run/eta.js';
import type { PhaseName, ProgressUpdate } from '../run/progress-update.js';

/** Where the view writes: a TTY gets one redrawn line, anything else plain lines. */
export interface ProgressStream {
  readonly isTTY?: boolean;
  /** Width of the terminal; lines are cut to it so that a redraw never wraps. */
  readonly columns?: number;
  write(text: string): unknown;
}

/** Time for the view: now in ms, and a repeating timer (tests pass a fake). */
export interface ViewClock {
  now(): number;
  /** Calls `tick` every `ms` until the returned function is called. */
  every(ms: number, tick: () => void): () => void;
}

/** The process's clock; its timer never keeps the process alive. */
export const systemClock: ViewClock = {
  now: () => performance.now(),
  every: (ms, tick) => {
    const timer = setInterval(tick, ms);
    timer.unref();
    return () => clearInterval(timer);
  },
};

/** On a terminal, the line is redrawn this often even when no update arrives (elapsed time moves). */
export const REDRAW_MS = 1000;
/** In a log, least time between two progress lines of one phase (its start, a step after work, and its end are always written). */
export const LOG_INTERVAL_MS = 5000;
/** Width of the bar, in characters. */
const BAR_WIDTH = 20;
/** Width assumed for a terminal that does not say. */
const DEFAULT_COLUMNS = 120;

/**
 * Time left in ms from the rate of units finished since the view first saw
 * the phase's work (`doneAtStart` units were done then, in `sinceMs`);
 * undefined until a unit has been finished here, and once nothing is left.
 * `budgetLeftMs` caps the estimate (the phase stops by then).
 */
export function estimateLeftMs(sinceMs: number, done: number, planned: number, doneAtStart: number, budgetLeftMs?: number): number | undefined {
  const finishedHere = done - doneAtStart;
  if (finishedHere <= 0 || done >= planned) return undefined;
  const left = (sinceMs / finishedHere) * (planned - done);
  return budgetLeftMs === undefined ? left : Math.min(left, Math.max(0, budgetLeftMs));
}

/** `[#####---------------]` for done of planned. */
export function bar(done: number, planned: number, width = BAR_WIDTH): string {
  const share = planned > 0 ? Math.min(1, Math.max(0, done / planned)) : 0;
  const full = Math.round(share * width);
  return `[${'#'.repeat(full)}${'-'.repeat(width - full)}]`;
}

/** `12/110`, or `12 done` when the plan is not known (a first build). */
function count(state: { readonly done: number; readonly planned: number }): string {
  return state.planned > 0 ? `${state.done}/${state.planned}` : `${state.done} done`;
}

interface PhaseState {
  readonly phase: PhaseName;
  readonly startedAt: number;
  done: number;
  planned: number;
  label: string;
  /** When the first `work` update came, and how many units were done then (the rate counts units done after it). */
  work: { readonly at: number; readonly doneAtStart: number } | undefined;
  /** When the phase stops whatever is left (a time budget), on the view's clock. */
  budgetEndsAt: number | undefined;
  step: { readonly label: string; readonly at: number } | undefined;
  lastWorkLineAt: number | undefined;
  lastStepLineAt: number | undefined;
}

/** Turns progress updates into a redrawn line (TTY) or throttled log lines. */
export class ProgressView {
  readonly #stream: ProgressStream;
  readonly #clock: ViewClock;
  readonly #tty: boolean;
  #current: PhaseState | undefined;
  #stopTimer: (() => void) | undefined;
  #drawn = false;
  #closed = false;

  /** Writes to `stream` (stderr in the CLI) with time from `clock`. */
  constructor(stream: ProgressStream, clock: ViewClock = systemClock) {
    this.#stream = stream;
    this.#clock = clock;
    this.#tty = stream.isTTY === true;
  }

  /** Takes one update; a new phase ends the one before it. */
  update(update: ProgressUpdate): void {
    if (this.#closed) return;
    const now = this.#clock.now();
    if (this.#current !== undefined && this.#current.phase !== update.phase) this.#end(this.#current, now, undefined);
    if (update.kind === 'end') {
      if (this.#current !== undefined) this.#end(this.#current, now, update.label);
      return;
    }
    const starting = this.#current === undefined;
    const state = (this.#current ??= {
      phase: update.phase, startedAt: now, done: 0, planned: 0, label: '', work: undefined, budgetEndsAt: undefined, step: undefined, lastWorkLineAt: undefined, lastStepLineAt: undefined,
    });
    if (update.kind === 'step') {
      // A step after work (summarising after the last sample) is always shown; a run of steps (deploying one function after another) is throttled like work.
      const afterWork = state.step === undefined && state.work !== undefined;
      state.step = { label: update.label, at: now };
      this.#show(state, now, { force: starting || afterWork, step: true });
      return;
    }
    state.step = undefined;
    state.done = update.done;
    state.planned = update.planned;
    state.label = update.label;
    state.work ??= { at: now, doneAtStart: update.done };
    state.budgetEndsAt = update.budgetLeftMs === undefined ? undefined : now + update.budgetLeftMs;
    this.#show(state, now, { force: starting, step: false });
  }

  /** Ends the phase still open (saying how long it took) and stops redrawing: call it when the run is done. */
  finish(): void {
    if (this.#current !== undefined) this.#end(this.#current, this.#clock.now(), undefined);
    this.stop();
  }

  /** Clears the redrawn line and stops drawing for good, without ending the phase (an interruption, a fatal error): later updates are ignored. */
  stop(): void {
    this.#closed = true;
    this.#stopTimer?.();
    this.#stopTimer = undefined;
    this.#clearLine();
  }

  /** The text of the phase's progress line, without the bar (the log form). */
  #text(state: PhaseState, now: number): string {
    const parts: string[] = [];
    if (state.work !== undefined) parts.push(count(state));
    parts.push(`${formatDuration(now - state.startedAt)} elapsed`);
    if (state.step !== undefined) {
      parts.push(`${state.step.label}${now - state.step.at >= REDRAW_MS ? ` (${formatDuration(now - state.step.at)})` : ''}`);
      return parts.join(' · ');
    }
    const budgetLeft = state.budgetEndsAt === undefined ? undefined : state.budgetEndsAt - now;
    const left = state.work === undefined ? undefined : estimateLeftMs(now - state.work.at, state.done, state.planned, state.work.doneAtStart, budgetLeft);
    if (left !== undefined) parts.push(left < 500 ? 'under a second left' : `about ${formatDuration(left)} left`);
    if (state.label !== '') parts.push(state.label);
    return parts.join(' · ');
  }

  #show(state: PhaseState, now: number, how: { force: boolean; step: boolean }): void {
    if (this.#tty) {
      this.#stopTimer ??= this.#clock.every(REDRAW_MS, () => this.#redraw());
      // Every update redraws: updates come between units (a cold sample is a process start), never during one.
      this.#draw(state, now);
      return;
    }
    // A log: the phase's first line, a step that follows work, and other lines at most every LOG_INTERVAL_MS (steps and work apart).
    const last = how.step ? state.lastStepLineAt : state.lastWorkLineAt;
    if (!how.force && last !== undefined && now - last < LOG_INTERVAL_MS) return;
    if (how.step) state.lastStepLineAt = now;
    else state.lastWorkLineAt = now;
    this.#stream.write(`${state.phase} ${this.#text(state, now)}\n`);
  }

  #redraw(): void {
    if (this.#current !== undefined) this.#draw(this.#current, this.#clock.now());
  }

  #draw(state: PhaseState, now: number): void {
    const shown = state.work === undefined || state.planned <= 0 ? `${state.phase} ${this.#text(state, now)}` : `${state.phase} ${bar(state.done, state.planned)} ${this.#text(state, now)}`;
    // A terminal of unknown size (a pty nobody sized says 0 columns) is taken as the default width.
    const columns = this.#stream.columns !== undefined && this.#stream.columns > 0 ? this.#stream.columns : DEFAULT_COLUMNS;
    const width = Math.max(20, columns - 1);
    this.#stream.write(`\r\x1b[2K${shown.length > width ? `${shown.slice(0, width - 1)}…` : shown}`);
    this.#drawn = true;
  }

  #clearLine(): void {
    if (this.#tty && this.#drawn) this.#stream.write('\r\x1b[2K');
    this.#drawn = false;
  }

  #end(state: PhaseState, now: number, label: string | undefined): void {
    this.#current = undefined;
    this.#clearLine();
    // The mode's own count when it gives one (the last work update was sent as the last unit started).
    const what = label ? `: ${label}` : state.work !== undefined ? ` (${count(state)})` : '';
    this.#stream.write(`${state.phase} done in ${formatDuration(now - state.startedAt)}${what}\n`);
  }
}
