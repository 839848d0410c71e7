import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../paths.js';
import { EQUIVALENT_MUTANTS, type EquivalentMutant } from './mutation-equivalents.js';
import { findEquivalents, renderEquivalents, renderScores, renderSummary, scoreModules, type MutationReport, type ReportedMutant } from './mutation-summary.js';

const statuses = (spec: Record<string, number>): ReportedMutant[] =>
  Object.entries(spec).flatMap(([status, n]) => Array.from({ length: n }, () => ({ status })));

describe('mutation summary', () => {
  const report: MutationReport = {
    files: {
      'lambda/cost/cost.ts': { mutants: statuses({ Killed: 33, Survived: 17, NoCoverage: 2 }) },
      'harness/stats/rng.ts': { mutants: statuses({ Killed: 8, Timeout: 1, CompileError: 3, Ignored: 2 }) },
      'harness/verify/digest.ts': { mutants: statuses({ CompileError: 1 }) },
    },
  };

  it("scores each module as Stryker does: errors and ignored mutants count for nothing, timeouts count as killed", () => {
    const rows = scoreModules(report);
    expect(rows.map((r) => r.file)).toEqual(['lambda/cost/cost.ts', 'harness/stats/rng.ts', 'harness/verify/digest.ts']);
    expect(rows[0]).toEqual({ file: 'lambda/cost/cost.ts', killed: 33, timeout: 0, survived: 17, equivalent: 0, noCoverage: 2, errors: 0, score: (100 * 33) / 52, strykerScore: (100 * 33) / 52 });
    expect(rows[1]).toEqual({ file: 'harness/stats/rng.ts', killed: 8, timeout: 1, survived: 0, equivalent: 0, noCoverage: 0, errors: 3, score: 100, strykerScore: 100 });
    expect(rows[2]?.score).toBeNull();
  });

  it('flags exactly the modules below the target', () => {
    const lines = renderScores(scoreModules(report)).split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/^lambda\/cost\/cost\.ts\s+63\.5%\s+63\.5%\s+33\s+17\s+0\s+2\s+0\s+0  below 85%$/);
    expect(lines[2]).toMatch(/^harness\/stats\/rng\.ts\s+100\.0%\s+100\.0%\s+8\s+0\s+0\s+0\s+1\s+3$/);
    expect(lines[3]).toMatch(/n\/a/);
    expect(lines[3]).not.toMatch(/below/);
  });
});

describe('equivalent mutants', () => {
  // Line 2 holds the same mutant twice over (only the one inside `keep(` is listed); line 3 another kind.
  const source = ['const a = 1;', "if (x === 'ok') keep(x === 'ok');", 'return y?.z;'].join('\n');
  const at = (line: number, start: number, end: number) => ({ start: { line, column: start }, end: { line, column: end } });
  const mutants: ReportedMutant[] = [
    { status: 'Survived', mutatorName: 'ConditionalExpression', replacement: 'true', location: at(2, 5, 15) },
    { status: 'Survived', mutatorName: 'EqualityOperator', replacement: "x !== 'ok'", location: at(2, 22, 32) },
    { status: 'Killed', mutatorName: 'ConditionalExpression', replacement: 'false', location: at(2, 5, 15) },
    { status: 'Survived', mutatorName: 'OptionalChaining', replacement: 'y.z', location: at(3, 8, 12) },
    { status: 'Killed', mutatorName: 'BooleanLiteral', replacement: 'false', location: at(1, 11, 12) },
    { status: 'NoCoverage', mutatorName: 'BooleanLiteral', replacement: 'true', location: at(1, 11, 12) },
  ];
  const report: MutationReport = { files: { 'm.ts': { source, mutants }, 'other.ts': { source: '', mutants: [] } } };
  const entry = (over: Partial<EquivalentMutant>): EquivalentMutant => ({ file: 'm.ts', line: 'keep(', mutator: 'EqualityOperator', original: "x === 'ok'", replacement: "x !== 'ok'", reason: 'r', ...over });

  it('counts a survivor as equivalent only when file, line, mutator, original text and replacement all match', () => {
    const listed = entry({});
    const optional = entry({ line: 'return', mutator: 'OptionalChaining', original: 'y?.z', replacement: 'y.z', reason: 'y is always set' });
    const wrongLine = entry({ line: 'const a', mutator: 'ConditionalExpression', original: "x === 'ok'", replacement: 'true' });
    const killed = entry({ line: 'if (', mutator: 'ConditionalExpression', original: "x === 'ok'", replacement: 'false' });
    const otherFile = entry({ file: 'other.ts' });
    const notMutated = entry({ file: 'absent.ts' });
    const unreached = entry({ line: 'const a', mutator: 'BooleanLiteral', original: '1', replacement: 'true', reason: 'never runs' });
    const found = findEquivalents(report, [listed, optional, wrongLine, killed, otherFile, notMutated, unreached]);
    expect(found.matched).toStrictEqual([{ entry: listed, lines: [2] }, { entry: optional, lines: [3] }, { entry: unreached, lines: [1] }]);
    // Entries for mutated files that explain no survivor are stale; a file not mutated in this run says nothing.
    expect(found.stale).toStrictEqual([wrongLine, killed, otherFile]);
    const [row] = scoreModules(report, found).filter((r) => r.file === 'm.ts');
    expect(row).toEqual({ file: 'm.ts', killed: 2, timeout: 0, survived: 1, equivalent: 3, noCoverage: 0, errors: 0, score: (100 * 2) / 3, strykerScore: (100 * 2) / 6 });
    // Without the list, the uncovered mutant counts as Stryker counts it.
    expect(scoreModules(report).find((r) => r.file === 'm.ts')).toMatchObject({ survived: 3, noCoverage: 1, equivalent: 0 });
  });

  it('prints each equivalent with its lines and reason, and each stale entry', () => {
    const found = findEquivalents(report, [entry({}), entry({ line: 'nowhere' })]);
    expect(renderEquivalents(found).split('\n')).toStrictEqual([
      'Equivalent mutants (harness/tools/mutation-equivalents.ts), not counted as survivors:',
      "  m.ts:2 EqualityOperator `x === 'ok'` -> `x !== 'ok'`: r",
      'Listed as equivalent but no such mutant survived (killed now, or the code changed: update the list):',
      "  m.ts EqualityOperator `x === 'ok'` -> `x !== 'ok'` on a line with `nowhere`",
    ]);
    expect(renderEquivalents(findEquivalents(report, []))).toBe('');
    expect(renderSummary(report, [entry({})])).toMatch(/^\nMutation score per module \(target 85%.*\n(?:.*\n){3}\nEquivalent mutants .*\n {2}m\.ts:2 /);
  });

  it('lists real entries: every one names a module the mutation run mutates, and gives a reason', () => {
    const config = readFileSync(join(ROOT, 'stryker.config.mjs'), 'utf8');
    for (const e of EQUIVALENT_MUTANTS) {
      expect(config, e.file).toContain(`'${e.file}'`);
      expect(e.reason.length, `${e.file} ${e.original}`).toBeGreaterThan(40);
    }
  });
});
