/**
 * The closing verdict block: it states adr-decide.ts's recommendation for
 * every workload (never its own), never reads an unresolved or
 * too-few-samples comparison as a win, carries the smoke-run and failed-
 * calibration caveats, fits the terminal width, and opens report.md and
 * report.html.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RESULTS_DIR } from '../paths.js';
import type { ResultRecord, RunRecord, VsBaseline } from '../contract/index.js';
import { decideWorkload, type WorkloadDecision } from './adr-decide.js';
import { closingBlock, closingHtml, closingLines, closingMarkdown } from './closing.js';
import { calibration, completed, configWith, lambdaCompleted, errored, forked, processes, replicatedRun, sampleRun, vs, warm } from './fixtures.js';
import { renderHtml } from './html.js';
import { stayHeadline } from './node-baseline.js';
import { renderMarkdown } from './markdown.js';
import { groupByWorkload } from './rows.js';
import { columns } from './wrap.js';
import { readRunRecord } from '../run-file/read.js';

/** The headline each recommendation kind must print (the block's only wording of adr-decide's answer). */
function expectedHeadline(decision: WorkloadDecision): string {
  const rec = decision.recommendation;
  switch (rec.kind) {
    case 'consider-target':
      return `consider ${rec.target}`;
    case 'stay-on-node':
      // Against a faster Node variant (node:crypto over the port), the headline names it.
      return decision.nodeBaseline === 'node' ? 'stay on node' : `stay on ${stayHeadline(decision)}`;
    case 'depends-on-invocation-pattern':
      return 'depends on the invocation pattern';
    case 'depends-on-payload-size':
      return 'depends on the payload size';
    case 'unresolved':
      return 'not decided';
    case 'no-recommendation':
      return 'no recommendation';
  }
  throw new Error('unknown recommendation kind');
}

/**
 * wordcount: wasm faster at small, too few processes at medium and
 * unresolved at large, both with ratios below 1 that a careless reader
 * would call faster.
 */
function undecidedRun(quick = false): RunRecord {
  const results: ResultRecord[] = [
    completed('wordcount', 'node', 'small', { warm: forked(100_000) }),
    completed('wordcount', 'wasm', 'small', { warm: forked(80_000), vsNode: vs(0.8, 0.78, 0.82, 'faster', processes(5)) }),
    completed('wordcount', 'node', 'medium', { warm: forked(1_000_000) }),
    completed('wordcount', 'wasm', 'medium', { warm: forked(800_000, 2), vsNode: vs(0.8, 0.6, 1.05, 'too-few-samples', processes(2)) }),
    completed('wordcount', 'node', 'large', { warm: forked(10_000_000) }),
    completed('wordcount', 'wasm', 'large', { warm: forked(9_000_000, 10), vsNode: vs(0.9, 0.78, 1.03, 'unresolved', processes(10)) }),
  ];
  return { ...sampleRun(results), config: configWith({ quick }) };
}

/** The published runs, read as any run.json (they predate intervals with a basis). */
function publishedRuns(): RunRecord[] {
  const dir = join(RESULTS_DIR, 'published');
  return readdirSync(dir)
    .filter((name) => existsSync(join(dir, name, 'run.json')))
    .map((name) => readRunRecord(join(dir, name, 'run.json')));
}

/** A run whose workload names and error texts are far wider than a terminal. */
function longNamesRun(): RunRecord {
  const name = 'a-workload-whose-name-is-much-longer-than-any-column-of-the-terminal-table-ever-planned-for';
  const results: ResultRecord[] = [
    completed(name, 'node', 'small', { warm: warm(120_000) }),
    completed(name, 'wasm', 'small', { warm: warm(60_000), vsNode: vs(0.5, 0.45, 0.55, 'faster', { unit: 'sample', count: 100 }) }),
    completed(name, 'component', 'small', { warm: warm(90_000), vsNode: vs(0.97, 0.91, 1.12, 'unresolved', processes(10)) }),
    errored(name, 'as-component', 'small', `load failed: ${'x'.repeat(300)}`, 'crashed'),
    ...sampleRun().results,
  ];
  return { ...sampleRun(results), config: configWith({ quick: true }), calibration: calibration('failed') };
}

/** node itself could not be measured: adr-decide gives no recommendation. */
function noBaselineRun(): RunRecord {
  return sampleRun([errored('graph', 'node', 'small', 'cold: crash: exit code 1', 'crashed'), completed('graph', 'wasm', 'small', { warm: warm(50_000) })]);
}

const runs: ReadonlyArray<readonly [string, RunRecord]> = [
  ['sample', sampleRun()],
  ['no baseline', noBaselineRun()],
  ['replicated', replicatedRun()],
  ['undecided', undecidedRun()],
  ['long names', longNamesRun()],
  ...publishedRuns().map((run) => [`published ${run.runId}`, run] as const),
];

describe('closingBlock states adr-decide.ts, never its own reading', () => {
  for (const [label, run] of runs) {
    it(`${label}: one entry per workload, each with decideWorkload's recommendation`, () => {
      const block = closingBlock(run);
      const groups = groupByWorkload(run);
      expect(block.entries.map((e) => e.workload)).toEqual(groups.map((g) => g.workload));
      const lines = closingLines(run, 10_000).join('\n');
      const markdown = closingMarkdown(run);
      for (const [i, entry] of block.entries.entries()) {
        const decision = decideWorkload(groups[i]!.workload, groups[i]!.results);
        expect(entry.decision).toEqual(decision);
        expect(entry.recommendation.headline).toBe(expectedHeadline(decision));
        expect(lines).toContain(`-> ${expectedHeadline(decision)}: `);
        expect(markdown).toContain(`→ **${expectedHeadline(decision).replace(/^./, (c) => c.toUpperCase())}**: `);
      }
    });
  }
});

describe('no win from an undecided comparison', () => {
  const run = undecidedRun();
  const [entry] = closingBlock(run).entries;
  const warmPhrase = entry!.figures[0]!;

  it('is not decided, and says which sizes have no verdict', () => {
    expect(entry!.recommendation).toEqual({
      headline: 'not decided',
      reason: 'no verdict for wasm at medium, large (neither a difference nor its absence shown); rerun with more processes (--forks)',
    });
  });

  it('calls only the decided size faster; the others show their ratio without a verdict', () => {
    expect(warmPhrase).toBe(
      'wasm warm: 1.25× faster [1.22–1.28] (5 processes) at small, no verdict: 2 processes (0.80× [0.60–1.05]) at medium, unresolved: 0.90× [0.78–1.03] after 10 processes at large',
    );
    const [, undecided] = warmPhrase.split(' at small, ');
    expect(undecided).not.toMatch(/faster|slower|consider/);
  });

  it('never recommends a target whose only evidence is undecided', () => {
    const replicated = closingBlock(replicatedRun()).entries.find((e) => e.workload === 'noop')!;
    expect(replicated.recommendation.headline).toBe('not decided');
    expect([...replicated.figures, replicated.recommendation.reason].join(' ')).not.toMatch(/faster|consider/);
  });
});

describe('no baseline', () => {
  it('says there is no recommendation and why, with no figures', () => {
    const [entry] = closingBlock(noBaselineRun()).entries;
    expect(entry!.figures).toEqual([]);
    expect(entry!.recommendation.headline).toBe('no recommendation');
    expect(entry!.recommendation.reason).toMatch(/^node, the baseline, has no valid warm measurement/);
    expect(closingLines(noBaselineRun())).toContain('graph  -> no recommendation: node, the baseline, has no valid warm measurement (cold: crash: exit code 1)');
  });
});

describe('caveats', () => {
  it('a --quick run says it is a smoke run, in every rendering', () => {
    const run = undecidedRun(true);
    expect(closingBlock(run).notes).toContain('smoke run (--quick): short measurements in few processes, a first look; rerun without --quick before deciding');
    expect(closingLines(run).join('\n')).toContain('smoke run (--quick)');
    expect(closingMarkdown(run)).toContain('smoke run (--quick)');
    expect(closingHtml(run)).toContain('smoke run (--quick)');
    expect(closingLines(undecidedRun(false)).join('\n')).not.toContain('smoke run');
  });

  it('says once when every workload measured only some sizes, and per workload otherwise', () => {
    const quick: RunRecord = { ...sampleRun(sampleRun().results.filter((r) => r.size === 'small')), config: configWith({ quick: true }) };
    const block = closingBlock(quick);
    expect(block.notes).toContain('every workload: only small measured');
    for (const entry of block.entries) expect(entry.caveats).not.toContain('only small measured');
    const mixed = closingBlock(sampleRun());
    expect(mixed.entries.find((e) => e.workload === 'noop')!.caveats).toContain('only small measured');
    expect(mixed.entries.find((e) => e.workload === 'sha256')!.caveats).not.toContain('only small measured');
  });

  it('names undecided comparisons of other targets and targets left out', () => {
    const block = closingBlock(longNamesRun());
    const [long] = block.entries;
    expect(long!.recommendation.headline).toBe('consider wasm');
    expect(long!.caveats).toEqual(['only small measured', 'unresolved: component at small', 'as-component not judged: FAILED (crashed) at small']);
    const json = block.entries.find((e) => e.workload === 'json-transform')!;
    expect(json.caveats).toEqual(['only small measured', 'wasm not judged: INVALID at small', 'component not judged: unsupported at small']);
  });

  it('a run whose controls failed says so above every workload', () => {
    expect(closingBlock(replicatedRun('failed')).notes[0]).toMatch(/^CALIBRATION FAILED: .*treat every verdict as suspect$/);
    expect(closingBlock(replicatedRun('passed')).notes.join(' ')).not.toMatch(/CALIBRATION/);
  });

  it('a run too short for its controls says so, without calling the verdicts suspect', () => {
    expect(closingBlock(replicatedRun('inconclusive')).notes).toEqual([
      'CALIBRATION INCONCLUSIVE: the run was too short for the controls to resolve their known ratios; differences it could not resolve are not shown as faster or slower',
    ]);
  });
});

describe('figures', () => {
  const sha = closingBlock(sampleRun()).entries.find((e) => e.workload === 'sha256')!;

  it('quote the warm ratios per size, the cold-start difference with its interval and peak RSS next to node\'s', () => {
    expect(sha.figures).toEqual([
      'wasm warm: 2.00× faster [1.82–2.22] at small, 2.38× faster [2.27–2.50] at large',
      'cold start at small +5.00 ms: 1.20× slower [1.10–1.30]',
      'peak RSS at small +4.00 MiB (52.0 MiB vs node 48.0 MiB)',
    ]);
    expect(sha.recommendation.headline).toBe('depends on the invocation pattern');
  });

  it('quote the Lambda $/1M and memory differences where measured', () => {
    const lambda = (target: 'node' | 'wasm', cost: number, used: number, ratio?: VsBaseline): ResultRecord =>
      lambdaCompleted('sha256', target, 'small', 1769, 'x86_64', { warm: warm(target === 'node' ? 400_000 : 300_000), ...(ratio ? { vsNode: ratio } : {}), costPerMillionUsd: cost, maxMemoryUsedMB: used });
    const run = sampleRun([lambda('node', 0.25, 60), lambda('wasm', 0.2, 60, vs(0.75, 0.7, 0.8, 'faster', { unit: 'environment', count: 3 }))]);
    const block = closingBlock(run);
    expect(block.notes).toContain('no local rows: every workload is judged on lambda 1769MB-x86_64 (warm = REPORT Duration)');
    expect(block.entries[0]!.figures).toEqual(['wasm warm: 1.33× faster [1.25–1.43] at small (3 environments)', 'max memory used 60 MB, the same as node', 'Lambda $/1M -$0.0500 ($0.200 vs node $0.250)']);
  });
});

describe('a run with local and Lambda rows', () => {
  it('judges the local rows and quotes the Lambda $/1M of the configuration adr-decide would pick', () => {
    const lambda = (target: 'node' | 'wasm', memoryMB: number, cost: number): ResultRecord =>
      lambdaCompleted('sha256', target, 'small', memoryMB, 'x86_64', { warm: warm(300_000), costPerMillionUsd: cost });
    const run = sampleRun([...sampleRun().results.filter((r) => r.workload === 'sha256'), lambda('node', 128, 0.21), lambda('wasm', 128, 0.2), lambda('node', 1769, 0.3), lambda('wasm', 1769, 0.25)]);
    const [entry] = closingBlock(run).entries;
    expect(entry!.basis).toBe('local');
    expect(entry!.figures.at(-1)).toBe('Lambda $/1M (1769MB-x86_64, small) -$0.0500 ($0.250 vs node $0.300)');
    expect(closingBlock(run).notes).toEqual([]);
  });
});

describe('fits the terminal', () => {
  for (const [label, run] of runs) {
    it(`${label}: no line wider than 120 columns (or a narrower width asked for)`, () => {
      for (const width of [120, 80]) {
        const lines = closingLines(run, width);
        expect(lines.length).toBeGreaterThan(0);
        for (const line of lines) expect(columns(line), line).toBeLessThanOrEqual(width); // timed-assertion-ok: a width in terminal columns, not a duration
      }
    });
  }

  it('keeps every word of a long name and a long reason, only wrapped', () => {
    const text = closingLines(longNamesRun()).join(' ').replace(/\s+/g, ' ');
    expect(text).toContain('a-workload-whose-name-is-much-longer-than-any-column-of-the-terminal-table-ever-planned-for');
    expect(text).toContain('-> consider wasm: faster warm at every size measured');
  });
});

describe('opens report.md and report.html', () => {
  it('right after the title and any banner, before the run paragraph', () => {
    const run = replicatedRun('failed');
    const md = renderMarkdown(run);
    expect(md.indexOf('**CALIBRATION FAILED:**')).toBeLessThan(md.indexOf('## Verdict per workload'));
    expect(md.indexOf('## Verdict per workload')).toBeLessThan(md.indexOf(`Run ${run.runId.replace(/_/g, '\\_')} from`));
    expect(md).toContain(closingMarkdown(run));
    // The recommendation starts its own line when the Markdown is rendered (a backslash hard break).
    expect(closingMarkdown(run)).toMatch(/\\\n {2}→ \*\*/);
    const html = renderHtml(run);
    expect(html.indexOf('<strong>CALIBRATION FAILED:</strong>')).toBeLessThan(html.indexOf('<h2>Verdict per workload</h2>'));
    expect(html.indexOf('<h2>Verdict per workload</h2>')).toBeLessThan(html.indexOf('<p>From '));
    expect(html).toContain(closingHtml(run));
  });

  it('escapes what it quotes', () => {
    const run = sampleRun([completed('<script>', 'node', 'small', { warm: warm(100) }), completed('<script>', 'wasm', 'small', { warm: warm(50), vsNode: vs(0.5, 0.45, 0.55, 'faster') })]);
    expect(closingMarkdown(run)).toContain('**&lt;script&gt;**');
    expect(closingHtml(run)).toContain('<strong>&lt;script&gt;</strong>');
    expect(closingHtml(run)).not.toContain('<script>');
  });

  it('is empty for a run without results', () => {
    const run = sampleRun([]);
    expect(closingLines(run)).toEqual([]);
    expect(closingMarkdown(run)).toBe('');
    expect(closingHtml(run)).toBe('');
  });
});
