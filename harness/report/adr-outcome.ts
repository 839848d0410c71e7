/**
 * The decision of an ADR draft in words: the option chosen for each
 * workload and why, the short verdict the published-runs index lists, the
 * title that states the decision, and its consequences. Every word here
 * is read off adr-decide.ts's recommendation, which stays the single
 * source of what is recommended; this file only says it.
 *
 * Not decided (unresolved, too few samples, depends on traffic) never
 * reads as a choice of an alternative, nor as "no difference": node stays
 * because nothing has been decided, and the draft says so.
 */
import type { SizeName } from '../contract/index.js';
import type { TargetAssessment, WorkloadDecision } from './adr-decide.js';
import { isDecided } from '../stats/verdict.js';
import { formatFactor } from './format.js';
import { hasColdStart } from './adr-details.js';
import { againstOtherVariant, comparisonWords, shownAssessment } from './node-baseline.js';
import { isNodeVariant } from './rows.js';
import { baselineTarget, isBaseline } from '../targets/display.js';

type Assessed = Exclude<TargetAssessment, { kind: 'excluded' }>;

/** The option chosen for one workload, or none yet, with the reason and a short form. */
export interface ChosenOption {
  readonly workload: string;
  /** The target chosen, or undefined when nothing is decided yet (node then stays, as the status quo). */
  readonly chosen?: string;
  /** Why, as a clause that follows "because". */
  readonly because: string;
  /** A few words for an index or a title: "wasm", "node", "not decided (unresolved)". */
  readonly headline: string;
}

/** "small", "small and large", "small, medium and large". */
export function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** The sizes a target was compared at, in words; a single size is said to be the only one. */
function atSizes(sizes: readonly SizeName[]): string {
  return sizes.length === 1 ? `at ${sizes[0]}, the only size compared` : `at ${joinWords(sizes)}`;
}

function assessed(decision: WorkloadDecision, target: string): Assessed | undefined {
  const a = decision.assessments.find((x) => x.target === target);
  return a && a.kind !== 'excluded' ? a : undefined;
}

/** The cold-start clause of a target chosen for its warm speed, naming the sizes cold starts were compared at. */
function coldClause(a: Assessed): string {
  const compared = a.evidence.filter((e) => e.cold).map((e) => e.size);
  const at = compared.length === 0 ? '' : a.evidence.length === compared.length ? '' : ` (compared at ${joinWords(compared)} only)`;
  switch (a.cold) {
    case 'faster':
      return `, and its cold start${at} is faster than node's`;
    case 'no-significant-difference':
      return `, and its cold start${at} shows no significant difference from node's`;
    case 'mixed':
      return `, and its cold start${at} is not slower than node's (faster at some sizes, no significant difference at others)`;
    case 'unresolved':
      return `; its cold-start comparison with node${at} is unresolved at some size, so measure more cold samples before adopting it`;
    case 'slower':
      return `; its cold start${at} is slower than node's`;
    case 'not-measured':
      return a.evidence.some((e) => hasColdStart(e.row) && hasColdStart(e.node))
        ? "; its cold start has no ratio interval against node's in this run (the figures are under More Information), so compare cold starts before adopting it"
        : '; its cold start was not measured, so measure it before adopting it';
  }
}

/** The option chosen for a workload, read off its recommendation. */
export function chosenOption(decision: WorkloadDecision): ChosenOption {
  const rec = decision.recommendation;
  const workload = decision.workload;
  switch (rec.kind) {
    case 'consider-target': {
      const a = assessed(decision, rec.target);
      const sizes = a ? a.evidence.map((e) => e.size) : [];
      const bound = a ? ` (at least ${formatFactor(a.conservativeSpeedup)}× by the CI bound closest to 1)` : '';
      return { workload, chosen: rec.target, headline: rec.target, because: `it is significantly faster warm ${atSizes(sizes)}${bound}${a ? coldClause(a) : ''}` };
    }
    case 'stay-on-node': {
      const shown = shownAssessment(decision);
      if (againstOtherVariant(decision) && shown && rec.because !== 'no-valid-alternative') {
        // The Node code a team would write is what stays: choosing the port here would be advice to keep the slower Node.
        const variant = decision.nodeBaseline;
        const outcome = rec.because === 'slower' ? 'moving would make the handler slower than this Node code' : 'no Wasm option differs significantly from it, and it is the simpler toolchain';
        return { workload, chosen: variant, headline: `${variant} (Node.js)`, because: `it is the Node code a team would write, and the fastest verified Node variant: ${comparisonWords(shown, decision)}; ${outcome}` };
      }
      const because =
        rec.because === 'no-significant-difference'
          ? 'no alternative differs significantly from it in warm time at any size compared, and it is the simpler toolchain (one implementation, no Wasm build or ABI)'
          : rec.because === 'slower'
            ? 'no alternative is significantly faster warm at any size compared, and at least one is significantly slower'
            : 'no alternative has a valid measurement, so there is nothing valid to move to';
      return { workload, chosen: 'node', headline: 'node', because };
    }
    case 'depends-on-invocation-pattern':
      return {
        workload,
        headline: `not decided (${rec.target} faster warm, slower cold)`,
        because: `${rec.target} is significantly faster warm at every size compared but slower to start cold, so the answer depends on how often the function starts cold`,
      };
    case 'depends-on-payload-size': {
      const a = assessed(decision, rec.target);
      const faster = a ? a.evidence.filter((e) => e.warm?.verdict === 'faster').map((e) => e.size) : [];
      const rest = a ? a.evidence.filter((e) => e.warm?.verdict !== 'faster').map((e) => e.size) : [];
      return {
        workload,
        headline: `not decided (${rec.target} faster at ${joinWords(faster)} only)`,
        because: `${rec.target} is significantly faster warm at ${joinWords(faster)} but not at ${joinWords(rest)}, so the answer depends on the production payload sizes`,
      };
    }
    case 'unresolved': {
      const where = rec.targets.map((target) => {
        const a = assessed(decision, target);
        const sizes = a ? a.evidence.filter((e) => e.warm && !isDecided(e.warm.verdict)).map((e) => e.size) : [];
        return `${target}${sizes.length > 0 ? ` at ${joinWords(sizes)}` : ''}`;
      });
      return {
        workload,
        headline: 'not decided (unresolved)',
        because: `the warm comparison with ${decision.nodeBaseline} has no verdict (${where.join('; ')}): the interval is too wide, or rests on too few processes, to show a difference or its absence`,
      };
    }
    case 'no-recommendation':
      return { workload, headline: 'no recommendation (node not measured validly)', because: `${rec.reason}, so nothing can be compared with it` };
  }
}

/** One line of the Decision Outcome: 'Chosen option: "wasm", because …', or why nothing is chosen yet. */
export function outcomeLine(c: ChosenOption): string {
  if (c.chosen !== undefined) return `${c.workload}: Chosen option: "${c.chosen}", because ${c.because}.`;
  return `${c.workload}: No option chosen yet, because ${c.because}; "node" stays as it is until a run decides it.`;
}

/** The title: the decision in one line, workloads grouped by what happens to them. */
export function adrTitle(chosen: readonly ChosenOption[]): string {
  const byTarget = new Map<string, string[]>();
  // Every Node variant chosen is "keep on Node.js": node-idiomatic is Node, not something to move to.
  for (const c of chosen) if (c.chosen !== undefined) byTarget.set(isNodeVariant(c.chosen) ? baselineTarget() : c.chosen, [...(byTarget.get(isNodeVariant(c.chosen) ? baselineTarget() : c.chosen) ?? []), c.workload]);
  const undecided = chosen.filter((c) => c.chosen === undefined).map((c) => c.workload);
  const node = byTarget.get(baselineTarget()) ?? [];
  const allOnNode = node.length === chosen.length && chosen.length > 1;
  const parts = [
    ...[...byTarget].filter(([target]) => !isBaseline(target)).map(([target, workloads]) => `run ${joinWords(workloads)} as ${target}`),
    ...(node.length > 0 ? [`keep ${allOnNode ? `all ${chosen.length} workloads` : joinWords(node)} on Node.js`] : []),
    ...(undecided.length > 0 ? [`decide ${joinWords(undecided)} later`] : []),
  ];
  const title = parts.join('; ');
  return `${title.charAt(0).toUpperCase()}${title.slice(1)}`;
}

/** Good and bad consequences of the decision as a whole, one bullet each. */
export function consequences(chosen: readonly ChosenOption[], decisions: readonly WorkloadDecision[]): string[] {
  const moving = chosen.filter((c) => c.chosen !== undefined && !isNodeVariant(c.chosen));
  const staying = chosen.filter((c) => c.chosen !== undefined && isNodeVariant(c.chosen));
  const undecided = chosen.filter((c) => c.chosen === undefined);
  const speedup = (c: ChosenOption): string => {
    const a = assessed(decisions.find((d) => d.workload === c.workload)!, c.chosen!);
    return a ? `${c.workload} (at least ${formatFactor(a.conservativeSpeedup)}× faster warm)` : c.workload;
  };
  const out: string[] = [];
  if (moving.length > 0) out.push(`Good, because ${joinWords(moving.map(speedup))} would spend less time per warm call, which Lambda bills by duration.`);
  if (staying.length > 0) out.push(`Good, because ${joinWords(staying.map((c) => c.workload))} keep${staying.length === 1 ? 's' : ''} one implementation and no Wasm toolchain.`);
  if (moving.length > 0) {
    out.push(
      `Bad, because each moved workload (${joinWords(moving.map((c) => `${c.workload} → ${c.chosen}`))}) needs its Wasm implementation or toolchain kept in the repository, built in CI and verified against the same expected outputs as node.`,
    );
  }
  if (undecided.length > 0) {
    out.push(`Bad, because ${joinWords(undecided.map((c) => c.workload))} stay${undecided.length === 1 ? 's' : ''} undecided: measure production traffic (cold-start share, payload sizes) or rerun with more processes before choosing.`);
  }
  out.push('Bad, because the decision rests on one run on one machine: it holds only while a rerun (see Confirmation) gives the same verdicts.');
  return out;
}
