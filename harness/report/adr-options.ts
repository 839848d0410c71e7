/**
 * "Considered Options" and "Pros and Cons of the Options" of the ADR draft.
 * The options are the targets the run measured (node, the baseline, and
 * each Wasm variant); each one's pros and cons are the verdicts it got
 * across the workloads, grouped by what they say, plus what it costs to
 * maintain, which no measurement shows. Verdicts that decide nothing
 * (unresolved, too few samples) are listed as neutral, never as a pro or a con.
 */
import type { SizeName } from '../types.js';
import type { TargetAssessment, WorkloadDecision } from './adr-decide.js';
import { isDecided } from '../stats/verdict.js';
import { joinWords } from './adr-outcome.js';
import { escapeMarkdown } from './markdown.js';

/** What each known target is, for the Options section. */
export const TARGET_DESCRIPTIONS: Readonly<Record<string, string>> = {
  node: 'plain Node.js: the TypeScript implementation bundled with esbuild, as a Lambda handler runs it today (the baseline)',
  'node-idiomatic': "the Node.js code a team would deploy, using Node's own built-ins where they differ from the port (node:crypto for sha256)",
  wasm: 'a second implementation in AssemblyScript compiled to a core WebAssembly module, loaded and called from a Node.js handler',
  component: 'the unchanged TypeScript compiled to a Wasm component (jco componentize, StarlingMonkey), transpiled and run in Node.js',
  'as-component': 'the AssemblyScript module wrapped as a Wasm component (canonical ABI), transpiled and run in Node.js',
};

/** What an option costs to keep, whatever the figures say. */
const UPKEEP: Readonly<Record<string, string>> = {
  node: 'Good, because it is what runs today: one implementation, no Wasm build, no ABI between JavaScript and Wasm to maintain.',
  wasm: 'Bad, because it is a second implementation (AssemblyScript) to keep equal to the TypeScript one, with its own compiler and build.',
  component: 'Bad, because it needs the component toolchain (jco componentize, StarlingMonkey), which ships a JavaScript engine inside the artifact.',
  'as-component': 'Bad, because it needs both the AssemblyScript implementation and the component toolchain.',
};

type Assessed = Exclude<TargetAssessment, { kind: 'excluded' }>;
type Bucket = 'faster' | 'slower' | 'same' | 'undecided';

/** "graph at small, medium and large; image at small". */
function where(entries: ReadonlyArray<readonly [string, readonly SizeName[]]>): string {
  return entries.map(([workload, sizes]) => `${workload} at ${joinWords(sizes)}`).join('; ');
}

/** Workloads and sizes of one target, grouped by the verdict of `pick` (warm or cold). */
function grouped(decisions: readonly WorkloadDecision[], target: string, pick: 'warm' | 'cold'): Map<Bucket, Array<[string, SizeName[]]>> {
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
    for (const [bucket, sizes] of bySize) out.set(bucket, [...(out.get(bucket) ?? []), [d.workload, sizes]]);
  }
  return out;
}

/** Good / Neutral / Bad bullets of one non-node target. */
function targetBullets(decisions: readonly WorkloadDecision[], target: string): string[] {
  const warm = grouped(decisions, target, 'warm');
  const cold = grouped(decisions, target, 'cold');
  const out: string[] = [];
  const add = (map: Map<Bucket, Array<[string, SizeName[]]>>, bucket: Bucket, text: string) => {
    const entries = map.get(bucket);
    if (entries && entries.length > 0) out.push(`${text}: ${where(entries)}.`);
  };
  add(warm, 'faster', 'Good, because it is significantly faster warm than node for');
  add(cold, 'faster', "Good, because its cold start is significantly faster than node's for");
  add(warm, 'same', "Neutral, because its warm time shows no significant difference from node's for");
  add(cold, 'same', "Neutral, because its cold start shows no significant difference from node's for");
  add(warm, 'undecided', 'Neutral, because its warm comparison with node is not decided (unresolved or too few samples) for');
  add(cold, 'undecided', 'Neutral, because its cold-start comparison with node is not decided (unresolved or too few samples) for');
  if (cold.size === 0) out.push('Neutral, because no cold-start comparison with node has an interval in this run (see More Information for the figures measured).');
  add(warm, 'slower', 'Bad, because it is significantly slower warm than node for');
  add(cold, 'slower', "Bad, because its cold start is significantly slower than node's for");
  const excluded = decisions.flatMap((d) => d.assessments.filter((a) => a.target === target && a.kind === 'excluded').map((a) => `${d.workload} (${(a as { reason: string }).reason})`));
  if (excluded.length > 0) out.push(`Bad, because it has no valid measurement, so it cannot be judged, for: ${excluded.join('; ')}.`);
  if (UPKEEP[target]) out.push(UPKEEP[target]!);
  return out;
}

/** Good / Neutral / Bad bullets of node, the baseline: the mirror of the alternatives' verdicts. */
function nodeBullets(decisions: readonly WorkloadDecision[]): string[] {
  const out = [UPKEEP['node']!];
  const kept = decisions.filter((d) => d.recommendation.kind === 'stay-on-node').map((d) => d.workload);
  if (kept.length > 0) out.push(`Good, because no alternative beats it warm for ${joinWords(kept)}.`);
  const beaten = decisions.flatMap((d) => {
    const winners = d.assessments.filter((a) => a.kind !== 'excluded' && a.evidence.some((e) => e.warm?.verdict === 'faster')).map((a) => a.target);
    return winners.length > 0 ? [`${d.workload} (by ${joinWords(winners)})`] : [];
  });
  if (beaten.length > 0) out.push(`Bad, because an alternative is significantly faster warm at some size for ${beaten.join('; ')}.`);
  return out;
}

/** The targets the run measured, node first. */
export function optionTargets(decisions: readonly WorkloadDecision[], measured: readonly string[]): string[] {
  const assessedTargets = new Set(decisions.flatMap((d) => d.assessments.map((a) => a.target)));
  return measured.filter((t) => t === 'node' || assessedTargets.has(t));
}

/** The "## Pros and Cons of the Options" body: one "### option" per target with its bullets. */
export function prosAndCons(decisions: readonly WorkloadDecision[], targets: readonly string[], bullets: (items: readonly string[]) => string): string {
  return targets
    .map((t) => `### ${escapeMarkdown(t)}\n\n${TARGET_DESCRIPTIONS[t] ? `${escapeMarkdown(capitalise(TARGET_DESCRIPTIONS[t]!))}.\n\n` : ''}${bullets(t === 'node' ? nodeBullets(decisions) : targetBullets(decisions, t))}\n`)
    .join('\n');
}

function capitalise(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}
