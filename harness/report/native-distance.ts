/**
 * How far each Wasm build is from native code: every alternative target's
 * warm time against the native reference's (gcc -O2 of the same C), at the
 * largest size both measured. The processes are different ones on each side,
 * so the ratio is unpaired (Welch over per-process medians, with the same
 * run-level term as every ratio) and keeps its interval and verdict rule. A
 * reference line, never part of the decision.
 */
import { ratioToBaseline } from '../stats/vs-baseline.js';
import { formatVsNode } from './format.js';
import { isValid } from './rows.js';
import { compareTargets, isNodeVariant, isReference, targetLabel } from '../targets/display.js';
import { SIZE_NAMES, type CompletedResult, type ResultRecord, type VsBaseline } from '../contract/index.js';

/** One alternative's distance from native. */
export interface NativeDistance {
  readonly target: string;
  readonly size: string;
  /** target time / native time: 1.4 = 1.4× slower than native. */
  readonly vs: VsBaseline;
}

const forkMedians = (row: CompletedResult): readonly number[] | undefined => row.warm?.forks?.mediansNs;

/** The distances of one workload's local rows (empty without a valid native row). */
export function nativeDistances(rows: readonly ResultRecord[]): NativeDistance[] {
  const local = rows.filter((r): r is CompletedResult => r.placement === 'local' && isValid(r) && r.state === 'completed' && forkMedians(r) !== undefined);
  const natives = local.filter((r) => isReference(r.target));
  const size = [...SIZE_NAMES].reverse().find((s) => natives.some((r) => r.size === s));
  const native = natives.find((r) => r.size === size);
  if (!native || !size) return [];
  const candidates = local
    // Every alternative is a Wasm build (core module or component); Node variants and the reference are not compared.
    .filter((r) => r.size === size && !isReference(r.target) && !isNodeVariant(r.target))
    .sort((a, b) => compareTargets(a.target, b.target));
  return candidates.map((r) => ({ target: r.target, size, vs: ratioToBaseline({ design: 'independent-units', unit: 'process', candidateMedians: forkMedians(r)!, baselineMedians: forkMedians(native)! }) }));
}

/** "vs native (gcc -O2) at medium: wasm 1.42× slower [1.31–1.55] …", or undefined without a native row. */
export function nativeDistancePhrase(rows: readonly ResultRecord[]): string | undefined {
  const distances = nativeDistances(rows);
  if (distances.length === 0) return undefined;
  return `vs native code (gcc -O2, a reference) at ${distances[0]!.size}: ${distances.map((d) => `${targetLabel(d.target)} ${formatVsNode(d.vs)}`).join(', ')}`;
}
