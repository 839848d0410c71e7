/**
 * Markdown text pieces every Markdown output shares (report.md, the ADR, the
 * closing answer, the compare report): escaping and one table. Its own file,
 * so those outputs import it without importing report.md's renderer.
 */
import type { Table } from './table-model.js';

/**
 * Escapes text for a Markdown table cell or paragraph: characters that would
 * end a cell, start emphasis or code, or be read as HTML (a workload named
 * `<script>` must print as text). Newlines become spaces: a cell is one line.
 */
export function escapeMarkdown(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/([|*_`])/g, '\\$1')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r?\n/g, ' ');
}

/** Renders one table (title as a heading at `level`, caption in italics). */
export function renderMarkdownTable(table: Table, level: number): string {
  const lines = [`${'#'.repeat(level)} ${escapeMarkdown(table.title)}`, ''];
  if (table.caption) lines.push(`_${escapeMarkdown(table.caption)}_`, '');
  lines.push(`| ${table.columns.map((c) => escapeMarkdown(c.header)).join(' | ')} |`);
  lines.push(`|${table.columns.map((c) => (c.align === 'right' ? ' ---: ' : ' :--- ')).join('|')}|`);
  for (const row of table.rows) {
    lines.push(`| ${row.map((cell) => (cell.kind === 'invalid' || cell.kind === 'failed' ? `**${escapeMarkdown(cell.text)}**` : escapeMarkdown(cell.text))).join(' | ')} |`);
  }
  return `${lines.join('\n')}\n`;
}
