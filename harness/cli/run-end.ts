/**
 * What `npm run bench` prints on stdout once a run is finished, in order:
 * the calibration banner, the results table, the controls, baselines and
 * notes, a legend, then the closing verdict block, and last the results
 * path. A pure function of the run, so the screen a newcomer reads can be
 * tested without measuring anything.
 *
 * By default every line fits 120 columns (the compact table, everything
 * else wrapped); --wide prints the full 13-column table and its lines as
 * they are. The verdict block fits the width either way: it is the answer.
 */
import { closingLines } from '../report/closing.js';
import { wrapText } from '../report/wrap.js';
import { loadTerminalLines, loadTerminalNotes } from '../report/load.js';
import type { RunRecord } from '../contract/index.js';
import { calibrationBannerLine, calibrationLines, renderBaselines, renderCompactTable, renderInvokeOverhead, renderTable } from './table.js';

/** The terminal width the default output fits. */
export const DEFAULT_WIDTH = 120;

/** How the end of a run is printed. */
export interface RunEndOptions {
  /** The run directory, printed last. */
  readonly dir: string;
  /** Print the full table (--wide) instead of the compact one. */
  readonly wide?: boolean;
  /** Groups kept from before, for a resumed run. */
  readonly resumedGroups?: number;
  /** Columns the default output fits (default 120). */
  readonly width?: number;
}

const LEGEND_WIDE =
  '\nwarm: time per call in-process (wasm includes copying the payload in and out); cold TTFR: spawn of a fresh process to its first result;\n' +
  'ratios are target/node with 95% CIs. Cold phases (compile, instantiate, first call), artifact sizes and an ADR draft are in report.md.';

const LEGEND_COMPACT =
  '\nwarm: time per call in-process (wasm includes copying the payload in and out); ratios are target/node with 95% CIs and what they rest on. ' +
  'Cold starts, peak RSS and $/1M per row: --wide or report.md; cold phases, artifact sizes and the ADR draft: report.md.';

/** Marks a line whose columns are padded already (the load table): printed as it is, never rewrapped. */
const PREFORMATTED = '\u0000';

/** The lines printed after a run, last the results path. */
export function runEndLines(run: RunRecord, options: RunEndOptions): string[] {
  const width = options.width ?? DEFAULT_WIDTH;
  const lines: string[] = [];
  if (options.resumedGroups !== undefined) lines.push(`resumed ${run.runId}: ${options.resumedGroups} group(s) kept from before, the rest measured now`);
  // Failed calibration controls make every verdict below suspect, inconclusive ones limit what it resolved: say so before the table.
  const banner = calibrationBannerLine(run);
  if (banner !== undefined) lines.push(banner);
  // A load run's rows are its steps (baselines.lambdaLoad): their table replaces the empty warm one.
  const load = loadTerminalLines(run);
  if (load.length === 0) lines.push(...(options.wide ? [renderTable(run.results)] : renderCompactTable(run.results, width)));
  else lines.push(load[0] as string, ...load.slice(1).map((row) => PREFORMATTED + row), ...loadTerminalNotes(run));
  lines.push(...calibrationLines(run), ...renderBaselines(run.baselines), ...renderInvokeOverhead(run.results));
  for (const note of run.notes ?? []) lines.push(`note: ${note}`);
  if (load.length === 0) lines.push(options.wide ? LEGEND_WIDE : LEGEND_COMPACT);
  else lines.push('\nload: one line per path x step x function; report.md has p90, p99.9 and every interval, load.csv every figure; INVALID: the host, not Lambda, set the pace (lag: the client sent late; in-flight: its ceiling; CPU: the host\'s CPUs saturated; INIT: cold starts queued for the local Lambda\'s INIT slots; account: 429s at an account limit the host\'s memory set).');
  const verdict = closingLines(run, width);
  if (verdict.length > 0) lines.push('', ...verdict);
  // The path is printed whole: cutting it would make it useless.
  const body = lines.flatMap((line) => (line.startsWith(PREFORMATTED) ? [line.slice(PREFORMATTED.length)] : options.wide ? line.split('\n') : wrapText(line, width)));
  return [...body, `results: ${options.dir}`];
}
