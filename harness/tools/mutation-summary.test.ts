import { describe, expect, it } from 'vitest';
import { renderScores, scoreModules, type MutationReport } from './mutation-summary.js';

const statuses = (spec: Record<string, number>): Array<{ status: string }> =>
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
    expect(rows[0]).toEqual({ file: 'lambda/cost/cost.ts', killed: 33, timeout: 0, survived: 17, noCoverage: 2, errors: 0, score: (100 * 33) / 52 });
    expect(rows[1]).toEqual({ file: 'harness/stats/rng.ts', killed: 8, timeout: 1, survived: 0, noCoverage: 0, errors: 3, score: 100 });
    expect(rows[2]?.score).toBeNull();
  });

  it('flags exactly the modules below the target', () => {
    const lines = renderScores(scoreModules(report)).split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/^lambda\/cost\/cost\.ts\s+63\.5%\s+33\s+17\s+2\s+0\s+0  below 85%$/);
    expect(lines[2]).toMatch(/^harness\/stats\/rng\.ts\s+100\.0%\s+8\s+0\s+0\s+1\s+3$/);
    expect(lines[3]).toMatch(/n\/a/);
    expect(lines[3]).not.toMatch(/below/);
  });
});
