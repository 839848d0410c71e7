/**
 * The run across Node versions side by side: per workload × size × target,
 * the warm ratio to node on each Node major the run measured (engines
 * `node20`, `node22`, ...). Each ratio is paired within processes of its
 * own Node; nothing is compared across versions. A verdict that changes
 * between versions is one a measurement on the host's Node would not have
 * predicted for the runtime a team deploys (issue 15: V8's Wasm tiers and
 * lazy compilation differ between V8 11, 12 and 13).
 */
import { gapCell, verdictCell, type Cell, type Column, type Table } from './table-model.js';
import { groupByWorkload, isValid } from './rows.js';
import type { ResultRecord, RunRecord } from '../contract/index.js';

/** The Node major of a local row measured across Node versions (`node22` -> 22), else undefined. */
function nodeMajor(row: ResultRecord): number | undefined {
  const major = row.placement === 'local' ? /^node(\d+)$/.exec(row.engine ?? '')?.[1] : undefined;
  return major === undefined ? undefined : Number(major);
}

/** The table, or undefined for a run that measured fewer than two Node versions. */
export function nodeVersionsTable(run: RunRecord): Table | undefined {
  const rows = run.results.filter((r) => nodeMajor(r) !== undefined);
  const majors = [...new Set(rows.map((r) => nodeMajor(r) as number))].sort((a, b) => a - b);
  if (majors.length < 2) return undefined;
  // The V8 each major ran (rows record it); a skipped major has none.
  const v8 = new Map(majors.map((m) => [m, rows.find((r) => nodeMajor(r) === m && r.v8Version)?.v8Version]));
  const columns: Column[] = [
    { header: 'Workload', align: 'left' },
    { header: 'Size', align: 'left' },
    { header: 'Target', align: 'left' },
    ...majors.map((m): Column => ({ header: `vs node on Node ${m}${v8.get(m) ? ` (V8 ${v8.get(m)?.split('-')[0]})` : ''}`, align: 'left' })),
  ];
  const out: Cell[][] = [];
  for (const { workload, results } of groupByWorkload({ ...run, results: rows })) {
    const keys = [...new Set(results.filter((r) => r.target !== 'node').map((r) => `${r.size}\u0000${r.target}`))];
    for (const key of keys) {
      const [size, target] = key.split('\u0000') as [string, string];
      const cells = majors.map((m): Cell => {
        const row = results.find((r) => r.size === size && r.target === target && nodeMajor(r) === m);
        if (!row) return { text: 'not run', kind: 'missing' };
        if (!isValid(row)) return gapCell(row);
        if (row.state !== 'completed' || !row.vsNode) return { text: 'no warm ratio', kind: 'missing' };
        return verdictCell(row, 'vsNode');
      });
      out.push([{ text: workload, kind: 'text' }, { text: size, kind: 'text' }, { text: target, kind: 'text' }, ...cells]);
    }
  }
  return {
    title: 'Node versions: warm time per call compared with node, on each Node',
    caption:
      'Local, in-process; each ratio is target / node on the same Node version, paired within its processes (nothing is compared across versions). ' +
      'A verdict that changes from one version to the next is one a measurement on another Node would not have predicted for the runtime deployed.',
    columns,
    rows: out,
  };
}
