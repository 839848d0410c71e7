/**
 * What a load run's intervals rest on, said the same way by every report
 * (terminal, report.md, report.html, the ADR draft): across repeats of the
 * ramp, each from fresh execution environments, or, with one repeat (and in
 * runs written before repeats), within one step's events, which do not hold
 * when the run is repeated. From run.json's load record alone.
 */
import type { LoadRecord } from '../contract/load.js';

/** The most repeats any step of the run combines (1 for runs written before repeats). */
export function repeatsOf(record: Pick<LoadRecord, 'steps'>): number {
  return Math.max(1, ...record.steps.map((s) => s.repeats ?? 1));
}

/**
 * The intervals' sentence for a report's provenance paragraph. `unit` names
 * what one repeat measured ("step", "storm"); `needs` is the list of events
 * an open bound needs (" (p99: 368 events, …)") or empty.
 */
export function intervalSentence(record: Pick<LoadRecord, 'steps'>, unit: string, needs: string): string {
  const repeats = repeatsOf(record);
  if (repeats >= 2) {
    return (
      `The ramp ran ${repeats} times, each repeat from fresh execution environments: a percentile is the geometric mean of the repeats' and its 95% interval a t interval across them, ` +
      `because one ${unit}'s events share their environments and the host's state and are not independent (an interval from them alone does not hold when the run is repeated). ` +
      `A bound reads "none" where a repeat had too few events to bound that percentile itself, with the events every repeat needs${needs}. ` +
      `Counts (events, cold starts, throttles, errors) are summed over the repeats, peaks and max are the largest repeat's, achieved/s and $/1M the repeats' mean; a ${unit} is INVALID when any repeat was.`
    );
  }
  return (
    `Intervals are 95% exact binomial order-statistic intervals over one ${unit}'s events, which share their environments: they do not hold when the run is repeated (--load-repeats 3 or more takes them across repeats in fresh environments). ` +
    `A bound too few events can give reads "none" with the events it needs${needs}.`
  );
}

/** The terminal's line on the intervals, under the load table. */
export function intervalNote(record: Pick<LoadRecord, 'steps'>): string {
  const repeats = repeatsOf(record);
  return repeats >= 2
    ? `intervals: 95%, across the ${repeats} repeats of the ramp, each from fresh execution environments (counts are summed over them).`
    : 'intervals: 95%, within one repeat\'s events (--load-repeats 1 or a run before repeats): they do not hold when the run is repeated.';
}
