/**
 * The report of a cold-start storm run (`--load storm:...`), from run.json's
 * `baselines.lambdaLoad` alone: the "Cold-start storm" table per invocation
 * path (N events at once onto a function made cold first; cold starts,
 * latency from the one intended send time, Init Duration's median and max,
 * throttles, validity), the provenance sentence above it, and the ADR
 * draft's lines. A storm the host limited (the local Lambda's INIT queue,
 * CPU, client lag) reads INVALID with its reason: on a small host, many Node
 * processes starting at once is the host's limit, not Lambda's.
 */
import { intervalSentence } from './load-basis.js';
import { formatMs, formatPercentile, percentileOf } from './load-format.js';
import type { LoadRecord, LoadStepResult } from '../contract/load.js';

/** True for a storm run. */
export function isStorm(record: LoadRecord): boolean {
  return record.spec.kind === 'storm';
}

/** The storm's validity cell: `valid`, or INVALID with its reasons, and whether it was forced cold. */
function validity(s: LoadStepResult): string {
  const cold = s.forcedCold === false ? ' (not made cold)' : '';
  return (s.valid ? 'valid' : `INVALID: ${s.invalidReasons.join('; ')}`) + cold + (s.endsRamp ? ' (storms stopped here)' : '');
}

/** Header and rows of one path's "Cold-start storm" table (shared by Markdown and HTML). */
export function stormTable(steps: readonly LoadStepResult[]): { header: string[]; rows: string[][] } {
  const header = ['N at once', 'workload', 'target', 'cold', 'p50 ms [95% CI]', 'p99 ms [95% CI]', 'max ms', 'Init median ms', 'Init max ms', 'throttled', 'errors', 'step'];
  const rows = steps.map((s) => [
    String(s.level),
    s.workload,
    s.target,
    // Cold starts against the invocations that ran, and the environments' INIT_START lines where the logs were read.
    `${s.coldStarts} of ${s.sent}${s.initStartsInLogs !== undefined && s.initStartsInLogs !== s.coldStarts ? ` (${s.initStartsInLogs} INIT_START)` : ''}`,
    formatPercentile(percentileOf(s, 0.5), true),
    formatPercentile(percentileOf(s, 0.99), true),
    formatMs(s.latencyMs.max),
    formatMs(s.initDurationMs?.median),
    formatMs(s.initDurationMs?.max),
    s.throttled > 0 ? `${s.throttled} (${Object.entries(s.throttleReasons).map(([reason, n]) => `${reason} ${n}`).join(', ')})` : '0',
    String(s.errors + s.wrongOutputs + s.lost) + (s.wrongOutputs > 0 ? ` (${s.wrongOutputs} wrong output)` : '') + (s.lost > 0 ? ` (${s.lost} lost)` : ''),
    validity(s),
  ]);
  return { header, rows };
}

/** What a storm run measured and whose latency it is, said once above its tables. */
export function stormProvenance(record: LoadRecord): string {
  const where = record.emulated
    ? `Emulated: every latency below is the local Lambda's (${record.endpoint}) on this host, not AWS Lambda's.`
    : `Measured on ${record.endpoint}.`;
  return (
    `${where} Cold-start storms ${record.spec.text}: before each storm the function's environments were retired (a configuration change, waited for, as for the Lambda mode's forced cold starts), ` +
    `then N events with one intended send time went out at once, so N environments had to start together; latency counts from that intended time. ` +
    `Init is the REPORT lines' Init Duration over the storm's cold starts (the max is the storm's slowest start; Init Duration excludes any wait for the host's INIT queue, which shows in the latency). ` +
    `A storm is INVALID when the host, not Lambda, set the pace: the local Lambda starts only a few environments at once on this host (its INIT queue; Lambda starts each on a machine of its own), ` +
    `the host's CPUs were saturated, or the client sent late. With few cores, many Node processes starting at once is the host's limit, not Lambda's, so those rows say nothing about Lambda. ` +
    intervalSentence(record, 'storm', " (p50 needs 6, p99's upper bound 368: a storm's max is its tail)") +
    (record.reserved !== undefined ? ` Reserved concurrency ${record.reserved} on every function: a storm larger than it is throttled (429).` : '')
  );
}

/** The ADR draft's storm lines: per path and workload, the largest valid storm and the largest storm run, node beside wasm. */
export function stormAdrLines(record: LoadRecord, pathLabel: (path: LoadStepResult['path']) => string): string[] {
  const lines: string[] = [];
  for (const path of record.paths) {
    const steps = record.steps.filter((s) => s.path === path);
    for (const workload of [...new Set(steps.map((s) => s.workload))].sort()) {
      const mine = steps.filter((s) => s.workload === workload);
      const describe = (level: number): string =>
        mine
          .filter((s) => s.level === level)
          .sort((a, b) => a.target.localeCompare(b.target))
          .map((s) => `${s.target} ${s.coldStarts} cold, p50 ${formatMs(percentileOf(s, 0.5)?.value)} ms, max ${formatMs(s.latencyMs.max)} ms, Init median ${formatMs(s.initDurationMs?.median)} ms${s.valid ? '' : ' (INVALID)'}`)
          .join('; ');
      const valid = mine.filter((s) => s.valid);
      const largest = Math.max(...mine.map((s) => s.level));
      const top = valid.length > 0 ? Math.max(...valid.map((s) => s.level)) : undefined;
      const head = `Cold-start storm, ${workload}, ${pathLabel(path)}`;
      if (top === undefined) lines.push(`${head}: no valid storm on this host; the figures are the host's limits, not Lambda's, and decide nothing (largest storm ${largest}: ${describe(largest)}).`);
      else if (top === largest) lines.push(`${head}: largest storm ${top} at once, valid: ${describe(top)}.`);
      else lines.push(`${head}: largest valid storm ${top} at once: ${describe(top)}; from larger storms on, the host limited it (largest ${largest}: ${describe(largest)}).`);
    }
  }
  return lines;
}
