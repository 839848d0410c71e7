/**
 * "Considered Options" and "Pros and Cons of the Options" of the ADR draft.
 * The options are the targets the run measured (node, the baseline, the
 * other Node variants such as node-idiomatic, and each Wasm variant). A Wasm
 * option's pros and cons are the verdicts it got across the workloads
 * against the fastest verified Node variant (named where it is not node),
 * then, as neutral context, against node as the same algorithm; a Node
 * variant's are where it was the fastest. Grouped by what they say, plus
 * what each option costs to maintain, which no measurement shows. Verdicts
 * that decide nothing (unresolved, too few samples) are listed as neutral,
 * never as a pro or a con.
 */
import type { SizeName } from '../contract/index.js';
import type { TargetAssessment, WorkloadDecision } from './adr-decide.js';
import { isDecided } from '../stats/verdict.js';
import { joinWords } from './adr-outcome.js';
import { coldFiguresMeasured } from './adr-details.js';
import { escapeMarkdown } from './markdown-text.js';
import { isNodeVariant } from './rows.js';
import { baselineTarget, isBaseline, targetLabel, targetOption } from '../targets/display.js';

/** What a target is, for the Options section (its descriptor's words); undefined for a target the registry does not know. */
export function targetDescription(target: string): string | undefined {
  return targetOption(target)?.option;
}

/** What an option costs to keep, whatever the figures say; empty for a target the registry does not know. */
function upkeep(target: string): string[] {
  const words = targetOption(target)?.upkeep;
  return words === undefined ? [] : [words];
}

type Assessed = Exclude<TargetAssessment, { kind: 'excluded' }>;
type Bucket = 'faster' | 'slower' | 'same' | 'undecided';
/** Which comparison of a size is read: the verdict's warm one, the same-algorithm one against node (when they differ), or cold. */
type Pick = 'warm' | 'sameAlgorithm' | 'cold';

/** "graph at small, medium and large; image at small". */
function where(entries: ReadonlyArray<readonly [string, readonly SizeName[]]>): string {
  return entries.map(([workload, sizes]) => `${workload} at ${joinWords(sizes)}`).join('; ');
}

/** Workloads and sizes of one target, grouped by the verdict of `pick` (warm or cold). */
function grouped(decisions: readonly WorkloadDecision[], target: string, pick: Pick): Map<Bucket, Array<[string, SizeName[]]>> {
  const out = new Map<Bucket, Array<[string, SizeName[]]>>();
  for (const d of decisions) {
    const a = d.assessments.find((x): x is Assessed => x.target === target && x.kind !== 'excluded');
    if (!a) continue;
    const bySize = new Map<Bucket, SizeName[]>();
    for (const e of a.evidence) {
      const v = e[pick]?.verdict;
      if (v === undefined) continue;
      const bucket: Bucket = !isDecided(v) ? 'undecided' : v === 'faster' ? 'faster' : v === 'slower' ? 'slower' : 'same';
      bySize.set(bucket, [...(bySize.get(bucket) ?? []), e.size]);
    }
    // A warm verdict against another Node variant names it next to the workload.
    const variants = pick === 'warm' ? [...new Set(a.evidence.filter((e) => !isBaseline(e.nodeBaseline)).map((e) => e.nodeBaseline))] : [];
    const label = variants.length > 0 ? `${d.workload} (vs ${variants.join(', ')})` : d.workload;
    for (const [bucket, sizes] of bySize) out.set(bucket, [...(out.get(bucket) ?? []), [label, sizes]]);
  }
  return out;
}

/** Good / Neutral / Bad bullets of one non-node target. */
function targetBullets(decisions: readonly WorkloadDecision[], target: string): string[] {
  const warm = grouped(decisions, target, 'warm');
  const same = grouped(decisions, target, 'sameAlgorithm');
  const cold = grouped(decisions, target, 'cold');
  const out: string[] = [];
  // Runs where every verdict is against node keep their wording; otherwise the comparison is with the fastest Node variant, named per workload.
  const than = same.size > 0 ? 'the fastest verified Node variant' : 'node';
  const add = (map: Map<Bucket, Array<[string, SizeName[]]>>, bucket: Bucket, text: string) => {
    const entries = map.get(bucket);
    if (entries && entries.length > 0) out.push(`${text}: ${where(entries)}.`);
  };
  add(warm, 'faster', `Good, because it is significantly faster warm than ${than} for`);
  add(cold, 'faster', "Good, because its cold start is significantly faster than node's for");
  add(warm, 'same', `Neutral, because its warm time shows no significant difference from ${than === 'node' ? "node's" : `that of ${than}`} for`);
  add(cold, 'same', "Neutral, because its cold start shows no significant difference from node's for");
  add(warm, 'undecided', `Neutral, because its warm comparison with ${than} is not decided (unresolved or too few samples) for`);
  add(cold, 'undecided', 'Neutral, because its cold-start comparison with node is not decided (unresolved or too few samples) for');
  if (cold.size === 0) {
    // Figures without an interval (older Lambda runs) are pointed to; a run without any cold start says so, never pointing to figures it lacks.
    const measured = decisions.some((d) => d.assessments.some((a) => a.target === target && a.kind !== 'excluded' && coldFiguresMeasured(a.evidence)));
    out.push(
      measured
        ? 'Neutral, because no cold-start comparison with node has an interval in this run (see More Information for the figures measured).'
        : 'Neutral, because its cold start was not measured in this run.',
    );
  }
  add(warm, 'slower', `Bad, because it is significantly slower warm than ${than} for`);
  for (const bucket of ['faster', 'same', 'slower', 'undecided'] as const) {
    const word = bucket === 'same' ? 'not significantly different from' : bucket === 'undecided' ? 'not decided against' : `${bucket} than`;
    add(same, bucket, `Neutral, because as the same algorithm it is ${word} node, the TypeScript port (the second comparison, not the verdict), for`);
  }
  add(cold, 'slower', "Bad, because its cold start is significantly slower than node's for");
  const excluded = decisions.flatMap((d) => d.assessments.filter((a) => a.target === target && a.kind === 'excluded').map((a) => `${d.workload} (${(a as { reason: string }).reason})`));
  if (excluded.length > 0) out.push(`Bad, because it has no valid measurement, so it cannot be judged, for: ${excluded.join('; ')}.`);
  out.push(...upkeep(target));
  return out;
}

/** Good / Neutral / Bad bullets of node, the baseline: the mirror of the alternatives' verdicts. */
function nodeBullets(decisions: readonly WorkloadDecision[]): string[] {
  const out = upkeep(baselineTarget());
  // Where another Node variant was the fastest, node did not keep the workload: that variant did.
  const kept = decisions.filter((d) => d.recommendation.kind === 'stay-on-node' && isBaseline(d.nodeBaseline)).map((d) => d.workload);
  if (kept.length > 0) out.push(`Good, because no alternative beats it warm for ${joinWords(kept)}.`);
  const beaten = decisions.flatMap((d) => {
    // Against node itself: the row's vsNode (the verdict's comparison when node is the fastest Node variant, the same-algorithm one otherwise).
    const winners = d.assessments.filter((a) => a.kind !== 'excluded' && a.evidence.some((e) => (e.sameAlgorithm ?? e.warm)?.verdict === 'faster')).map((a) => a.target);
    return winners.length > 0 ? [`${d.workload} (by ${joinWords(winners)})`] : [];
  });
  if (beaten.length > 0) out.push(`Bad, because an alternative is significantly faster warm at some size for ${beaten.join('; ')}.`);
  return out;
}

/** Good / Neutral bullets of a Node variant other than node: what it is, and where it was what the Wasm options were judged against. */
function variantBullets(decisions: readonly WorkloadDecision[], target: string): string[] {
  const fastest = decisions.flatMap((d) => {
    const sizes = [...new Set(d.assessments.flatMap((a) => (a.kind === 'excluded' ? [] : a.evidence.filter((e) => e.nodeBaseline === target).map((e) => e.size))))];
    return sizes.length > 0 ? [[d.workload, sizes] as [string, SizeName[]]] : [];
  });
  const kept = decisions.filter((d) => d.recommendation.kind === 'stay-on-node' && d.nodeBaseline === target).map((d) => d.workload);
  return [
    ...upkeep(target),
    ...(fastest.length > 0 ? [`Good, because it is the fastest verified Node variant, the one the Wasm options are judged against, for: ${where(fastest)}.`] : []),
    ...(kept.length > 0 ? [`Good, because no Wasm option beats it warm for ${joinWords(kept)}.`] : []),
    'Neutral, because it is Node.js either way: choosing it means writing the Node code this way, not a different runtime or build.',
  ];
}

/** The targets the run measured, node first; Node variants are options (what a team would write) whenever a valid judged row exists. */
export function optionTargets(decisions: readonly WorkloadDecision[], measured: readonly string[]): string[] {
  const assessedTargets = new Set(decisions.flatMap((d) => d.assessments.map((a) => a.target)));
  return measured.filter((t) => isNodeVariant(t) || assessedTargets.has(t));
}

/** The "## Pros and Cons of the Options" body: one "### option" per target with its bullets. */
export function prosAndCons(decisions: readonly WorkloadDecision[], targets: readonly string[], bullets: (items: readonly string[]) => string): string {
  return targets
    .map((t) => {
      const description = targetDescription(t);
      const body = t === baselineTarget() ? nodeBullets(decisions) : isNodeVariant(t) ? variantBullets(decisions, t) : targetBullets(decisions, t);
      return `### ${escapeMarkdown(targetLabel(t))}\n\n${description ? `${escapeMarkdown(capitalise(description))}.\n\n` : ''}${bullets(body)}\n`;
    })
    .join('\n');
}

function capitalise(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}
