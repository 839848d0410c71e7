/**
 * Number formatting shared by every human-readable report (Markdown, HTML,
 * SVG, ADR), so a figure reads the same everywhere it appears.
 *
 * Rules: three significant digits in the unit that keeps the number under
 * 1000 (ns → µs → ms → s; B → KiB → MiB → GiB), en dash in ranges, and "n/a"
 * for anything that is not a finite number (never a made-up zero). A ratio's
 * interval gets the digits its width needs to be visible, no more; raw
 * figures for data files are rounded by `roundSignificant` (no float noise).
 */
import type { ForkSpread, OutlierCounts, PlacementName, ReplicationBasis, Verdict, VsBaseline } from '../contract/index.js';

/** Shown wherever a figure is missing or not a finite number. */
export const NOT_AVAILABLE = 'n/a';

/**
 * Rounds to three significant digits for values in [0, 1000): 1.23, 12.3, 123;
 * `extra` decimals more where an interval needs them to read apart.
 */
function threeDigits(value: number, extra = 0): string {
  const abs = Math.abs(value);
  const decimals = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  return value.toFixed(decimals + extra);
}

/** At most this many decimals are added to an interval's figures: beyond them the ends are equal for any reader. */
const MAX_EXTRA_DECIMALS = 3;

/**
 * Decimals to add to the usual three significant digits so that an
 * interval's two ends do not read as the same number: 0 for [1.68–1.76],
 * 1 for [1.2575, 1.2612] (which would read "1.26–1.26"), at most 3. A
 * zero-width or reversed interval needs none: there is no width to show.
 */
export function intervalExtraDecimals(lo: number, hi: number): number {
  if (!(lo < hi) || !Number.isFinite(lo) || !Number.isFinite(hi)) return 0;
  for (let extra = 0; extra < MAX_EXTRA_DECIMALS; extra++) {
    if (Number(threeDigits(lo, extra)) !== Number(threeDigits(hi, extra))) return extra;
  }
  return MAX_EXTRA_DECIMALS;
}

/**
 * A raw figure for a data file (CSV): whole numbers unchanged, others
 * rounded to `digits` significant digits (default 6), which is below any
 * measurement's resolution yet drops binary floating-point noise:
 * 37761900.000000015 → 37761900, 0.20416667500000002 → 0.204167.
 * Not-finite values come back unchanged (the caller decides how to show them).
 */
export function roundSignificant(value: number, digits = 6): number {
  if (!Number.isFinite(value) || Number.isInteger(value)) return value;
  return Number(value.toPrecision(digits));
}

/**
 * Formats `value` (in the base unit) in the first unit of `units` whose
 * rounded figure stays below 1000, so 999.7 ns reads "1.00 µs", not "1000 ns".
 * With `integerBase`, the base unit is printed whole (bytes).
 */
function scaled(value: number, units: ReadonlyArray<readonly [string, number]>, integerBase: boolean): string {
  if (!Number.isFinite(value)) return NOT_AVAILABLE;
  for (let i = 0; i < units.length; i++) {
    const [unit, scale] = units[i]!;
    const isLast = i === units.length - 1;
    const inUnit = value / scale;
    const whole = i === 0 && integerBase;
    const text = whole ? Math.round(inUnit).toString() : threeDigits(inUnit);
    // Whole base units (bytes) go up to the next unit's size: "1023 B", never "0.999 KiB".
    const limit = whole ? (units[1]?.[1] ?? Infinity) : 1000;
    if (isLast || Math.abs(Number(text)) < limit) return `${text} ${unit}`;
  }
  return NOT_AVAILABLE; // unreachable: the last unit always returns
}

const DURATION_UNITS: ReadonlyArray<readonly [string, number]> = [
  ['ns', 1],
  ['µs', 1e3],
  ['ms', 1e6],
  ['s', 1e9],
];

const BYTE_UNITS: ReadonlyArray<readonly [string, number]> = [
  ['B', 1],
  ['KiB', 1024],
  ['MiB', 1024 ** 2],
  ['GiB', 1024 ** 3],
];

/** A duration given in nanoseconds, e.g. `formatDuration(1234)` → "1.23 µs". */
export function formatDuration(ns: number | undefined): string {
  return ns === undefined ? NOT_AVAILABLE : scaled(ns, DURATION_UNITS, false);
}

/** A duration given in milliseconds (CPU times, Lambda REPORT figures), same units as `formatDuration`. */
export function formatMilliseconds(ms: number | undefined): string {
  return ms === undefined ? NOT_AVAILABLE : formatDuration(ms * 1e6);
}

/** A byte count in binary units, e.g. `formatBytes(1536)` → "1.50 KiB"; bytes below 1 KiB are whole. */
export function formatBytes(bytes: number | undefined): string {
  return bytes === undefined ? NOT_AVAILABLE : scaled(bytes, BYTE_UNITS, true);
}

/**
 * A range of two figures formatted with `format`; when both share a unit it is
 * written once: "12.1–12.5 µs", otherwise "980 ns–1.02 µs".
 */
export function formatRange(lo: number, hi: number, format: (value: number) => string): string {
  const a = format(lo);
  const b = format(hi);
  const unitA = a.split(' ')[1];
  const unitB = b.split(' ')[1];
  if (unitA !== undefined && unitA === unitB) return `${a.split(' ')[0]}–${b}`;
  return `${a}–${b}`;
}

/** A median with its 95% CI: "12.3 µs [12.1–12.5 µs]". */
export function formatDurationWithCi(medianNs: number, ci95Ns: readonly [number, number]): string {
  return `${formatDuration(medianNs)} [${formatRange(ci95Ns[0], ci95Ns[1], formatDuration)}]`;
}

/** A multiplicative factor without the sign: 1.80, 12.3, 123 (three significant digits). */
export function formatFactor(value: number): string {
  if (!Number.isFinite(value)) return NOT_AVAILABLE;
  return threeDigits(value);
}

/** A ratio as a multiplier, e.g. "0.97×". */
export function formatRatio(ratio: number): string {
  return Number.isFinite(ratio) ? `${formatFactor(ratio)}×` : NOT_AVAILABLE;
}

/** The verdict as words a reader expects in a table. */
export function verdictWords(verdict: Verdict): string {
  switch (verdict) {
    case 'faster':
      return 'faster';
    case 'slower':
      return 'slower';
    case 'no-significant-difference':
      return 'no significant difference';
    case 'unresolved':
      return 'unresolved';
    case 'too-few-samples':
      return 'no verdict (too few samples)';
  }
}

/** "1 process", "5 processes": a count with its noun. */
function counted(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * What an interval rests on, in words: "5 processes", "12 environments", or,
 * for an interval from the samples of one process (or one Lambda execution
 * environment), "sample-level interval: 100 samples of one process", which
 * cannot see the variation between processes.
 */
export function formatBasis(basis: ReplicationBasis, placement: PlacementName = 'local'): string {
  switch (basis.unit) {
    case 'process':
      return counted(basis.count, 'process', 'processes');
    case 'environment':
      return counted(basis.count, 'environment', 'environments');
    case 'sample':
      return `sample-level interval: ${counted(basis.count, 'sample', 'samples')} of one ${placement === 'lambda' ? 'environment' : 'process'}`;
  }
}

/**
 * A comparison with node in words, with its 95% CI and, when recorded, what
 * the CI rests on (`basis`; older runs have none and read as they always did).
 *
 * `ratio` is target time / node time, so "faster" is stated as the speed-up
 * 1/ratio with the CI inverted: ratio 0.5 [0.4, 0.625] → "2.00× faster [1.60–2.50]".
 * "slower" keeps the ratio: "1.25× slower [1.10–1.40]". No significant difference
 * keeps the raw ratio so the reader sees how close it was:
 * "no significant difference (0.97× [0.91–1.04])".
 * Undecided rows never read as a win or a loss: "unresolved: 0.97× [0.91–1.12]
 * after 10 processes" (the CI contains 1 but is wider than the noise band) and
 * "no verdict: 2 processes (0.97× [0.62–1.51])" (too few units for a CI to mean
 * something). The stored verdict is trusted (the statistics module decides it).
 * Figures have three significant digits, and more only when the interval's
 * ends would otherwise read as one number: "1.259× slower [1.256–1.262]",
 * never "1.26× slower [1.26–1.26]".
 */
export function formatVsNode(vs: VsBaseline, placement: PlacementName = 'local'): string {
  const [lo, hi] = vs.ci95;
  const basis = vs.basis ? formatBasis(vs.basis, placement) : undefined;
  const usable = vs.ratio > 0 && lo > 0 && hi > 0 && Number.isFinite(vs.ratio + lo + hi);
  // Three significant digits, more only where the interval would otherwise read as one number ("1.26–1.26").
  const factor = (value: number, extra: number): string => (Number.isFinite(value) ? threeDigits(value, extra) : NOT_AVAILABLE);
  const rawExtra = intervalExtraDecimals(lo, hi);
  const interval = `${factor(vs.ratio, rawExtra)}× [${factor(lo, rawExtra)}–${factor(hi, rawExtra)}]`;
  if (vs.verdict === 'too-few-samples') {
    // One unit gives a zero-width interval: printing it would claim a certainty nobody measured.
    const head = `no verdict: ${basis ?? 'too few samples'}`;
    return usable && lo < hi ? `${head} (${interval})` : head;
  }
  if (vs.verdict === 'unresolved') {
    const after = basis ? ` after ${basis}` : '';
    return usable ? `unresolved: ${interval}${after}` : `unresolved: no finite interval${after}`;
  }
  if (!usable) return NOT_AVAILABLE;
  switch (vs.verdict) {
    case 'faster': {
      const extra = intervalExtraDecimals(1 / hi, 1 / lo);
      return `${factor(1 / vs.ratio, extra)}× faster [${factor(1 / hi, extra)}–${factor(1 / lo, extra)}]${basis ? ` (${basis})` : ''}`;
    }
    case 'slower':
      return `${factor(vs.ratio, rawExtra)}× slower [${factor(lo, rawExtra)}–${factor(hi, rawExtra)}]${basis ? ` (${basis})` : ''}`;
    case 'no-significant-difference':
      return `no significant difference (${interval}${basis ? `, ${basis}` : ''})`;
  }
}

/** A relative spread (fraction) as a percentage: 0.021 → "±2.1%", 0.0004 → "±0.04%". */
export function formatSpreadPercent(fraction: number): string {
  if (!Number.isFinite(fraction) || fraction < 0) return NOT_AVAILABLE;
  const percent = fraction * 100;
  const text = percent >= 10 ? percent.toFixed(0) : percent >= 0.1 || percent === 0 ? percent.toFixed(1) : percent.toPrecision(1);
  return `±${text}%`;
}

/** Between- next to within-process spread: "between ±2.1% / within ±0.3% (5 processes)". */
export function formatForkSpread(forks: ForkSpread): string {
  return `between ${formatSpreadPercent(forks.betweenCv)} / within ${formatSpreadPercent(forks.withinCv)} (${counted(forks.forks, 'process', 'processes')})`;
}

/** The same in one short cell for the terminal: "5p ±2.1%" (processes, between-process spread). */
export function formatForkSpreadCompact(forks: ForkSpread): string {
  return `${forks.forks}p ${formatSpreadPercent(forks.betweenCv)}`;
}

/** Tukey outliers, all kept: "none", "12 high (3 severe)", "2 low, 12 high (3 severe)". */
export function formatOutliers(outliers: OutlierCounts): string {
  const sides = [outliers.low > 0 ? `${outliers.low} low` : '', outliers.high > 0 ? `${outliers.high} high` : ''].filter(Boolean);
  if (sides.length === 0) return 'none';
  return `${sides.join(', ')}${outliers.severe > 0 ? ` (${outliers.severe} severe)` : ''}`;
}

/** US dollars: two decimals from $1 up, three significant digits below ("$0.208"). */
export function formatUsd(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return NOT_AVAILABLE;
  return value >= 1 ? `$${value.toFixed(2)}` : `$${value.toPrecision(3)}`;
}

/** A count with the run's samples/failures convention: "30" or "28 (+2 failed)". */
export function formatSamples(samples: number, failed = 0): string {
  return failed > 0 ? `${samples} (+${failed} failed)` : String(samples);
}
