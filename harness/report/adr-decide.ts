/**
 * The mechanical, conservative reading of one workload's numbers behind the
 * ADR draft. Node is the default (one implementation, no Wasm toolchain); a
 * target is only suggested when every one of its rows is valid and it is
 * significantly faster warm at every size measured. Invalid rows never count.
 *
 * The question is "Wasm, or what I would write in Node": the Node variants
 * (the registry's Node variants: the same-algorithm port `node` and `node-idiomatic`, e.g.
 * node:crypto) are never alternatives to move to. Each other target is
 * judged at each size against the fastest verified Node variant (the row's
 * vsFastestNode, recorded when that is not node; else vsNode), and the
 * comparison with the port stays as secondary, same-algorithm evidence.
 * Local, default-engine rows are judged; a workload measured only on Lambda
 * is judged on one Lambda configuration (see {@link judgedRows}); everything
 * else is context. An unresolved comparison, or one with too few samples for
 * a verdict, is evidence of nothing: it never counts as a win, nor as "no
 * difference" (which would favour node); a workload left with only such
 * evidence is reported as not decided.
 */
import type { CompletedResult, LambdaResult, ResultRecord, SizeName, VsBaseline } from '../contract/index.js';
import { SIZE_NAMES } from '../contract/index.js';
import { isDecided } from '../stats/verdict.js';
import { engineOf, gapLabel, gapReason, isNodeVariant, isValid, judgedLocalEngine, lambdaFields, unavailableText } from './rows.js';
import { baselineTarget, compareTargets, isBaseline, isReference, targetRank } from '../targets/display.js';

/** One size of a candidate target, compared with the fastest verified Node variant (warm) and with node (cold) at that size. */
export interface SizeEvidence {
  readonly size: SizeName;
  readonly row: CompletedResult;
  /** node's row (the port): cold start, memory and cost are compared with it. */
  readonly node: CompletedResult;
  /** The verdict's warm comparison: against `nodeBaseline`. */
  readonly warm?: VsBaseline;
  /** The Node variant `warm` is against: the fastest verified one at this size as the row recorded it (`node` when it recorded none). */
  readonly nodeBaseline: string;
  /** That variant's row at this size (node's row when the baseline is node; absent when the variant's row is not valid here). */
  readonly baselineRow?: CompletedResult;
  /** The same-algorithm comparison (the row's vsNode) when `warm` is against another Node variant: evidence shown, never the verdict. */
  readonly sameAlgorithm?: VsBaseline;
  readonly cold?: VsBaseline;
}

/**
 * Cold start compared with node over the sizes that have it: `unresolved`
 * when some size has no verdict (and none is slower), `mixed` for faster at
 * some sizes and no significant difference at others.
 */
export type ColdSummary = 'faster' | 'slower' | 'no-significant-difference' | 'mixed' | 'unresolved' | 'not-measured';

/**
 * What the numbers say about one non-node target of a workload. `unresolved`:
 * at some size the warm comparison has no verdict (unresolved, or too few
 * samples), so the target's evidence decides nothing.
 */
export type TargetAssessment =
  | { readonly target: string; readonly kind: 'excluded'; readonly reason: string }
  | {
      readonly target: string;
      readonly kind: 'faster-everywhere' | 'mixed' | 'not-faster' | 'unresolved';
      readonly evidence: readonly SizeEvidence[];
      /** Cold start compared with node over the sizes that have it. */
      readonly cold: ColdSummary;
      /** Worst-size lower bound of the warm speed-up (1 / CI upper bound of the ratio). */
      readonly conservativeSpeedup: number;
    };

/** The recommendation for one workload. */
export type Recommendation =
  | { readonly kind: 'no-recommendation'; readonly reason: string }
  | { readonly kind: 'stay-on-node'; readonly because: 'no-significant-difference' | 'slower' | 'no-valid-alternative' }
  | { readonly kind: 'consider-target'; readonly target: string }
  | { readonly kind: 'depends-on-invocation-pattern'; readonly target: string; readonly breakEven?: BreakEven }
  | { readonly kind: 'depends-on-payload-size'; readonly target: string }
  /** Not decided: the only evidence left is unresolved (or too thin for a verdict) for these targets. */
  | { readonly kind: 'unresolved'; readonly targets: readonly string[] };

/** Point-estimate break-even: warm calls per execution environment that repay a slower cold start. */
export interface BreakEven {
  readonly size: SizeName;
  readonly extraColdNs: number;
  readonly savingPerCallNs: number;
  readonly calls: number;
}

/** The reading of one workload: per-target assessments and the recommendation drawn from them. */
export interface WorkloadDecision {
  readonly workload: string;
  /** What the judged rows are: `local` or `lambda <memory>MB-<arch>`. */
  readonly basis: string;
  /** For a `local` basis, the engine of the judged rows (rows.ts judgedLocalEngine): `default`, or `node24` in a run across Node versions. */
  readonly localEngine?: string;
  /**
   * The Node variant the verdict compares with: the one most of the judged
   * evidence is against (sizes may differ; each SizeEvidence names its own),
   * or, without evidence, the fastest valid Node row by warm median; `node`
   * when nothing else was measured.
   */
  readonly nodeBaseline: string;
  /** What that variant calls when it is not node, e.g. "node:crypto" (the first code span of its recorded reason). */
  readonly nodeBaselineCalls?: string;
  readonly assessments: readonly TargetAssessment[];
  readonly recommendation: Recommendation;
}

/** The Lambda configuration judged when there are no local rows: one full vCPU (1769 MB) on x86_64, if measured. */
const PREFERRED_LAMBDA_CONFIGURATION = { memoryMB: 1769, arch: 'x86_64' } as const;

/**
 * The rows one workload's decision rests on: its local default-engine rows;
 * in a run without them, its Lambda rows at one configuration (memory and
 * architecture, where every target gets the same CPU): 1769 MB x86_64 when
 * node has a valid row there, else the largest memory where it has one.
 * Warm figures are then REPORT Duration, which Lambda bills.
 */
export function judgedRows(results: readonly ResultRecord[]): { readonly basis: string; readonly rows: ResultRecord[]; readonly localEngine?: string } {
  const localEngine = judgedLocalEngine(results);
  const local = results.filter((r) => r.placement === 'local' && engineOf(r) === localEngine);
  const lambda = results.filter((r) => r.placement === 'lambda');
  if (local.length > 0 || lambda.length === 0) return { basis: 'local', rows: local, ...(localEngine === 'default' ? {} : { localEngine }) };
  // Configurations where the baseline has a valid row: the newest Node first (what a team deploys on Lambda's
  // newest runtime), then the largest memory, then by architecture name.
  const nodeMajor = (node: string | undefined): number => Number(/^node(\d+)$/.exec(node ?? '')?.[1] ?? 0);
  const withNode = lambda
    .filter((r): r is LambdaResult => r.placement === 'lambda' && isBaseline(r.target) && isValid(r))
    .map((r) => r.lambda)
    .sort((a, b) => nodeMajor(b.node) - nodeMajor(a.node) || b.memoryMB - a.memoryMB || a.arch.localeCompare(b.arch));
  const preferred = withNode.find((w) => w.memoryMB === PREFERRED_LAMBDA_CONFIGURATION.memoryMB && w.arch === PREFERRED_LAMBDA_CONFIGURATION.arch);
  const first = lambda[0] as LambdaResult;
  const chosen = preferred ?? withNode[0] ?? first.lambda;
  const rows = lambda.filter((r) => r.placement === 'lambda' && r.lambda.node === chosen.node && r.lambda.memoryMB === chosen.memoryMB && r.lambda.arch === chosen.arch);
  return { basis: `lambda ${engineOf(rows[0] ?? first)}`, rows };
}

function summariseCold(evidence: readonly SizeEvidence[]): ColdSummary {
  const verdicts = new Set(evidence.flatMap((e) => (e.cold ? [e.cold.verdict] : [])));
  if (verdicts.size === 0) return 'not-measured';
  if (verdicts.has('slower')) return 'slower'; // any slower cold start counts against the target
  // A size without a verdict could hide a slower cold start: the summary says so instead of "faster".
  if ([...verdicts].some((v) => !isDecided(v))) return 'unresolved';
  // Only faster and no-significant-difference are left: "mixed" is never slower.
  return verdicts.size === 1 ? ([...verdicts][0] as 'faster' | 'no-significant-difference') : 'mixed';
}

/** Assesses one non-node target against node's valid rows of the same workload. */
function assess(target: string, rows: readonly ResultRecord[], nodeBySize: ReadonlyMap<SizeName, CompletedResult>): TargetAssessment {
  const mine = rows.filter((r) => r.target === target);
  const bad = mine.find((r) => gapReason(r) !== undefined);
  if (bad) {
    const gap = gapReason(bad)!;
    const label = gap.kind === 'failed' ? `FAILED (${gap.failure})` : gapLabel(gap.kind);
    return { target, kind: 'excluded', reason: `${label} at size ${bad.size}: ${gap.reason}` };
  }
  const evidence: SizeEvidence[] = [];
  for (const size of SIZE_NAMES) {
    const row = mine.find((r): r is CompletedResult => r.size === size && isValid(r));
    const node = nodeBySize.get(size);
    if (!row || !node) continue;
    // vsFastestNode is recorded only when a Node variant other than node was fastest: then node is the same-algorithm comparison.
    const fastest = row.vsFastestNode;
    const warm: VsBaseline | undefined = fastest ? { ratio: fastest.ratio, ci95: fastest.ci95, verdict: fastest.verdict, ...(fastest.basis ? { basis: fastest.basis } : {}) } : row.vsNode;
    evidence.push({
      size,
      row,
      node,
      nodeBaseline: fastest?.baseline ?? baselineTarget(),
      ...baselineRowOf(fastest?.baseline ?? baselineTarget(), size, rows, node),
      ...(warm ? { warm } : {}),
      ...(fastest && row.vsNode ? { sameAlgorithm: row.vsNode } : {}),
      ...(row.coldVsNode ? { cold: row.coldVsNode } : {}),
    });
  }
  const compared = evidence.filter((e) => e.warm);
  if (compared.length === 0) return { target, kind: 'excluded', reason: 'no warm comparison with a valid node row' };
  const faster = compared.filter((e) => e.warm!.verdict === 'faster').length;
  const undecided = compared.some((e) => !isDecided(e.warm!.verdict));
  const kind = undecided ? 'unresolved' : faster === compared.length ? 'faster-everywhere' : faster > 0 ? 'mixed' : 'not-faster';
  const conservativeSpeedup = Math.min(...compared.map((e) => 1 / e.warm!.ci95[1]));
  return { target, kind, evidence: compared, cold: summariseCold(compared), conservativeSpeedup };
}

/** The row of the Node variant a size is judged against (spread into SizeEvidence). */
function baselineRowOf(baseline: string, size: SizeName, rows: readonly ResultRecord[], node: CompletedResult): { baselineRow?: CompletedResult } {
  if (isBaseline(baseline)) return { baselineRow: node };
  const row = rows.find((r): r is CompletedResult => r.target === baseline && r.size === size && isValid(r));
  return row ? { baselineRow: row } : {};
}

/** Break-even on medians at the first size that has both warm and cold figures for both targets. */
export function breakEven(evidence: readonly SizeEvidence[]): BreakEven | undefined {
  for (const e of evidence) {
    const mine = e.row;
    const node = e.node;
    if (!mine.warm || !node.warm || !mine.cold || !node.cold) continue;
    const extraColdNs = mine.cold.timeToFirstResult.medianNs - node.cold.timeToFirstResult.medianNs;
    const savingPerCallNs = node.warm.medianNs - mine.warm.medianNs;
    if (extraColdNs > 0 && savingPerCallNs > 0) return { size: e.size, extraColdNs, savingPerCallNs, calls: Math.ceil(extraColdNs / savingPerCallNs) };
  }
  return undefined;
}

/** The most frequent of `names` (ties: display order), or undefined for none. */
function mostFrequent(names: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
  return [...counts].sort(([a, x], [b, y]) => y - x || targetRank(a) - targetRank(b))[0]?.[0];
}

/**
 * The Node variant a workload's verdict is against (see WorkloadDecision):
 * from the evidence when there is some; otherwise the valid Node row with
 * the lowest warm median at each size (ordering medians, not forming a ratio).
 */
function nodeBaselineOf(assessments: readonly TargetAssessment[], rows: readonly ResultRecord[]): { readonly nodeBaseline: string; readonly nodeBaselineCalls?: string } {
  const fromEvidence = mostFrequent(assessments.flatMap((a) => (a.kind === 'excluded' ? [] : a.evidence.map((e) => e.nodeBaseline))));
  const variants = rows.filter((r): r is CompletedResult => isNodeVariant(r.target) && isValid(r) && r.warm !== undefined);
  const fromMedians = mostFrequent(
    SIZE_NAMES.flatMap((size) => {
      const fastest = variants.filter((r) => r.size === size).sort((a, b) => a.warm!.medianNs - b.warm!.medianNs)[0];
      return fastest ? [fastest.target] : [];
    }),
  );
  const nodeBaseline = fromEvidence ?? fromMedians ?? baselineTarget();
  if (isBaseline(nodeBaseline)) return { nodeBaseline };
  const why = variants.find((r) => r.target === nodeBaseline)?.build?.['why'];
  const calls = typeof why === 'string' ? /`([^`]+)`/.exec(why)?.[1] : undefined;
  return { nodeBaseline, ...(calls ? { nodeBaselineCalls: calls } : {}) };
}

/** Reads one workload's rows (any placement; see {@link judgedRows} for which are judged). */
export function decideWorkload(workload: string, results: readonly ResultRecord[]): WorkloadDecision {
  const decision = decideRows(workload, results);
  const judged = judgedRows(results.filter((r) => r.workload === workload));
  return { ...decision, ...(judged.localEngine ? { localEngine: judged.localEngine } : {}), ...nodeBaselineOf(decision.assessments, judged.rows) };
}

function decideRows(workload: string, results: readonly ResultRecord[]): Omit<WorkloadDecision, 'nodeBaseline' | 'nodeBaselineCalls'> {
  const { basis, rows } = judgedRows(results.filter((r) => r.workload === workload));
  const nodeRows = rows.filter((r) => isBaseline(r.target));
  const nodeBySize = new Map<SizeName, CompletedResult>();
  for (const r of nodeRows) if (isValid(r) && r.warm) nodeBySize.set(r.size, r);
  // Node variants are what the others are judged against, never an alternative to move to.
  // A reference (native code) is shown, never decided on.
  const targets = [...new Set(rows.map((r) => r.target))].filter((t) => !isNodeVariant(t) && !isReference(t)).sort(compareTargets);
  const assessments = targets.map((t) => assess(t, rows, nodeBySize));

  if (nodeBySize.size === 0) {
    // A row whose endpoint gives no REPORT has no warm figure to judge by: say which API was missing, not just that.
    const reasons = [...new Set(nodeRows.map((r) => gapReason(r)?.reason ?? (unavailableText(r) ? `no warm figures: ${unavailableText(r)}` : 'no warm figures')))].join('; ');
    return { workload, basis, assessments, recommendation: { kind: 'no-recommendation', reason: `node, the baseline, has no valid warm measurement${reasons ? ` (${reasons})` : ''}` } };
  }

  const usable = assessments.filter((a): a is Exclude<TargetAssessment, { kind: 'excluded' }> => a.kind !== 'excluded');
  const best = (list: typeof usable) => [...list].sort((a, b) => b.conservativeSpeedup - a.conservativeSpeedup)[0];
  const everywhere = usable.filter((a) => a.kind === 'faster-everywhere');
  const clean = best(everywhere.filter((a) => a.cold !== 'slower'));
  if (clean) return { workload, basis, assessments, recommendation: { kind: 'consider-target', target: clean.target } };
  const coldCost = best(everywhere);
  if (coldCost) {
    const even = breakEven(coldCost.evidence);
    return { workload, basis, assessments, recommendation: { kind: 'depends-on-invocation-pattern', target: coldCost.target, ...(even ? { breakEven: even } : {}) } };
  }
  const mixed = best(usable.filter((a) => a.kind === 'mixed'));
  if (mixed) return { workload, basis, assessments, recommendation: { kind: 'depends-on-payload-size', target: mixed.target } };
  if (usable.length === 0) return { workload, basis, assessments, recommendation: { kind: 'stay-on-node', because: 'no-valid-alternative' } };
  // An unresolved target might be faster or equal: neither "stay because no difference" nor "slower" may be drawn while one is left.
  const unresolved = usable.filter((a) => a.kind === 'unresolved').map((a) => a.target);
  if (unresolved.length > 0) return { workload, basis, assessments, recommendation: { kind: 'unresolved', targets: unresolved } };
  const anySlower = usable.some((a) => a.evidence.some((e) => e.warm?.verdict === 'slower'));
  return { workload, basis, assessments, recommendation: { kind: 'stay-on-node', because: anySlower ? 'slower' : 'no-significant-difference' } };
}
