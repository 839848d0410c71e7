/**
 * The screen a run ends with: by default no line wider than 120 columns
 * (even with long workload names, Lambda rows and long errors), the verdict
 * block as the last thing before the results path, and the full table only
 * with --wide.
 */
import { describe, expect, it } from 'vitest';
import { closingLines } from '../report/closing.js';
import { calibration, completed, configWith, errored, lambdaCompleted, type LambdaRowFigures, forked, processes, replicatedRun, sampleRun, unsupported, vs, warm } from '../report/fixtures.js';
import { columns } from '../report/wrap.js';
import type { ResultRecord, RunRecord } from '../contract/index.js';
import { HELP, parseCommand, type Known } from '../options/bench.js';
import { renderCompactTable } from './table.js';
import { runEndLines } from './run-end.js';

const LONG = 'a-workload-named-far-beyond-what-any-terminal-column-was-sized-for-in-this-project';

/** A smoke run with everything that makes lines long: names, Lambda rows, sample-level bases, long errors, failed controls. */
function longRun(): RunRecord {
  const lambda = (target: 'node' | 'wasm', extra: LambdaRowFigures = {}): ResultRecord =>
    lambdaCompleted(LONG, target, 'small', 10240, 'arm64', { warm: warm(target === 'node' ? 400_000 : 300_000), costPerMillionUsd: 1.2345, maxMemoryUsedMB: 80, ...extra });
  const results: ResultRecord[] = [
    completed(LONG, 'node', 'small', { warm: forked(120_000) }),
    completed(LONG, 'as-component', 'small', { warm: forked(119_000, 10), vsNode: vs(0.9991, 0.9952, 1.0024, 'no-significant-difference', processes(10)) }),
    completed(LONG, 'component', 'small', { warm: forked(130_000, 2), vsNode: vs(1.08, 0.5, 1.9, 'too-few-samples', processes(2)) }),
    errored(LONG, 'wasm', 'small', `cold: crash: exit code 134; stderr: ${'very long stack frame '.repeat(20)}`, 'crashed'),
    lambda('node', {
      unavailable: [{ figures: ['REPORT Duration', 'cost'], api: 'Invoke LogType Tail', httpStatus: 200, reason: 'not available from this endpoint: Invoke LogType Tail → HTTP 200 without X-Amz-Log-Result' }],
    }),
    lambda('wasm', { vsNode: vs(0.75, 0.7, 0.8, 'faster', { unit: 'sample', count: 100 }) }),
    unsupported(LONG, 'component', 'medium', 'StarlingMonkey has no SIMD; '.repeat(8)),
    ...sampleRun().results,
  ];
  return { ...sampleRun(results), config: configWith({ quick: true }), calibration: calibration('failed'), notes: ['machine shared with other jobs; '.repeat(10)] };
}

const known: Known = { workloads: ['sha256', 'noop'], targets: ['node', 'wasm'], defaultTargets: ['node', 'wasm'] };

describe('the default end of a run', () => {
  const runs: ReadonlyArray<readonly [string, RunRecord]> = [['long names', longRun()], ['replicated', replicatedRun('failed')], ['sample', sampleRun()]];
  for (const [label, run] of runs) {
    it(`${label}: no line is wider than 120 columns, except the results path`, () => {
      const lines = runEndLines(run, { dir: 'results/runs/x', resumedGroups: 3 });
      expect(lines.at(-1)).toBe('results: results/runs/x');
      for (const line of lines.slice(0, -1)) expect(columns(line), line).toBeLessThanOrEqual(120); // timed-assertion-ok: a width in terminal columns, not a duration
    });
  }

  it('ends with the verdict block, right before the results path', () => {
    const run = longRun();
    const lines = runEndLines(run, { dir: 'out' });
    const verdict = closingLines(run);
    expect(verdict.length).toBeGreaterThan(3);
    expect(lines.slice(-1 - verdict.length, -1)).toEqual(verdict);
    expect(verdict.join('\n')).toContain('smoke run (--quick)');
  });

  it('shows the compact table, not the wide one, and says where the rest is', () => {
    const lines = runEndLines(sampleRun(), { dir: 'out' });
    expect(lines).toContain(renderCompactTable(sampleRun().results)[0]);
    expect(lines.join('\n')).not.toMatch(/cold TTFR/);
    expect(lines.join('\n')).toMatch(/--wide or report\.md/);
  });

  it('with --wide prints the full table, as before', () => {
    const lines = runEndLines(sampleRun(), { dir: 'out', wide: true });
    expect(lines.some((l) => /workload\s+size\s+target\s+where\s+warm median\s+p99\s+MAD/.test(l))).toBe(true);
    expect(lines.at(-1)).toBe('results: out');
  });
});

describe('renderCompactTable', () => {
  const lines = renderCompactTable(longRun().results);
  const text = lines.join('\n');

  it('keeps each ratio with its interval and what it rests on (on a terminal wide enough not to wrap them)', () => {
    const wide = renderCompactTable(longRun().results, 400).join('\n');
    expect(wide).toContain('no significant difference (0.999× [0.995–1.002])');
    expect(wide).toContain('10 processes');
    expect(wide).toContain('100 samples of 1 environment');
    expect(wide).toContain('no verdict: too few samples (1.08× [0.50–1.90])');
    expect(wide).not.toMatch(/1\.08× (faster|slower)/);
  });

  it('groups rows by where they ran and puts the reasons of gaps under the table', () => {
    expect(lines).toContain('lambda 10240MB-arm64 (warm = REPORT Duration):');
    const gapsFrom = lines.findIndex((l) => l.startsWith(`  ${LONG.slice(0, 40)}`));
    expect(gapsFrom).toBeGreaterThan(lines.indexOf('lambda 10240MB-arm64 (warm = REPORT Duration):'));
    const gaps = lines.slice(gapsFrom).join(' ').replace(/\s+/g, ' ');
    expect(gaps).toContain('FAILED (crashed): cold: crash: exit code 134');
    expect(gaps).toContain('n/a from this endpoint: Invoke LogType Tail → HTTP 200 without X-Amz-Log-Result');
    expect(text).toMatch(/verified,/);
  });

  it('wraps long names and cells inside their columns, at any width, losing nothing', () => {
    for (const width of [120, 100, 80]) {
      const narrow = renderCompactTable(longRun().results, width);
      for (const line of narrow) expect(columns(line), line).toBeLessThanOrEqual(width); // timed-assertion-ok: a width in terminal columns, not a duration
      const firstColumn = narrow.map((l) => l.split('  ')[0]!.trim()).join('');
      expect(firstColumn).toContain(LONG);
    }
  });
});

describe('--wide', () => {
  it('is a boolean flag, off by default, and documented', () => {
    const options = (argv: string[]) => {
      const command = parseCommand(argv, known, 'id');
      if (command.kind !== 'run') throw new Error(`expected a run, got ${command.kind}`);
      return command.options;
    };
    expect(options([]).wide).toBe(false);
    expect(options(['--wide']).wide).toBe(true);
    expect(() => parseCommand(['--wide=yes'], known, 'id')).toThrow();
    expect(HELP).toMatch(/--wide\s+end with the full 13-column table/);
  });
});
