/**
 * report.md: publish-ready Markdown tables (GitHub-flavoured), built from the
 * shared table model so it says exactly what report.html says.
 */
import type { RunRecord } from '../contract/index.js';
import type { Exporter } from './exporter.js';
import { incompleteNotice } from './status.js';
import { closingMarkdown } from './closing.js';
import { calibrationBanner, calibrationSection, stateLabel } from './calibration.js';
import { gapLabel, gapLines, gapWhy, groupByWorkload, workloadNotes } from './rows.js';
import { nodeVersionsTable } from './node-versions.js';
import { baselineTable, environmentTable, summaryTable, workloadTables } from './tables.js';
import { escapeMarkdown, renderMarkdownTable } from './markdown-text.js';
import { POWER_CAPTION, powerPanels, powerSvgExporter } from './chart-power.js';
import { loadMarkdown } from './load.js';

function bulletList(items: readonly string[]): string {
  return items.map((item) => `- ${escapeMarkdown(item)}`).join('\n');
}

/** The whole report as Markdown. Pure: a function of the run only. */
export function renderMarkdown(run: RunRecord): string {
  const env = run.environment;
  const groups = groupByWorkload(run);
  const parts: string[] = [];

  parts.push(`# Benchmark report: ${escapeMarkdown(run.runId)}\n`);
  const incomplete = incompleteNotice(run);
  if (incomplete) parts.push(`> **INCOMPLETE RUN.** ${escapeMarkdown(incomplete)}\n`);
  const controls = calibrationBanner(run);
  if (controls) parts.push(`> **${controls.label}:** ${escapeMarkdown(controls.text)}\n`);
  // The answer first: the verdict per workload, under any banner that qualifies it.
  const closing = closingMarkdown(run);
  if (closing) parts.push(closing);
  parts.push(
    escapeMarkdown(
      `Run ${run.runId} from ${run.startedAt} to ${run.finishedAt} on ${env.cpu} (${env.cores} cores), ` +
        `Node.js ${env.node}, ${env.git === null ? 'no git commit recorded' : `commit ${env.git.slice(0, 12)}${env.gitDirty ? ' with uncommitted changes' : ''}`}. ` +
        `${run.results.length} results.`,
    ) + '\n',
  );
  for (const kind of ['invalid', 'failed'] as const) {
    const lines = gapLines(run.results, kind);
    if (lines.length === 0) continue;
    parts.push(`**${lines.length} result(s) ${gapLabel(kind)}** (${gapWhy(run.results, kind)}); they show no timings:\n\n` + bulletList(lines) + '\n');
  }

  const summary = summaryTable(run, groups.map((g) => g.workload));
  if (summary.rows.length > 0) parts.push(renderMarkdownTable(summary, 2));
  const versions = nodeVersionsTable(run);
  if (versions) parts.push(renderMarkdownTable(versions, 2));
  if (run.calibration) {
    const section = calibrationSection(run.calibration);
    const lines = section.lines.map((line) => `- **${stateLabel(line.state)}**: ${escapeMarkdown(line.text)}`);
    parts.push(`## Calibration controls\n\n${escapeMarkdown(section.intro)}\n\n${lines.join('\n')}\n`);
  }

  // The cost-against-duration chart is a file of its own (charts/), written with the report; report.html draws it per workload.
  if (powerPanels(run.results).length > 0) {
    const file = powerSvgExporter.fileName;
    parts.push(`## AWS Lambda: cost against duration\n\n![Cost per 1M invocations against warm Duration, per memory × architecture](${file})\n\n_${escapeMarkdown(POWER_CAPTION)}_\n`);
  }
  // A load run's tables and charts (empty for other runs).
  const load = loadMarkdown(run);
  if (load) parts.push(load);
  for (const group of groups) {
    parts.push(`## ${escapeMarkdown(group.workload)}\n`);
    for (const table of workloadTables(group.results)) parts.push(renderMarkdownTable(table, 3));
    const notes = workloadNotes(group.results);
    if (notes.length > 0) parts.push(`Notes:\n\n${bulletList(notes)}\n`);
  }

  const baselines = baselineTable(run);
  if (baselines) parts.push(renderMarkdownTable(baselines, 2));
  parts.push(renderMarkdownTable(environmentTable(run), 2));
  // A fence longer than any backtick run inside, so config text cannot close it.
  const config = JSON.stringify(run.config, null, 2);
  const fence = '`'.repeat(Math.max(3, ...[...config.matchAll(/`+/g)].map((m) => m[0].length + 1)));
  parts.push(`### Options used\n\n${fence}json\n${config}\n${fence}\n`);
  const hashes = Object.entries(env.artifactHashes).sort(([a], [b]) => a.localeCompare(b));
  if (hashes.length > 0) parts.push(`### Artifacts measured (sha256)\n\n${bulletList(hashes.map(([path, hash]) => `${path}: ${hash}`))}\n`);
  if (run.notes && run.notes.length > 0) parts.push(`## Notes\n\n${bulletList(run.notes)}\n`);

  return parts.join('\n');
}

/** Writes report.md. */
export const markdownExporter: Exporter = {
  name: 'markdown',
  fileName: 'report.md',
  mediaType: 'text/markdown; charset=utf-8',
  serialize: renderMarkdown,
};
