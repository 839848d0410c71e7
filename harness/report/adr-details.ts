/**
 * The evidence sections of the ADR draft ("More Information"): the
 * measurement table of each workload, one line of figures per assessed
 * target, the calibration controls and what the run did not measure. Kept
 * apart from adr.ts, which lays out the MADR frame, so that each file
 * holds one concern.
 *
 * Cold starts are quoted wherever the run measured them, with their
 * intervals: local fresh-process starts (time to first result) and Lambda
 * forced cold starts (client round trip and Init Duration). "Not measured"
 * is said only of rows that have neither.
 */
import type { CompletedResult, ResultRecord, RunRecord, TimingStats } from '../contract/index.js';
import { SIZE_NAMES } from '../contract/index.js';
import { judgedRows, type SizeEvidence, type TargetAssessment, type WorkloadDecision } from './adr-decide.js';
import { calibrationSection, stateLabel } from './calibration.js';
import { formatBytes, formatDuration, formatDurationWithCi, formatUsd, formatVsNode } from './format.js';
import { hasAnyFact, intervalFacts } from './facts.js';
import { MIN_PROCESSES, NOISE_THRESHOLD } from '../stats/verdict.js';
import { escapeMarkdown } from './markdown-text.js';
import { engineOf, gapReason, gapText, isValid, judgedEngineText, lambdaFields } from './rows.js';
import { isBaseline, targetsKnownAt } from '../targets/display.js';
import type { Cell, Table } from './table-model.js';

const cell = (text: string): Cell => ({ text, kind: 'text' });

/** A median with its 95% CI when the run recorded one (older Lambda rows may not). */
interface Figure {
  readonly medianNs: number;
  readonly ci95Ns?: readonly [number, number];
}

/** A Lambda row's forced cold starts with their intervals (`lambda.cold.client` and `.init`). */
export function lambdaCold(result: ResultRecord): { readonly client: Figure; readonly init?: Figure } | undefined {
  if (result.state !== 'completed' || result.placement !== 'lambda') return undefined;
  const { client, init } = result.lambda.cold;
  if (!client) return undefined;
  const figure = (f: TimingStats): Figure => ({ medianNs: f.medianNs, ci95Ns: f.ci95Ns });
  return init ? { client: figure(client), init: figure(init) } : { client: figure(client) };
}

const withCi = (f: Figure): string => (f.ci95Ns ? formatDurationWithCi(f.medianNs, f.ci95Ns) : formatDuration(f.medianNs));

/** A forced-cold Lambda invoke of a row: the client round trip and Init Duration, with their CIs. */
function lambdaColdText(r: ResultRecord): string | undefined {
  const cold = lambdaCold(r);
  if (!cold) return undefined;
  return `${withCi(cold.client)} invoke${cold.init ? ` (init ${withCi(cold.init)})` : ''}`;
}

/** True when the row has a cold-start measurement of either placement. */
export function hasColdStart(r: ResultRecord): boolean {
  return r.state === 'completed' && (r.cold !== undefined || lambdaCold(r) !== undefined);
}

/**
 * True when some size of an assessment has cold-start figures for both the
 * target and node, even without a ratio interval (older Lambda runs): then
 * the draft says the cold starts were measured and must be compared, never
 * that they were not measured.
 */
export function coldFiguresMeasured(evidence: readonly SizeEvidence[]): boolean {
  return evidence.some((e) => hasColdStart(e.row) && hasColdStart(e.node));
}

/**
 * A size's warm figures: against node, or, when the verdict is against
 * another Node variant, against it first and then against node, the same
 * algorithm, each with its interval and both medians.
 */
function warmFigures(e: SizeEvidence): string {
  const mine = formatDuration(e.row.warm?.medianNs);
  if (isBaseline(e.nodeBaseline)) return `${e.size}: ${formatVsNode(e.warm!, e.row.placement)} (${mine} vs ${formatDuration(e.node.warm?.medianNs)} per call)`;
  const against = `vs ${e.nodeBaseline}, the fastest verified Node variant: ${formatVsNode(e.warm!, e.row.placement)} (${mine} vs ${formatDuration(e.baselineRow?.warm?.medianNs)} per call)`;
  const same = e.sameAlgorithm ? `; vs node, the same algorithm: ${formatVsNode(e.sameAlgorithm, e.row.placement)} (${mine} vs ${formatDuration(e.node.warm?.medianNs)} per call)` : '';
  return `${e.size}: ${against}${same}`;
}

/** A row's cold-start figure with its CI: local time to first result, or a Lambda forced cold invoke. */
function coldFigure(r: CompletedResult): string | undefined {
  return r.cold ? formatDurationWithCi(r.cold.timeToFirstResult.medianNs, r.cold.timeToFirstResult.ci95Ns) : lambdaColdText(r);
}

/** A size's cold start against node's: the ratio with its CI when recorded, else both figures side by side. */
function coldFigures(e: SizeEvidence): string | undefined {
  const mine = coldFigure(e.row);
  const node = coldFigure(e.node);
  if (!mine || !node) return undefined;
  const what = e.row.cold ? 'first result' : 'forced cold';
  if (e.cold) return `${e.size}: ${formatVsNode(e.cold, e.row.placement)} (${what} ${mine} vs ${node})`;
  return `${e.size}: ${what} ${mine} vs node's ${node}, no interval recorded for their ratio`;
}

/** One sentence per assessed target: what the figures say, with CIs. */
export function assessmentLine(a: TargetAssessment): string {
  if (a.kind === 'excluded') return `${a.target}: not considered. ${a.reason}.`;
  const warm = a.evidence.map(warmFigures).join('; ');
  const cold = a.evidence.flatMap((e) => coldFigures(e) ?? []);
  return `${a.target}: warm ${warm}. Cold start: ${cold.length > 0 ? cold.join('; ') : 'not measured'}.`;
}

/** Measurements table of one workload: every judged row, INVALID, FAILED and unsupported rows as gaps. */
export function measurementTable(workload: string, rows: readonly ResultRecord[]): Table {
  const { rows: judged } = judgedRows(rows);
  const withLambda = rows.some((r) => r.placement === 'lambda');
  const body = judged.map((r): Cell[] => {
    const gap = gapText(r);
    if (gap || !isValid(r)) {
      // FAILED cells are styled as such; INVALID and unsupported keep the one style they always had.
      const kind = gapReason(r)?.kind === 'failed' ? 'failed' : 'invalid';
      return [cell(r.target), cell(r.size), { text: gap ?? 'INVALID', kind }, ...Array<Cell>(withLambda ? 4 : 3).fill(cell('—'))];
    }
    const c = r as CompletedResult;
    const cold = c.cold ? formatDuration(c.cold.timeToFirstResult.medianNs) : lambdaColdText(c);
    return [
      cell(r.target),
      cell(r.size),
      cell(c.warm ? `${formatDuration(c.warm.medianNs)}${c.vsNode ? `; ${formatVsNode(c.vsNode, c.placement)}` : isBaseline(r.target) ? ' (baseline)' : ''}${fastestText(c)}` : '—'),
      cell(cold ? `${cold}${c.coldVsNode ? `; ${formatVsNode(c.coldVsNode, c.placement)}` : ''}` : '—'),
      cell(
        c.resources?.peakRssBytes !== undefined
          ? formatBytes(c.resources.peakRssBytes)
          : lambdaFields(c).maxMemoryUsedMB !== undefined ? `${lambdaFields(c).maxMemoryUsedMB} MB (max used)` : '—',
      ),
      cell(c.resources ? formatBytes(c.resources.artifactBytes.gzip) : '—'),
      ...(withLambda ? [cell(lambdaCost(workload, r.target, rows))] : []),
    ];
  });
  return {
    title: workload,
    columns: ['Target', 'Size', 'Warm per call; vs node [95% CI]', 'Cold start; vs node [95% CI]', 'Peak RSS', 'Artifact (gzip)', ...(withLambda ? ['Lambda $/1M (cheapest)'] : [])].map((header) => ({ header, align: 'left' as const })),
    rows: body,
  };
}

/** "; vs node-idiomatic: 3.52× slower [3.36–3.69] (3 processes)" for a row that recorded a comparison with the fastest Node variant, else "". */
function fastestText(r: CompletedResult): string {
  const vs = r.vsFastestNode;
  return vs ? `; vs ${vs.baseline}: ${formatVsNode(vs, r.placement)}` : '';
}

/** Cheapest valid Lambda configuration of a target for a workload, as "$x (512 MB arm64)", or "—". */
function lambdaCost(workload: string, target: string, rows: readonly ResultRecord[]): string {
  const priced = rows
    .filter((r): r is CompletedResult => r.workload === workload && r.target === target && r.placement === 'lambda' && isValid(r))
    .map((r) => ({ r, f: lambdaFields(r) }))
    .filter((x) => x.f.costPerMillionUsd !== undefined)
    .sort((a, b) => a.f.costPerMillionUsd! - b.f.costPerMillionUsd!);
  const best = priced[0];
  if (!best) return '—';
  return `${formatUsd(best.f.costPerMillionUsd)} (${best.r.size}, ${[best.f.memoryMB !== undefined ? `${best.f.memoryMB} MB` : '', best.f.arch ?? ''].filter(Boolean).join(' ')})`;
}

/** Which rows the tables and recommendations rest on. */
export function measurementsCaption(decisions: readonly WorkloadDecision[]): string {
  const variants = [...new Set(decisions.flatMap((d) => d.assessments.flatMap((a) => (a.kind === 'excluded' ? [] : a.evidence.map((e) => e.nodeBaseline)))))].filter((v) => !isBaseline(v));
  // Runs judged against node alone keep the caption they were published with.
  const ratios =
    'Ratios are target / node; speed-ups are stated as node / target with the inverted 95% CI.' +
    (variants.length > 0 ? ` A ratio marked "vs ${variants.join('" or "vs ')}" is target / that Node variant (the fastest verified one), paired in the same processes.` : '');
  const local = 'local cold is the time from process spawn to first result';
  const lambdaBases = [...new Set(decisions.map((d) => d.basis).filter((b) => b !== 'local'))];
  const engine = judgedEngineText(decisions.find((d) => d.localEngine)?.localEngine ?? 'default');
  if (lambdaBases.length === 0) return `_Local placement, ${engine}; ${local}. ${ratios}_\n`;
  const configurations = escapeMarkdown(lambdaBases.map((b) => b.replace(/^lambda /, '')).join(', '));
  return (
    `_${decisions.some((d) => d.basis === 'local') ? `Local placement, ${engine}, where measured (${local}); otherwise ` : 'No local rows in this run: '}` +
    `Lambda at ${configurations}, where warm is REPORT Duration (what Lambda bills, against node at the same memory and architecture), ` +
    `cold is the client round trip of a forced cold start with its Init Duration, and memory is Max Memory Used. ${ratios}_\n`
  );
}

/** The sizes the run measured and the presets it left out, in words: "only small was measured". */
export function sizesMeasured(run: RunRecord): { readonly measured: string[]; readonly missing: string[]; readonly text: string } {
  const sizes = new Set(run.results.map((r) => r.size));
  const measured = SIZE_NAMES.filter((s) => sizes.has(s));
  const missing = SIZE_NAMES.filter((s) => !sizes.has(s));
  const text =
    missing.length === 0
      ? `every size preset (${measured.join(', ')}) was measured`
      : `only ${measured.join(' and ')} ${measured.length === 1 ? 'was' : 'were'} measured (not ${missing.join(' or ')})`;
  return { measured, missing, text };
}

/** What the run did not measure, or measured but excluded, as bullet points. */
export function caveats(run: RunRecord, decisions: readonly WorkloadDecision[]): string[] {
  const out: string[] = [];
  const results = run.results;
  if (run.config['quick'] === true) out.push('Smoke run (--quick): short measuring times and few samples, meant to check that everything works, not to decide from.');
  const targetsRun = new Set(results.map((r) => r.target));
  // Only targets that existed when the run started: a report re-rendered later does not blame it for newer ones.
  const missingTargets = targetsKnownAt(run.startedAt).filter((t) => !targetsRun.has(t));
  if (missingTargets.length > 0) out.push(`Targets not measured in this run: ${missingTargets.join(', ')}.`);
  const sizes = sizesMeasured(run);
  if (sizes.missing.length > 0) out.push(`Size presets not measured: ${sizes.missing.join(', ')}; ${sizes.text}, so nothing here speaks for the other sizes.`);
  const lambda = results.filter((r) => r.placement === 'lambda');
  if (lambda.length === 0) out.push('No AWS Lambda measurements: cost, billed duration, Init Duration and memory limits were not measured. All figures are from local processes.');
  else if (lambda.every((r) => lambdaFields(r).endpoint === 'local')) out.push('Lambda figures come from the local Lambda emulator, not AWS: durations and costs are indicative only.');
  const noCold = decisions.filter((d) => !results.some((r) => r.workload === d.workload && hasColdStart(r))).map((d) => d.workload);
  if (noCold.length > 0) out.push(`Cold starts not measured for: ${noCold.join(', ')}.`);
  const coldSizes = new Set(results.filter(hasColdStart).map((r) => r.size));
  if (coldSizes.size > 0 && SIZE_NAMES.some((s) => sizes.measured.includes(s) && !coldSizes.has(s))) {
    out.push(`Cold starts were measured at ${SIZE_NAMES.filter((s) => coldSizes.has(s)).join(', ')} only.`);
  }
  const noResources = decisions
    .filter((d) => !results.some((r) => r.workload === d.workload && r.state === 'completed' && (r.resources || lambdaFields(r).maxMemoryUsedMB !== undefined)))
    .map((d) => d.workload);
  if (noResources.length > 0) out.push(`Memory and artifact sizes not measured for: ${noResources.join(', ')}.`);
  for (const r of results) {
    const gap = gapText(r);
    if (gap) out.push(`${r.workload} · ${r.size} · ${r.target}${engineOf(r) === 'default' ? '' : ` · ${engineOf(r)}`}: ${gap} — excluded from every recommendation.`);
  }
  const judgedEngines = new Set(decisions.map((d) => (d.basis === 'local' ? (d.localEngine ?? 'default') : d.basis.replace(/^lambda /, ''))));
  const engines = [...new Set(results.map(engineOf))].filter((e) => !judgedEngines.has(e));
  if (engines.length > 0) {
    out.push(`Configurations ${engines.join(', ')} were measured but recommendations use ${[...judgedEngines].join(', ')} only (see report.md).`);
  }
  // Runs summarised with process-level intervals state the verdict rule they used; older runs keep the wording they were published with.
  const noDifference = hasAnyFact(intervalFacts(results))
    ? `"no significant difference" means the CI contains 1 and lies within ±${NOISE_THRESHOLD * 100}% of it, not that the targets are proven equal; "unresolved" means the CI contains 1 but is wider than that, and no verdict is drawn from fewer than ${MIN_PROCESSES} processes (or from too few samples); each ratio names the processes or environments its CI rests on.`
    : '"no significant difference" means the CI contains 1, not that the targets are proven equal.';
  out.push(
    `One machine (${run.environment.cpu}, ${run.environment.cores} cores, ${run.environment.os}), one run. Each comparison is a 95% CI without correction for multiple comparisons; ${noDifference}`,
  );
  if (decisions.some((d) => d.basis === 'local')) {
    out.push('Local warm figures time the workload call in-process (including copying data across the Wasm boundary), not a whole Lambda invocation with event parsing and network.');
  }
  if (decisions.some((d) => d.basis !== 'local')) {
    out.push('Lambda warm figures are REPORT Duration: the handler decodes the event, runs the workload and digests its output; the SDK round trip on top of it is in report.md.');
  }
  for (const note of run.notes ?? []) out.push(`Run note: ${note}`);
  return out;
}

/** The calibration controls: what they are and whether each passed, failed or was inconclusive, under a heading of the given level. */
export function calibrationMarkdown(run: RunRecord, level: number): string {
  const section = calibrationSection(run.calibration!);
  const lines = section.lines.map((line) => `- **${stateLabel(line.state)}**: ${escapeMarkdown(line.text)}`);
  return `${'#'.repeat(level)} Calibration controls\n\n${escapeMarkdown(section.intro)}\n\n${lines.join('\n')}\n`;
}
