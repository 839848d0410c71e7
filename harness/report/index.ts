/**
 * The registry of report exporters (hyperfine-style: one exporter per
 * format behind one interface). The CLI writes each applicable exporter's
 * output to `<run dir>/<fileName>`, creating sub-folders such as `charts/`:
 *
 * ```ts
 * for (const exporter of EXPORTERS) {
 *   if (exporter.appliesTo && !exporter.appliesTo(run)) continue;
 *   const path = join(runDir, exporter.fileName);
 *   mkdirSync(dirname(path), { recursive: true });
 *   writeFileSync(path, exporter.serialize(run));
 * }
 * ```
 *
 * run.json itself is not here: the measuring core writes it as results arrive.
 */
import { adrExporter } from './adr.js';
import { coldPhasesSvgExporter, warmRatioSvgExporter, warmupSvgExporter } from './charts.js';
import { powerSvgExporter } from './chart-power.js';
import { csvExporter } from './csv.js';
import type { RunRecord } from '../contract/index.js';
import type { Exporter } from './exporter.js';
import { htmlExporter } from './html.js';
import { markdownExporter } from './markdown.js';
import { schemaExporter } from './schema.js';
import { loadCsvExporter } from './load.js';
import { loadColdSvgExporter, loadLatencySvgExporter } from './load-chart.js';

export type { Exporter } from './exporter.js';

/** Every exporter, in the order their files are best written (data first, then reports, then charts). */
export const EXPORTERS: readonly Exporter[] = [
  schemaExporter,
  csvExporter,
  markdownExporter,
  htmlExporter,
  adrExporter,
  warmRatioSvgExporter,
  coldPhasesSvgExporter,
  warmupSvgExporter,
  powerSvgExporter,
  loadCsvExporter,
  loadLatencySvgExporter,
  loadColdSvgExporter,
];

/** Looks an exporter up by name (e.g. "markdown"). */
export function findExporter(name: string): Exporter | undefined {
  return EXPORTERS.find((exporter) => exporter.name === name);
}

/**
 * The files one run gets: `[fileName, contents]` for every exporter that
 * applies to it. Pure; the caller does the writing.
 */
export function renderAll(run: RunRecord): Array<readonly [string, string]> {
  return EXPORTERS.filter((exporter) => !exporter.appliesTo || exporter.appliesTo(run)).map((exporter) => [exporter.fileName, exporter.serialize(run)] as const);
}
