/**
 * `npm run report -- <run dir> [<run dir> ...]`: renders a run's reports
 * again from its run.json (report.md, report.html, results.csv,
 * adr-draft.md, charts, the schema copy), for instance after a reporter
 * changed. Measuring and summarising stay apart: run.json is only read, and
 * checked against the schema first; a published run's figures never change.
 * A run directory without a schema copy (published runs leave it out) does
 * not get one. Exit codes: 0 rendered; 2 a directory is not a valid run or
 * cannot take the reports (one line each, see run-dir.ts); 1 anything else.
 *
 * `npm run report -- --index` writes results/published/index.md, the list of
 * published runs with their headline verdicts (see report/published-index.ts);
 * run it after adding or re-rendering a published run.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exitOnError, exitQuietlyOnClosedStdout, UsageError } from '../options/errors.js';
import { flagHelp } from '../options/help.js';
import { parseArgs } from '../options/parse.js';
import { REPORT_FLAGS } from '../options/tool-flags.js';
import { renderAll } from '../report/index.js';
// Loads the target registry: the reporters read the targets' display facts it registers (harness/targets/display.ts).
import '../targets/index.js';
import { publishedIndexOf, PUBLISHED_INDEX } from '../report/published-index.js';
import { RESULTS_DIR } from '../paths.js';
import { effectiveRun } from '../run/owner.js';
import { RunWriter } from '../run/writer.js';
import { readRunDir, samplesWarning, writeFailure } from './run-dir.js';

const USAGE = `usage: npm run report -- <run dir> [<run dir> ...]   (re-renders report.md, report.html, results.csv, adr-draft.md and charts from run.json)
       npm run report -- --index

options:
${flagHelp(REPORT_FLAGS, { width: 8 })}`;

/** Renders one run directory; returns the files written. Errors are thrown as one-line errors. */
function renderDir(dir: string): string[] {
  // A `running` run whose process is gone (SIGKILL, nothing could record it) is read as interrupted; run.json stays as it is.
  const run = effectiveRun(readRunDir(dir));
  if (run.state !== undefined && run.state !== 'completed') {
    process.stderr.write(`warning: ${dir}: the run did not complete (${run.state}${run.ending ? `: ${run.ending.reason}` : ''}); its reports say so at the top\n`);
  }
  const warning = samplesWarning(dir);
  if (warning !== undefined) process.stderr.write(`warning: ${warning}\n`);
  const writer = new RunWriter(dir);
  const keepSchemaCopy = existsSync(join(dir, 'run.schema.json'));
  const written: string[] = [];
  for (const [fileName, contents] of renderAll(run)) {
    if (fileName === 'run.schema.json' && !keepSchemaCopy) continue;
    try {
      writer.writeFile(fileName, contents);
    } catch (error) {
      throw writeFailure(dir, error);
    }
    written.push(fileName);
  }
  return written;
}

function main(argv: readonly string[]): number {
  const { values, positionals: dirs } = parseArgs(argv, REPORT_FLAGS, { positionals: 'run dir' });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (values.index) {
    if (dirs.length > 0) throw new UsageError('--index lists every published run: drop the run directories (render them first, then run --index)');
    const published = join(RESULTS_DIR, 'published');
    const path = join(published, PUBLISHED_INDEX);
    writeFileSync(path, publishedIndexOf(published));
    process.stdout.write(`${path}\n`);
    return 0;
  }
  // One line, as every wrong input gets; --help prints both forms.
  if (dirs.length === 0) throw new UsageError('usage: npm run report -- <run dir> [<run dir> ...]   or   npm run report -- --index   (--help says what each does)');
  // Every directory is tried; the exit code is the worst outcome (2 a directory was not a valid run, 1 something else failed).
  let code = 0;
  for (const dir of dirs) {
    try {
      process.stdout.write(`${dir}: ${renderDir(dir).join(', ')}\n`);
    } catch (error) {
      if (dirs.length === 1) throw error;
      const usage = error instanceof UsageError;
      const system = typeof (error as NodeJS.ErrnoException).code === 'string';
      if (!usage && !system) throw error; // a bug: keep its stack
      process.stderr.write(`error: ${(error as Error).message}\n`);
      code = Math.max(code, usage ? 2 : 1);
    }
  }
  return code;
}

exitQuietlyOnClosedStdout();
try {
  process.exit(main(process.argv.slice(2)));
} catch (error) {
  exitOnError('report')(error);
}
