import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RESULTS_DIR } from '../paths.js';
import type { RunRecord } from '../contract/index.js';
import { csvExporter, csvField, csvHeader, phaseColumn, renderCsv } from './csv.js';
import { completed, errored, lambdaCompleted, replicatedRun, sampleResults, sampleRun, vs, warm } from './fixtures.js';
import { readRunRecord } from '../run-file/read.js';

/**
 * An independent RFC 4180 parser (quoted fields, doubled quotes, embedded
 * commas and newlines), so the round trip checks the writer, not itself.
 */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  expect(quoted, 'unterminated quote').toBe(false);
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

/** Parsed rows as objects keyed by header. */
function records(text: string): Array<Record<string, string>> {
  const [header, ...rows] = parseCsv(text);
  return rows.map((row) => {
    expect(row).toHaveLength(header!.length);
    return Object.fromEntries(header!.map((name, i) => [name, row[i]!]));
  });
}

describe('results.csv', () => {
  const run = sampleRun();
  // Through the exporter: every assertion below is about the bytes written to results.csv.
  const text = csvExporter.serialize(run);
  const rows = records(text);

  it('has one row per result and a header naming the flat columns', () => {
    expect(rows).toHaveLength(run.results.length);
    const header = csvHeader(run);
    for (const name of ['workload', 'target', 'placement', 'size', 'engine', 'status', 'verified', 'warm_median_ns', 'vs_node_ratio', 'vs_node_ci_lo', 'vs_node_ci_hi', 'vs_node_verdict', 'cold_ttfr_median_ns', 'peak_rss_bytes', 'artifact_raw', 'artifact_gzip', 'artifact_brotli']) {
      expect(header).toContain(name);
    }
    expect(header).toContain('cold_phase_process_start_median_ns');
    expect(new Set(header).size).toBe(header.length);
  });

  it('writes full-precision figures in base units', () => {
    const wasm = rows.find((r) => r.workload === 'sha256' && r.target === 'wasm' && r.size === 'small')!;
    expect(wasm.warm_median_ns).toBe('60000');
    expect(wasm.vs_node_ratio).toBe('0.5');
    expect([wasm.vs_node_ci_lo, wasm.vs_node_ci_hi, wasm.vs_node_verdict]).toEqual(['0.45', '0.55', 'faster']);
    expect(wasm.cold_vs_node_verdict).toBe('slower');
    expect(wasm.cold_failed_samples).toBe('2');
    expect(wasm.cold_phase_compile_median_ns).toBe('1500000');
    expect(wasm.cold_phase_import_median_ns).toBe(''); // wasm has no import phase: empty, not 0
    expect(wasm.peak_rss_bytes).toBe(String(52 * 1024 * 1024));
    expect(wasm.artifact_raw).toBe('14000');
    expect(wasm.verified).toBe('true');
  });

  it('keeps errored rows with their reason and no timing', () => {
    const bad = rows.find((r) => r.status === 'errored')!;
    expect(bad.invalid).toBe('true');
    expect(bad.error).toBe('output digest mismatch: expected ab12, got cd34');
    const figures = Object.entries(bad).filter(([name]) => /_(ns|ratio|bytes|ms|lo|hi|verdict)$/.test(name));
    expect(figures.length).toBeGreaterThan(10);
    expect(figures.filter(([, value]) => value !== '')).toEqual([]);
  });

  it('quotes commas, quotes and newlines so they parse back intact', () => {
    const unsupportedRow = rows.find((r) => r.status === 'unsupported')!;
    expect(unsupportedRow.error).toBe('StarlingMonkey, "JSON" builtins differ');
    expect(text).toContain('"StarlingMonkey, ""JSON"" builtins differ"');
    expect(rows.find((r) => r.workload === 'json-transform' && r.target === 'node')!.notes).toBe('input has 1,000 "records"');

    const tricky = sampleRun([errored('multi\nline', 'wasm', 'small', 'a,"b"\r\nc'), completed('x', 'node', 'small', { notes: [' padded '] })]);
    const back = records(renderCsv(tricky));
    expect(back.map((r) => r.workload)).toEqual(['multi\nline', 'x']);
    expect(back[0]!.error).toBe('a,"b"\r\nc');
    expect(back[1]!.notes).toBe(' padded ');
  });

  it('quotes only where RFC 4180 needs it', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField(1.5)).toBe('1.5');
    expect(csvField(Number.NaN)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(false)).toBe('false');
  });

  it('writes numbers without binary floating-point noise, whole numbers unchanged', () => {
    expect(csvField(37761900.000000015)).toBe('37761900');
    expect(csvField(0.20416667500000002)).toBe('0.204167');
    expect(csvField(6606584.790000005)).toBe('6606580');
    expect(csvField(25276063744)).toBe('25276063744');
    expect(csvField(-0.1 - 0.2)).toBe('-0.3');
  });

  // The published runs are read from disk: a run measured later must not bring the noise back either.
  const published = join(RESULTS_DIR, 'published');
  const publishedRuns = readdirSync(published, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(published, entry.name, 'run.json')))
    .map((entry): [string, RunRecord] => [entry.name, readRunRecord(join(published, entry.name, 'run.json'))]);
  const noisy: RunRecord = sampleRun([
    completed('w', 'node', 'small', { warm: warm(37761900.000000015) }),
    completed('w', 'wasm', 'small', { warm: warm(0.1 + 0.2), vsNode: vs(0.20416667500000002, 0.1 + 0.1 + 0.001, 0.30000000000000004, 'faster') }),
  ]);
  for (const [name, run] of [['fixture with noisy figures', noisy], ['sample fixture', sampleRun()], ['replicated fixture', replicatedRun()], ...publishedRuns] as const) {
    it(`${name}: no number carries more than six significant digits (no float noise)`, () => {
      const cells = parseCsv(renderCsv(run)).flat();
      expect(cells.length).toBeGreaterThan(csvHeader(run).length);
      // Digits after the leading zeros of a decimal (0.0000401154 has six; 0.20416667500000002 has seventeen).
      const significant = (cell: string): number => cell.replace(/^-/, '').replace('.', '').replace(/^0+/, '').length;
      expect(cells.filter((cell) => /^-?\d*\.\d+$/.test(cell) && significant(cell) > 6)).toEqual([]);
    });
  }

  it('names phase columns in snake case', () => {
    expect(phaseColumn('processStart')).toBe('cold_phase_process_start_median_ns');
    expect(phaseColumn('first-call')).toBe('cold_phase_first_call_median_ns');
  });

  it('fills Lambda columns from a lambda row', () => {
    const overhead = { ...warm(1_700_000), ci95Ns: [1_650_000, 1_760_000] as const };
    const lambda = lambdaCompleted('sha256', 'wasm', 'small', 1769, 'arm64', { costPerMillionUsd: 0.84, lambda: { warm: { samples: 5, dropped: 0, overhead } } });
    const back = records(renderCsv(sampleRun([...sampleResults(), lambda])));
    const row = back.find((r) => r.placement === 'lambda')!;
    expect([row.memory_mb, row.arch, row.endpoint, row.cost_per_million_usd]).toEqual(['1769', 'arm64', 'local', '0.84']);
    expect(row.invoke_overhead_median_ns).toBe('1700000');
  });

  it('is exported as results.csv', () => {
    expect(csvExporter.fileName).toBe('results.csv');
  });
});
