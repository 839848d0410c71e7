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

const COMPARE = 'harness/stats/compare.ts';
const DESCRIBE = 'harness/stats/describe.ts';
const REPORT_LINE = 'lambda/report-line.ts';
const COLD_SUMMARY = 'harness/cold/summary.ts';
const DIGEST = 'harness/verify/digest.ts';
const COST = 'lambda/cost/cost.ts';
/** A loop over a Float64Array run once more writes one element past its end, which a typed array ignores. */
const PAST_THE_END = 'one pass more writes one element past the end of a Float64Array, which a typed array ignores';

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
  {
    file: COMPARE,
    line: 'if ((scratch[i] as number) > lower) lower',
    mutator: 'EqualityOperator',
    original: '(scratch[i] as number) > lower',
    replacement: 'scratch[i] as number >= lower',
    reason: 'not strictly equivalent: the loop keeps the largest value left of k, and on a tie >= takes a later equal value, the same number; only +0 and -0 tie yet differ, which changes the sign of a zero median (a duration is never -0)',
  },
  {
    file: COMPARE,
    line: 'while (left < right) {',
    mutator: 'EqualityOperator',
    original: 'left < right',
    replacement: 'left <= right',
    reason: 'selection keeps k within [left, right]; at left = right the extra pass partitions one element (swapped with itself) and ends in `else break`, with a[k] as it was',
  },
  {
    file: COMPARE,
    line: 'else if (k >= i) left = i;',
    mutator: 'ConditionalExpression',
    original: 'k >= i',
    replacement: 'true',
    reason: 'reached only when j < k < i, where the partition has put a[k] (equal to the pivot) in its final place; moving left past k then only reorders a[i..right], never a[k] nor the values left of k that the even median reads, and right still shrinks each pass',
  },
  { file: COMPARE, line: 'for (let r = 0; r < resamples; r++)', mutator: 'EqualityOperator', original: 'r < resamples', replacement: 'r <= resamples', reason: `${PAST_THE_END} (ratios[resamples]); the extra draws from the generator are never used` },
  {
    file: COMPARE,
    line: '...(options.noise === undefined ? {} : { noise: options.noise })',
    mutator: 'ConditionalExpression',
    original: 'options.noise === undefined',
    replacement: 'false',
    reason: 'verdictOf reads rule.noise ?? NOISE_THRESHOLD: a noise key given as undefined is the default, as a missing one is',
  },
  {
    file: COMPARE,
    line: 'if (values.length <= max) return Float64Array.from',
    mutator: 'EqualityOperator',
    original: 'values.length <= max',
    replacement: 'values.length < max',
    reason: 'at exactly max values the thinning step is 1 and copies every value in order: the same array',
  },
  { file: COMPARE, line: 'for (let i = 0; i < max; i++) out[i]', mutator: 'EqualityOperator', original: 'i < max', replacement: 'i <= max', reason: `${PAST_THE_END} (out[max], from values[n], undefined)` },
  {
    file: 'harness/stats/sorted.ts',
    line: 'if (n === 0) return Number.NaN;',
    mutator: 'ConditionalExpression',
    original: 'n === 0',
    replacement: 'false',
    reason: 'without values the general path reads sorted[floor((n - 1) q)] and sorted[ceil(...)], both undefined, and arithmetic on undefined gives the same NaN',
  },
  { file: DESCRIBE, line: 'deviations[i] = Math.abs(', mutator: 'EqualityOperator', original: 'i < sorted.length', replacement: 'i <= sorted.length', reason: `${PAST_THE_END} (deviations[n], from sorted[n], undefined)` },
  {
    file: 'harness/stats/outliers.ts',
    line: 'if (sorted.length < 4) return { low: 0, high: 0, severe: 0 };',
    mutator: 'ConditionalExpression',
    original: 'sorted.length < 4',
    replacement: 'false',
    reason: 'below 4 values none can pass a fence: with 3, max - q3 = (s3 - s2) / 2 <= (s3 - s1) / 2 = IQR < 1.5 IQR (min mirrors it); with 2, max - q3 = d / 4 < 1.5 d / 2; with 1 or 0 the IQR is 0 and nothing lies beyond the quartiles; the guard saves the work',
  },
  {
    file: 'harness/stats/verdict.ts',
    line: 'if (rule.replicates !== undefined && rule.replicates <',
    mutator: 'ConditionalExpression',
    original: 'rule.replicates !== undefined',
    replacement: 'true',
    reason: 'undefined < any number is false (undefined compares as NaN), so without replicates the second test is false anyway; the first narrows the type',
  },
  {
    file: 'harness/stats/replicated.ts',
    line: 'return median > 0 ? (high - low)',
    mutator: 'EqualityOperator',
    original: 'median > 0',
    replacement: 'median >= 0',
    reason: 'at median 0 the error is (high - low) / ... / 0: +Infinity, or NaN when high = low (sorted, so never negative); forkSpread keeps only finite errors, so the process is left out either way',
  },
  {
    file: DIGEST,
    line: "Buffer.from(payload, 'utf8')",
    mutator: 'StringLiteral',
    original: "'utf8'",
    replacement: '""',
    reason: 'Buffer.from(string, "") encodes as UTF-8: Node takes an empty encoding name as none given, and UTF-8 is the default',
  },
  {
    file: DIGEST,
    line: 'return a.length === b.length && Buffer.from(',
    mutator: 'ConditionalExpression',
    original: 'a.length === b.length',
    replacement: 'true',
    reason: 'Buffer.equals is false for buffers of different lengths anyway: the length test is only a shortcut before comparing bytes',
  },
  {
    file: COST,
    line: 'const listed = region === undefined ? undefined : table.regions[region];',
    mutator: 'ConditionalExpression',
    original: 'region === undefined',
    replacement: 'false',
    reason: 'without a region the lookup reads table.regions["undefined"]; whatever it holds, the next line takes it only when region !== undefined, so the default region is chosen either way',
  },
  {
    file: COST,
    line: 'if (listed && region !== undefined) return',
    mutator: 'ConditionalExpression',
    original: 'region !== undefined',
    replacement: 'true',
    reason: 'listed is undefined whenever region is (the line above looks nothing up then), so listed alone decides; the region test narrows the type',
  },
  {
    file: REPORT_LINE,
    line: 'if (colon <= 0) continue;',
    mutator: 'EqualityOperator',
    original: 'colon <= 0',
    replacement: 'colon < 0',
    reason: 'a part starting with ":" has an empty key, which the next test (key === \'\') skips',
  },
  {
    file: REPORT_LINE,
    line: "if (!trimmed.startsWith('{') ||",
    mutator: 'StringLiteral',
    original: "'{'",
    replacement: '""',
    reason: 'a trimmed line that does not start with "{" never parses to an object with a type (JSON.parse gives an array, string, number or literal, or throws), so the type test after parsing refuses it',
  },
  {
    file: REPORT_LINE,
    line: "if (typeof value !== 'number' || !Number.isFinite(value)) continue;",
    mutator: 'ConditionalExpression',
    original: "typeof value !== 'number'",
    replacement: 'false',
    reason: 'Number.isFinite does not coerce: it is false for every non-number, so !Number.isFinite(value) alone skips them; the typeof test narrows the type',
  },
  {
    file: COLD_SUMMARY,
    line: 'groups.get(sample.key) ?? { item: sample.item, samples: [] }',
    mutator: 'ArrayDeclaration',
    original: '[]',
    replacement: '["Stryker was here"]',
    reason: "the extra entry is a string, which has no state: summariseItem's filters for completed and for errored samples both drop it",
  },
  {
    file: COLD_SUMMARY,
    line: '...(options.resamples === undefined ? {} : { resamples: options.resamples })',
    mutator: 'ConditionalExpression',
    original: 'options.resamples === undefined',
    replacement: 'false',
    reason: 'ratioToBaseline passes resamples on to compareMedians only when defined (and compareMedians reads it with ??): a key given as undefined is the default, as a missing one is',
  },
];
