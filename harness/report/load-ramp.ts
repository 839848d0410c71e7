/**
 * What a load run's ramp found, per invocation path and function, from
 * run.json alone: the highest valid step, the first step the host (not
 * Lambda) limited and why, whether the ramp stopped there, and the check
 * that every valid step achieved its offered rate within 5%. The same lines
 * go into report.md, report.html and the run's closing screen.
 */
import { hostLimitOf, type LoadRecord, type LoadStepResult } from '../contract/load.js';

/** A valid step's achieved rate may fall this far below or above its offered rate and still count as offered. */
export const ACHIEVED_TOLERANCE = 0.05;

/** One valid open-loop step's achieved rate against what it offered. */
export interface RateDeviation {
  readonly level: number;
  /** achieved / offered − 1. */
  readonly deviation: number;
  /** What the step did not complete (throttled, errors, lost, wrong outputs), the usual cause of a shortfall. */
  readonly notCompleted: number;
}

/** The ramp of one function on one path. */
export interface RampFinding {
  readonly path: LoadStepResult['path'];
  readonly workload: string;
  readonly target: string;
  readonly kind: LoadStepResult['kind'];
  /** The highest level whose step was valid. */
  readonly highestValid?: number;
  /** The first step the host or client limited, and why. */
  readonly firstLimited?: { readonly level: number; readonly reason: string; readonly endedRamp: boolean };
  /** The spec's highest level (to say when the ramp never met the host's limit). */
  readonly top: number;
  /** Valid open-loop steps checked (closed loop offers no rate). */
  readonly checked: number;
  /** Valid open-loop steps whose achieved rate missed the offered one by more than the tolerance. */
  readonly outside: number;
  /** The valid step farthest from its offered rate. */
  readonly worst?: RateDeviation;
}

/**
 * What the step offered, per second: the level for even spacing; for Poisson
 * arrivals the events actually drawn over the sending time (at 400 events a
 * Poisson count alone strays 5% from its mean one time in three).
 */
function offeredOf(step: LoadStepResult, durationMs: number): number | undefined {
  if (step.offeredPerS === undefined) return undefined;
  return step.kind === 'poisson' ? (step.sent + step.skipped) / (durationMs / 1000) : step.offeredPerS;
}

function deviationOf(step: LoadStepResult, durationMs: number): RateDeviation | undefined {
  const offered = offeredOf(step, durationMs);
  if (offered === undefined || offered <= 0) return undefined;
  return { level: step.level, deviation: step.achievedPerS / offered - 1, notCompleted: step.sent - step.ok };
}

/** Per path, then workload, then target (node before wasm), what the ramp found. */
export function rampFindings(record: LoadRecord): RampFinding[] {
  const top = Math.max(...record.spec.levels);
  const findings: RampFinding[] = [];
  for (const path of record.paths) {
    const steps = record.steps.filter((s) => s.path === path);
    const keys = [...new Set(steps.map((s) => `${s.workload}\u0000${s.target}`))].sort();
    for (const key of keys) {
      const [workload, target] = key.split('\u0000') as [string, string];
      const mine = steps.filter((s) => s.workload === workload && s.target === target).sort((a, b) => a.step - b.step);
      const valid = mine.filter((s) => s.valid);
      const limited = mine.find((s) => hostLimitOf(s) !== undefined);
      const deviations = valid.flatMap((s) => deviationOf(s, record.spec.durationMs) ?? []);
      const worst = deviations.reduce<RateDeviation | undefined>((w, d) => (w === undefined || Math.abs(d.deviation) > Math.abs(w.deviation) ? d : w), undefined);
      findings.push({
        path,
        workload,
        target,
        kind: (mine[0] as LoadStepResult).kind,
        ...(valid.length > 0 ? { highestValid: Math.max(...valid.map((s) => s.level)) } : {}),
        ...(limited ? { firstLimited: { level: limited.level, reason: hostLimitOf(limited) as string, endedRamp: limited.endsRamp === true } } : {}),
        top,
        checked: deviations.length,
        outside: deviations.filter((d) => Math.abs(d.deviation) > ACHIEVED_TOLERANCE).length,
        ...(worst ? { worst } : {}),
      });
    }
  }
  return findings;
}

const unit = (kind: LoadStepResult['kind']): string => (kind === 'concurrency' ? ' callers' : '/s');
const signed = (fraction: number): string => `${fraction >= 0 ? '+' : '−'}${Math.abs(fraction * 100).toFixed(1)}%`;

/** The finding as one sentence: `sha256 wasm: highest valid step 100/s; the step at 150/s was host-limited: …; achieved …`. */
export function rampSentence(f: RampFinding): string {
  if (f.kind === 'storm') return stormSentence(f);
  const u = unit(f.kind);
  const parts = [`${f.workload} ${f.target}: ${f.highestValid !== undefined ? `highest valid step ${f.highestValid}${u}` : 'no valid step'}`];
  if (f.firstLimited) {
    parts.push(`the step at ${f.firstLimited.level}${u} was host-limited: ${f.firstLimited.reason}${f.firstLimited.endedRamp ? ' (the ramp stopped there)' : ''}`);
  } else if (f.highestValid === f.top) {
    parts.push(`the ramp's top: the host was not the limit up to there`);
  }
  if (f.checked === 0) parts.push(f.kind === 'concurrency' ? 'no offered rate to check (closed loop)' : 'no valid step to check the achieved rate on');
  else if (f.outside === 0) parts.push(`achieved within ${ACHIEVED_TOLERANCE * 100}% of offered on all ${f.checked} valid step(s) (worst ${signed((f.worst as RateDeviation).deviation)} at ${(f.worst as RateDeviation).level}${u})`);
  else {
    const w = f.worst as RateDeviation;
    parts.push(`achieved NOT within ${ACHIEVED_TOLERANCE * 100}% of offered on ${f.outside} of ${f.checked} valid step(s) (worst ${signed(w.deviation)} at ${w.level}${u}, ${w.notCompleted} event(s) not completed)`);
  }
  return `${parts.join('; ')}.`;
}

/**
 * A storm run's finding: `sha256 node: largest valid storm 2 at once; the
 * storm of 5 was host-limited: …`. A storm sends its events at once, so it
 * has no achieved rate to check.
 */
function stormSentence(f: RampFinding): string {
  const parts = [`${f.workload} ${f.target}: ${f.highestValid !== undefined ? `largest valid storm ${f.highestValid} at once` : 'no valid storm'}`];
  if (f.firstLimited) parts.push(`the storm of ${f.firstLimited.level} was host-limited: ${f.firstLimited.reason}${f.firstLimited.endedRamp ? ' (its storms stopped there)' : ''}`);
  else if (f.highestValid === f.top) parts.push('the largest storm asked for: the host was not the limit up to there');
  return `${parts.join('; ')}.`;
}

/** Lines grouped by path: a heading word for the path, then one sentence per function. */
export function rampLines(record: LoadRecord, pathLabel: (path: LoadStepResult['path']) => string): Array<{ readonly path: string; readonly sentences: string[] }> {
  const findings = rampFindings(record);
  return record.paths
    .map((path) => ({ path: pathLabel(path), sentences: findings.filter((f) => f.path === path).map(rampSentence) }))
    .filter((group) => group.sentences.length > 0);
}
