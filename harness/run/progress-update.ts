/**
 * What a phase of a run tells about its progress: plain data (units done of
 * units planned, and what runs now), never text to print. The modes only
 * report; a view in the CLI (harness/cli/progress-view.ts) turns updates into
 * a redrawn bar on a terminal or throttled lines in a log, so the code that
 * measures does no formatting, no clock reading for display and no I/O.
 */

/** The phases progress is shown for, in run order. */
export type PhaseName = 'build' | 'warm' | 'cold' | 'lambda';

/**
 * One progress update:
 * - `work`: `done` of `planned` units are finished (warm: processes, cold:
 *   samples, Lambda: groups, build: steps; `planned` 0 when not known, as in
 *   a first build) and `label` says what runs now;
 *   `budgetLeftMs`, when set, says the phase stops within that time whatever
 *   is left (the warm resolve budget), so an estimate never exceeds it;
 * - `step`: a step without units of its own (summarising after the last
 *   sample, opening an endpoint), shown under its own label, not as the last
 *   unit standing still;
 * - `end`: the phase finished (the view says how long it took).
 */
export type ProgressUpdate =
  | { readonly phase: PhaseName; readonly kind: 'work'; readonly done: number; readonly planned: number; readonly label: string; readonly budgetLeftMs?: number }
  | { readonly phase: PhaseName; readonly kind: 'step'; readonly label: string }
  | { readonly phase: PhaseName; readonly kind: 'end'; readonly label?: string };

/** Where updates go. */
export type ProgressReport = (update: ProgressUpdate) => void;
