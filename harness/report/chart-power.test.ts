/**
 * The cost-against-duration chart (chart-power.ts): one panel per workload ×
 * size, one series per target in the target's colour, each memory ×
 * architecture a point at (warm Duration, $/1M), and the picks the run
 * recorded marked, not recomputed. Checked on the data the chart draws and
 * on the SVG it writes.
 */
import { describe, expect, it } from 'vitest';
import { paddedRange, powerChart, powerPanels, powerSvgExporter, rangeTicks } from './chart-power.js';
import { targetColor } from './charts.js';
import { completed, sampleRun, warm } from './fixtures.js';
import { lambdaRow } from './lambda-rows.fixture.js';
import { renderHtml } from './html.js';
import type { ResultRecord } from '../contract/index.js';

const rows: ResultRecord[] = [
  lambdaRow('node', 1769, { durationNs: 1.9e6, costPerMillionUsd: 0.258, picks: ['fastest'] }),
  lambdaRow('node', 128, { durationNs: 2e6, costPerMillionUsd: 0.204, picks: ['cheapest', 'balanced'] }),
  lambdaRow('wasm', 128, { durationNs: 1.6e6, costPerMillionUsd: 0.204, picks: ['cheapest', 'fastest', 'balanced'] }),
  lambdaRow('wasm', 1769, { durationNs: 1.7e6, costPerMillionUsd: 0.258, picks: [] }),
  lambdaRow('wasm', 512, { durationNs: 1.65e6, costPerMillionUsd: 0.22, arch: 'arm64', picks: ['cheapest', 'fastest', 'balanced'] }),
  lambdaRow('node', 128, { durationNs: 3e6, costPerMillionUsd: 0.21, workload: 'noop', picks: ['cheapest', 'fastest', 'balanced'] }),
];

describe('powerPanels', () => {
  const panels = powerPanels(rows);

  it('draws one panel per workload × size and one series per target × architecture, points in memory order', () => {
    expect(panels.map((p) => p.title)).toEqual(['sha256 · small', 'noop · small']);
    const series = panels[0]!.series;
    expect(series.map((s) => `${s.target} ${s.arch}`)).toEqual(['node x86_64', 'wasm x86_64', 'wasm arm64']);
    expect(series[0]!.points.map((p) => p.memoryMB)).toEqual([128, 1769]);
    expect(series[0]!.points.map((p) => [p.durationNs, p.costPerMillionUsd])).toEqual([[2e6, 0.204], [1.9e6, 0.258]]);
  });

  it('colours each series as its target is coloured in every other chart', () => {
    for (const s of panels[0]!.series) expect(s.color).toBe(targetColor(s.target));
  });

  it('carries the picks the run recorded for each configuration', () => {
    const wasm = panels[0]!.series[1]!;
    expect(wasm.points.map((p) => p.picks)).toEqual([['cheapest', 'fastest', 'balanced'], []]);
    expect(panels[0]!.series[0]!.points.map((p) => p.picks)).toEqual([['cheapest', 'balanced'], ['fastest']]);
  });

  it('leaves out local rows and Lambda rows without a Duration or a cost', () => {
    const priced = lambdaRow('node', 256, { durationNs: 1e6, costPerMillionUsd: 0.2 });
    if (priced.placement !== 'lambda' || priced.state !== 'completed') throw new Error('expected a completed Lambda row');
    const noCost = { ...priced, lambda: { ...priced.lambda, cost: undefined } };
    expect(powerPanels([completed('sha256', 'node', 'small', { warm: warm(1e6) }), noCost])).toEqual([]);
  });
});

describe('powerChart', () => {
  const svg = powerChart(rows);

  it('writes one SVG with a point per configuration and every pick outlined', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/<g><title>/g)).toHaveLength(rows.length);
    // A ring (cheapest), a square (fastest) and a diamond (balanced) per pick, plus one of each in each panel's legend.
    const picks = rows.flatMap((r) => ((r as { lambda?: { powerTuning?: string[] } }).lambda?.powerTuning ?? []));
    const outlines = svg.match(/fill="none" stroke="#24292f"/g) ?? [];
    expect(outlines).toHaveLength(picks.length + 3 * 2);
    expect(svg).toContain('wasm · 128 MB x86_64: 1.60 ms [1.54–1.66 ms], $0.204 per 1M invocations; cheapest, fastest, balanced');
    expect(svg).toContain(`fill="${targetColor('wasm')}"`);
  });

  it('is written as charts/lambda-power.svg for runs with Lambda rows only', () => {
    expect(powerSvgExporter.fileName).toBe('charts/lambda-power.svg');
    expect(powerSvgExporter.appliesTo?.(sampleRun(rows))).toBe(true);
    expect(powerSvgExporter.appliesTo?.(sampleRun([completed('sha256', 'node', 'small', { warm: warm(1e6) })]))).toBe(false);
  });

  it('says there is nothing to draw rather than drawing an empty plot', () => {
    expect(powerChart([])).toContain('No Lambda configuration with a Duration and a cost to draw.');
  });

  it('is drawn inline in report.html, once per workload with Lambda rows', () => {
    const html = renderHtml(sampleRun(rows));
    expect(html.match(/Lambda cost against duration per memory × architecture<\/title>/g)).toHaveLength(2);
  });
});

describe('axes', () => {
  it('pad a range, and give one configuration (or equal costs) a range of non-zero width', () => {
    const [a, b] = paddedRange([1, 2]);
    expect(a).toBeCloseTo(0.88, 9);
    expect(b).toBeCloseTo(2.12, 9);
    const [lo, hi] = paddedRange([0.204, 0.204]);
    expect(lo).toBeLessThan(0.204);
    expect(hi).toBeGreaterThan(0.204);
  });

  it('tick at round values inside the range', () => {
    expect(rangeTicks(0.88, 2.12)).toEqual([1, 1.5, 2]);
    expect(rangeTicks(1.5e6, 2.1e6)).toEqual([1.6e6, 1.8e6, 2e6]);
  });
});
