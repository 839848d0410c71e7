/**
 * The words every reader of a verdict needs about its Node side: which Node
 * variant the verdict is against ("node-idiomatic (node:crypto)", what a team
 * would write, or node, the port) and, when that is not the port, how the
 * same algorithm in TypeScript compares as the second comparison.
 *
 * The closing block (closing.ts) and the ADR draft (adr.ts, adr-outcome.ts)
 * read their wording from here, so the terminal, the reports and the ADR name
 * the same baseline the same way. A decision against `node` gets no new
 * words at all: runs without another Node variant read as they always did.
 */
import { SIZE_NAMES, type SizeName, type Verdict } from '../contract/index.js';
import type { SizeEvidence, TargetAssessment, WorkloadDecision } from './adr-decide.js';
import { formatVsNode } from './format.js';
import { isBaseline } from '../targets/display.js';

type Usable = Exclude<TargetAssessment, { kind: 'excluded' }>;

/** True when the verdict is against a Node variant other than the port (the second comparison then has something to say). */
export function againstOtherVariant(decision: Pick<WorkloadDecision, 'nodeBaseline'>): boolean {
  return !isBaseline(decision.nodeBaseline);
}

/** "node-idiomatic: node:crypto", or the variant's name alone when it recorded nothing it calls. */
export function nodeBaselineLabel(decision: Pick<WorkloadDecision, 'nodeBaseline' | 'nodeBaselineCalls'>): string {
  return decision.nodeBaselineCalls ? `${decision.nodeBaseline}: ${decision.nodeBaselineCalls}` : decision.nodeBaseline;
}

/** The headline's Node side: "Node.js (node-idiomatic: node:crypto)". */
export function stayHeadline(decision: WorkloadDecision): string {
  return `Node.js (${nodeBaselineLabel(decision)})`;
}

/** How a verdict reads in a sentence about a comparison: "faster", "not significantly different", "undecided". */
function verdictWord(verdict: Verdict): string {
  switch (verdict) {
    case 'faster':
      return 'faster';
    case 'slower':
      return 'slower';
    case 'no-significant-difference':
      return 'not significantly different';
    case 'unresolved':
    case 'too-few-samples':
      return 'undecided';
  }
}

/** "slower warm at every size measured", or "slower warm at small, not significantly different at large" (`what`: " warm", or ""). */
function verdictsBySize(items: ReadonlyArray<readonly [SizeName, Verdict]>, what = ''): string {
  const groups = new Map<string, SizeName[]>();
  for (const [size, verdict] of items) groups.set(verdictWord(verdict), [...(groups.get(verdictWord(verdict)) ?? []), size]);
  if (groups.size === 1) return `${[...groups.keys()][0]}${what} at every size measured`;
  return [...groups].map(([word, sizes], i) => `${word}${i === 0 ? what : ''} at ${sizes.join(', ')}`).join(', ');
}

/**
 * One sentence of words, no figures: "against node-idiomatic (node:crypto,
 * what a team would write), wasm is slower warm at every size measured,
 * though against the same algorithm in TypeScript (node) it is faster at
 * every size measured". The figures with their intervals are in
 * {@link comparisonFigures}.
 */
export function comparisonWords(a: Usable, decision: WorkloadDecision): string {
  const against = a.evidence.filter((e) => e.warm && e.nodeBaseline === decision.nodeBaseline);
  const same = a.evidence.filter((e) => e.sameAlgorithm);
  const what = decision.nodeBaselineCalls ? `${decision.nodeBaseline} (${decision.nodeBaselineCalls}, what a team would write)` : `${decision.nodeBaseline} (what a team would write)`;
  const first = `against ${what}, ${a.target} is ${verdictsBySize(against.map((e) => [e.size, e.warm!.verdict]), ' warm')}`;
  if (same.length === 0) return first;
  const word = (e: SizeEvidence) => verdictWord(e.sameAlgorithm!.verdict);
  const differs = against.some((e) => e.sameAlgorithm && word(e) !== verdictWord(e.warm!.verdict));
  return `${first}, ${differs ? 'though' : 'and'} against the same algorithm in TypeScript (node) it is ${verdictsBySize(same.map((e) => [e.size, e.sameAlgorithm!.verdict]))}`;
}

/**
 * The two comparisons with their intervals, per size: "vs node-idiomatic
 * (node:crypto): 3.52× slower [3.36–3.69] (3 processes) at small" and "vs
 * node, the same algorithm in TypeScript: 1.60× faster [1.58–1.62] (3
 * processes) at small". A size judged against another variant says so.
 */
export function comparisonFigures(a: Usable, decision: WorkloadDecision): { readonly verdict: string; readonly sameAlgorithm?: string } {
  const sizeLabel = (e: SizeEvidence): string => (e.nodeBaseline === decision.nodeBaseline ? `at ${e.size}` : `at ${e.size} (vs ${e.nodeBaseline}, the fastest there)`);
  const verdict = a.evidence
    .filter((e) => e.warm)
    .map((e) => `${formatVsNode(e.warm!, e.row.placement)} ${sizeLabel(e)}`)
    .join(', ');
  const same = a.evidence.filter((e) => e.sameAlgorithm).map((e) => `${formatVsNode(e.sameAlgorithm!, e.row.placement)} at ${e.size}`);
  const name = decision.nodeBaselineCalls ? `${decision.nodeBaseline} (${decision.nodeBaselineCalls})` : decision.nodeBaseline;
  return { verdict: `vs ${name}: ${verdict}`, ...(same.length > 0 ? { sameAlgorithm: `vs node, the same algorithm in TypeScript: ${same.join(', ')}` } : {}) };
}

/** The alternative the entry quotes: the one the recommendation names, else the one with the best worst-case speed-up (CI bound nearest 1). */
export function shownAssessment(d: WorkloadDecision): Usable | undefined {
  const usable = d.assessments.filter((a): a is Usable => a.kind !== 'excluded');
  const rec = d.recommendation;
  const named = 'target' in rec ? rec.target : rec.kind === 'unresolved' ? rec.targets[0] : undefined;
  const chosen = usable.find((a) => a.target === named);
  if (chosen) return chosen;
  // Ranked on the sizes every candidate was measured at: a target measured only at small is not "best" for skipping large.
  const common = SIZE_NAMES.filter((size) => usable.every((a) => a.evidence.some((e) => e.size === size && e.warm)));
  const worst = (a: Usable): number => {
    const compared = a.evidence.filter((e) => e.warm && (common.length === 0 || common.includes(e.size)));
    return Math.min(...compared.map((e) => 1 / e.warm!.ci95[1]));
  };
  return [...usable].sort((x, y) => worst(y) - worst(x))[0];
}
