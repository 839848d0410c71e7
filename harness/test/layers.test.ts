/**
 * The layers hold (issue 11, item 5): every import of every non-test source
 * file is checked against the rules in layers.ts, and each violation prints
 * as `file -> import` under its rule. The rules are first shown to refuse
 * what they are meant to refuse on a small synthetic tree, so that a clean
 * project means something.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../paths.js';
import { findViolations, formatViolations, ImportGraph, LAYER_RULES, scriptEntries, sourceFiles, type AllowedImport } from './layers.js';

/**
 * Imports the rules refuse today that another engineer's change of this
 * round removes. Temporary: each names who removes it. An entry nothing
 * needs any more is reported (not failed) so it can be deleted.
 */
const ALLOWED: readonly AllowedImport[] = [];

const scratch = mkdtempSync(join(tmpdir(), 'wlb-layers-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A tree of files (path -> source) written under a fresh folder, and its import graph. */
function graphOf(name: string, files: Record<string, string>, entries: readonly string[] = []): ImportGraph {
  const root = join(scratch, name);
  for (const [file, source] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), source);
  }
  return new ImportGraph(root, sourceFiles(root), new Set(entries));
}

describe('layering rules', () => {
  it('refuse each kind of crossing, with the file and the import named', () => {
    const graph = graphOf('crossings', {
      'harness/contract/run.ts': "import type { X } from '../stats/describe.js';\nexport type Run = X;\n",
      'harness/stats/describe.ts': 'export type X = number;\n',
      'harness/warm/measure.ts': "import { UsageError } from '../cli/flags.js';\nexport const m = UsageError;\n",
      'harness/cold/summary.ts': "export async function f() { return import('../../lambda/measure/mode.js'); }\n",
      'harness/cli/flags.ts': 'export class UsageError extends Error {}\n',
      'harness/report/rows.ts': "import { findTarget } from '../targets/index.js';\nexport const r = findTarget;\n",
      'harness/targets/index.ts': "import { readFileSync } from 'node:fs';\nexport const findTarget = readFileSync;\n",
      'harness/run/bench.ts': "export { runLambda } from '../../lambda/measure/mode.js';\n",
      'lambda/measure/mode.ts': "import type { Run } from '../../harness/contract/run.js';\nexport const runLambda = (r: Run) => r;\n",
      'workloads/sha256/node.ts': "import '../../lambda/handlers/handler.js';\n",
      'lambda/handlers/handler.ts': 'export {};\n',
    });
    const { violations } = findViolations(graph, LAYER_RULES, []);
    expect(violations.map((v) => `${v.from} -> ${v.to}`).sort()).toEqual([
      'harness/cold/summary.ts -> lambda/measure/mode.ts',
      'harness/cold/summary.ts -> lambda/measure/mode.ts',
      'harness/contract/run.ts -> harness/stats/describe.ts',
      'harness/report/rows.ts -> harness/targets/index.ts',
      'harness/run/bench.ts -> lambda/measure/mode.ts',
      'harness/warm/measure.ts -> harness/cli/flags.ts',
      'harness/warm/measure.ts -> harness/cli/flags.ts',
      'workloads/sha256/node.ts -> lambda/handlers/handler.ts',
    ]);
    const message = formatViolations(violations);
    expect(message).toContain('contract imports nothing of the project');
    expect(message).toContain('  harness/report/rows.ts -> harness/targets/index.ts');
  });

  it('let the CLI, the tools and the scripts package.json runs wire placements; reporters use pure helpers', () => {
    const graph = graphOf(
      'wiring',
      {
        'harness/cli/main.ts': "import { runLambda } from '../../lambda/measure/mode.js';\nimport { local } from '../run/local-warm.js';\nexport const modes = [runLambda, local];\n",
        'harness/run/local-warm.ts': "import type { Run } from '../contract/index.js';\nexport const local = (r: Run) => r;\n",
        'harness/contract/run.ts': 'export type Run = string;\n',
        'lambda/measure/mode.ts': "import type { Run } from '../contract/index.js';\nexport const runLambda = (r: Run) => r;\n",
        'lambda/deploy/cli.ts': "import { flags } from '../../harness/cli/flags.js';\nexport const c = flags;\n",
        'harness/cli/flags.ts': 'export const flags = 1;\n',
        'harness/targets/display.ts': "import type { Run } from '../contract/index.js';\nexport const ORDER: Run[] = ['node'];\n",
        'harness/report/rows.ts': "import { ORDER } from '../targets/display.js';\nimport { median } from '../stats/describe.js';\nexport const o = [ORDER, median];\n",
        'harness/report/index.ts': "import { readRun } from '../run-file/read.js';\nexport const r = readRun;\n",
        'harness/run-file/read.ts': "import { readFileSync } from 'node:fs';\nimport type { Run } from '../contract/index.js';\nexport const readRun = (p: string): Run => readFileSync(p, 'utf8');\n",
        'harness/stats/describe.ts': 'export const median = 1;\n',
      },
      ['lambda/deploy/cli.ts'],
    );
    expect(findViolations(graph, LAYER_RULES, []).violations).toEqual([]);
  });

  it('reads type-only imports and re-exports, and lets an allow-list entry through', () => {
    const graph = graphOf('allowed', {
      'harness/contract/report.ts': "export type { Report } from '../../lambda/report-line.js';\n",
      'lambda/report-line.ts': 'export type Report = string;\n',
    });
    expect(findViolations(graph, LAYER_RULES, []).violations.map((v) => v.rule)).toContain('contract imports nothing of the project');
    const allowed = [{ from: 'harness/contract/report.ts', to: 'lambda/report-line.ts', why: 'test' }];
    expect(findViolations(graph, LAYER_RULES, allowed).violations).toEqual([]);
    expect(findViolations(graph, LAYER_RULES, [...allowed, { from: 'a.ts', to: 'b.ts', why: 'gone' }]).unused.map((a) => a.from)).toEqual(['a.ts']);
  });
});

describe('the project', () => {
  it('keeps its layers (every violating import listed as file -> import)', () => {
    const graph = new ImportGraph(ROOT, sourceFiles(ROOT), scriptEntries(ROOT));
    // Entry points are read from package.json: a script renamed away would silently widen nothing, but make sure some are found.
    expect([...graph.entries]).toContain('harness/tools/bench.ts');
    const { violations, unused } = findViolations(graph, LAYER_RULES, ALLOWED);
    for (const entry of unused) console.warn(`layers.test.ts: allow-list entry no longer needed, delete it: ${entry.from} -> ${entry.to}`);
    expect(violations, `imports that break the layers:\n${formatViolations(violations)}`).toEqual([]);
  });
});
