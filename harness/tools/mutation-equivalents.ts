/**
 * Surviving mutants that no test can kill because they do not change what
 * the program does (equivalent mutants), each with the reason (issue 16:
 * "surviving mutants are either killed by a new test or listed with the
 * reason they are equivalent"). `npm run mutation` prints them under the
 * score table, counts them apart from the survivors, and names every entry
 * that no longer matches a surviving mutant, so the list cannot rot into an
 * excuse: an entry whose mutant is now killed, or whose code changed, shows
 * up as stale.
 *
 * Stryker's own `// Stryker disable next-line` comments were not used: they
 * act on every mutant of a mutator on the line, and most of these lines also
 * hold a mutant of the same kind that the tests do kill (an `if` test made
 * `false` is killed where its twin made `true` is equivalent).
 *
 * A mutant matches an entry when it is in `file`, its source line contains
 * `line`, and its mutator, original text and replacement are the entry's.
 */

/** One equivalent mutant (or several identical ones on lines that `line` matches). */
export interface EquivalentMutant {
  readonly file: string;
  /** A fragment of the mutated line, enough to tell it from other lines with the same mutant. */
  readonly line: string;
  /** Stryker's mutator name (ConditionalExpression, OptionalChaining...). */
  readonly mutator: string;
  /** The code the mutant replaces, exactly as in the source. */
  readonly original: string;
  /** What Stryker put in its place. */
  readonly replacement: string;
  /** Why no test can tell the mutant from the original. */
  readonly reason: string;
}

const LAMBDA_MEASURE = 'lambda/measure/sampling.ts';
const WARM_MEASURE = 'harness/warm/measure.ts';
const QUANTILES = 'lambda/load/quantiles.ts';
const VS_BASELINE = 'harness/stats/vs-baseline.ts';
/** The lower-rank loop of quantileRanks. */
const LOWER_LOOP = 'while (lower + 1 <= n';
const LOWER_WHY = 'the loop would next read cdf[n], the whole distribution (1 up to rounding), never within a tail: it stops at rank n either way';
/** The upper-rank loop of quantileRanks. */
const UPPER_LOOP = 'while (upper - 1 >= 1';
const UPPER_WHY = 'at upper = 1 the loop would read cdf[-1], undefined: 1 - undefined is NaN, never within the tail, so it stops at rank 1 either way';
/** compareMedians falls back to its default with `??`, the same for a key left out and a key given as undefined. */
const PASSED_ON = 'passing the option as undefined leaves compareMedians on its default (`??`) exactly as leaving it out does';
/** tinybench 6 ends a task 'completed' or 'errored' unless an AbortSignal stops it, and the warm core passes none. */
const NO_ABORT = 'unreachable: tinybench 6 ends a task only completed or errored unless an AbortSignal aborts it, and the warm core gives it none';

/** The project's equivalent mutants. */
export const EQUIVALENT_MUTANTS: readonly EquivalentMutant[] = [
  {
    file: LAMBDA_MEASURE,
    line: 'if (report?.initDurationMs !== undefined) into.initMs.push',
    mutator: 'OptionalChaining',
    original: 'report?.initDurationMs',
    replacement: 'report.initDurationMs',
    reason: 'record() reads REPORT figures only with log tails on (it returns before when !reports), and checkOutcome refused every such sample without a REPORT line',
  },
  {
    file: LAMBDA_MEASURE,
    line: "outcome.state === 'errored' && outcome.failure",
    mutator: 'ConditionalExpression',
    original: "outcome.state === 'errored'",
    replacement: 'true',
    reason: 'only an errored outcome carries `failure` (the completed branch of InvokeOutcome has none), so the test after it is already false for completed outcomes; the state test is there for the type checker',
  },
  {
    file: LAMBDA_MEASURE,
    line: 'lastClientNs.set(f, outcome.clientNs)',
    mutator: 'ConditionalExpression',
    original: "outcome.state === 'completed'",
    replacement: 'true',
    reason: 'a failed warm-up call fails its function (check() sets its error), and the quickest function is chosen among live ones only: the round trip stored for a failed one is never read',
  },
  {
    file: LAMBDA_MEASURE,
    line: '(best === undefined ||',
    mutator: 'ConditionalExpression',
    original: 'best === undefined',
    replacement: 'false',
    reason: 'the client warm-up runs only after a warm-up round in which every live function answered, so each has a finite round trip, which beats the Infinity read for best === undefined: the first function is picked either way',
  },
  {
    file: LAMBDA_MEASURE,
    line: "s.error !== undefined || outcome.state !== 'completed'",
    mutator: 'ConditionalExpression',
    original: "outcome.state !== 'completed'",
    replacement: 'false',
    reason: 'an errored outcome always sets the function\'s error first (checkOutcome returns its message), so the error test has already left; the state test narrows the type for record()',
  },
  {
    file: LAMBDA_MEASURE,
    line: 'outcome.report?.initDurationMs',
    mutator: 'OptionalChaining',
    original: 'outcome.report?.initDurationMs',
    replacement: 'outcome.report.initDurationMs',
    reason: 'reached only for a sample that checkOutcome accepted with log tails on (warm: s.reports is tested first; forced: functions without log tails are never forced), and it refuses those without a REPORT line',
  },
  {
    file: LAMBDA_MEASURE,
    line: "describeApiError('UpdateFunctionConfiguration', error)",
    mutator: 'StringLiteral',
    original: "'UpdateFunctionConfiguration'",
    replacement: '""',
    reason: 'forceColdStart throws only the LambdaApiCallErrors of withDeadline, which name their call already; describeApiError returns their failure as it is and does not read this name',
  },
  {
    file: LAMBDA_MEASURE,
    line: "if (s.error !== undefined || outcome.state !== 'completed') return true;",
    mutator: 'BooleanLiteral',
    original: 'true',
    replacement: 'false',
    reason: 'the function has failed when this returns: the block that forced it filters failed functions out of its warm-up, and cold rounds ignore the value',
  },
  {
    file: WARM_MEASURE,
    line: 'for (let batch = 1; batch < 1_000_000; batch *= 2)',
    mutator: 'EqualityOperator',
    original: 'batch < 1_000_000',
    replacement: 'batch <= 1_000_000',
    reason: 'batch is a power of two, never exactly 1,000,000: both loops stop after 2^19',
  },
  {
    file: WARM_MEASURE,
    line: "timestampProvider: 'hrtimeNow'",
    mutator: 'ObjectLiteral',
    original: "{ timestampProvider: 'hrtimeNow' as const }",
    replacement: '{}',
    reason: "without it tinybench reads performance.now instead of hrtime: only the real clock's resolution changes; tests inject a clock, and the samples' duration comes from bench.now() either way",
  },
  {
    file: WARM_MEASURE,
    line: 'if (!entry) continue;',
    mutator: 'ConditionalExpression',
    original: '!entry',
    replacement: 'false',
    reason: 'every task of the bench was added from `order` under its entry\'s name, so the lookup always finds it',
  },
  { file: WARM_MEASURE, line: 'entry.error = result.state', mutator: 'ConditionalExpression', original: "result.state === 'errored'", replacement: 'true', reason: NO_ABORT },
  { file: WARM_MEASURE, line: 'entry.failure = result.state', mutator: 'ConditionalExpression', original: "result.state === 'errored'", replacement: 'true', reason: NO_ABORT },
  { file: WARM_MEASURE, line: 'entry.error = result.state', mutator: 'StringLiteral', original: '`task ${result.state}`', replacement: '``', reason: NO_ABORT },
  { file: WARM_MEASURE, line: 'entry.failure = result.state', mutator: 'StringLiteral', original: "'not-measured'", replacement: '""', reason: NO_ABORT },
  {
    file: WARM_MEASURE,
    line: 'result.latency.samples ?? []',
    mutator: 'ArrayDeclaration',
    original: '[]',
    replacement: '["Stryker was here"]',
    reason: 'unreachable: the bench retains samples (retainSamples: true), so a completed task always has them',
  },
  {
    file: WARM_MEASURE,
    line: "failure: entry.failure ?? 'crashed'",
    mutator: 'StringLiteral',
    original: "'crashed'",
    replacement: '""',
    reason: 'unreachable: every place that sets an entry\'s error sets its failure kind with it',
  },
  {
    file: WARM_MEASURE,
    line: '(audited > 0 && audited > AUDIT_SHARE * measured)',
    mutator: 'ConditionalExpression',
    original: 'audited > 0',
    replacement: 'true',
    reason: 'while audited is 0, `audited > AUDIT_SHARE * measured` is false anyway (measured is never negative): the guard only spells out that the first sample is always audited',
  },
  {
    file: WARM_MEASURE,
    line: '(audited > 0 && audited > AUDIT_SHARE * measured)',
    mutator: 'EqualityOperator',
    original: 'audited > 0',
    replacement: 'audited >= 0',
    reason: 'the same: with audited 0 the second test decides, and it is false',
  },
  {
    file: WARM_MEASURE,
    line: 'if (bench.now() - turnAt < YIELD_EVERY_MS) return undefined;',
    mutator: 'EqualityOperator',
    original: 'bench.now() - turnAt < YIELD_EVERY_MS',
    replacement: 'bench.now() - turnAt <= YIELD_EVERY_MS',
    reason: 'not strictly equivalent: differs only when exactly YIELD_EVERY_MS has passed, which delays one event-loop turn by one sample; nothing measured or checked changes, so no test can fail on it',
  },
  {
    file: QUANTILES,
    line: 'if (n <= 0) return [0, 1];',
    mutator: 'EqualityOperator',
    original: 'n <= 0',
    replacement: 'n < 0',
    reason: 'with n = 0 the general path gives [0, 1] as well: one cdf entry (1), and neither rank loop moves',
  },
  {
    file: QUANTILES,
    line: 'for (let k = 0; k <= n; k++)',
    mutator: 'EqualityOperator',
    original: 'k <= n',
    replacement: 'k < n',
    reason: 'cdf[n] is never read: the lower loop reads cdf[lower] only for lower <= n - 1, the upper loop cdf[upper - 2] <= cdf[n - 1]',
  },
  { file: QUANTILES, line: LOWER_LOOP, mutator: 'ConditionalExpression', original: 'lower + 1 <= n', replacement: 'true', reason: LOWER_WHY },
  { file: QUANTILES, line: LOWER_LOOP, mutator: 'ArithmeticOperator', original: 'lower + 1', replacement: 'lower - 1', reason: LOWER_WHY },
  { file: QUANTILES, line: UPPER_LOOP, mutator: 'ConditionalExpression', original: 'upper - 1 >= 1', replacement: 'true', reason: UPPER_WHY },
  { file: QUANTILES, line: UPPER_LOOP, mutator: 'ArithmeticOperator', original: 'upper - 1', replacement: 'upper + 1', reason: UPPER_WHY },
  {
    file: QUANTILES,
    line: 'if (n === 0) return { q, value: Number.NaN',
    mutator: 'ConditionalExpression',
    original: 'n === 0',
    replacement: 'false',
    reason: 'without samples the general path returns the same: quantileRanks(0) is [0, 1] (no bounds) and the type-7 quantile of nothing is NaN',
  },
  { file: VS_BASELINE, line: 'minSamples: replicates.minSamples', mutator: 'ConditionalExpression', original: 'replicates.minSamples === undefined', replacement: 'false', reason: PASSED_ON },
  { file: VS_BASELINE, line: 'resamples: replicates.resamples', mutator: 'ConditionalExpression', original: 'replicates.resamples === undefined', replacement: 'false', reason: PASSED_ON },
];
