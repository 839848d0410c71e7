/**
 * The terminal table printed at the end of a run: one line per row, warm
 * figures with the ratio to node and its verdict, cold time-to-first-result
 * and peak RSS when measured. Errored rows print INVALID and no timing.
 */
import type { ResultRecord, VsBaseline } from '../types.js';

/** Human duration from ns. */
export function formatNs(ns: number | undefined): string {
  if (ns === undefined || !Number.isFinite(ns)) return '-';
  if (ns < 1_000) return `${ns.toFixed(0)} ns`;
  if (ns < 1_000_000) return `${(ns / 1_000).toFixed(ns < 10_000 ? 2 : 1)} µs`;
  if (ns < 1_000_000_000) return `${(ns / 1_000_000).toFixed(ns < 10_000_000 ? 2 : 1)} ms`;
  return `${(ns / 1e9).toFixed(2)} s`;
}

/** Human size from bytes. */
export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined || !Number.isFinite(bytes)) return '-';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** "0.42× [0.40–0.44] faster" — ratio of medians with CI and verdict. */
export function formatRatio(vs: VsBaseline | undefined): string {
  if (!vs) return '';
  const words = { faster: 'faster', slower: 'slower', 'no-significant-difference': 'no sig. diff.' }[vs.verdict];
  return `${vs.ratio.toFixed(2)}× [${vs.ci95[0].toFixed(2)}–${vs.ci95[1].toFixed(2)}] ${words}`;
}

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
      formatNs(r.warm?.medianNs),
      formatNs(r.warm?.p99Ns),
      formatNs(r.warm?.madNs),
      formatRatio(r.vsNode),
      formatNs(r.cold?.timeToFirstResult.medianNs),
      formatRatio(r.coldVsNode),
      formatBytes(r.resources?.peakRssBytes),
      r.verified ? 'verified' : 'UNVERIFIED',
    ];
  });
  return pad([header, ...rows]);
}
