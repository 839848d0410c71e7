import { describe, expect, it } from 'vitest';
import type { LoadRecord, LoadStepResult } from '../contract/load.js';
import { sampleRun } from './fixtures.js';
import { renderAll } from './index.js';
import { loadAdrSection, loadCsv, loadMarkdown, formatPercentile } from './load.js';
import { latencyPanels, loadLatencyChart } from './load-chart.js';

function step(target: string, level: number, p99: number, overrides: Partial<LoadStepResult> = {}): LoadStepResult {
  return {
    path: 'sync', step: level === 1 ? 0 : 1, kind: 'rate', level, workload: 'sha256', target, functionName: `wlb-sha256-${target}`, memoryMB: 1769, arch: 'x86_64',
    offeredPerS: level, achievedPerS: level, sent: level * 10, skipped: 0, ok: level * 10, throttled: 0, throttleReasons: {}, errors: 0, wrongOutputs: 0, lost: 0,
    latencyMs: { n: level * 10, percentiles: [{ q: 0.5, value: 4, ci: [3, 5] }, { q: 0.9, value: 8, ci: [6, 10] }, { q: 0.99, value: p99, ci: [9, null] }, { q: 0.999, value: p99, ci: [9, null] }], max: p99 + 1 },
    durationMedianMs: 2, coldStarts: 1, coldShare: 1 / (level * 10), initStartsInLogs: 1, peakInFlight: 2, sendLag: { lateShare: 0, maxMs: 1 },
    cpuBusy: 0.5, valid: true, invalidReasons: [],
    cost: { requestsUsd: 0.2, computeUsd: 0.1, eventBridgeUsd: 0, logsUsd: 0.05, totalUsd: 0.35, coldShare: 0.2, unpriced: [] },
    ...overrides,
  };
}

function loadRun(steps: LoadStepResult[], emulated = true) {
  const record: LoadRecord = { spec: { text: 'rate:1,10@4s+1s', kind: 'rate', levels: [1, 10], durationMs: 4000, settleMs: 1000 }, paths: ['sync'], endpoint: emulated ? 'local' : 'aws:us-east-1', emulated, priceRegion: 'us-east-1', pricesTakenOn: '2026-11-29', steps };
  const run = sampleRun([]);
  return { ...run, baselines: { ...(run.baselines ?? {}), lambdaLoad: record } };
}

const steps = [
  step('node', 1, 12),
  step('wasm', 1, 10),
  step('node', 10, 40),
  step('wasm', 10, 30, { valid: false, invalidReasons: ['host CPU saturated: 97% busy over the step'] }),
];

describe('load reports', () => {
  it('writes nothing extra for runs without a load record', () => {
    const run = sampleRun();
    expect(loadMarkdown(run)).toBe('');
    expect(renderAll(run).map(([name]) => name)).not.toContain('load.csv');
  });

  it('tables every step with its intervals, cold starts, cost and validity, and says the latency is the emulator\'s', () => {
    const markdown = loadMarkdown(loadRun(steps));
    expect(markdown).toContain('Emulated: every latency below is the local Lambda');
    expect(markdown).toContain('### sync Invoke (RequestResponse) (emulated)');
    expect(markdown).toContain('| 10/s | sha256 | node | 10.0 | 4.00 [3.00, 5.00] | 8.00 | 40.0 [9.00, –] |');
    expect(markdown).toContain('| INVALID: host CPU saturated: 97% busy over the step |');
    expect(markdown).toContain('$0.350 [20%]');
    expect(loadMarkdown(loadRun(steps, false))).toContain('Measured on aws:us-east-1.');
  });

  it('writes one CSV row per step with percentile bounds (empty where unbounded)', () => {
    const lines = loadCsv(loadRun(steps)).trim().split('\n');
    expect(lines).toHaveLength(5);
    const header = (lines[0] as string).split(',');
    const row = (lines[1] as string).split(',');
    expect(row[header.indexOf('p99_ms')]).toBe('12');
    expect(row[header.indexOf('p99_hi_ms')]).toBe('');
    expect(row[header.indexOf('usd_per_million')]).toBe('0.35');
    expect(lines[4]).toContain('false,host CPU saturated: 97% busy over the step');
  });

  it('renders the files of a load run, and its ADR section names the highest valid step', () => {
    const files = new Map(renderAll(loadRun(steps)));
    expect([...files.keys()]).toEqual(expect.arrayContaining(['load.csv', 'charts/load-latency.svg', 'charts/load-cold.svg']));
    expect(files.get('report.html')).toContain('<h2>Under load</h2>');
    expect(files.get('adr-draft.md')).toContain('## Under load');
    const adr = loadAdrSection(loadRun(steps));
    expect(adr).toContain('sha256, sync Invoke (RequestResponse): highest valid step 10/s: node p99 40.0 [9.00, –] ms');
    expect(adr).toContain('wasm p99 30.0 [9.00, –] ms, 1 cold start(s), $0.350/1M (INVALID)');
    const none = loadAdrSection(loadRun(steps.map((s) => ({ ...s, valid: false, invalidReasons: ['host CPU saturated: 99% busy over the step'] }))));
    expect(none).toContain("no valid step on this host (host CPU saturated: … busy over the step); its figures are the host's limits");
  });

  it('draws p50 and p99 per target, INVALID points hollow', () => {
    const panels = latencyPanels(loadRun(steps));
    expect(panels).toHaveLength(1);
    expect(panels[0]?.series.map((s) => s.name)).toEqual(['node p50', 'node p99', 'wasm p50', 'wasm p99']);
    const svg = loadLatencyChart(loadRun(steps));
    expect(svg).toContain('stroke-dasharray="6 4"');
    expect(svg).toContain('wasm p99 at 10: 30.0 ms (INVALID step)');
    expect((svg.match(/fill="#ffffff" stroke=/g) ?? []).length).toBe(2);
  });

  it('formats a percentile with open bounds', () => {
    expect(formatPercentile({ q: 0.99, value: 1234.5, ci: [null, null] })).toBe('1235 [–, –]');
  });
});
