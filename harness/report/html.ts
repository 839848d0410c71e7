/**
 * report.html: one self-contained file (inline CSS and SVG, no scripts, no
 * network; a Content-Security-Policy says so to the browser) with the same
 * tables as report.md plus the charts.
 */
import type { RunRecord } from '../contract/index.js';
import type { Exporter } from './exporter.js';
import { incompleteNotice } from './status.js';
import { closingHtml } from './closing.js';
import { calibrationBanner, calibrationSection, stateLabel } from './calibration.js';
import { APART_BEYOND, coldPhaseRows, coldPhasesChart, warmRatioChart, warmRatioPanels, warmRatioRows, warmupChart, warmupPanels } from './charts.js';
import { POWER_CAPTION, powerChart, powerPanels } from './chart-power.js';
import { loadHtml } from './load.js';
import { loadColdChart, loadLatencyChart } from './load-chart.js';
import { gapLabel, gapLines, gapWhy, groupByWorkload, workloadNotes } from './rows.js';
import { escapeXml } from './svg.js';
import { intervalFacts } from './facts.js';
import { nodeVersionsTable } from './node-versions.js';
import { baselineTable, environmentTable, summaryTable, workloadTables } from './tables.js';
import type { Table } from './table-model.js';

/** Escapes text for HTML content and attributes. */
export const escapeHtml = escapeXml;

const STYLE = `
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; color: #24292f; margin: 0; background: #f6f8fa; }
main { max-width: 1200px; margin: 0 auto; padding: 24px; background: #fff; }
h1 { font-size: 1.6em; } h2 { border-bottom: 1px solid #d0d7de; padding-bottom: 4px; margin-top: 2em; }
table { border-collapse: collapse; margin: 8px 0 16px; font-size: 12px; }
th, td { border: 1px solid #d0d7de; padding: 3px 6px; vertical-align: top; }
th { background: #f6f8fa; text-align: left; }
/* Figures may break at the space before their interval: with per-process spread, outliers and a second ratio column, a warm table no longer fits 1200 px on one line per cell. */
td.number, th.right { text-align: right; font-variant-numeric: tabular-nums; }
td.invalid { color: #cf222e; font-weight: 700; }
td.unsupported, td.missing { color: #6e7781; }
td.faster { color: #1a7f37; } td.slower { color: #cf222e; } td.same { color: #57606a; }
/* Wide enough that a verdict with its interval takes two lines, not four. */
td.faster, td.slower, td.same { min-width: 17em; }
.table-wrap { overflow-x: auto; }
p.caption { color: #57606a; font-size: 13px; margin: 0 0 4px; }
.alert { border: 1px solid #cf222e; background: #ffebe9; padding: 8px 12px; }
figure { margin: 12px 0; overflow-x: auto; } svg { max-width: 100%; height: auto; }
pre { background: #f6f8fa; padding: 8px; overflow-x: auto; }
`;

/** FAILED cells (not measured, nothing wrong): added only to reports that have some, so older reports re-render byte for byte. */
const FAILED_STYLE = 'td.failed { color: #9a6700; font-weight: 700; }\n';

/** Comparisons without a verdict (unresolved, too few samples): neither green nor red; added only to reports that have some. */
const UNDECIDED_STYLE = 'td.undecided { color: #8250df; font-style: italic; min-width: 15em; }\n';

/** An inconclusive calibration's banner: amber, not the alert's red (nothing was caught wrong); added only to reports that have one. */
const NOTICE_STYLE = '.notice { border: 1px solid #9a6700; background: #fff8c5; padding: 8px 12px; }\n';

/** Renders one table from the shared model (cell kinds become CSS classes). */
export function renderHtmlTable(table: Table, level: number): string {
  // Headers may wrap (figures do not): at spaces, but never inside "[95% CI]", and inside camelCase phase names such as processStart.
  const head = table.columns
    .map((c) => `<th${c.align === 'right' ? ' class="right"' : ''}>${escapeHtml(c.header).replace(/% CI\]/g, '%&nbsp;CI]').replace(/([a-z])([A-Z])/g, '$1<wbr>$2')}</th>`)
    .join('');
  const body = table.rows
    .map((row) => `<tr>${row.map((cell) => `<td class="${cell.kind}">${escapeHtml(cell.text)}</td>`).join('')}</tr>`)
    .join('\n');
  return (
    `<h${level}>${escapeHtml(table.title)}</h${level}>\n` +
    (table.caption ? `<p class="caption">${escapeHtml(table.caption)}</p>\n` : '') +
    // The wrapper scrolls a table wider than the page instead of widening the page.
    `<div class="table-wrap"><table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table></div>\n`
  );
}

function figure(svg: string, caption: string): string {
  return `<figure>${svg}<figcaption class="caption">${escapeHtml(caption)}</figcaption></figure>\n`;
}

function list(items: readonly string[]): string {
  return `<ul>\n${items.map((item) => `<li>${escapeHtml(item)}</li>`).join('\n')}\n</ul>\n`;
}

/** The whole report as one HTML document. Pure: a function of the run only. */
export function renderHtml(run: RunRecord): string {
  const env = run.environment;
  const groups = groupByWorkload(run);
  const failedLines = gapLines(run.results, 'failed');
  const undecided = intervalFacts(run.results).undecided;
  const controls = calibrationBanner(run);
  const out: string[] = [];
  out.push(
    '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n' +
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">\n` +
      '<meta name="viewport" content="width=device-width, initial-scale=1">\n' +
      `<title>Benchmark report: ${escapeHtml(run.runId)}</title>\n<style>${STYLE}${failedLines.length > 0 ? FAILED_STYLE : ''}${undecided ? UNDECIDED_STYLE : ''}${controls?.state === 'inconclusive' ? NOTICE_STYLE : ''}</style>\n</head>\n<body>\n<main>\n`,
  );
  out.push(`<h1>Benchmark report: ${escapeHtml(run.runId)}</h1>\n`);
  const incomplete = incompleteNotice(run);
  if (incomplete) out.push(`<div class="alert"><strong>INCOMPLETE RUN.</strong> ${escapeHtml(incomplete)}</div>\n`);
  // A failed control is an alert (the method was caught wrong); an inconclusive one a notice (the run was too short to tell).
  if (controls) out.push(`<div class="${controls.state === 'failed' ? 'alert' : 'notice'}"><strong>${controls.label}:</strong> ${escapeHtml(controls.text)}</div>\n`);
  // The answer first: the verdict per workload, under any banner that qualifies it.
  out.push(closingHtml(run));
  out.push(
    `<p>${escapeHtml(
      `From ${run.startedAt} to ${run.finishedAt} on ${env.cpu} (${env.cores} cores), Node.js ${env.node}, ` +
        `${env.git === null ? 'no git commit recorded' : `commit ${env.git.slice(0, 12)}${env.gitDirty ? ' with uncommitted changes' : ''}`}. ${run.results.length} results.`,
    )}</p>\n`,
  );
  for (const kind of ['invalid', 'failed'] as const) {
    const lines = kind === 'failed' ? failedLines : gapLines(run.results, kind);
    if (lines.length === 0) continue;
    out.push(`<div class="alert"><strong>${lines.length} result(s) ${gapLabel(kind)}</strong> (${escapeHtml(gapWhy(run.results, kind))}); they show no timings.\n` + list(lines) + '</div>\n');
  }

  out.push('<section>\n');
  const summary = summaryTable(run, groups.map((g) => g.workload));
  if (summary.rows.length > 0) out.push(renderHtmlTable(summary, 2));
  const versions = nodeVersionsTable(run);
  if (versions) out.push(renderHtmlTable(versions, 2));
  const ratioRows = warmRatioRows(run.results);
  if (ratioRows.length > 0) {
    const apart = warmRatioPanels(ratioRows).length > 1 ? ` Rows more than ${APART_BEYOND}× from node (either way) are drawn apart on their own scale, so the rest keep a readable one.` : '';
    const diamond = undecided ? '; hollow diamond: unresolved or no verdict (neither a win nor a loss)' : '';
    out.push(
      figure(
        warmRatioChart(run.results),
        `Markers: ratio of medians; whiskers: 95% CI; colour: the target, as in every chart. Filled circle: faster than node; filled square: slower; hollow circle: no significant difference${diamond}.${apart}`,
      ),
    );
  }
  out.push('</section>\n');
  if (run.calibration) {
    const section = calibrationSection(run.calibration);
    const items = section.lines.map((line) => `<li><strong>${stateLabel(line.state)}</strong>: ${escapeHtml(line.text)}</li>`).join('\n');
    out.push(`<section>\n<h2>Calibration controls</h2>\n<p>${escapeHtml(section.intro)}</p>\n<ul>\n${items}\n</ul>\n</section>\n`);
  }

  // A load run's tables and charts (empty for other runs).
  out.push(loadHtml(run, [loadLatencyChart(run), loadColdChart(run)]));
  for (const group of groups) {
    out.push(`<section>\n<h2>${escapeHtml(group.workload)}</h2>\n`);
    for (const table of workloadTables(group.results)) out.push(renderHtmlTable(table, 3));
    if (coldPhaseRows(group.results).rows.length > 0) {
      out.push(figure(coldPhasesChart(group.results, `${group.workload}: cold start by phase`), 'Grey segments, light to dark in phase order: median of each phase inside the child; black tick: spawn to first result measured by the parent.'));
    }
    if (warmupPanels(group.results).length > 0) {
      out.push(figure(warmupChart(group.results, `${group.workload}: warm-up in a fresh process`), 'Median latency of call i across cold samples, one colour per target as in every chart; the drop shows tier-up.'));
    }
    if (powerPanels(group.results).length > 0) {
      out.push(figure(powerChart(group.results, `${group.workload}: Lambda cost against duration per memory × architecture`), POWER_CAPTION));
    }
    const notes = workloadNotes(group.results);
    if (notes.length > 0) out.push(`<p>Notes:</p>\n${list(notes)}`);
    out.push('</section>\n');
  }

  out.push('<section>\n');
  const baselines = baselineTable(run);
  if (baselines) out.push(renderHtmlTable(baselines, 2));
  out.push(renderHtmlTable(environmentTable(run), 2));
  out.push(`<h3>Options used</h3>\n<pre>${escapeHtml(JSON.stringify(run.config, null, 2))}</pre>\n`);
  const hashes = Object.entries(env.artifactHashes).sort(([a], [b]) => a.localeCompare(b));
  if (hashes.length > 0) out.push(`<h3>Artifacts measured (sha256)</h3>\n${list(hashes.map(([path, hash]) => `${path}: ${hash}`))}`);
  if (run.notes && run.notes.length > 0) out.push(`<h2>Notes</h2>\n${list(run.notes)}`);
  out.push('</section>\n</main>\n</body>\n</html>\n');
  return out.join('');
}

/** Writes report.html. */
export const htmlExporter: Exporter = {
  name: 'html',
  fileName: 'report.html',
  mediaType: 'text/html; charset=utf-8',
  serialize: renderHtml,
};
