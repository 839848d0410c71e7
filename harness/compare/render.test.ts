/**
 * The terminal and Markdown renderings: one aligned line per figure, rows not
 * compared and rows in one run only shown, the inside-interval summary line
 * in the form the check reads, and Markdown with the same cells.
 */
import { describe, expect, it } from 'vitest';
import { cold, completed, errored, sampleRun, vs, warm } from '../report/fixtures.js';
import type { ResultRecord, RunRecord } from '../contract/index.js';
import { compareRuns, type RunComparison } from './index.js';
import { comparisonCells, formatChange, renderMarkdown, renderText, summaryLines } from './render.js';

const run = (runId: string, results: ResultRecord[]): RunRecord => ({ ...sampleRun(results), runId });

function comparison(): RunComparison {
  const a = run('run-a', [
    completed('sha256', 'node', 'medium', { warm: warm(1_230_000) }),
    completed('sha256', 'wasm', 'medium', { warm: warm(600_000), vsNode: vs(0.49, 0.48, 0.5, 'faster') }),
    errored('graph', 'wasm', 'small', 'digest | mismatch', 'wrong-output'),
    completed('noop', 'node', 'small', { warm: warm(90) }),
  ]);
  const b = run('run-b', [
    completed('sha256', 'node', 'medium', { warm: warm(1_250_000) }),
    completed('sha256', 'wasm', 'medium', { warm: warm(700_000), vsNode: vs(0.56, 0.55, 0.57, 'faster') }),
    completed('graph', 'wasm', 'small', { warm: warm(1000) }),
    completed('matmul', 'node', 'large', { warm: warm(5_000_000) }),
  ]);
  return compareRuns({ label: 'runs/a', run: a }, { label: 'runs/b/run.json', run: b }, 0.02);
}

describe('renderText', () => {
  it('prints one aligned line per figure: row, figure, A -> B, change with interval, verdict, inside or outside', () => {
    const text = renderText(comparison());
    const lines = text.split('\n');
    expect(lines.slice(0, 2)).toEqual(['A: runs/a (run-a)', 'B: runs/b/run.json (run-b)']);
    const node = lines.find((l) => l.startsWith('sha256/node/local/medium'));
    expect(node).toMatch(/^sha256\/node\/local\/medium +warm median +1\.23 ms -> 1\.25 ms +1\.016× \[0\.\d{3}–1\.\d{3}\] +unclear +inside A's CI$/);
    const ratio = lines.find((l) => l.includes('warm vs node'));
    expect(ratio).toMatch(/0\.49× -> 0\.56× +1\.143× \[1\.\d{3}–1\.\d{3}\] +REGRESSION +outside A's CI$/);
    // Aligned: every figure line has its verdict column at the same offset.
    const figureLines = lines.filter((l) => / -> /.test(l) && !l.startsWith('graph'));
    const columns = new Set(figureLines.map((l) => l.search(/\d\.\d{3}× \[/)));
    expect(figureLines.length).toBe(3);
    expect(columns.size).toBe(1);
    expect(lines.find((l) => l.startsWith('graph/wasm/local/small'))).toMatch(/errored \(wrong-output: digest \| mismatch\) -> completed +not compared$/);
  });

  it('ends with the summary lines', () => {
    const text = renderText(comparison());
    expect(text.endsWith(`${summaryLines(comparison()).join('\n')}\n`)).toBe(true);
  });
});

describe('summaryLines', () => {
  it('counts verdicts, rows not compared, rows in one run only and the inside-interval shares', () => {
    expect(summaryLines(comparison())).toEqual([
      'verdicts: 2 regression, 0 improvement, 0 no change, 1 unclear (noise threshold 2%)',
      'not compared (errored or unsupported in a run): 1 row',
      'only in A: noop/node/local/small',
      'only in B: matmul/node/local/large',
      "B's median inside A's 95% interval: 1/2 rows (50%); ratios: 0/1 (0%)",
    ]);
  });

  it('lists the state of a row in one run only when it is not completed, and the other figures and notes', () => {
    const row = completed('sha256', 'node', 'small', { warm: warm(100), cold: cold({ processStart: 30_000_000 }) });
    const a = run('a', [row]);
    const b = run('a', [row, errored('x', 'wasm', 'small', 'timed out', 'timeout')]);
    const lines = summaryLines(compareRuns({ label: 'a', run: a }, { label: 'b', run: b }, 0.05));
    expect(lines[0]).toMatch(/\(noise threshold 5%\)$/);
    expect(lines).toContain('only in B: x/wasm/local/small [errored (timeout: timed out)]');
    expect(lines).toContain("other figures inside A's 95% interval: cold TTFR 1/1 (100%)");
    expect(lines.at(-1)).toMatch(/^note: A and B are the same run \(a\)/);
  });
});

describe('renderMarkdown', () => {
  it('is a table with the same cells as the terminal lines, escaped, then the summary', () => {
    const c = comparison();
    const md = renderMarkdown(c);
    expect(md).toContain("| Row | Figure | A | B | B/A [95% CI] | Verdict | B inside A's CI |");
    const tableRows = md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Row') && !l.startsWith('| :'));
    expect(tableRows).toHaveLength(comparisonCells(c).length);
    expect(md).toContain('| sha256/wasm/local/medium | warm vs node | 0.49× | 0.56× | 1.143× [');
    expect(md).toContain('| **REGRESSION** | no |');
    expect(md).toContain('errored (wrong-output: digest \\| mismatch)');
    expect(md).toContain("- B's median inside A's 95% interval: 1/2 rows (50%); ratios: 0/1 (0%)");
  });
});

describe('formatChange', () => {
  it('prints B/A and its interval with three decimals', () => {
    expect(formatChange({ ratio: 1.0162, ci95: [0.9981, 1.0349] })).toBe('1.016× [0.998–1.035]');
  });
});
