/**
 * adr-draft.md: an Architecture Decision Record draft in MADR 4.0.0 form
 * (https://adr.github.io/madr/), written from the numbers of one run for
 * humans to edit: YAML front matter (status, date, decision-makers,
 * consulted, informed), a title that states the decision, Context and
 * Problem Statement, Decision Drivers, Considered Options, Decision Outcome
 * (with Consequences and Confirmation), Pros and Cons of the Options and
 * More Information.
 *
 * One ADR per run, with one decision per workload inside its Decision
 * Outcome ('graph: Chosen option: "wasm", because …'): the options, drivers
 * and evidence are the same for every workload, and a reader weighs the
 * workloads side by side, so seven ADRs repeating one context would read
 * worse than one that decides each workload on its own figures.
 *
 * The Decision Outcome opens with the closing verdict block (closing.ts)
 * that also opens report.md, report.html and the terminal's last screen.
 *
 * Recommendations are conservative and come from adr-decide.ts alone; the
 * figures are quoted with their CIs (adr-details.ts), and what the run did
 * not measure (sizes, cold starts, a smoke run) is said plainly.
 */
import type { RunRecord } from '../contract/index.js';
import { decideWorkload, type WorkloadDecision } from './adr-decide.js';
import { assessmentLine, caveats, calibrationMarkdown, coldFiguresMeasured, measurementsCaption, measurementTable, sizesMeasured } from './adr-details.js';
import { optionTargets, prosAndCons, targetDescription } from './adr-options.js';
import { adrTitle, chosenOption, consequences, outcomeLine } from './adr-outcome.js';
import { confirmationMarkdown } from './adr-rerun.js';
import type { Exporter } from './exporter.js';
import { incompleteNotice } from './status.js';
import { calibrationBanner } from './calibration.js';
import { closingMarkdown } from './closing.js';
import { againstOtherVariant, comparisonFigures, comparisonWords, nodeBaselineLabel, shownAssessment, stayHeadline } from './node-baseline.js';
import { formatDuration } from './format.js';
import { isDecided as isDecidedVerdict } from '../stats/verdict.js';
import { escapeMarkdown, renderMarkdownTable } from './markdown-text.js';
import { groupByWorkload } from './rows.js';
import { compareTargets, targetLabel } from '../targets/display.js';
import { loadAdrSection } from './load.js';

/**
 * The recommendation paragraph of one workload, stated conservatively. A
 * verdict against a Node variant other than node (node-idiomatic) names it,
 * quotes both comparisons with their intervals (against it, then against the
 * same algorithm in TypeScript) and says what moving would do to a real handler.
 */
export function recommendationText(decision: WorkloadDecision): string {
  if (!againstOtherVariant(decision)) return againstNodeText(decision);
  const rec = decision.recommendation;
  const shown = shownAssessment(decision);
  const figures = shown ? comparisonFigures(shown, decision) : undefined;
  const evidence = shown && figures
    ? `${escapeMarkdown(capitalise(comparisonWords(shown, decision)))}: ${escapeMarkdown(`${shown.target} ${figures.verdict}`)}${figures.sameAlgorithm ? `; ${escapeMarkdown(figures.sameAlgorithm)}` : ''}.`
    : '';
  if (rec.kind === 'stay-on-node' && rec.because !== 'no-valid-alternative') {
    const outcome =
      rec.because === 'slower'
        ? `Moving would make a real handler slower than the Node code a team would write: keep, or adopt, ${escapeMarkdown(decision.nodeBaseline)}'s code. The same-algorithm comparison shows what Wasm does for a port, not for this workload as a team would write it.`
        : `No Wasm option differs significantly from the Node code a team would write, so the simpler toolchain wins: ${escapeMarkdown(decision.nodeBaseline)}'s code, no Wasm build or ABI to maintain.`;
    return `**Stay on ${escapeMarkdown(stayHeadline(decision))}.** ${evidence} ${outcome}`;
  }
  if (rec.kind === 'stay-on-node') return againstNodeText(decision).replace('**Stay on Node.js.**', `**Stay on ${escapeMarkdown(stayHeadline(decision))}.**`);
  return `${againstNodeText(decision)} These verdicts are against ${escapeMarkdown(nodeBaselineLabel(decision))}, the fastest verified Node variant.${evidence ? ` ${evidence}` : ''}`;
}

/** The recommendation paragraph worded against node (the only Node variant, or the fastest one). */
function againstNodeText(decision: WorkloadDecision): string {
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
          ? a && a.kind !== 'excluded' && coldFiguresMeasured(a.evidence)
            ? ", but its cold starts were measured without a ratio interval against node's (the figures are in the measurements below): compare them before deciding."
            : ', but its cold start was not measured: measure cold starts before deciding.'
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
        `**Not decided: the evidence is unresolved.** The warm comparison with ${escapeMarkdown(decision.nodeBaseline)} has no verdict (${where.join('; ')}): ` +
        'the interval is too wide to show either a difference or its absence, or rests on too few processes. ' +
        'This is neither a reason to move nor evidence that the targets are equal. Measure again with more processes (--forks) before deciding.'
      );
    }
  }
}

function capitalise(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

/** A YAML scalar in double quotes (the front matter must parse whatever a run id holds). */
function yamlString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** MADR 4 front matter: status and date from the run; the people are for the team to fill in. */
function frontMatter(run: RunRecord): string {
  return [
    '---',
    'status: proposed',
    `date: ${/^\d{4}-\d{2}-\d{2}/.test(run.startedAt) ? run.startedAt.slice(0, 10) : yamlString(run.startedAt)}`,
    'decision-makers: "(to fill in: who decides)"',
    'consulted: "(to fill in: e.g. the owners of these functions)"',
    'informed: "(to fill in: who is told)"',
    '---',
    '',
  ].join('\n');
}

/** The banners that open a draft: an incomplete run and failed controls (do not decide from it), inconclusive controls (what the run could not resolve). */
function banners(run: RunRecord): string {
  const incomplete = incompleteNotice(run);
  const controls = calibrationBanner(run);
  const decide = controls?.state === 'failed' ? ' do not decide from this draft.' : '';
  return (
    (incomplete ? `> **INCOMPLETE RUN: do not decide from this draft alone.** ${escapeMarkdown(incomplete)}\n\n` : '') +
    (controls ? `> **${controls.label}:${decide}** ${escapeMarkdown(controls.text)}\n\n` : '')
  );
}

/** "Context and Problem Statement": what is decided, what was measured (sizes, smoke run), on what. */
function context(run: RunRecord, workloads: readonly string[], targets: readonly string[], bullets: (items: readonly string[]) => string): string {
  const env = run.environment;
  const placements = [...new Set(run.results.map((r) => r.placement))];
  const smoke = run.config['quick'] === true;
  return [
    '## Context and Problem Statement\n',
    escapeMarkdown(
      `These workloads run, or would run, as Node.js AWS Lambda functions: ${workloads.join(', ')}. ` +
        'Should any of them run as WebAssembly instead, and in which form? ' +
        `This run measured ${targets.join(', ')} at placement ${placements.join(' and ')}; ${sizesMeasured(run).text}. ` +
        'Every output was verified against the expected result; rows that failed verification are excluded from the reasoning.',
    ) + '\n',
    ...(smoke ? ['**This was a smoke run (--quick):** short measuring times and few samples, to check that everything works. Do not decide from it; rerun without --quick.\n'] : []),
    bullets([
      `Evidence: run ${run.runId}, ${run.startedAt} to ${run.finishedAt}`,
      `Code: ${env.git === null ? 'no git commit recorded' : `commit ${env.git}${env.gitDirty ? ' (uncommitted changes)' : ''}`}`,
      `Machine: ${env.cpu}, ${env.cores} cores, ${env.os}, Node.js ${env.node} (V8 ${env.v8})`,
    ]) + '\n',
  ].join('\n');
}

const DRIVERS = [
  'Warm time per call: what every invocation of a warm function pays (and Lambda bills).',
  'Cold start: paid on every new execution environment (locally, process spawn to first result; on Lambda, a forced cold invoke with its Init Duration).',
  'Memory (peak RSS, or Max Memory Used on Lambda) and artifact size: Lambda memory setting, deployment size and load time.',
  'Toolchain and maintenance: a Wasm target means a second implementation or a component toolchain, kept equal by tests.',
  'Correctness: only verified results count.',
];

/** The per-workload reasoning under More Information: the recommendation paragraph and each target's figures. */
function reasoning(decisions: readonly WorkloadDecision[], bullets: (items: readonly string[]) => string): string {
  return decisions.map((d) => `#### ${escapeMarkdown(d.workload)}\n\n${recommendationText(d)}\n\n${bullets(d.assessments.map(assessmentLine))}\n`).join('\n');
}

/** The ADR draft as Markdown. Pure: a function of the run only. */
export function renderAdr(run: RunRecord): string {
  const banner = banners(run);
  if (run.results.length === 0) {
    // A load run records its steps outside the rows: its section is all there is to read.
    const load = loadAdrSection(run);
    return `${frontMatter(run)}\n# Decide nothing yet: run ${escapeMarkdown(run.runId)} has no results\n\n${banner}> **DRAFT.** Run ${escapeMarkdown(run.runId)} has no results, so there is nothing to decide from it.\n${load ? `\n${load}` : ''}`;
  }
  const groups = groupByWorkload(run);
  const decisions = groups.map((g) => decideWorkload(g.workload, g.results));
  const chosen = decisions.map(chosenOption);
  const measured = [...new Set(run.results.map((r) => r.target))].sort(compareTargets);
  const targets = optionTargets(decisions, measured);
  const bullets = (items: readonly string[]) => items.map((item) => `- ${escapeMarkdown(item)}`).join('\n');
  // What makes every choice provisional: the banners say why at the top, the outcome repeats it where the choices are read.
  const provisional = [
    ...(run.config['quick'] === true ? ['from a smoke run'] : []),
    ...(incompleteNotice(run) ? ['from an incomplete run'] : []),
    // Inconclusive controls do not make a choice provisional: each verdict already rests on its own interval, and the banner says what was not resolved.
    ...(calibrationBanner(run)?.state === 'failed' ? ['from a run whose calibration controls failed'] : []),
  ];

  const parts = [
    frontMatter(run),
    `# ${escapeMarkdown(adrTitle(chosen))}\n`,
    ...(banner ? [banner] : []),
    `> **DRAFT for humans to edit.** Generated mechanically from benchmark run ${escapeMarkdown(run.runId)}; every figure comes from its run.json. ` +
      'The reasoning is deliberately conservative. Check the figures, add context the numbers cannot know (traffic shape, team skills, deadlines) and rewrite before accepting.\n',
    context(run, groups.map((g) => g.workload), measured, bullets),
    '## Decision Drivers\n',
    bullets(DRIVERS) + '\n',
    '## Considered Options\n',
    bullets(targets.map((t) => `${targetLabel(t)}: ${targetDescription(t) ?? 'no description recorded'}`)) + '\n',
    '## Decision Outcome\n',
    // The same verdict block that opens report.md, report.html and the terminal's last screen, so none can disagree.
    ...[closingMarkdown(run, 3)].filter((block) => block !== ''),
    '### Chosen option per workload\n',
    escapeMarkdown(
      `Each workload is decided on its own figures${provisional.length > 0 ? ` ${provisional.join(' and ')}, so every choice below is provisional` : ''}; ${sizesMeasured(run).text}. ` +
        'Where nothing is decided, node stays as it is: that is the status quo, not a finding that the options are equal.',
    ) + '\n',
    bullets(chosen.map(outcomeLine)) + '\n',
    '### Consequences\n',
    bullets(consequences(chosen, decisions)) + '\n',
    '### Confirmation\n',
    confirmationMarkdown(run) + '\n',
    '## Pros and Cons of the Options\n',
    prosAndCons(decisions, targets, bullets),
    '## More Information\n',
    'The figures and reasoning behind each decision, the controls that check the intervals, and what the run did not measure. report.md has every row, including the configurations not judged here.\n',
    ...(run.calibration ? [calibrationMarkdown(run, 3)] : []),
    '### Reasoning per workload\n',
    reasoning(decisions, bullets),
    '### Measurements\n',
    measurementsCaption(decisions),
    ...groups.map((g) => renderMarkdownTable(measurementTable(g.workload, g.results), 4)),
    '### Caveats and what was not measured\n',
    bullets(caveats(run, decisions)) + '\n',
    // A load run's "Under load" section (empty for other runs).
    ...[loadAdrSection(run)].filter((section) => section !== ''),
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
