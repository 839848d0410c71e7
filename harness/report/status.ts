/**
 * What every report of a run that did not complete says first: its state,
 * why it stopped, how far it got (finished groups, samples taken by
 * unfinished ones, which the tables do not show) and how to continue it.
 * A completed run, or one written before run states existed, gets nothing.
 */
import type { RunRecord } from '../contract/index.js';

/** Samples of unfinished groups, by kind. */
export interface UnfinishedSamples {
  /** Local cold processes of the unfinished cold mode. */
  readonly cold: number;
  /** The unfinished Lambda group, with its warm and forced-cold samples. */
  readonly lambda?: { readonly group: string; readonly warm: number; readonly cold: number };
}

const seriesLength = (series: unknown): number => {
  const clientNs = (series as { clientNs?: unknown } | undefined)?.clientNs;
  return Array.isArray(clientNs) ? clientNs.length : 0;
};

/** Counts the samples run.json keeps for unfinished groups. */
export function unfinishedSamples(run: RunRecord): UnfinishedSamples {
  const p = run.progress;
  const lambdaGroup = p?.lambdaGroup;
  let lambda: UnfinishedSamples['lambda'];
  if (lambdaGroup) {
    const functions = Object.values(lambdaGroup.functions) as Array<{ warm?: unknown; cold?: unknown }>;
    lambda = {
      group: lambdaGroup.group,
      warm: functions.reduce((sum, f) => sum + seriesLength(f.warm), 0),
      cold: functions.reduce((sum, f) => sum + seriesLength(f.cold), 0),
    };
  }
  return { cold: p?.coldSamples?.length ?? 0, ...(lambda ? { lambda } : {}) };
}

/**
 * One paragraph for the top of a report (plain text: each renderer escapes
 * it), or undefined when the run completed.
 */
export function incompleteNotice(run: RunRecord): string | undefined {
  if (run.state === undefined || run.state === 'completed') return undefined;
  const head =
    run.state === 'running'
      ? `This run has not completed: run.json says it is still running${run.owner ? ` (process ${run.owner.pid} on ${run.owner.hostname})` : ''}; if that process is gone it was killed before anything could record it.`
      : `This run did not complete: ${run.state}${run.ending ? ` (${run.ending.reason}${run.ending.at ? `, ${run.ending.at}` : ''})` : ''}.`;
  const p = run.progress;
  const parts: string[] = [head];
  if (p) parts.push(`${p.finished.length} of ${p.planned.length} measurement groups finished; the tables show finished groups only.`);
  const samples = unfinishedSamples(run);
  const taken: string[] = [];
  if (samples.cold > 0) taken.push(`${samples.cold} local cold-start samples`);
  if (samples.lambda) taken.push(`${samples.lambda.warm} warm and ${samples.lambda.cold} forced-cold Lambda samples of ${samples.lambda.group}`);
  if (taken.length > 0) parts.push(`Also taken, kept in run.json (progress) but not summarised here: ${taken.join('; ')}.`);
  if (run.state !== 'running') parts.push('Continue it with: npm run bench -- --resume <run dir>. Do not publish these figures as a complete run.');
  return parts.join(' ');
}
