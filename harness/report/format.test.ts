import { describe, expect, it } from 'vitest';
import {
  formatBasis,
  formatBytes,
  formatDuration,
  formatDurationWithCi,
  formatForkSpread,
  formatForkSpreadCompact,
  formatMilliseconds,
  formatOutliers,
  formatRange,
  formatRatio,
  formatSamples,
  formatSpreadPercent,
  formatUsd,
  formatVsNode,
  intervalExtraDecimals,
  roundSignificant,
  verdictWords,
} from './format.js';

describe('formatDuration', () => {
  it('picks the unit that keeps three significant digits under 1000', () => {
    expect(formatDuration(0)).toBe('0.00 ns');
    expect(formatDuration(7.25)).toBe('7.25 ns');
    expect(formatDuration(999)).toBe('999 ns');
    expect(formatDuration(1234)).toBe('1.23 µs');
    expect(formatDuration(12_345)).toBe('12.3 µs');
    expect(formatDuration(123_456)).toBe('123 µs');
    expect(formatDuration(4_560_000)).toBe('4.56 ms');
    expect(formatDuration(2.5e9)).toBe('2.50 s');
    expect(formatDuration(4_000e9)).toBe('4000 s');
  });

  it('moves up a unit when rounding would print 1000', () => {
    expect(formatDuration(999.7)).toBe('1.00 µs');
    expect(formatDuration(999_600)).toBe('1.00 ms');
  });

  it('says n/a instead of inventing a figure', () => {
    expect(formatDuration(undefined)).toBe('n/a');
    expect(formatDuration(Number.NaN)).toBe('n/a');
    expect(formatDuration(Number.POSITIVE_INFINITY)).toBe('n/a');
  });

  it('formats milliseconds through the same units', () => {
    expect(formatMilliseconds(0.5)).toBe('500 µs');
    expect(formatMilliseconds(128.83)).toBe('129 ms');
    expect(formatMilliseconds(undefined)).toBe('n/a');
  });
});

describe('formatBytes', () => {
  it('uses binary units and whole bytes below 1 KiB', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1536)).toBe('1.50 KiB');
    expect(formatBytes(12.5 * 1024)).toBe('12.5 KiB');
    expect(formatBytes(50 * 1024 * 1024)).toBe('50.0 MiB');
    expect(formatBytes(3 * 1024 ** 3)).toBe('3.00 GiB');
    expect(formatBytes(undefined)).toBe('n/a');
  });

  it('moves up a unit when rounding would print 1000 or more', () => {
    expect(formatBytes(1023.9 * 1024)).toBe('1.00 MiB');
  });
});

describe('ranges and medians with CI', () => {
  it('writes a shared unit once and different units on each bound', () => {
    expect(formatRange(12_100, 12_500, formatDuration)).toBe('12.1–12.5 µs');
    expect(formatRange(980, 1020, formatDuration)).toBe('980 ns–1.02 µs');
    expect(formatDurationWithCi(12_300, [12_100, 12_500])).toBe('12.3 µs [12.1–12.5 µs]');
  });
});

describe('formatVsNode', () => {
  it('states a speed-up as the inverted ratio and inverted CI', () => {
    expect(formatVsNode({ ratio: 0.5, ci95: [0.4, 0.625], verdict: 'faster' })).toBe('2.00× faster [1.60–2.50]');
  });

  it('states a slow-down as the ratio itself', () => {
    expect(formatVsNode({ ratio: 1.25, ci95: [1.1, 1.4], verdict: 'slower' })).toBe('1.25× slower [1.10–1.40]');
    expect(formatVsNode({ ratio: 14.26, ci95: [13.01, 15.5], verdict: 'slower' })).toBe('14.3× slower [13.0–15.5]');
  });

  it('says no significant difference in words and keeps the ratio visible', () => {
    expect(formatVsNode({ ratio: 0.97, ci95: [0.91, 1.04], verdict: 'no-significant-difference' })).toBe(
      'no significant difference (0.97× [0.91–1.04])',
    );
  });

  it('refuses impossible ratios', () => {
    expect(formatVsNode({ ratio: 0, ci95: [0, 1], verdict: 'faster' })).toBe('n/a');
    expect(formatVsNode({ ratio: Number.NaN, ci95: [1, 2], verdict: 'slower' })).toBe('n/a');
  });

  it('maps every verdict to words', () => {
    expect(verdictWords('faster')).toBe('faster');
    expect(verdictWords('slower')).toBe('slower');
    expect(verdictWords('no-significant-difference')).toBe('no significant difference');
  });
});

describe('formatVsNode with process-level intervals', () => {
  const five = { unit: 'process', count: 5 } as const;

  it('names what the CI rests on after every decided verdict', () => {
    expect(formatVsNode({ ratio: 0.5, ci95: [0.4, 0.625], verdict: 'faster', basis: five })).toBe('2.00× faster [1.60–2.50] (5 processes)');
    expect(formatVsNode({ ratio: 1.25, ci95: [1.1, 1.4], verdict: 'slower', basis: { unit: 'environment', count: 8 } })).toBe('1.25× slower [1.10–1.40] (8 environments)');
    expect(formatVsNode({ ratio: 1.01, ci95: [0.98, 1.03], verdict: 'no-significant-difference', basis: five })).toBe('no significant difference (1.01× [0.98–1.03], 5 processes)');
  });

  it('says a sample-level CI comes from one process (or one Lambda environment)', () => {
    const sample = { unit: 'sample', count: 100 } as const;
    expect(formatVsNode({ ratio: 0.5, ci95: [0.45, 0.55], verdict: 'faster', basis: sample })).toBe('2.00× faster [1.82–2.22] (sample-level interval: 100 samples of one process)');
    expect(formatBasis(sample, 'lambda')).toBe('sample-level interval: 100 samples of one environment');
    expect(formatBasis({ unit: 'process', count: 1 })).toBe('1 process');
  });

  it('shows an unresolved comparison with its interval and no verdict word', () => {
    const text = formatVsNode({ ratio: 0.97, ci95: [0.91, 1.12], verdict: 'unresolved', basis: { unit: 'process', count: 10 } });
    expect(text).toBe('unresolved: 0.97× [0.91–1.12] after 10 processes');
    expect(text).not.toMatch(/faster|slower|no significant difference/);
    expect(formatVsNode({ ratio: 0.97, ci95: [0.91, 1.12], verdict: 'unresolved' })).toBe('unresolved: 0.97× [0.91–1.12]');
    expect(formatVsNode({ ratio: 0.97, ci95: [0, Number.POSITIVE_INFINITY], verdict: 'unresolved', basis: five })).toBe('unresolved: no finite interval after 5 processes');
  });

  it('gives no verdict from too few samples, and never prints a zero-width interval', () => {
    const text = formatVsNode({ ratio: 1.1, ci95: [0.8, 1.5], verdict: 'too-few-samples', basis: { unit: 'process', count: 2 } });
    expect(text).toBe('no verdict: 2 processes (1.10× [0.80–1.50])');
    expect(text).not.toMatch(/faster|slower|no significant difference/);
    expect(formatVsNode({ ratio: 1.1, ci95: [1.1, 1.1], verdict: 'too-few-samples', basis: { unit: 'process', count: 1 } })).toBe('no verdict: 1 process');
    expect(formatVsNode({ ratio: 0.9, ci95: [0.7, 1.2], verdict: 'too-few-samples' })).toBe('no verdict: too few samples (0.90× [0.70–1.20])');
  });

  it('maps the new verdicts to words that are neither a win nor a loss', () => {
    expect(verdictWords('unresolved')).toBe('unresolved');
    expect(verdictWords('too-few-samples')).toBe('no verdict (too few samples)');
  });
});

describe('spread and outliers', () => {
  const forks = { forks: 5, mediansNs: [1, 1, 1, 1, 1], betweenCv: 0.021, withinCv: 0.003 };

  it('puts the between-process spread next to the within-process one', () => {
    expect(formatForkSpread(forks)).toBe('between ±2.1% / within ±0.3% (5 processes)');
    expect(formatForkSpreadCompact(forks)).toBe('5p ±2.1%');
  });

  it('writes spreads as percentages with readable precision, n/a when not a number', () => {
    expect(formatSpreadPercent(0.125)).toBe('±13%');
    expect(formatSpreadPercent(0.0004)).toBe('±0.04%');
    expect(formatSpreadPercent(0)).toBe('±0.0%');
    expect(formatSpreadPercent(Number.NaN)).toBe('n/a');
  });

  it('counts outliers by side with the severe ones, and says none', () => {
    expect(formatOutliers({ low: 0, high: 12, severe: 3 })).toBe('12 high (3 severe)');
    expect(formatOutliers({ low: 2, high: 7, severe: 0 })).toBe('2 low, 7 high');
    expect(formatOutliers({ low: 0, high: 0, severe: 0 })).toBe('none');
  });
});

describe('other figures', () => {
  it('formats ratios, dollars and sample counts', () => {
    expect(formatRatio(1.8)).toBe('1.80×');
    expect(formatRatio(Number.NaN)).toBe('n/a');
    expect(formatUsd(0.20833)).toBe('$0.208');
    expect(formatUsd(16.6667)).toBe('$16.67');
    expect(formatUsd(undefined)).toBe('n/a');
    expect(formatSamples(30)).toBe('30');
    expect(formatSamples(28, 2)).toBe('28 (+2 failed)');
  });
});

describe('numbers at their precision', () => {
  it('adds decimals to a ratio only when its interval would read as one number', () => {
    expect(intervalExtraDecimals(1.68, 1.76)).toBe(0);
    expect(intervalExtraDecimals(1.2575, 1.2612)).toBe(1);
    expect(intervalExtraDecimals(1.2501, 1.2503)).toBe(2);
    expect(intervalExtraDecimals(1, 1 + 1e-9)).toBe(3);
    expect(intervalExtraDecimals(1.1, 1.1)).toBe(0); // nothing to show
    expect(formatVsNode({ ratio: 1.2593, ci95: [1.2575, 1.2612], verdict: 'slower' })).toBe('1.259× slower [1.258–1.261]');
    expect(formatVsNode({ ratio: 0.4, ci95: [0.3995, 0.4005], verdict: 'faster' })).toBe('2.500× faster [2.497–2.503]');
    expect(formatVsNode({ ratio: 1.0, ci95: [0.9996, 1.0004], verdict: 'no-significant-difference' })).toBe('no significant difference (1.0000× [0.9996–1.0004])');
    // A width three significant digits already show keeps three digits: never 1.7213×.
    expect(formatVsNode({ ratio: 1 / 1.7213, ci95: [1 / 1.7642, 1 / 1.6801], verdict: 'faster' })).toBe('1.72× faster [1.68–1.76]');
  });

  it('rounds raw figures to significant digits, whole numbers untouched', () => {
    expect(roundSignificant(37761900.000000015)).toBe(37761900);
    expect(roundSignificant(0.20416667500000002)).toBe(0.204167);
    expect(roundSignificant(0.20416667500000002, 3)).toBe(0.204);
    expect(roundSignificant(123456789)).toBe(123456789);
    expect(roundSignificant(Number.NaN)).toBeNaN();
  });
});
