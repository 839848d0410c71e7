import { describe, expect, it } from 'vitest';
import { completed, errored, sampleResults, sampleRun, unsupported, warm } from './fixtures.js';
import { markdownExporter, renderMarkdown } from './markdown.js';
import { escapeMarkdown } from './markdown-text.js';
import type { RunRecord } from '../contract/index.js';

/** The table lines (rows) of a Markdown document that mention every given word. */
function rowsWith(markdown: string, ...words: string[]): string[] {
  return markdown.split('\n').filter((line) => line.startsWith('|') && words.every((w) => line.includes(w)));
}

/** The section of a Markdown document from a heading to the next heading of the same or higher level. */
function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n${heading}\n`);
  expect(start, `heading ${heading}`).toBeGreaterThanOrEqual(0);
  const level = heading.indexOf(' ');
  const rest = markdown.slice(start + heading.length + 2);
  const end = rest.search(new RegExp(`\\n#{1,${level}} `));
  return end === -1 ? rest : rest.slice(0, end);
}

describe('report.md', () => {
  // Through the exporter: every assertion below is about the bytes written to report.md.
  const md = markdownExporter.serialize(sampleRun());

  it('shows each target warm median with CI, p99, MAD and the verdict in words', () => {
    const sha = section(md, '## sha256');
    expect(rowsWith(sha, '| small | wasm |', '60.0 µs [58.8–61.2 µs]')).toEqual([
      '| small | wasm | 60.0 µs [58.8–61.2 µs] | 90.0 µs | 1.20 µs | 100 | 2.00× faster [1.82–2.22] | verified |',
    ]);
    expect(rowsWith(sha, '| small | node |', '120 µs [118–122 µs]', 'baseline')).toHaveLength(1);
    expect(rowsWith(sha, '| large | wasm |', '5.00 ms [4.90–5.10 ms]', '2.38× faster [2.27–2.50]')).toHaveLength(1);
  });

  it('says "no significant difference" in words for the noop comparison', () => {
    const noop = section(md, '## noop');
    expect(rowsWith(noop, '| small | wasm |', '83.0 ns', 'no significant difference (0.98× [0.93–1.04])')).toHaveLength(1);
    expect(rowsWith(noop, '100 × 64 calls')).toHaveLength(2);
  });

  it('shows an errored row as INVALID with its reason and no timing anywhere', () => {
    const row = rowsWith(md, '| small | wasm |', 'INVALID');
    expect(row).toEqual(['| small | wasm | **INVALID** | — | — | — | — | **INVALID: output digest mismatch: expected ab12, got cd34** |']);
    expect(row[0]).not.toMatch(/\d+(\.\d+)? ?(ns|µs|ms|s)\b/);
    const summary = rowsWith(section(md, '## Summary: warm time per call compared with node'), '| json-transform |');
    expect(summary).toEqual(['| json-transform | small | **INVALID** | unsupported |']);
    expect(md).toContain('**1 result(s) INVALID**');
  });

  it('keeps INVALID for wrong outputs and shows failures to measure as FAILED, with kind and reason, in tables and alerts', () => {
    const run = sampleRun([
      completed('noop', 'node', 'small', { warm: warm(85) }),
      errored('noop', 'wasm', 'small', 'output mismatch: sha256 0a… expected 1b…', 'wrong-output'),
      errored('noop', 'component', 'small', 'cold: timeout: no result within 30 s', 'timeout'),
    ]);
    const text = renderMarkdown(run);
    expect(rowsWith(text, '| small | wasm |')).toEqual(['| small | wasm | **INVALID** | — | — | — | — | **INVALID: output mismatch: sha256 0a… expected 1b…** |']);
    expect(rowsWith(text, '| small | component |')).toEqual(['| small | component | **FAILED** | — | — | — | — | **FAILED (timeout): cold: timeout: no result within 30 s** |']);
    expect(rowsWith(section(text, '## Summary: warm time per call compared with node'), '| noop |')).toEqual(['| noop | small | **INVALID** | **FAILED** |']);
    expect(text).toContain('**1 result(s) INVALID** (failed output verification); they show no timings:\n\n- noop · small · wasm: output mismatch');
    expect(text).toContain('**1 result(s) FAILED** (not measured: crashed, timed out, or the endpoint did not answer; no output was found wrong); they show no timings:\n\n- noop · small · component: timeout: cold: timeout');
    expect(text).toContain('INVALID rows returned a wrong output; FAILED rows could not be measured');
    // A run whose errored rows have no kind (written before kinds existed) keeps its wording: every errored row INVALID.
    expect(md).toContain('**1 result(s) INVALID** (crashed or failed output verification)');
    expect(md).toContain('INVALID rows failed verification or crashed.');
    expect(md).not.toContain('FAILED');
  });

  it('shows an unsupported row as a gap with its reason', () => {
    expect(rowsWith(md, '| small | component |')).toEqual([
      '| small | component | unsupported | — | — | — | — | unsupported: StarlingMonkey, "JSON" builtins differ |',
    ]);
  });

  it('shows cold time to first result, the ratio to node and every phase in the order the child ran them', () => {
    const cold = section(section(md, '## sha256'), '### Cold start (fresh processes)');
    const header = rowsWith(cold, 'First result')[0] ?? '';
    expect(header).toContain('| processStart | read | compile | instantiate | import | firstCall | Samples |');
    expect(rowsWith(cold, '| small | wasm |')).toEqual([
      '| small | wasm | 46.0 ms [43.7–48.3 ms] | 64.4 ms | 1.20× slower [1.10–1.30] | 30.0 ms | 200 µs | 1.50 ms | 300 µs | — | 9.00 ms | 30 (+2 failed) | verified |',
    ]);
    expect(section(md, '## sha256')).toContain(
      '- small · wasm: 2 cold sample(s) failed and are not averaged in (timeout after 10000 ms; stderr: &lt;none&gt;)',
    );
  });

  it('shows peak RSS and artifact sizes in binary units', () => {
    const resources = section(section(md, '## sha256'), '### Resources and artifact size');
    expect(rowsWith(resources, '| small | wasm |', '52.0 MiB', '128 KiB', '13.7 KiB', '5.47 KiB', '4.51 KiB')).toHaveLength(1);
    expect(rowsWith(resources, '| small | node |', '48.0 MiB', '| — |')).toHaveLength(1); // node has no wasm memory
  });

  it('leaves out cold and resource tables for workloads without that data', () => {
    const noop = section(md, '## noop');
    expect(noop).not.toContain('Cold start');
    expect(noop).not.toContain('Resources');
  });

  it('has the environment, options, baselines and run notes', () => {
    const env = section(md, '## Environment');
    for (const fact of ['| Node.js | v20.20.2 |', '| V8 | 11.3.244.8-node.35 |', '| Cores | 2 |', '| Node flags (execArgv) | --expose-gc |', '| assemblyscript | 0.28.20 |']) {
      expect(env).toContain(fact);
    }
    expect(env).toContain('"seed": 42');
    expect(rowsWith(md, '| emptyProcess/default | 28.0 ms [27.0–29.0 ms] | 35.0 ms | 30 |')).toHaveLength(1);
    expect(section(md, '## Notes')).toContain('- machine shared with other jobs; figures are noisy');
  });

  it('adds an engine column only when engines other than the default were run', () => {
    expect(md).not.toContain('| Engine |');
    const run = sampleRun([completed('sha256', 'wasm', 'small', { engine: 'liftoff-only', warm: warm(70_000) }), ...sampleResults()]);
    expect(rowsWith(renderMarkdown(run), '| small | wasm | liftoff-only |', '70.0 µs')).toHaveLength(1);
  });

  it('escapes text that would break a table or be read as HTML', () => {
    expect(escapeMarkdown('a|b *c* <script>x</script>\nnext')).toBe('a\\|b \\*c\\* &lt;script&gt;x&lt;/script&gt; next');
    const run = sampleRun([errored('<script>', 'wasm', 'small', 'bad | pipe'), unsupported('<script>', 'node', 'small', 'n/a')]);
    const out = renderMarkdown(run);
    expect(out).toContain('## &lt;script&gt;');
    expect(out).not.toContain('<script>');
    expect(rowsWith(out, 'bad \\| pipe')).toHaveLength(1);
  });

  it('is exported as report.md', () => {
    expect(markdownExporter.fileName).toBe('report.md');
  });
});

describe('baseline processes', () => {
  it('lists the empty process of each engine configuration by name, and leaves out one that failed', () => {
    const timeToFirstResult = { medianNs: 28e6, p99Ns: 35e6, ci95Ns: [27e6, 29e6] as const, samples: 30 };
    const cold = { samples: 30, failedSamples: 0, phases: {}, timeToFirstResult, warmupCurveNs: [] };
    const run: RunRecord = {
      ...sampleRun(),
      baselines: {
        emptyProcess: [
          { engine: 'default', state: 'completed', cold, resources: {} },
          { engine: 'eager', state: 'completed', cold, resources: {} },
          { engine: 'liftoff-only', state: 'errored', error: 'crash' },
        ],
      },
    };
    const md = renderMarkdown(run);
    for (const name of ['emptyProcess/default', 'emptyProcess/eager']) expect(rowsWith(md, `| ${name} | 28.0 ms [27.0–29.0 ms] | 35.0 ms | 30 |`)).toHaveLength(1);
    expect(rowsWith(md, '| emptyProcess/liftoff-only |')).toEqual([]);
  });
});
