/**
 * The grep-able rule of issue 16: no test asserts on elapsed wall time,
 * throughput, CPU share or the test process's memory growth, because on a
 * shared, loaded machine such assertions fail for reasons that are not bugs.
 * Behaviour that depends on time is tested with injected clocks and fakes,
 * or by waiting for a state with a generous bound (the wait itself is not an
 * assertion); figures that need real time are printed by diagnostic commands
 * (e.g. lambda/local/diagnose.ts).
 *
 * The rules look at one line at a time, at lines holding an `expect(`: what
 * is asserted (the argument of `expect`) and how (the matcher). They are
 * deliberately narrow so that the tree has no false positives:
 * lower bounds on a duration (`>= timeout`: a timer never fires early by
 * construction) and causal orderings of timestamps are allowed; upper bounds
 * on a duration, ratios and shares of times, sample counts that depend on
 * how fast a budget was spent, and "memory grew by at least N KB" are not.
 *
 * A test that drives time itself (vi.useFakeTimers, vi.setSystemTime, an
 * injected fake clock: the enclosing `it(` mentions one) is exempt: its
 * durations and counts are exact, not measured. An assertion that truly
 * cannot avoid real time carries the marker `timed-assertion-ok: <why>` in a
 * comment on the same line.
 */

/** One rule: which assertions it catches and why they are flaky. */
export interface TimedAssertionRule {
  readonly name: string;
  readonly why: string;
  /** True when the line (which holds an `expect(`) breaks the rule. */
  matches(line: string, asserted: string, matcher: string | undefined, expected: string): boolean;
}

/** A line that breaks a rule. */
export interface TimedAssertionFinding {
  readonly file: string;
  readonly line: number;
  readonly rule: string;
  readonly text: string;
}

/** The opt-out marker; must be followed by a reason. */
export const OPT_OUT_MARKER = 'timed-assertion-ok:';

const CLOCK = /\b(?:performance\.now|Date\.now|process\.hrtime(?:\.bigint)?|hrtime\.bigint|process\.cpuUsage)\s*\(/;
const DURATION_WORD = /elapsed|duration|took|latency|wall(?:ms|ns|time)?\b|timeTaken/i;
/** A camelCase unit suffix (waitMs, cpuNs); case-sensitive, so that `turns`, `items` or `status` are not durations. */
const DURATION_SUFFIX = /[a-z\d](?:Ms|Ns|Us)\b/;
const SHARE_WORD = /utili[sz]ation|cpu_?share|throughput|per_?second|ops_?per|speed_?up|slow_?down/i;
const TIME_RATIO = /(?:elapsed|duration|wall|took|\w(?:Ms|Ns))\w*\)?\s*\/\s*\(?\s*[\w.]/i;
const BUDGET_COUNT = /samples\w*\.length|calls?PerSample|iterations\w*\.length|checkedOutputs/i;
const GREW_BY = /\+\s*\(?\s*\d[\d_]*\s*\*\s*1024\b/;
/** A test that controls time: vitest's fake timers or a fake clock passed in. */
const FAKE_TIME = /useFakeTimers|setSystemTime|advanceTimersBy|fakeClock|FakeClock|fake\.clock|clock:\s*fake/;
const TEST_START = /^\s*(?:it|test)(?:\.\w+)*(?:\([^)]*\))?\(/;
/** `x.length` is a count, not a duration, whatever `x` is called. */
const isDuration = (asserted: string): boolean => !/\.length\s*$/.test(asserted) && (DURATION_WORD.test(asserted) || DURATION_SUFFIX.test(asserted));

/** The rules, in the order findings name them. */
export const TIMED_ASSERTION_RULES: readonly TimedAssertionRule[] = [
  {
    name: 'clock-in-assertion',
    why: 'reads a real clock (performance.now, Date.now, hrtime, cpuUsage) inside an assertion; inject a clock or fake timers',
    matches: (line) => CLOCK.test(line.slice(line.indexOf('expect('))),
  },
  {
    name: 'duration-upper-bound',
    why: 'bounds a measured duration from above: a loaded machine makes anything slow',
    matches: (_line, asserted, matcher) => /^toBeLessThan(?:OrEqual)?$/.test(matcher ?? '') && isDuration(asserted),
  },
  {
    name: 'time-share-or-ratio',
    why: 'compares a CPU share, throughput or ratio of durations, which depends on what else runs',
    matches: (_line, asserted, matcher) => /^toBe(?:Less|Greater)Than(?:OrEqual)?$|^toBeCloseTo$/.test(matcher ?? '') && (SHARE_WORD.test(asserted) || TIME_RATIO.test(asserted)),
  },
  {
    name: 'count-in-time-budget',
    why: 'expects a minimum number of samples or calls from a time budget: fewer fit when the machine is slow',
    matches: (_line, asserted, matcher) => /^toBeGreaterThan(?:OrEqual)?$/.test(matcher ?? '') && BUDGET_COUNT.test(asserted),
  },
  {
    name: 'memory-grew-by',
    why: 'expects the process\'s memory to grow by a fixed amount, which depends on its history and the allocator',
    matches: (_line, _asserted, matcher, expected) => /^toBeGreaterThan(?:OrEqual)?$/.test(matcher ?? '') && GREW_BY.test(expected),
  },
];

const ASSERTION = /expect\((.*)\)\s*(?:\.not)?\.(?:resolves\.|rejects\.)?(to[A-Za-z]+)\((.*)$/;

/** Findings in one test file's source; `file` only labels them. */
export function findTimedAssertions(file: string, source: string): TimedAssertionFinding[] {
  const findings: TimedAssertionFinding[] = [];
  let testStart = 0;
  const lines = source.split('\n');
  lines.forEach((text, index) => {
    if (TEST_START.test(text)) testStart = index;
    if (!text.includes('expect(')) return;
    if (FAKE_TIME.test(lines.slice(testStart, index + 1).join('\n'))) return;
    const marker = text.indexOf(OPT_OUT_MARKER);
    // An opt-out without a reason does not count.
    if (marker !== -1 && text.slice(marker + OPT_OUT_MARKER.length).trim().length > 0) return;
    const parsed = ASSERTION.exec(text);
    const asserted = parsed?.[1] ?? text;
    const matcher = parsed?.[2];
    const expected = parsed?.[3] ?? '';
    for (const rule of TIMED_ASSERTION_RULES) {
      if (rule.matches(text, asserted, matcher, expected)) findings.push({ file, line: index + 1, rule: rule.name, text: text.trim() });
    }
  });
  return findings;
}
