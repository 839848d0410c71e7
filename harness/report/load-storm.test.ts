/**
 * The reports of a cold-start storm run: the "Cold-start storm" table per
 * path in report.md and report.html, the CSV's Init and forced-cold columns,
 * the terminal's lines and the ADR draft's storm sentence, all from a
 * run.json that the schema accepts.
 */
import { describe, expect, it } from 'vitest';
import type { LoadRecord, LoadStepResult } from '../contract/load.js';
import { validateAgainstSchema } from '../run-file/validate.js';
import { sampleRun } from './fixtures.js';
import { renderAll } from './index.js';
import { loadAdrSection, loadCsv, loadHtml, loadMarkdown, loadTerminalLines, loadTerminalNotes } from './load.js';
import { stormTable } from './load-storm.js';

const QUEUED = "host cold-start queue: 3 cold start(s) waited for one of the local Lambda's 2 INIT slots";

/** A storm of `level` events at one function: every event cold, Init 150..(150 + level) ms. */
function storm(target: string, step: number, level: number, overrides: Partial<LoadStepResult> = {}): LoadStepResult {
  return {
    path: 'sync', step, kind: 'storm', level, workload: 'sha256', target, functionName: `wlb-sha256-${target}`, memoryMB: 1769, arch: 'x86_64',
    achievedPerS: level * 2, sent: level, skipped: 0, ok: level, throttled: 0, throttleReasons: {}, errors: 0, wrongOutputs: 0, lost: 0,
    latencyMs: { n: level, percentiles: [{ q: 0.5, value: 200 + level, ci: [null, null], needs: 6 }, { q: 0.99, value: 400 + level, ci: [null, null], needs: 368 }], max: 410 + level },
    coldStarts: level, coldShare: 1, initStartsInLogs: level, initDurationMs: { median: 150 + level / 2, max: 150 + level }, forcedCold: true, peakInFlight: level, peakConcurrent: level, environmentsUsed: level,
    sendLag: { lateShare: 0, maxMs: 1 }, cpuBusy: 0.5, valid: true, invalidReasons: [],
    ...overrides,
  };
}

function stormRun(steps: LoadStepResult[]) {
  const record: LoadRecord = {
    spec: { text: 'storm:1,5@20s+2s', kind: 'storm', levels: [1, 5], durationMs: 0, waitMs: 20_000, settleMs: 2000, untilHostLimit: false },
    paths: ['sync'], endpoint: 'local', emulated: true, priceRegion: 'us-east-1', pricesTakenOn: '2026-11-29', steps,
  };
  const run = sampleRun([]);
  return { ...run, baselines: { ...(run.baselines ?? {}), lambdaLoad: record } };
}

const steps = [
  storm('node', 0, 1),
  storm('wasm', 0, 1),
  storm('node', 1, 5, { valid: false, invalidReasons: [QUEUED] }),
  storm('wasm', 1, 5, { valid: false, invalidReasons: [QUEUED], throttled: 1, throttleReasons: { ReservedFunctionConcurrentInvocationLimitExceeded: 1 }, ok: 4, coldStarts: 4, initStartsInLogs: 4 }),
];

describe('cold-start storm reports', () => {
  it('tables each storm: N, cold starts, latency with intervals, Init median and max, throttles and validity', () => {
    const { header, rows } = stormTable(steps);
    expect(header).toEqual(['N at once', 'workload', 'target', 'cold', 'p50 ms [95% CI]', 'p99 ms [95% CI]', 'max ms', 'Init median ms', 'Init max ms', 'throttled', 'errors', 'step']);
    expect(rows[0]).toEqual(['1', 'sha256', 'node', '1 of 1', '201 [–, –]', '401 [–, –]', '411', '151', '151', '0', '0', 'valid']);
    expect(rows[3]).toEqual(['5', 'sha256', 'wasm', '4 of 5', '205 [–, –]', '405 [–, –]', '415', '153', '155', '1 (ReservedFunctionConcurrentInvocationLimitExceeded 1)', '0', `INVALID: ${QUEUED}`]);
    expect(stormTable([storm('node', 0, 2, { forcedCold: false, valid: false, invalidReasons: ['not cold: forcing new environments failed: HTTP 403'] })]).rows[0]?.at(-1)).toBe(
      'INVALID: not cold: forcing new environments failed: HTTP 403 (not made cold)',
    );
  });

  it('puts a "Cold-start storm" table per path in report.md and report.html, saying what a storm is and when the host is the limit', () => {
    const run = stormRun(steps);
    const markdown = loadMarkdown(run);
    expect(markdown).toContain('### Cold-start storm, sync Invoke (RequestResponse) (emulated)');
    expect(markdown).toContain('| 5 | sha256 | node | 5 of 5 | 205 [–, –] | 405 [–, –] | 415 | 153 | 155 | 0 | 0 | INVALID: host cold-start queue');
    expect(markdown).toContain("before each storm the function's environments were retired (a configuration change, waited for");
    expect(markdown).toContain("many Node processes starting at once is the host's limit, not Lambda's");
    expect(markdown).toContain('**The storms, sync Invoke (RequestResponse) (emulated):**');
    expect(markdown).toContain(`- sha256 node: largest valid storm 1 at once; the storm of 5 was host-limited: ${QUEUED}.`);
    expect(markdown).not.toContain('achieved/s');
    const html = loadHtml(run, []);
    expect(html).toContain('<h3>Cold-start storm, sync Invoke (RequestResponse) (emulated)</h3>');
    expect(html).toContain('<th>N at once</th>');
    expect(html).toContain('<li>sha256 wasm: largest valid storm 1 at once; the storm of 5 was host-limited');
    const fine = loadHtml(stormRun(steps.map((st) => ({ ...st, valid: true, invalidReasons: [] }))), []);
    expect(fine).toContain('<li>sha256 node: largest valid storm 5 at once; the largest storm asked for: the host was not the limit up to there.</li>');
    expect(loadMarkdown(stormRun(steps.map((st) => ({ ...st, valid: false, invalidReasons: [QUEUED] }))))).toContain('- sha256 node: no valid storm; the storm of 1 was host-limited');
  });

  it('writes storm rows in load.csv with Init median, max and whether the function was made cold', () => {
    const lines = loadCsv(stormRun(steps)).trim().split('\n');
    expect(lines).toHaveLength(5);
    const header = (lines[0] as string).split(',');
    const row = (lines[3] as string).split(',');
    expect(row[header.indexOf('kind')]).toBe('storm');
    expect(row[header.indexOf('level')]).toBe('5');
    expect(row[header.indexOf('offered_per_s')]).toBe('');
    expect(row[header.indexOf('init_median_ms')]).toBe('152.5');
    expect(row[header.indexOf('init_max_ms')]).toBe('155');
    expect(row[header.indexOf('forced_cold')]).toBe('true');
  });

  it('gives the largest valid storm in the ADR draft, node beside wasm, and where the host took over', () => {
    const adr = loadAdrSection(stormRun(steps));
    expect(adr).toContain(
      'Cold-start storm, sha256, sync Invoke (RequestResponse): largest valid storm 1 at once: node 1 cold, p50 201 ms, max 411 ms, Init median 151 ms; wasm 1 cold, p50 201 ms, max 411 ms, Init median 151 ms; ' +
        'from larger storms on, the host limited it (largest 5: node 5 cold, p50 205 ms, max 415 ms, Init median 153 ms (INVALID); wasm 4 cold, p50 205 ms, max 415 ms, Init median 153 ms (INVALID)).',
    );
    expect(adr).toContain('A storm is every user');
    const allInvalid = loadAdrSection(stormRun(steps.map((s) => ({ ...s, valid: false, invalidReasons: [QUEUED] }))));
    expect(allInvalid).toContain("sync Invoke (RequestResponse): no valid storm on this host; the figures are the host's limits, not Lambda's, and decide nothing (largest storm 5:");
    const allValid = loadAdrSection(stormRun(steps.map((s) => ({ ...s, valid: true, invalidReasons: [] }))));
    expect(allValid).toContain('largest storm 5 at once, valid: node 5 cold');
    expect(new Map(renderAll(stormRun(steps))).get('adr-draft.md')).toContain('Cold-start storm, sha256');
  });

  it('shows storms on the terminal without a rate, and a run.json with storms is valid against the schema', () => {
    const lines = loadTerminalLines(stormRun(steps));
    expect(lines[0]).toContain('cold-start storms storm:1,5@20s+2s');
    expect(lines.find((l) => l.includes('storm of 5') && l.includes('wasm'))).toMatch(/storm of 5 +sha256 +wasm +– /);
    expect(loadTerminalNotes(stormRun(steps)).join('\n')).toContain('storms of 1, 5 had fewer');
    expect(validateAgainstSchema(JSON.parse(JSON.stringify(stormRun(steps))) as unknown)).toEqual([]);
  });
});
