import { describe, expect, it } from 'vitest';
import { coldPhasesSvgExporter, warmRatioRows, warmRatioSvgExporter, warmupPanels, warmupSvgExporter } from './charts.js';
import { cold, completed, errored, sampleRun, unsupported, vs, warm } from './fixtures.js';
import { htmlExporter, renderHtml } from './html.js';
import { linearTicks, logTicks } from './svg.js';

/** Every complete <svg>…</svg> element in a document. */
const svgs = (html: string): string[] => html.match(/<svg\b[\s\S]*?<\/svg>/g) ?? [];

/** Cells of the first table row containing `needle`, as text. */
function rowCells(html: string, needle: string): string[] {
  const row = (html.match(/<tr>[\s\S]*?<\/tr>/g) ?? []).find((tr) => tr.includes(needle));
  expect(row, `row with ${needle}`).toBeDefined();
  return [...row!.matchAll(/<td class="([a-z]+)">([\s\S]*?)<\/td>/g)].map((m) => `${m[1]}:${m[2]}`);
}

describe('report.html', () => {
  // Through the exporter: every assertion below is about the bytes written to report.html.
  const html = htmlExporter.serialize(sampleRun());

  it('is one self-contained document: no scripts, no external references, a CSP that forbids them', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script|<link|<img|src=|@import|url\(/i);
    expect(html.match(/https?:\/\/[^"\s]*/g)?.every((url) => url === 'http://www.w3.org/2000/svg')).toBe(true);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
  });

  it('has an <svg> per chart: warm ratio overall, cold phases and warm-up for the workload that has cold data', () => {
    const charts = svgs(html);
    expect(charts.map((svg) => /aria-label="([^"]*)"/.exec(svg)?.[1])).toEqual([
      'Warm time per call relative to node',
      'sha256: cold start by phase',
      'sha256: warm-up in a fresh process',
    ]);
    // The ratio chart has one row (label, whisker, marker) per comparison, and the reference line at 1.0 is labelled.
    expect(charts[0]!.match(/<g><title>/g)).toHaveLength(warmRatioRows(sampleRun().results).length);
    expect(charts[0]).toContain('>1×</text>');
    // The cold chart stacks one rect per phase per row: node 3 phases, wasm 5.
    expect(charts[1]!.match(/<rect x="[\d.]+" y="[\d.]+" width="[\d.]+" height="16"/g)).toHaveLength(8);
    expect(charts[2]!.match(/<polyline /g)).toHaveLength(2);
  });

  it('shows the same figures as the Markdown table, styled by verdict', () => {
    expect(rowCells(html, '60.0 µs [58.8')).toEqual([
      'text:small',
      'text:wasm',
      'number:60.0 µs [58.8–61.2 µs]',
      'number:90.0 µs',
      'number:1.20 µs',
      'number:100',
      'faster:2.00× faster [1.82–2.22]',
      'text:verified',
    ]);
    expect(rowCells(html, 'no significant difference (0.98')).toContain('same:no significant difference (0.98× [0.93–1.04])');
  });

  it('shows errored rows as INVALID with the reason and no timing', () => {
    const cells = rowCells(html, 'output digest mismatch');
    expect(cells).toEqual([
      'text:small',
      'text:wasm',
      'invalid:INVALID',
      'missing:—',
      'missing:—',
      'missing:—',
      'missing:—',
      'invalid:INVALID: output digest mismatch: expected ab12, got cd34',
    ]);
    expect(html).toContain('<strong>1 result(s) INVALID</strong>');
  });

  it('shows a failure to measure as FAILED (styled apart from INVALID), and adds that style only to reports that need it', () => {
    const run = sampleRun([
      completed('noop', 'node', 'small', { warm: warm(85) }),
      errored('noop', 'wasm', 'small', 'could not open the Lambda endpoint (endpoint:127.0.0.1:9): ListFunctions → connection refused', 'unreachable'),
    ]);
    const failed = renderHtml(run);
    expect(rowCells(failed, 'ListFunctions')).toEqual([
      'text:small',
      'text:wasm',
      'failed:FAILED',
      'missing:—',
      'missing:—',
      'missing:—',
      'missing:—',
      'failed:FAILED (unreachable): could not open the Lambda endpoint (endpoint:127.0.0.1:9): ListFunctions → connection refused',
    ]);
    expect(failed).toContain('<strong>1 result(s) FAILED</strong>');
    expect(failed).not.toContain('INVALID</strong>');
    expect(failed).toContain('td.failed {');
    expect(html).not.toContain('td.failed');
  });

  it('escapes text everywhere, including in charts: a workload named <script> stays text', () => {
    const run = sampleRun([
      completed('<script>', 'node', 'small', { warm: warm(1000) }),
      completed('<script>', 'wasm', 'small', { warm: warm(500), vsNode: vs(0.5, 0.4, 0.6, 'faster'), notes: ['a & b "quoted"'] }),
      errored('<script>', 'component', 'small', '</td><b>boom</b>'),
      unsupported('x', 'wasm', 'small', "it's <not> possible"),
    ]);
    const out = renderHtml(run);
    expect(out).not.toContain('<script>');
    expect(out).not.toContain('<b>boom</b>');
    expect(out).toContain('<h2>&lt;script&gt;</h2>');
    expect(out).toContain('&lt;script&gt; · small · wasm'); // chart label
    expect(out).toContain('a &amp; b &quot;quoted&quot;');
    expect(out).toContain('it&#39;s &lt;not&gt; possible');
  });

  it('is exported as report.html', () => {
    expect(htmlExporter.fileName).toBe('report.html');
  });
});

describe('standalone SVG charts', () => {
  it('are exported under charts/ and apply only when the run has their data', () => {
    const run = sampleRun();
    for (const exporter of [warmRatioSvgExporter, coldPhasesSvgExporter, warmupSvgExporter]) {
      expect(exporter.fileName.startsWith('charts/')).toBe(true);
      expect(exporter.appliesTo?.(run)).toBe(true);
      const svg = exporter.serialize(run);
      expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
      expect(svgs(svg)).toHaveLength(1);
    }
    const warmOnly = sampleRun([completed('noop', 'node', 'small', { warm: warm(80) })]);
    expect(warmRatioSvgExporter.appliesTo?.(warmOnly)).toBe(false);
    expect(coldPhasesSvgExporter.appliesTo?.(warmOnly)).toBe(false);
    expect(warmupSvgExporter.appliesTo?.(warmOnly)).toBe(false);
    expect(coldPhasesSvgExporter.serialize(warmOnly)).toContain('No cold-start data to draw.');
  });

  it('never draw an errored row', () => {
    const run = sampleRun([errored('sha256', 'wasm', 'small', 'mismatch')]);
    expect(warmRatioRows(run.results)).toEqual([]);
  });

  it('pick readable axis ticks', () => {
    expect(logTicks(0.3, 12)).toEqual([0.5, 1, 2, 5, 10]);
    expect(logTicks(0.35, 1.2)).toEqual([0.5, 0.7, 1]);
    expect(linearTicks(46_000_000)).toEqual([0, 10_000_000, 20_000_000, 30_000_000, 40_000_000, 50_000_000]);
  });
});

describe('warm-up panels', () => {
  it("give a Wasm-only engine panel node's default curve for reference", () => {
    const results = [
      completed('w', 'node', 'small', { cold: cold({ processStart: 1e6 }, [5, 4, 3]) }),
      completed('w', 'wasm', 'small', { cold: cold({ processStart: 1e6 }, [9, 2, 1]) }),
      completed('w', 'wasm', 'small', { engine: 'eager', cold: cold({ processStart: 1e6 }, [7, 2, 1]) }),
    ];
    const panels = warmupPanels(results);
    expect(panels.map((p) => [p.title, p.series.map((s) => s.name)])).toEqual([
      ['w · small', ['node', 'wasm']],
      ['w · small · eager', ['node (default engine)', 'wasm']],
    ]);
  });
});
