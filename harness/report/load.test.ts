import { describe, expect, it } from 'vitest';
import type { LoadRecord, LoadStepResult } from '../contract/load.js';
import { sampleRun } from './fixtures.js';
import { renderAll } from './index.js';
import { loadAdrSection, loadCsv, loadMarkdown, formatPercentile, loadTerminalNotes, loadTerminalLines, loadHtml } from './load.js';
import { rampFindings, rampSentence } from './load-ramp.js';
import { validateAgainstSchema } from '../run-file/validate.js';
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
    // This fixture's percentiles predate `needs`: an open bound reads –.
    expect(markdown).toContain('| 10/s | sha256 | node | 10.0 | 4.00 [3.00, 5.00] | 8.00 [6.00, 10.0] | 40.0 [9.00, –] | 40.0 [9.00, –] |');
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

/** A step of a ramp that climbed until the host was the limit: p99's upper bound recorded with the events it needs. */
function rampStep(target: string, index: number, level: number, overrides: Partial<LoadStepResult> = {}): LoadStepResult {
  const n = level * 40;
  const open = n < 368;
  return {
    ...step(target, level, 20),
    step: index,
    sent: n,
    ok: n,
    latencyMs: {
      n,
      percentiles: [
        { q: 0.5, value: 4, ci: [3, 5] },
        { q: 0.9, value: 8, ci: [6, 10] },
        { q: 0.99, value: 20, ci: [9, open ? null : 30], ...(open ? { needs: 368 } : {}) },
        { q: 0.999, value: 25, ci: [9, null], needs: 3688 },
      ],
      max: 31,
    },
    ...overrides,
  };
}

function climbed(): LoadStepResult[] {
  return [
    rampStep('node', 0, 1), rampStep('wasm', 0, 1),
    rampStep('node', 1, 10, { achievedPerS: 9.98 }), rampStep('wasm', 1, 10, { achievedPerS: 10.02 }),
    // wasm was throttled at 100/s (valid: the system's behaviour), node's step was host-limited and ended its ramp.
    rampStep('node', 2, 100, { achievedPerS: 97, valid: false, invalidReasons: ['host CPU saturated: 96% busy over the step'], endsRamp: true }),
    rampStep('wasm', 2, 100, { achievedPerS: 80, sent: 4000, ok: 3200, throttled: 800, throttleReasons: { ReservedFunctionConcurrentInvocationLimitExceeded: 800 } }),
  ];
}

function climbedRun(steps: LoadStepResult[] = climbed()) {
  const run = loadRun(steps);
  const record = run.baselines.lambdaLoad;
  return { ...run, baselines: { ...run.baselines, lambdaLoad: { ...record, spec: { text: 'rate:1,10,100..@40s+3s', kind: 'rate' as const, levels: [1, 10, 100], durationMs: 40_000, settleMs: 3000, untilHostLimit: true } } } };
}

describe('the ramp in the reports', () => {
  it('finds per function the highest valid step, the host-limited one, and the achieved-rate check with its worst deviation', () => {
    const record = climbedRun().baselines.lambdaLoad;
    const [node, wasm] = rampFindings(record);
    expect(node).toMatchObject({ target: 'node', highestValid: 10, firstLimited: { level: 100, reason: 'host CPU saturated: 96% busy over the step', endedRamp: true }, checked: 2, outside: 0 });
    expect(node?.worst?.deviation).toBeCloseTo(-0.002, 9);
    expect(wasm).toMatchObject({ target: 'wasm', highestValid: 100, checked: 3, outside: 1, worst: { level: 100, notCompleted: 800 } });
    expect(wasm?.firstLimited).toBeUndefined();
    expect(rampSentence(node as never)).toBe(
      'sha256 node: highest valid step 10/s; the step at 100/s was host-limited: host CPU saturated: 96% busy over the step (the ramp stopped there); ' +
        'achieved within 5% of offered on all 2 valid step(s) (worst −0.2% at 10/s).',
    );
    expect(rampSentence(wasm as never)).toBe(
      "sha256 wasm: highest valid step 100/s; the ramp's top: the host was not the limit up to there; " +
        'achieved NOT within 5% of offered on 1 of 3 valid step(s) (worst −20.0% at 100/s, 800 event(s) not completed).',
    );
  });

  it('says when no step was valid and when a closed loop has no rate to check', () => {
    const none = rampFindings(climbedRun(climbed().filter((s) => s.target === 'node').map((s) => ({ ...s, valid: false, invalidReasons: ['client send lag: 40.0% of events left over 10 ms late (max 80 ms)'] }))).baselines.lambdaLoad);
    expect(rampSentence(none[0] as never)).toBe(
      'sha256 node: no valid step; the step at 1/s was host-limited: client send lag: 40.0% of events left over 10 ms late (max 80 ms); no valid step to check the achieved rate on.',
    );
    const closed = rampFindings(climbedRun(climbed().map(({ offeredPerS: _, ...s }) => ({ ...s, kind: 'concurrency' as const }))).baselines.lambdaLoad);
    expect(rampSentence(closed[1] as never)).toBe("sha256 wasm: highest valid step 100 callers; the ramp's top: the host was not the limit up to there; no offered rate to check (closed loop).");
  });

  it('puts the ramp lines in report.md, report.html and the closing screen, and says what a missing bound needs', () => {
    const run = climbedRun();
    const markdown = loadMarkdown(run);
    expect(markdown).toContain('**The ramp, sync Invoke (RequestResponse) (emulated):**');
    expect(markdown).toContain('- sha256 node: highest valid step 10/s; the step at 100/s was host-limited');
    expect(markdown).toContain('climbs until the host is the limit (levels ending in "..")');
    expect(markdown).toContain('reads "none" with the events it needs (p99: 368 events, p99.9: 3688 events).');
    expect(markdown).toContain('| 10/s | sha256 | node | 10.0 | 4.00 [3.00, 5.00] | 8.00 [6.00, 10.0] | 20.0 [9.00, 30.0] | 25.0 [9.00, none: needs ≥ 3688 events] |');
    expect(markdown).toContain('| 1/s | sha256 | node | 1.0 | 4.00 [3.00, 5.00] | 8.00 [6.00, 10.0] | 20.0 [9.00, none: needs ≥ 368 events] |');
    expect(markdown).toContain('INVALID: host CPU saturated: 96% busy over the step (ramp stopped here)');
    expect(loadHtml(run, [])).toContain("<li>sha256 wasm: highest valid step 100/s; the ramp's top");
    // The terminal keeps the p99 cell short and says once why it is open.
    expect(loadTerminalLines(run).join('\n')).toContain('20.0 [9.00, –]');
    // The step column names the reasons short (the ramp lines below give them whole); one path goes in the title.
    expect(loadTerminalLines(run).find((line) => line.startsWith('100/s ') && line.includes(' node '))).toMatch(/ INVALID \(CPU\)$/);
    expect(loadTerminalLines(run)[0]).toContain(', sync path, ramp rate:1,10,100..@40s+3s');
    expect(Math.max(...loadTerminalLines(run).slice(1).map((line) => line.length))).toBeLessThanOrEqual(120);
    expect(loadTerminalNotes(run)).toEqual([
      "intervals: 95%, within one repeat's events (--load-repeats 1 or a run before repeats): they do not hold when the run is repeated.",
      'p99 [–]: a bound needs ≥ 368 completed events (exact binomial, 95%); steps at 1/s had fewer.',
      'ramp sync (emulated): sha256 node: highest valid step 10/s; the step at 100/s was host-limited: host CPU saturated: 96% busy over the step (the ramp stopped there); achieved within 5% of offered on all 2 valid step(s) (worst −0.2% at 10/s).',
      "ramp sync (emulated): sha256 wasm: highest valid step 100/s; the ramp's top: the host was not the limit up to there; achieved NOT within 5% of offered on 1 of 3 valid step(s) (worst −20.0% at 100/s, 800 event(s) not completed).",
    ]);
    const csv = loadCsv(run).trim().split('\n');
    const header = (csv[0] as string).split(',');
    const first = (csv[1] as string).split(',');
    expect(first[header.indexOf('p99_needs_events')]).toBe('368');
    expect(first[header.indexOf('p999_needs_events')]).toBe('3688');
    expect(csv.slice(1).some((line) => line.split(',')[header.indexOf('ends_ramp')] === 'true')).toBe(true);
  });

  it('names in the ADR where a target stopped when the other climbed higher', () => {
    const steps = [
      rampStep('node', 0, 1), rampStep('wasm', 0, 1),
      rampStep('node', 1, 10, { valid: false, invalidReasons: ['host CPU saturated: 95% busy over the step'], endsRamp: true }), rampStep('wasm', 1, 10),
      rampStep('wasm', 2, 100),
    ];
    expect(loadAdrSection(climbedRun(steps))).toContain('highest valid step 100/s: wasm p99 20.0 [9.00, 30.0] ms, 1 cold start(s), $0.350/1M; node not run at this level (its ramp stopped after the host-limited step at 10/s).');
  });

  it('writes a step none of whose events completed (every one throttled) as a run.json the schema accepts', () => {
    const none = rampStep('wasm', 0, 1, { ok: 0, throttled: 40, latencyMs: { n: 0, percentiles: [{ q: 0.99, value: Number.NaN, ci: [null, null], needs: 368 }], max: Number.NaN } });
    const written = JSON.parse(JSON.stringify(climbedRun([none]))) as unknown;
    expect(validateAgainstSchema(written)).toEqual([]);
    expect(loadMarkdown(written as never)).toContain('| – (needs ≥ 368 events) |');
  });

  it('formats an open bound with the events it needs, and none at all from no events', () => {
    expect(formatPercentile({ q: 0.99, value: 12, ci: [9, null], needs: 368 })).toBe('12.0 [9.00, none: needs ≥ 368 events]');
    expect(formatPercentile({ q: 0.99, value: 12, ci: [9, null], needs: 368 }, true)).toBe('12.0 [9.00, –]');
    expect(formatPercentile({ q: 0.5, value: Number.NaN, ci: [null, null], needs: 6 })).toBe('– (needs ≥ 6 events)');
  });
});

describe('load reports of a run with repeats', () => {
  const repeated = (overrides: Partial<LoadStepResult> = {}): LoadStepResult =>
    step('node', 10, 40, {
      repeats: 3,
      latencyMs: { n: 300, percentiles: [{ q: 0.5, value: 4, ci: [3.5, 4.6] }, { q: 0.9, value: 8, ci: [6, 10] }, { q: 0.99, value: 40, ci: [null, null], needs: 368 }, { q: 0.999, value: 40, ci: [null, null], needs: 3688 }], max: 41, basis: { unit: 'repeat', count: 3 } },
      ...overrides,
    });

  it('says the intervals are across repeats in fresh environments, per repeat what an open bound needs, and puts the p50 interval on the terminal', () => {
    const run = loadRun([repeated(), repeated({ target: 'wasm', functionName: 'wlb-sha256-wasm' })]);
    const markdown = loadMarkdown(run);
    expect(markdown).toContain('The ramp ran 3 times, each repeat from fresh execution environments: a percentile is the geometric mean of the repeats');
    expect(markdown).toContain('with the events every repeat needs (p99: 368 events, p99.9: 3688 events).');
    expect(markdown).toContain('| 10/s | sha256 | node | 10.0 | 4.00 [3.50, 4.60] |');
    expect(loadTerminalLines(run)[0]).toContain('ramp rate:1,10@4s+1s x 3 repeats; latency from intended send:');
    expect(loadTerminalLines(run)[1]).toContain('p50 ms [95% CI]');
    expect(loadTerminalLines(run).join('\n')).toContain('4.00 [3.50, 4.60]');
    expect(loadTerminalNotes(run).slice(0, 2)).toEqual([
      'intervals: 95%, across the 3 repeats of the ramp, each from fresh execution environments (counts are summed over them).',
      'p99 [–]: a bound needs ≥ 368 completed events in every repeat (exact binomial, 95%); steps at 10/s had fewer.',
    ]);
    const csv = loadCsv(run).trim().split('\n');
    const header = (csv[0] as string).split(',');
    const row = (csv[1] as string).split(',');
    // Two repeats queued at the INIT slots: one short name on the terminal.
    const queued = loadRun([repeated({ valid: false, invalidReasons: ['host cold-start queue: 11 cold start(s) waited', 'host cold-start queue: 10 cold start(s) waited', 'host CPU saturated: 95% busy'] })]);
    expect(loadTerminalLines(queued)[2]).toMatch(/ INVALID \(INIT, CPU\)$/);
    expect(row[header.indexOf('repeats')]).toBe('3');
    expect(row[header.indexOf('interval_basis')]).toBe('repeat');
    expect(validateAgainstSchema(run)).toEqual([]);
  });

  it('marks a one-repeat run\'s intervals as within its events, which do not hold when the run is repeated', () => {
    const markdown = loadMarkdown(loadRun(steps));
    expect(markdown).toContain('over one step\'s events, which share their environments: they do not hold when the run is repeated (--load-repeats 3 or more');
    const csv = loadCsv(loadRun(steps)).trim().split('\n');
    const header = (csv[0] as string).split(',');
    expect((csv[1] as string).split(',')[header.indexOf('interval_basis')]).toBe('event');
  });
});
