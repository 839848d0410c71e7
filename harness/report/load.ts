/**
 * The "under load" outputs of a load run (`--load`), from run.json's
 * `baselines.lambdaLoad` alone: the per-step CSV (load.csv), the per-path
 * tables of report.md and report.html, and the ADR draft's section. Node and
 * wasm of each workload sit side by side in every step; a step the host
 * limited reads INVALID with its reason instead of passing for Lambda's
 * figures, and an emulated run says whose latency it is.
 */
import { loadRecordOf, type LoadRecord, type LoadStepResult } from '../contract/load.js';
import type { RunRecord } from '../contract/index.js';
import type { Exporter } from './exporter.js';
import { ACHIEVED_TOLERANCE, rampLines } from './load-ramp.js';
import { isStorm, stormAdrLines, stormProvenance, stormTable } from './load-storm.js';
import { intervalNote, intervalSentence, repeatsOf } from './load-basis.js';
import { formatMs, formatPercentile, percentileOf } from './load-format.js';

export { formatMs, formatPercentile } from './load-format.js';

/** Path names as results label them. */
export const LOAD_PATH_LABELS: Readonly<Record<LoadStepResult['path'], string>> = {
  sync: 'sync Invoke (RequestResponse)',
  event: 'async Invoke (Event): send to handler start',
  eventbridge: 'EventBridge PutEvents: send to handler start',
  scheduled: 'EventBridge scheduled rule: scheduled time to handler start',
};

/** The run's load record, if it is a load run. */
export function loadRecord(run: RunRecord): LoadRecord | undefined {
  return loadRecordOf(run.baselines);
}

/** The load a step offered: `10/s`, `4 callers` or `storm of 20`. */
export function levelLabel(step: Pick<LoadStepResult, 'kind' | 'level'>): string {
  if (step.kind === 'storm') return `storm of ${step.level}`;
  // Three significant figures: a scheduled rule's rate(1 minute) is 0.0167/s, not 0.016666666666666666/s.
  return step.kind === 'concurrency' ? `${step.level} callers` : `${Number(step.level.toPrecision(3))}/s${step.kind === 'poisson' ? ' (Poisson)' : ''}`;
}

/** Steps of one path in ramp order, node before wasm within a workload. */
export function stepsOf(record: LoadRecord, path: LoadStepResult['path']): LoadStepResult[] {
  return record.steps
    .filter((s) => s.path === path)
    .sort((a, b) => a.step - b.step || a.workload.localeCompare(b.workload) || a.target.localeCompare(b.target));
}

/** What the run's open bounds need, from the recorded figures: ` (p99: 368 events, p99.9: 3688 events)`. */
function boundsNeeded(record: LoadRecord): string {
  const needs = ([['p50', 0.5], ['p90', 0.9], ['p99', 0.99], ['p99.9', 0.999]] as const).flatMap(([name, q]) => {
    const n = record.steps.map((s) => percentileOf(s, q)?.needs).find((x) => x !== undefined);
    return n === undefined ? [] : [`${name}: ${n} events`];
  });
  return needs.length > 0 ? ` (${needs.join(', ')})` : '';
}

/** Who produced the latency, said once above every table. */
export function loadProvenance(record: LoadRecord): string {
  if (isStorm(record)) return stormProvenance(record);
  const where = record.emulated
    ? `Emulated: every latency below is the local Lambda's (${record.endpoint}) on this host, not AWS Lambda's (AWS publishes EventBridge to Lambda at P50 148 ms, P99 387 ms; nothing here adds such delays).`
    : `Measured on ${record.endpoint}.`;
  return (
    `${where} Ramp ${record.spec.text}: each step ${record.spec.durationMs / 1000} s of sending, ${record.spec.settleMs / 1000} s quiet after. ` +
    `Latency counts from each event's intended send time (open loop: a stalled answer cannot hide the queue behind it). ${intervalSentence(record, 'step', boundsNeeded(record))} ` +
    `A step is INVALID when the host, not Lambda, set the pace (client send lag, host CPU saturated: the local Lambda shares the host's CPUs; the local Lambda's INIT queue; throttles at an account limit this host's memory set). ` +
    (record.spec.untilHostLimit === true
      ? 'The ramp climbs until the host is the limit (levels ending in ".."): a function stops after its first INVALID step; throttles and errors never stop it. '
      : 'Every step ran, INVALID or not. ') +
    `Achieved counts right answers per second; on valid steps it should lie within ${ACHIEVED_TOLERANCE * 100}% of the offered rate${record.spec.kind === 'poisson' ? ' (for Poisson arrivals, of the events drawn)' : ''}. $/1M: the whole bill per million events at ${record.priceRegion} list prices (${record.pricesTakenOn}): requests, GB-s with INIT, EventBridge events, log ingestion; in brackets the share cold starts add.` +
    (record.reserved !== undefined ? ` Reserved concurrency ${record.reserved} on every function.` : '')
  );
}

/** Header and rows of one path's table (shared by Markdown and HTML). */
export function loadTable(steps: readonly LoadStepResult[]): { header: string[]; rows: string[][] } {
  const header = ['load', 'workload', 'target', 'achieved/s', 'p50 ms [95% CI]', 'p90 ms [95% CI]', 'p99 ms [95% CI]', 'p99.9 ms [95% CI]', 'max ms', 'cold starts', 'throttled', 'errors', 'peak in flight / running / environments', '$/1M [cold]', 'step'];
  const rows = steps.map((s) => [
    levelLabel(s),
    s.workload,
    s.target,
    s.achievedPerS.toFixed(s.achievedPerS >= 100 ? 0 : 1),
    formatPercentile(percentileOf(s, 0.5)),
    formatPercentile(percentileOf(s, 0.9)),
    formatPercentile(percentileOf(s, 0.99)),
    formatPercentile(percentileOf(s, 0.999)),
    formatMs(s.latencyMs.max),
    `${s.coldStarts} (${(s.coldShare * 100).toFixed(0)}%)`,
    s.throttled > 0 ? `${s.throttled} (${Object.entries(s.throttleReasons).map(([reason, n]) => `${reason} ${n}`).join(', ')})` : '0',
    String(s.errors + s.wrongOutputs + s.lost) + (s.wrongOutputs > 0 ? ` (${s.wrongOutputs} wrong output)` : '') + (s.lost > 0 ? ` (${s.lost} lost)` : ''),
    // The client's peak, the function side's (from its logs) and the environments that served the step.
    `${s.peakInFlight} / ${s.peakConcurrent ?? '–'} / ${s.environmentsUsed ?? '–'}`,
    s.cost ? `$${s.cost.totalUsd.toPrecision(3)} [${(s.cost.coldShare * 100).toFixed(0)}%]` : '–',
    (s.valid ? 'valid' : `INVALID: ${s.invalidReasons.join('; ')}`) + (s.endsRamp ? ' (ramp stopped here)' : ''),
  ]);
  return { header, rows };
}

/** One path's table: the ramp's, or for a storm run the "Cold-start storm" table, with its title. */
function pathTable(record: LoadRecord, path: LoadStepResult['path']): { title: string; header: string[]; rows: string[][] } {
  const steps = stepsOf(record, path);
  const title = `${isStorm(record) ? 'Cold-start storm, ' : ''}${LOAD_PATH_LABELS[path]}${record.emulated ? ' (emulated)' : ''}`;
  return { title, ...(isStorm(record) ? stormTable(steps) : loadTable(steps)) };
}

/** What the per-function sentences are about: a ramp's steps or a run's storms. */
const findingsTitle = (record: LoadRecord): string => (isStorm(record) ? 'The storms' : 'The ramp');

function escapeCell(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/([|*_`])/g, '\\$1').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The "Under load" section of report.md (empty for other runs). */
export function loadMarkdown(run: RunRecord): string {
  const record = loadRecord(run);
  if (!record) return '';
  const parts = ['## Under load\n', `${escapeCell(loadProvenance(record))}\n`];
  for (const group of rampLines(record, (path) => LOAD_PATH_LABELS[path])) {
    parts.push(`**${findingsTitle(record)}, ${escapeCell(group.path)}${record.emulated ? ' (emulated)' : ''}:**\n\n${group.sentences.map((line) => `- ${escapeCell(line)}`).join('\n')}\n`);
  }
  parts.push('![Latency against load, percentile lines per target](charts/load-latency.svg)\n', '![Cold-start share against load](charts/load-cold.svg)\n');
  for (const path of record.paths) {
    const { title, header, rows } = pathTable(record, path);
    parts.push(`### ${escapeCell(title)}\n`);
    if (rows.length === 0) {
      parts.push('Not measured (see the notes).\n');
      continue;
    }
    parts.push(`| ${header.map(escapeCell).join(' | ')} |\n|${header.map((_, i) => (i < 3 || i === header.length - 1 ? ' :--- ' : ' ---: ')).join('|')}|\n${rows.map((row) => `| ${row.map(escapeCell).join(' | ')} |`).join('\n')}\n`);
  }
  return parts.join('\n');
}

function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The "Under load" section of report.html; `charts` are the inline SVGs (latency, cold share). */
export function loadHtml(run: RunRecord, charts: readonly string[]): string {
  const record = loadRecord(run);
  if (!record) return '';
  const out = ['<section>\n<h2>Under load</h2>\n', `<p>${escapeHtml(loadProvenance(record))}</p>\n`];
  for (const group of rampLines(record, (path) => LOAD_PATH_LABELS[path])) {
    out.push(`<p><strong>${findingsTitle(record)}, ${escapeHtml(group.path)}${record.emulated ? ' (emulated)' : ''}:</strong></p>\n<ul>\n${group.sentences.map((line) => `<li>${escapeHtml(line)}</li>`).join('\n')}\n</ul>\n`);
  }
  out.push(...charts.map((svg) => `<figure>${svg}</figure>\n`));
  for (const path of record.paths) {
    const { title, header, rows } = pathTable(record, path);
    out.push(`<h3>${escapeHtml(title)}</h3>\n`);
    if (rows.length === 0) {
      out.push('<p>Not measured (see the notes).</p>\n');
      continue;
    }
    const head = header.map((h, i) => `<th${i >= 3 && i < header.length - 1 ? ' class="right"' : ''}>${escapeHtml(h)}</th>`).join('');
    // `number` is the report's right-aligned figure class (html.ts's style).
    const body = rows.map((row) => `<tr>${row.map((cell, i) => `<td class="${cell.startsWith('INVALID') ? 'invalid' : i >= 3 && i < row.length - 1 ? 'number' : ''}">${escapeHtml(cell)}</td>`).join('')}</tr>`).join('\n');
    out.push(`<div class="table-wrap"><table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table></div>\n`);
  }
  out.push('</section>\n');
  return out.join('');
}

/** The CSV's columns, in order. */
const CSV_COLUMNS = [
  'path', 'step', 'kind', 'level', 'workload', 'target', 'memory_mb', 'arch', 'offered_per_s', 'achieved_per_s', 'sent', 'skipped', 'ok', 'throttled', 'throttle_reasons',
  'errors', 'wrong_outputs', 'lost', 'p50_ms', 'p50_lo_ms', 'p50_hi_ms', 'p90_ms', 'p90_lo_ms', 'p90_hi_ms', 'p99_ms', 'p99_lo_ms', 'p99_hi_ms', 'p999_ms', 'p999_lo_ms', 'p999_hi_ms',
  'max_ms', 'latency_n', 'round_trip_median_ms', 'duration_median_ms', 'cold_starts', 'cold_share', 'init_starts_in_logs', 'peak_in_flight', 'peak_concurrent', 'environments_used', 'environments_after', 'late_send_share', 'max_send_lag_ms',
  'cpu_busy', 'valid', 'invalid_reasons', 'usd_per_million', 'usd_requests', 'usd_compute', 'usd_eventbridge', 'usd_logs', 'cost_cold_share', 'emulated', 'endpoint',
  // Appended, so earlier columns keep their places: where a bound is empty, the events it needs; whether the ramp stopped after the step.
  'p50_needs_events', 'p90_needs_events', 'p99_needs_events', 'p999_needs_events', 'ends_ramp',
  // Init Duration over the step's cold starts; storms: whether the function was made cold first.
  'init_median_ms', 'init_max_ms', 'forced_cold',
  // Repeats of the ramp combined in the row, and what its intervals rest on (repeat: across them; event: one repeat's events).
  'repeats', 'interval_basis',
] as const;

function csvCell(value: unknown): string {
  if (value === undefined || value === null || (typeof value === 'number' && !Number.isFinite(value))) return '';
  const text = typeof value === 'number' ? String(Number(value.toPrecision(9))) : String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** load.csv: one row per path × step × function. */
export function loadCsv(run: RunRecord): string {
  const record = loadRecord(run);
  if (!record) return '';
  const lines = [CSV_COLUMNS.join(',')];
  for (const s of record.steps) {
    const p = (q: number) => percentileOf(s, q);
    const triple = (q: number) => [p(q)?.value, p(q)?.ci[0], p(q)?.ci[1]];
    lines.push(
      [
        s.path, s.step, s.kind, s.level, s.workload, s.target, s.memoryMB, s.arch, s.offeredPerS, s.achievedPerS, s.sent, s.skipped, s.ok, s.throttled,
        Object.entries(s.throttleReasons).map(([reason, n]) => `${reason}:${n}`).join(' '), s.errors, s.wrongOutputs, s.lost,
        ...triple(0.5), ...triple(0.9), ...triple(0.99), ...triple(0.999), s.latencyMs.max, s.latencyMs.n, s.roundTripMedianMs, s.durationMedianMs,
        s.coldStarts, s.coldShare, s.initStartsInLogs, s.peakInFlight, s.peakConcurrent, s.environmentsUsed, s.environmentsAfter, s.sendLag.lateShare, s.sendLag.maxMs, s.cpuBusy, s.valid, s.invalidReasons.join('; '),
        s.cost?.totalUsd, s.cost?.requestsUsd, s.cost?.computeUsd, s.cost?.eventBridgeUsd, s.cost?.logsUsd, s.cost?.coldShare, record.emulated, record.endpoint,
        p(0.5)?.needs, p(0.9)?.needs, p(0.99)?.needs, p(0.999)?.needs, s.endsRamp === true,
        s.initDurationMs?.median, s.initDurationMs?.max, s.forcedCold,
        s.repeats ?? 1, s.latencyMs.basis?.unit ?? 'event',
      ].map(csvCell).join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The ADR draft's "Under load" section: per path and workload, the highest valid step and the tail there, node beside wasm. */
export function loadAdrSection(run: RunRecord): string {
  const record = loadRecord(run);
  if (!record) return '';
  // A storm run's result is its storms: the largest valid one per path and workload, node beside wasm.
  const lines: string[] = isStorm(record) ? stormAdrLines(record, (path) => LOAD_PATH_LABELS[path]) : [];
  for (const path of isStorm(record) ? [] : record.paths) {
    const steps = stepsOf(record, path);
    for (const workload of [...new Set(steps.map((s) => s.workload))]) {
      const mine = steps.filter((s) => s.workload === workload);
      const valid = mine.filter((s) => s.valid);
      if (valid.length === 0) {
        const reasons = [...new Set(mine.flatMap((s) => s.invalidReasons.map((r) => r.replace(/[\d.]+%|\d+ ms|max \d+/g, '…'))))];
        lines.push(`${workload}, ${LOAD_PATH_LABELS[path]}: no valid step on this host (${reasons.join('; ')}); its figures are the host's limits, not Lambda's, and decide nothing.`);
        continue;
      }
      const top = Math.max(...valid.map((s) => s.level));
      const atTop = mine.filter((s) => s.level === top);
      const words = atTop.map((s) => `${s.target} p99 ${formatPercentile(percentileOf(s, 0.99))} ms, ${s.coldStarts} cold start(s), $${s.cost?.totalUsd.toPrecision(3) ?? '–'}/1M${s.valid ? '' : ' (INVALID)'}`);
      // A target whose ramp stopped lower has no step at this level: say where it stopped rather than drop it.
      for (const target of [...new Set(mine.map((s) => s.target))].filter((t) => !atTop.some((s) => s.target === t))) {
        const ended = mine.find((s) => s.target === target && s.endsRamp === true);
        words.push(`${target} not run at this level${ended ? ` (its ramp stopped after the host-limited step at ${levelLabel(ended)})` : ''}`);
      }
      lines.push(`${workload}, ${LOAD_PATH_LABELS[path]}: highest valid step ${levelLabel(atTop[0] as LoadStepResult)}: ${words.join('; ')}.`);
    }
  }
  return [
    '## Under load\n',
    `${escapeCell(loadProvenance(record))}\n`,
    lines.map((line) => `- ${escapeCell(line)}`).join('\n') + '\n',
    (isStorm(record)
      ? "A storm is every user's first request after a deploy or a quiet spell: a target whose environments start faster (smaller Init) answers the whole burst sooner. Figures from an emulator or from INVALID storms (the host's start queue) say nothing about AWS.\n"
      : 'Read the tail, the cold starts and the whole bill together: a target whose environments start faster adds fewer cold starts when load rises, which moves both p99 and cost. Figures from an emulator or from INVALID steps say nothing about AWS.\n'),
  ].join('\n');
}

/** Writes load.csv for load runs. */
export const loadCsvExporter: Exporter = {
  name: 'load-csv',
  fileName: 'load.csv',
  mediaType: 'text/csv; charset=utf-8',
  appliesTo: (run) => loadRecord(run) !== undefined,
  serialize: loadCsv,
};

/** Short names of the INVALID reasons for the terminal's step column (the lines under the table give them whole). */
const SHORT_REASONS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^client send lag/, 'lag'],
  [/^client in-flight ceiling/, 'in-flight'],
  [/^host CPU saturated/, 'CPU'],
  [/^host cold-start queue/, 'INIT'],
  [/^host account limit/, 'account'],
];

function shortReason(reason: string): string {
  return SHORT_REASONS.find(([pattern]) => pattern.test(reason))?.[1] ?? reason.replace(/:.*$/, '');
}

/**
 * The terminal's load table (the last screen of a load run): one line per
 * path × step × function, columns padded, INVALID steps with their first
 * reason. Fits 120 columns.
 */
export function loadTerminalLines(run: RunRecord): string[] {
  const record = loadRecord(run);
  if (!record) return [];
  // One path: its name goes in the title, and the 120 columns go to the figures.
  const onePath = record.paths.length === 1;
  const header = ['path', 'load', 'workload', 'target', 'ach/s', 'p50 ms [95% CI]', 'p99 ms [95% CI]', 'max ms', 'cold', 'thr', 'err', '$/1M', 'step'];
  const rows: string[][] = [];
  for (const path of record.paths) {
    for (const s of stepsOf(record, path)) {
      rows.push([
        path,
        levelLabel(s),
        s.workload,
        s.target,
        // A storm sends at once: it has no rate to achieve.
        s.kind === 'storm' ? '–' : s.achievedPerS.toFixed(1),
        formatPercentile(percentileOf(s, 0.5), true),
        formatPercentile(percentileOf(s, 0.99), true),
        formatMs(s.latencyMs.max),
        String(s.coldStarts),
        String(s.throttled),
        String(s.errors + s.wrongOutputs + s.lost),
        s.cost ? s.cost.totalUsd.toPrecision(3) : '–',
        // Where the ramp stopped is said under the table ("the ramp stopped there").
        // Repeats limited by the same thing give one short name, not one per repeat.
        s.valid ? 'valid' : `INVALID (${[...new Set(s.invalidReasons.map(shortReason))].join(', ')})`,
      ]);
    }
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] as string).length)));
  const line = (cells: readonly string[]): string =>
    cells.map((cell, i) => (i >= 4 && i < cells.length - 1 ? cell.padStart(widths[i] as number) : cell.padEnd(widths[i] as number))).slice(onePath ? 1 : 0).join('  ').trimEnd();
  return [
    `under load${record.emulated ? ` (emulated: the local Lambda's latency on this host, not AWS Lambda's)` : ` on ${record.endpoint}`}${onePath ? `, ${record.paths[0]} path` : ''}, ${isStorm(record) ? 'cold-start storms' : 'ramp'} ${record.spec.text}${repeatsOf(record) >= 2 ? ` x ${repeatsOf(record)} repeats` : ''}; latency from intended send:`,
    line(header),
    ...rows.map(line),
  ];
}

/**
 * The lines under the terminal's load table (plain text, wrapped by the
 * caller): why a p99 bound is `–` where one is, then per path and function
 * the highest valid step, the host-limited one and the achieved-rate check.
 */
export function loadTerminalNotes(run: RunRecord): string[] {
  const record = loadRecord(run);
  if (!record) return [];
  const lines: string[] = [intervalNote(record)];
  const perRepeat = repeatsOf(record) >= 2 ? ' in every repeat' : '';
  // The two percentiles the table shows: where a bound is –, how many events it needs and which steps had fewer.
  for (const [name, q] of [['p50', 0.5], ['p99', 0.99]] as const) {
    const missing = new Map<number, number>();
    for (const s of record.steps) {
      const p = percentileOf(s, q);
      if (p?.needs !== undefined && (p.ci[0] === null || p.ci[1] === null)) missing.set(s.level, p.needs);
    }
    if (missing.size === 0) continue;
    const needs = Math.max(...missing.values());
    const levels = [...missing.keys()].sort((a, b) => a - b).join(', ');
    const which = isStorm(record) ? `storms of ${levels}` : `steps at ${levels}${record.spec.kind === 'concurrency' ? ' callers' : '/s'}`;
    lines.push(`${name} [–]: a bound needs ≥ ${needs} completed events${perRepeat} (exact binomial, 95%); ${which} had fewer.`);
  }
  for (const group of rampLines(record, (path) => path)) {
    for (const sentence of group.sentences) lines.push(`${isStorm(record) ? 'storms' : 'ramp'} ${group.path}${record.emulated ? ' (emulated)' : ''}: ${sentence}`);
  }
  return lines;
}
