/**
 * The closing verdict block: the answer to "move this task to Wasm or not",
 * per workload, on one screen, in the spirit of hyperfine's "X ran N× faster
 * than Y". For each workload: the best alternative's warm ratio to node at
 * every size measured (with its 95% CI and what the CI rests on), the
 * cold-start, peak-memory and Lambda $/1M differences where measured, and
 * the recommendation of adr-decide.ts with its reason and caveats.
 *
 * When the fastest verified Node variant is not node (node-idiomatic's
 * node:crypto for sha256), the warm ratios and the recommendation are
 * against it and name it, and the comparison with node, the same algorithm
 * in TypeScript, follows as the second comparison (node-baseline.ts).
 *
 * The recommendation is decideWorkload's, never re-derived here, so the
 * terminal, report.md, report.html and the ADR draft cannot disagree. An
 * unresolved or too-few-samples comparison is never written as a win.
 *
 * One model, three renderings: `closingLines` (terminal, wrapped to a
 * width), `closingMarkdown` and `closingHtml` (the block that opens each report).
 */
import { SIZE_NAMES, type CompletedResult, type PlacementName, type ResultRecord, type RunRecord, type SizeName, type VsBaseline } from '../contract/index.js';
import { decideWorkload, judgedRows, type SizeEvidence, type TargetAssessment, type WorkloadDecision } from './adr-decide.js';
import { coldFiguresMeasured } from './adr-details.js';
import { isDecided } from '../stats/verdict.js';
import { formatBasis, formatBytes, formatDuration, formatUsd, formatVsNode } from './format.js';
// markdown.ts imports this module too; only hoisted functions cross the cycle, none is called while modules load.
import { escapeMarkdown } from './markdown-text.js';
import { gapLabel, gapReason, groupByWorkload, isValid, judgedEngineText, lambdaFields } from './rows.js';
import { againstOtherVariant, comparisonFigures, comparisonWords, nodeBaselineLabel, shownAssessment, stayHeadline } from './node-baseline.js';
import { escapeXml } from './svg.js';
import { nativeDistancePhrase } from './native-distance.js';
import { columns, wrap } from './wrap.js';
import { baselineTarget, isBaseline } from '../targets/display.js';

/** A workload's recommendation in a few words ("consider wasm") and why. */
export interface ClosingRecommendation {
  readonly headline: string;
  readonly reason: string;
}

/** One workload's part of the block. */
export interface ClosingEntry {
  readonly workload: string;
  /** What the judged rows are: "local" or "lambda <memory>MB-<arch>" (adr-decide.ts). */
  readonly basis: string;
  /** Phrases: the best alternative's warm ratios, then cold-start, memory and Lambda cost differences. */
  readonly figures: readonly string[];
  readonly recommendation: ClosingRecommendation;
  /** What weakens this workload's answer: sizes not measured, undecided comparisons, targets not judged. */
  readonly caveats: readonly string[];
  /** The decision stated (adr-decide.ts). */
  readonly decision: WorkloadDecision;
}

/** The whole block: run-wide caveats first, then one entry per workload. */
export interface ClosingBlock {
  /** Run-wide caveats (incomplete run, failed or inconclusive calibration, smoke run, caveats every workload shares). */
  readonly notes: readonly string[];
  readonly entries: readonly ClosingEntry[];
}

/** What the block is, in one sentence: the caption of its report.md and report.html sections. */
export const CLOSING_CAPTION =
  'per workload, the best alternative to node: warm ratios with their 95% CI and what it rests on; cold-start, memory and Lambda cost differences where measured; the recommendation of the ADR draft';

/** The caption of a block some of whose verdicts are against a Node variant other than node (runs without one keep CLOSING_CAPTION). */
export const CLOSING_CAPTION_VARIANTS =
  'per workload, the best Wasm option against the fastest verified Node variant (named), then against node, the same algorithm in TypeScript: warm ratios with their 95% CI and what it rests on; cold-start, memory and Lambda cost differences against node where measured; the recommendation of the ADR draft';

/** The caption for this block. */
function captionOf(block: ClosingBlock): string {
  return block.entries.some((e) => againstOtherVariant(e.decision)) ? CLOSING_CAPTION_VARIANTS : CLOSING_CAPTION;
}

type Usable = Exclude<TargetAssessment, { kind: 'excluded' }>;

const basisOf = (vs: VsBaseline, placement: PlacementName): string | undefined => (vs.basis ? formatBasis(vs.basis, placement) : undefined);
const signed = (value: number, format: (v: number) => string): string => `${value < 0 ? '-' : '+'}${format(Math.abs(value))}`;

/** A figure against node's, both shown: "+4.00 MiB (52.0 MiB vs node 48.0 MiB)", or "52 MB, the same as node" when they print alike. */
function difference(mine: number, node: number, format: (v: number) => string): string {
  const delta = signed(mine - node, format);
  return format(mine) === format(node) && format(0) === format(Math.abs(mine - node)) ? `${format(mine)}, the same as node` : `${delta} (${format(mine)} vs node ${format(node)})`;
}

/**
 * "wasm warm: 2.31× faster [2.30–2.32] at small, 2.11× faster [2.11–2.12] at
 * medium (5 processes)": each size in formatVsNode's words, so only a decided
 * comparison reads faster or slower and an interval shows the digits it
 * needs. The basis is said once when every size shares it.
 */
function warmPhrase(a: Usable): string {
  const evidence = a.evidence.filter((e) => e.warm);
  const bases = evidence.map((e) => basisOf(e.warm!, e.row.placement));
  const shared = bases.every((b) => b === bases[0]) ? bases[0] : undefined;
  const items = evidence.map((e) => {
    const vs = e.warm!;
    const bare: VsBaseline = { ratio: vs.ratio, ci95: vs.ci95, verdict: vs.verdict };
    return `${formatVsNode(shared === undefined ? vs : bare, e.row.placement)} at ${e.size}`;
  });
  return `${a.target} warm: ${items.join(', ')}${shared ? ` (${shared})` : ''}`;
}

/** The cold-start difference at each size that has one, with the comparison's interval where recorded. */
function coldPhrases(a: Usable, labelSizes: boolean): string[] {
  return a.evidence.flatMap((e) => {
    const at = labelSizes ? ` at ${e.size}` : '';
    const interval = e.cold ? `: ${formatVsNode(e.cold, e.row.placement)}` : '';
    if (e.row.cold && e.node.cold) {
      return [`cold start${at} ${signed(e.row.cold.timeToFirstResult.medianNs - e.node.cold.timeToFirstResult.medianNs, formatDuration)}${interval}`];
    }
    const mine = lambdaFields(e.row).coldInvoke;
    const node = lambdaFields(e.node).coldInvoke;
    if (!mine || !node) return [];
    const init = mine.initMedianNs !== undefined && node.initMedianNs !== undefined ? ` (init ${signed(mine.initMedianNs - node.initMedianNs, formatDuration)})` : '';
    return [`cold invoke${at} ${signed(mine.clientMedianNs - node.clientMedianNs, formatDuration)}${init}${interval}`];
  });
}

/** Peak memory against node's at the first size that has both (a difference, with both figures: memory has no interval). */
function memoryPhrase(a: Usable, labelSizes: boolean): string | undefined {
  for (const e of a.evidence) {
    const at = labelSizes ? ` at ${e.size}` : '';
    const mine = e.row.resources?.peakRssBytes;
    const node = e.node.resources?.peakRssBytes;
    if (mine !== undefined && node !== undefined) return `peak RSS${at} ${difference(mine, node, formatBytes)}`;
    const used = lambdaFields(e.row).maxMemoryUsedMB;
    const nodeUsed = lambdaFields(e.node).maxMemoryUsedMB;
    if (used !== undefined && nodeUsed !== undefined) return `max memory used${at} ${difference(used, nodeUsed, (v) => `${v} MB`)}`;
  }
  return undefined;
}

/**
 * Lambda $/1M against node's at the first size priced for both: from the
 * judged rows when the decision rests on Lambda, otherwise from the Lambda
 * configuration judgedRows would pick for this workload.
 */
function costPhrase(a: Usable, basis: string, rows: readonly ResultRecord[]): string | undefined {
  const lambda = basis === 'local' ? judgedRows(rows.filter((r) => r.placement === 'lambda')) : { basis, rows: [...rows] };
  if (lambda.rows.length === 0) return undefined;
  const priced = (target: string, size: SizeName): number | undefined => {
    const row = lambda.rows.find((r): r is CompletedResult => r.target === target && r.size === size && isValid(r));
    return row ? lambdaFields(row).costPerMillionUsd : undefined;
  };
  for (const size of SIZE_NAMES) {
    const mine = priced(a.target, size);
    const node = priced(baselineTarget(), size);
    if (mine === undefined || node === undefined) continue;
    const where = [basis === 'local' ? lambda.basis.replace(/^lambda /, '') : '', a.evidence.length > 1 || basis === 'local' ? size : ''].filter(Boolean).join(', ');
    return `Lambda $/1M${where ? ` (${where})` : ''} ${difference(mine, node, formatUsd)}`;
  }
  return undefined;
}

/** Sizes of one target whose warm comparison has no verdict. */
const undecidedSizes = (a: Usable, verdict: 'unresolved' | 'too-few-samples'): SizeName[] => a.evidence.filter((e) => e.warm?.verdict === verdict).map((e) => e.size);

/** decideWorkload's recommendation in a few words, with its reason. */
export function closingRecommendation(d: WorkloadDecision): ClosingRecommendation {
  if (!againstOtherVariant(d)) return againstNode(d);
  const rec = d.recommendation;
  const shown = shownAssessment(d);
  const words = shown ? `${comparisonWords(shown, d)}; ` : '';
  if (rec.kind === 'stay-on-node' && rec.because !== 'no-valid-alternative') {
    const why = rec.because === 'slower' ? 'moving would make the handler slower than the Node code a team would write' : 'no Wasm option differs significantly from the Node code a team would write, so the simpler toolchain wins';
    return { headline: `stay on ${stayHeadline(d)}`, reason: `${words}${why}` };
  }
  const port = againstNode(d);
  if (rec.kind === 'stay-on-node') return { headline: `stay on ${stayHeadline(d)}`, reason: port.reason };
  // Every other verdict reads as against node does, naming the Node variant it was judged against.
  return { headline: port.headline, reason: `${port.reason} (judged against ${nodeBaselineLabel(d)}, the fastest verified Node variant)` };
}

/** The recommendation worded against node (the only Node variant, or the fastest one). */
function againstNode(d: WorkloadDecision): ClosingRecommendation {
  const rec = d.recommendation;
  const usable = (target: string) => d.assessments.find((a): a is Usable => a.target === target && a.kind !== 'excluded');
  switch (rec.kind) {
    case 'no-recommendation':
      return { headline: 'no recommendation', reason: rec.reason };
    case 'stay-on-node':
      return {
        headline: 'stay on node',
        reason:
          rec.because === 'no-significant-difference'
            ? 'no alternative differs significantly warm at any size measured, so the simpler toolchain wins'
            : rec.because === 'slower'
              ? 'no alternative is faster warm at any size measured, and one is slower'
              : 'no alternative has a valid measurement',
      };
    case 'consider-target': {
      const a = usable(rec.target);
      const cold = a?.cold ?? 'not-measured';
      const coldText =
        cold === 'not-measured'
          ? a && coldFiguresMeasured(a.evidence)
            ? 'cold starts measured without an interval against node: compare them before deciding'
            : 'cold start not measured: measure it before deciding'
          : cold === 'unresolved' ? 'its cold start is unresolved at some size: measure more cold samples before deciding' : 'its cold start is not slower';
      return { headline: `consider ${rec.target}`, reason: `faster warm at every size measured (at least ${a ? a.conservativeSpeedup.toFixed(2) : '?'}× by the CI bound nearest 1); ${coldText}` };
    }
    case 'depends-on-invocation-pattern': {
      const even = rec.breakEven;
      const repaid = even ? `; the extra cold start is repaid after about ${even.calls} warm calls per environment (medians at ${even.size})` : '';
      return {
        headline: 'depends on the invocation pattern',
        reason: `${rec.target} is faster warm at every size measured but slower to start cold${repaid}; stay on node for functions that mostly start cold`,
      };
    }
    case 'depends-on-payload-size': {
      const evidence = usable(rec.target)?.evidence ?? [];
      const faster = evidence.filter((e) => e.warm?.verdict === 'faster').map((e) => e.size);
      const rest = evidence.filter((e) => e.warm?.verdict !== 'faster').map((e) => e.size);
      return { headline: 'depends on the payload size', reason: `${rec.target} is faster warm at ${faster.join(', ')} but not at ${rest.join(', ')}; stay on node unless payloads are known to be where it wins` };
    }
    case 'unresolved': {
      const where = rec.targets.map((target) => {
        const a = usable(target);
        const sizes = a ? a.evidence.filter((e) => e.warm && !isDecided(e.warm.verdict)).map((e) => e.size) : [];
        return `${target}${sizes.length > 0 ? ` at ${sizes.join(', ')}` : ''}`;
      });
      return { headline: 'not decided', reason: `no verdict for ${where.join('; ')} (neither a difference nor its absence shown); rerun with more processes (--forks)` };
    }
  }
}

/** What weakens one workload's answer, besides what the whole run shares. */
function entryCaveats(d: WorkloadDecision, rows: readonly ResultRecord[]): string[] {
  const caveats: string[] = [];
  const usable = d.assessments.filter((a): a is Usable => a.kind !== 'excluded');
  const judged = judgedRows(rows).rows;
  const sizes = SIZE_NAMES.filter((size) => judged.some((r) => isBaseline(r.target) && r.size === size && isValid(r) && r.warm));
  if (sizes.length > 0 && sizes.length < SIZE_NAMES.length) caveats.push(`only ${sizes.join(', ')} measured`);
  // Targets an unresolved recommendation names are already said to have no verdict.
  const named = d.recommendation.kind === 'unresolved' ? d.recommendation.targets : [];
  for (const verdict of ['unresolved', 'too-few-samples'] as const) {
    const where = usable.filter((a) => !named.includes(a.target)).flatMap((a) => {
      const at = undecidedSizes(a, verdict);
      return at.length > 0 ? [`${a.target} at ${at.join(', ')}`] : [];
    });
    if (where.length > 0) caveats.push(`${verdict === 'unresolved' ? 'unresolved' : 'too few samples for a verdict'}: ${where.join('; ')}`);
  }
  for (const a of d.assessments) {
    if (a.kind !== 'excluded') continue;
    const bad = judged.find((r) => r.target === a.target && gapReason(r) !== undefined);
    const gap = bad ? gapReason(bad) : undefined;
    const what = bad && gap ? `${gapLabel(gap.kind)}${gap.failure && gap.kind === 'failed' ? ` (${gap.failure})` : ''} at ${bad.size}` : a.reason;
    caveats.push(`${a.target} not judged: ${what}`);
  }
  return caveats;
}

/** The caveats every workload's answer shares, stated once. */
function runNotes(run: RunRecord): string[] {
  const notes: string[] = [];
  if (run.state !== undefined && run.state !== 'completed') notes.push(`INCOMPLETE RUN (${run.state}): the verdicts rest on the finished groups only`);
  if (run.calibration?.state === 'failed') notes.push('CALIBRATION FAILED: the controls caught the method being wrong in this run; treat every verdict as suspect');
  if (run.calibration?.state === 'inconclusive') {
    notes.push('CALIBRATION INCONCLUSIVE: the run was too short for the controls to resolve their known ratios; differences it could not resolve are not shown as faster or slower');
  }
  if (run.config['quick'] === true) notes.push('smoke run (--quick): short measurements in few processes, a first look; rerun without --quick before deciding');
  return notes;
}

/** The block of a run: one entry per workload, in the order of the run. Pure. */
export function closingBlock(run: RunRecord): ClosingBlock {
  const entries = groupByWorkload(run).map(({ workload, results }): ClosingEntry => {
    const decision = decideWorkload(workload, results);
    const shown = shownAssessment(decision);
    const figures: string[] = [];
    if (shown) {
      const labelSizes = shown.evidence.length > 1;
      if (shown.evidence.some((e) => !isBaseline(e.nodeBaseline))) {
        // The verdict's comparison first, then the same algorithm in TypeScript as the second one.
        const warm = comparisonFigures(shown, decision);
        figures.push(`${shown.target} warm ${warm.verdict}`, ...(warm.sameAlgorithm ? [warm.sameAlgorithm] : []));
      } else {
        figures.push(warmPhrase(shown));
      }
      figures.push(...coldPhrases(shown, labelSizes));
      const memory = memoryPhrase(shown, labelSizes);
      if (memory) figures.push(memory);
      const cost = costPhrase(shown, decision.basis, decision.basis === 'local' ? results : judgedRows(results).rows);
      if (cost) figures.push(cost);
    }
    const native = nativeDistancePhrase(results);
    if (native) figures.push(native);
    return { workload, basis: decision.basis, figures, recommendation: closingRecommendation(decision), caveats: entryCaveats(decision, results), decision };
  });
  // A caveat every workload has (e.g. "only small measured" in a smoke run) is said once, above them.
  const shared = entries.length > 1 ? entries[0]!.caveats.filter((c) => entries.every((e) => e.caveats.includes(c))) : [];
  const bases = [...new Set(entries.map((e) => e.basis))];
  const lambdaOnly = bases.length === 1 && bases[0] !== 'local' ? [`no local rows: every workload is judged on ${bases[0]} (warm = REPORT Duration)`] : [];
  // Across Node versions the verdicts rest on one of them: said once, with the others the table shows.
  const localEngine = entries.find((e) => e.decision.localEngine)?.decision.localEngine;
  const otherNodes = [...new Set(run.results.filter((r) => r.placement === 'local' && r.engine !== undefined && /^node\d+$/.test(r.engine) && r.engine !== localEngine).map((r) => r.engine as string))].sort();
  const nodeBasis = localEngine ? [`verdicts judge ${judgedEngineText(localEngine).replace(/; other Node versions in the workload tables\)$/, ')')}${otherNodes.length > 0 ? `; ${otherNodes.join(', ')} are in the table above, not judged` : ''}`] : [];
  return {
    notes: [...runNotes(run), ...lambdaOnly, ...nodeBasis, ...(shared.length > 0 ? [`every workload: ${shared.join('; ')}`] : [])],
    entries: entries.map((e) => ({ ...e, caveats: e.caveats.filter((c) => !shared.includes(c)) })),
  };
}

/**
 * "sha256", or "sha256 (lambda 1769MB-x86_64)" when workloads rest on
 * different rows (local for some, one Lambda configuration for others); a
 * basis every workload shares is said once, in the notes.
 */
function entryName(e: ClosingEntry, block: ClosingBlock): string {
  return e.basis === 'local' || block.entries.every((other) => other.basis === e.basis) ? e.workload : `${e.workload} (${e.basis})`;
}

/** Widest name column before a name gets a line of its own. */
const NAME_COLUMN_MAX = 20;

/**
 * The block as terminal lines, none wider than `width` columns: a heading,
 * the run-wide caveats, then per workload its figures next to its name and
 * "-> recommendation: reason" under them, with a hanging indent.
 */
export function closingLines(run: RunRecord, width = 120): string[] {
  const block = closingBlock(run);
  if (block.entries.length === 0) return [];
  const heading = captionOf(block) === CLOSING_CAPTION
    ? "verdict per workload (best alternative vs node, 95% CIs; the recommendation is the ADR draft's):"
    : "verdict per workload (best Wasm option vs the fastest verified Node variant, then vs node, the same algorithm; 95% CIs; the recommendation is the ADR draft's):";
  const lines = wrap(heading, width, '', '  ');
  for (const note of block.notes) lines.push(...wrap(note, width, '  ! ', '    '));
  const nameWidth = Math.min(NAME_COLUMN_MAX, Math.max(...block.entries.map((e) => columns(entryName(e, block))))) + 2;
  const indent = ' '.repeat(nameWidth);
  for (const entry of block.entries) {
    const name = entryName(entry, block);
    const paragraphs: Array<readonly [string, string, string]> = [];
    if (entry.figures.length > 0) paragraphs.push([entry.figures.join('; '), indent, indent]);
    paragraphs.push([`${entry.recommendation.headline}: ${entry.recommendation.reason}`, `${indent}-> `, `${indent}   `]);
    if (entry.caveats.length > 0) paragraphs.push([entry.caveats.join('; '), `${indent}   caveats: `, `${indent}   `]);
    // A name that fits the column starts the first line; a longer one gets a line of its own.
    const own = columns(name) > NAME_COLUMN_MAX;
    if (own) lines.push(...wrap(name, width));
    paragraphs.forEach(([text, first, rest], i) => {
      const lead = i === 0 && !own ? name.padEnd(nameWidth) + first.slice(nameWidth) : first;
      lines.push(...wrap(text, width, lead, rest));
    });
  }
  return lines;
}

/** The block as a Markdown section ("## Verdict per workload"), or "" for a run without results. */
export function closingMarkdown(run: RunRecord, level = 2): string {
  const block = closingBlock(run);
  if (block.entries.length === 0) return '';
  const parts = [`${'#'.repeat(level)} Verdict per workload\n`, `_${escapeMarkdown(capitalised(captionOf(block)))}._\n`];
  if (block.notes.length > 0) parts.push(`${block.notes.map((note) => `> ${escapeMarkdown(note)}`).join('\n>\n')}\n`);
  const items = block.entries.map((e) => {
    const figures = e.figures.length > 0 ? `: ${escapeMarkdown(e.figures.join('; '))}` : '';
    const caveats = e.caveats.length > 0 ? ` _Caveats: ${escapeMarkdown(e.caveats.join('; '))}._` : '';
    // A backslash at the end of a line is a hard break: the recommendation starts its own line when rendered.
    return `- **${escapeMarkdown(entryName(e, block))}**${figures}\\\n  → **${escapeMarkdown(capitalised(e.recommendation.headline))}**: ${escapeMarkdown(e.recommendation.reason)}.${caveats}`;
  });
  parts.push(`${items.join('\n')}\n`);
  return parts.join('\n');
}

/** The block as an HTML section, or "" for a run without results. */
export function closingHtml(run: RunRecord): string {
  const block = closingBlock(run);
  if (block.entries.length === 0) return '';
  const notes = block.notes.length > 0 ? `<ul>\n${block.notes.map((note) => `<li><strong>${escapeXml(note)}</strong></li>`).join('\n')}\n</ul>\n` : '';
  const items = block.entries.map((e) => {
    const figures = e.figures.length > 0 ? `: ${escapeXml(e.figures.join('; '))}` : '';
    const caveats = e.caveats.length > 0 ? ` <em>Caveats: ${escapeXml(e.caveats.join('; '))}.</em>` : '';
    return `<li><strong>${escapeXml(entryName(e, block))}</strong>${figures}<br>→ <strong>${escapeXml(capitalised(e.recommendation.headline))}</strong>: ${escapeXml(e.recommendation.reason)}.${caveats}</li>`;
  });
  return `<section>\n<h2>Verdict per workload</h2>\n<p class="caption">${escapeXml(capitalised(captionOf(block)))}.</p>\n${notes}<ul>\n${items.join('\n')}\n</ul>\n</section>\n`;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
