/**
 * The terminal table printed at the end of a run: one line per row, warm
 * figures with the ratio to node and its verdict, cold time-to-first-result
 * and peak RSS when measured. Errored rows print INVALID and no timing.
 */
import { formatBytes, formatDuration, formatVsNode } from '../report/format.js';
import type { ResultRecord, VsBaseline } from '../types.js';

const vsText = (vs: VsBaseline | undefined): string => (vs ? formatVsNode(vs) : '');

function pad(cells: string[][]): string {
  const widths = cells[0]?.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length))) ?? [];
  return cells.map((row) => row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd()).join('\n');
}

/** Renders the results as an aligned text table. */
export function renderTable(results: readonly ResultRecord[]): string {
  const header = ['workload', 'size', 'target', 'where', 'warm median', 'p99', 'MAD', 'vs node (warm)', 'cold TTFR', 'vs node (cold)', 'peak RSS', 'status'];
  const rows = results.map((r) => {
    const place = r.placement + (r.engine && r.engine !== 'default' ? `/${r.engine}` : '');
    if (r.status !== 'completed') {
      const status = r.status === 'errored' ? `INVALID: ${r.error}` : `unsupported: ${r.error}`;
      return [r.workload, r.size, r.target, place, '-', '-', '-', '', '-', '', '-', status];
    }
    return [
      r.workload,
      r.size,
      r.target,
      place,
      formatDuration(r.warm?.medianNs),
      formatDuration(r.warm?.p99Ns),
      formatDuration(r.warm?.madNs),
      vsText(r.vsNode),
      formatDuration(r.cold?.timeToFirstResult.medianNs),
      vsText(r.coldVsNode),
      formatBytes(r.resources?.peakRssBytes),
      r.verified ? 'verified' : 'UNVERIFIED',
    ];
  });
  return pad([header, ...rows]);
}

/** One line per empty-process baseline: what a bare `node` start costs, to subtract from cold rows. */
export function renderBaselines(baselines: Readonly<Record<string, unknown>> | undefined): string[] {
  const lines: string[] = [];
  for (const [name, value] of Object.entries(baselines ?? {})) {
    const cold = (value as { cold?: { timeToFirstResult?: { medianNs: number; ci95Ns: readonly [number, number]; samples: number } } }).cold;
    const resources = (value as { resources?: { peakRssBytes?: number } }).resources;
    if (!cold?.timeToFirstResult) continue;
    const t = cold.timeToFirstResult;
    lines.push(
      `${name}: empty node process, spawn to result ${formatDuration(t.medianNs)} [${formatDuration(t.ci95Ns[0])}–${formatDuration(t.ci95Ns[1])}] (median of ${t.samples}), peak RSS ${formatBytes(resources?.peakRssBytes)}`,
    );
  }
  return lines;
}
