import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatDuration,
  formatDurationWithCi,
  formatMilliseconds,
  formatRange,
  formatRatio,
  formatSamples,
  formatUsd,
  formatVsNode,
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
