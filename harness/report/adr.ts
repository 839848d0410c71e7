/**
 * adr-draft.md: an Architecture Decision Record draft written from the
 * numbers of one run, for humans to edit. Recommendations are conservative
 * (see adr-decide.ts) and quote the figures with their CIs; what the run did
 * not measure is listed rather than guessed.
 */
import type { CompletedResult, ResultRecord, RunRecord } from '../types.js';
import { SIZE_NAMES } from '../types.js';
import { decideWorkload, judgedRows, type SizeEvidence, type TargetAssessment, type WorkloadDecision } from './adr-decide.js';
import type { Exporter } from './exporter.js';
import { incompleteNotice } from './status.js';
import { calibrationFailure, calibrationSection, passLabel } from './calibration.js';
import { formatBytes, formatDuration, formatDurationWithCi, formatUsd, formatVsNode } from './format.js';
import { hasAnyFact, intervalFacts } from './facts.js';
import { isDecided as isDecidedVerdict, MIN_PROCESSES, NOISE_THRESHOLD } from '../stats/verdict.js';
import { escapeMarkdown, renderMarkdownTable } from './markdown.js';
import { engineOf, gapReason, gapText, groupByWorkload, isValid, lambdaFields, TARGET_ORDER } from './rows.js';
import type { Cell, Table } from './tables.js';

/** What each known target is, for the Options section. */
const TARGET_DESCRIPTIONS: Readonly<Record<string, string>> = {
  node: 'plain Node.js: the TypeScript implementation bundled with esbuild, as a Lambda handler runs it today (the baseline)',
  wasm: 'a second implementation in AssemblyScript compiled to a core WebAssembly module, loaded and called from a Node.js handler',
  component: 'the unchanged TypeScript compiled to a Wasm component (jco componentize, StarlingMonkey), transpiled and run in Node.js',
  'as-component': 'the AssemblyScript module wrapped as a Wasm component (canonical ABI), transpiled and run in Node.js',
};

const cell = (text: string): Cell => ({ text, kind: 'text' });

function warmFigures(e: SizeEvidence): string {
  return `${e.size}: ${formatVsNode(e.warm!, e.row.placement)} (${formatDuration(e.row.warm?.medianNs)} vs ${formatDuration(e.node.warm?.medianNs)} per call)`;
}

function coldFigures(e: SizeEvidence): string | undefined {
  if (!e.cold || !e.row.cold || !e.node.cold) return undefined;
  return `${e.size}: ${formatVsNode(e.cold, e.row.placement)} (first result ${formatDurationWithCi(e.row.cold.timeToFirstResult.medianNs, e.row.cold.timeToFirstResult.ci95Ns)} vs ${formatDurationWithCi(e.node.cold.timeToFirstResult.medianNs, e.node.cold.timeToFirstResult.ci95Ns)})`;
}

/** One sentence per assessed target: what the figures say, with CIs. */
function assessmentLine(a: TargetAssessment, basis: string): string {
  if (a.kind === 'excluded') return `${a.target}: not considered. ${a.reason}.`;
  const warm = a.evidence.map(warmFigures).join('; ');
  const cold = a.evidence.flatMap((e) => coldFigures(e) ?? []);
  const noCold = basis === 'local' ? 'not measured' : 'no comparison with a CI (forced cold starts are in the table)';
  return `${a.target}: warm ${warm}. Cold start: ${cold.length > 0 ? cold.join('; ') : noCold}.`;
}

/** The recommendation paragraph of one workload, stated conservatively. */
export function recommendationText(decision: WorkloadDecision): string {
  const rec = decision.recommendation;
  const assessment = (target: string) => decision.assessments.find((a) => a.target === target);
  switch (rec.kind) {
    case 'no-recommendation':
      return `**No recommendation.** ${rec.reason}; nothing can be compared with it. Fix and rerun.`;
    case 'stay-on-node':
      if (rec.because === 'no-significant-difference') {
        return '**Stay on Node.js.** No significant difference in warm time per call for any alternative (the 95% CI of the ratio contains 1 at every size measured), so the simpler toolchain wins: one implementation, no Wasm build or ABI to maintain.';
      }
      if (rec.because === 'slower') {
        return '**Stay on Node.js.** No alternative is significantly faster warm at any size measured, and at least one is significantly slower.';
      }
      return '**Stay on Node.js.** No alternative has a valid measurement for this workload (reasons below), so there is nothing valid to move to. An INVALID or FAILED alternative must be fixed and measured again before it can be judged.';
    case 'consider-target': {
      const a = assessment(rec.target);
      const cold = a && a.kind !== 'excluded' ? a.cold : 'not-measured';
      return (
        `**Consider ${rec.target}** if its toolchain is acceptable: it is significantly faster warm at every size measured ` +
        `(at worst at least ${a && a.kind !== 'excluded' ? a.conservativeSpeedup.toFixed(2) : '?'}× by the CI bound closest to 1)` +
        (cold === 'not-measured'
          ? ', but there is no cold-start comparison with a CI: measure cold starts, or compare the cold figures in the table, before deciding.'
          : cold === 'unresolved'
            ? ', but its cold-start comparison with node is unresolved at some size (no verdict either way): measure more cold samples before deciding.'
            : `, and its cold start is not slower than node's (${cold === 'mixed' ? 'faster at some sizes, no significant difference at others' : cold.replace(/-/g, ' ')}).`) +
        ' Weigh the speed-up against maintaining a second implementation and build.'
      );
    }
    case 'depends-on-invocation-pattern': {
      const even = rec.breakEven;
      return (
        `**Depends on the invocation pattern.** ${rec.target} is significantly faster warm at every size measured but slower to start cold. ` +
        (even
          ? `On medians at size ${even.size} (point estimates, not a CI), the extra ${formatDuration(even.extraColdNs)} of cold start is repaid after about ${even.calls} warm calls per execution environment (${formatDuration(even.savingPerCallNs)} saved per call). `
          : '') +
        `Stay on Node.js for functions that mostly start cold; consider ${rec.target} for functions kept warm by steady traffic.`
      );
    }
    case 'depends-on-payload-size': {
      const a = assessment(rec.target);
      const sizes = a && a.kind !== 'excluded' ? a.evidence : [];
      const faster = sizes.filter((e) => e.warm?.verdict === 'faster').map((e) => e.size);
      const rest = sizes.filter((e) => e.warm?.verdict !== 'faster').map((e) => e.size);
      return `**Depends on the payload size.** ${rec.target} is significantly faster warm at ${faster.join(', ')} but not at ${rest.join(', ')}. Stay on Node.js unless production payloads are known to be in the range where ${rec.target} wins.`;
    }
    case 'unresolved': {
      const where = rec.targets.map((target) => {
        const a = assessment(target);
        const sizes = a && a.kind !== 'excluded' ? a.evidence.filter((e) => e.warm && !isDecidedVerdict(e.warm.verdict)).map((e) => e.size) : [];
        return `${target}${sizes.length > 0 ? ` at ${sizes.join(', ')}` : ''}`;
      });
      return (
        `**Not decided: the evidence is unresolved.** The warm comparison with node has no verdict (${where.join('; ')}): ` +
        'the interval is too wide to show either a difference or its absence, or rests on too few processes. ' +
        'This is neither a reason to move nor evidence that the targets are equal. Measure again with more processes (--forks) before deciding.'
      );
    }
  }
}

/** A forced-cold Lambda invoke of a row: the client round trip, with Init Duration when reported. */
function lambdaColdText(r: CompletedResult): string {
  const cold = lambdaFields(r).coldInvoke;
  if (!cold) return '—';
  return `${formatDuration(cold.clientMedianNs)} invoke${cold.initMedianNs !== undefined ? ` (init ${formatDuration(cold.initMedianNs)})` : ''}`;
}

/** Measurements table of one workload: every judged row, INVALID, FAILED and unsupported rows as gaps. */
function measurementTable(workload: string, rows: readonly ResultRecord[]): Table {
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
    return [
      cell(r.target),
      cell(r.size),
      cell(c.warm ? `${formatDuration(c.warm.medianNs)}${c.vsNode ? `; ${formatVsNode(c.vsNode, c.placement)}` : r.target === 'node' ? ' (baseline)' : ''}` : '—'),
      cell(c.cold ? `${formatDuration(c.cold.timeToFirstResult.medianNs)}${c.coldVsNode ? `; ${formatVsNode(c.coldVsNode, c.placement)}` : ''}` : c.placement === 'lambda' ? lambdaColdText(c) : '—'),
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
    columns: ['Target', 'Size', 'Warm per call; vs node [95% CI]', 'Cold first result; vs node [95% CI]', 'Peak RSS', 'Artifact (gzip)', ...(withLambda ? ['Lambda $/1M (cheapest)'] : [])].map((header) => ({ header, align: 'left' as const })),
    rows: body,
  };
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
function measurementsCaption(decisions: readonly WorkloadDecision[]): string {
  const ratios = 'Ratios are target / node; speed-ups are stated as node / target with the inverted 95% CI.';
  const lambdaBases = [...new Set(decisions.map((d) => d.basis).filter((b) => b !== 'local'))];
  if (lambdaBases.length === 0) return `_Local placement, default engine. ${ratios}_\n`;
  const configurations = escapeMarkdown(lambdaBases.map((b) => b.replace(/^lambda /, '')).join(', '));
  return (
    `_${decisions.some((d) => d.basis === 'local') ? 'Local placement, default engine, where measured; otherwise ' : 'No local rows in this run: '}` +
    `Lambda at ${configurations}, where warm is REPORT Duration (what Lambda bills, against node at the same memory and architecture), ` +
    `cold is the client round trip of a forced cold start with its Init Duration, and memory is Max Memory Used. ${ratios}_\n`
  );
}

/** What the run did not measure, or measured but excluded, as bullet points. */
function caveats(run: RunRecord, decisions: readonly WorkloadDecision[]): string[] {
  const out: string[] = [];
  const results = run.results;
  const targetsRun = new Set(results.map((r) => r.target));
  const missingTargets = TARGET_ORDER.filter((t) => !targetsRun.has(t as never));
  if (missingTargets.length > 0) out.push(`Targets not measured in this run: ${missingTargets.join(', ')}.`);
  const sizesRun = new Set(results.map((r) => r.size));
  const missingSizes = SIZE_NAMES.filter((s) => !sizesRun.has(s));
  if (missingSizes.length > 0) out.push(`Size presets not measured: ${missingSizes.join(', ')}.`);
  const lambda = results.filter((r) => r.placement === 'lambda');
  if (lambda.length === 0) out.push('No AWS Lambda measurements: cost, billed duration, Init Duration and memory limits were not measured. All figures are from local processes.');
  else if (lambda.every((r) => lambdaFields(r).endpoint === 'local')) out.push('Lambda figures come from the local Lambda emulator, not AWS: durations and costs are indicative only.');
  const noCold = decisions.filter((d) => !results.some((r) => r.workload === d.workload && r.status === 'completed' && r.cold)).map((d) => d.workload);
  if (noCold.length > 0) out.push(`Cold starts not measured for: ${noCold.join(', ')}.`);
  const noResources = decisions.filter((d) => !results.some((r) => r.workload === d.workload && r.status === 'completed' && r.resources)).map((d) => d.workload);
  if (noResources.length > 0) out.push(`Memory and artifact sizes not measured for: ${noResources.join(', ')}.`);
  for (const r of results) {
    const gap = gapText(r);
    if (gap) out.push(`${r.workload} · ${r.size} · ${r.target}${engineOf(r) === 'default' ? '' : ` · ${engineOf(r)}`}: ${gap} — excluded from every recommendation.`);
  }
  const judgedEngines = new Set(decisions.map((d) => (d.basis === 'local' ? 'default' : d.basis.replace(/^lambda /, ''))));
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

/** The "Calibration controls" section: what the controls are and whether each passed. */
function calibrationMarkdown(run: RunRecord): string {
  const section = calibrationSection(run.calibration!);
  const lines = section.lines.map((line) => `- **${passLabel(line.passed)}**: ${escapeMarkdown(line.text)}`);
  return `## Calibration controls\n\n${escapeMarkdown(section.intro)}\n\n${lines.join('\n')}\n`;
}

/** The ADR draft as Markdown. Pure: a function of the run only. */
export function renderAdr(run: RunRecord): string {
  const incomplete = incompleteNotice(run);
  // A run that did not complete says so before anything else: its recommendations rest on part of the plan.
  const failedControls = calibrationFailure(run);
  const banner =
    (incomplete ? `> **INCOMPLETE RUN: do not decide from this draft alone.** ${escapeMarkdown(incomplete)}\n\n` : '') +
    (failedControls ? `> **CALIBRATION FAILED: do not decide from this draft.** ${escapeMarkdown(failedControls)}\n\n` : '');
  if (run.results.length === 0) {
    return `# ADR (draft): WebAssembly or plain Node.js for our Lambda workloads\n\n${banner}> **DRAFT.** Run ${escapeMarkdown(run.runId)} has no results, so there is nothing to decide from it.\n`;
  }
  const groups = groupByWorkload(run);
  const decisions = groups.map((g) => decideWorkload(g.workload, g.results));
  const targets = [...new Set(run.results.map((r) => r.target))].sort((a, b) => TARGET_ORDER.indexOf(a) - TARGET_ORDER.indexOf(b));
  const placements = [...new Set(run.results.map((r) => r.placement))];
  const bullets = (items: readonly string[]) => items.map((item) => `- ${escapeMarkdown(item)}`).join('\n');
  const env = run.environment;
  const moving = decisions.filter((d) => d.recommendation.kind === 'consider-target');
  const depends = decisions.filter((d) => d.recommendation.kind.startsWith('depends'));
  const unresolved = decisions.filter((d) => d.recommendation.kind === 'unresolved');
  const staying = decisions.filter((d) => d.recommendation.kind === 'stay-on-node');

  const parts = [
    '# ADR (draft): WebAssembly or plain Node.js for our Lambda workloads\n',
    ...(banner ? [banner] : []),
    `> **DRAFT for humans to edit.** Generated mechanically from benchmark run ${escapeMarkdown(run.runId)}; every figure comes from its run.json. ` +
      'The reasoning is deliberately conservative. Check the figures, add context the numbers cannot know (traffic shape, team skills, deadlines) and rewrite before accepting.\n',
    bullets([
      'Status: proposed (draft)',
      `Evidence: run ${run.runId}, ${run.startedAt} to ${run.finishedAt}`,
      `Code: ${env.git === null ? 'no git commit recorded' : `commit ${env.git}${env.gitDirty ? ' (uncommitted changes)' : ''}`}`,
      `Machine: ${env.cpu}, ${env.cores} cores, ${env.os}, Node.js ${env.node} (V8 ${env.v8})`,
    ]) + '\n',
    '## Context\n',
    escapeMarkdown(
      `These workloads run, or would run, as Node.js AWS Lambda functions: ${groups.map((g) => g.workload).join(', ')}. ` +
        `The question is whether any of them should run as WebAssembly instead. This run measured ${targets.join(', ')} at placement ${placements.join(' and ')}, ` +
        'with every output verified against the expected result; rows that failed verification are excluded from the reasoning.',
    ) + '\n',
    '## Options considered\n',
    bullets(targets.map((t) => `${t}: ${TARGET_DESCRIPTIONS[t] ?? 'no description recorded'}`)) + '\n',
    '## Decision drivers\n',
    bullets([
      'Warm time per call: what every invocation of a warm function pays (and Lambda bills).',
      'Cold start: time from process spawn to first result, paid on every new execution environment.',
      'Memory (peak RSS) and artifact size: Lambda memory setting, deployment size and load time.',
      'Toolchain and maintenance: a Wasm target means a second implementation or a component toolchain, kept equal by tests.',
      'Correctness: only verified results count.',
    ]) + '\n',
    ...(run.calibration ? [calibrationMarkdown(run)] : []),
    '## Measurements\n',
    measurementsCaption(decisions),
    ...groups.map((g) => renderMarkdownTable(measurementTable(g.workload, g.results), 3)),
    '## Recommendation per workload\n',
    ...decisions.map(
      (d) =>
        `### ${escapeMarkdown(d.workload)}\n\n${recommendationText(d)}\n\n${bullets(d.assessments.map((a) => assessmentLine(a, d.basis)))}\n`,
    ),
    '## Consequences\n',
    bullets([
      ...(moving.length > 0 ? [`Candidates to move (after review): ${moving.map((d) => `${d.workload} → ${(d.recommendation as { target: string }).target}`).join(', ')}. Each needs its second implementation kept in the repository, built in CI and verified against the same expected outputs as node.`] : []),
      ...(depends.length > 0 ? [`Undecided until the invocation pattern or payload sizes are known: ${depends.map((d) => d.workload).join(', ')}. Measure production traffic (cold-start share, payload sizes) before choosing.`] : []),
      ...(unresolved.length > 0 ? [`Not decided, the measurements are unresolved: ${unresolved.map((d) => d.workload).join(', ')}. Nothing changes for them until a run with more processes resolves the comparison.`] : []),
      ...(staying.length > 0 ? [`Stay on Node.js: ${staying.map((d) => d.workload).join(', ')}. Nothing changes for them; rerun this benchmark when runtimes or workloads change.`] : []),
      'Whatever is decided, keep the benchmark and its verification in CI so a regression or an output mismatch is caught.',
    ]) + '\n',
    '## Caveats and what was not measured\n',
    bullets(caveats(run, decisions)) + '\n',
  ];
  return parts.join('\n');
}

/** Writes adr-draft.md. */
export const adrExporter: Exporter = {
  name: 'adr-draft',
  fileName: 'adr-draft.md',
  mediaType: 'text/markdown; charset=utf-8',
  serialize: renderAdr,
};
