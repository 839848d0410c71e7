/**
 * `npm run compare -- <run A> <run B>`: how every figure changed from run A
 * to run B, with a 95% interval and a verdict (regression, improvement, no
 * change beyond a noise threshold, unclear), rows present in one run only,
 * and how often B's medians fell inside A's intervals (the replication check
 * of issue 12). Each run is a run directory or its run.json.
 *
 * This file does the I/O only; the comparison is harness/compare/ (pure).
 * Exit codes: 0 compared; 1 `--fail-on-regression` and a figure regressed,
 * or the Markdown file could not be written; 2 a refusal (unreadable file,
 * not a run.json, different schema versions or expected outputs) or a usage
 * mistake, one line on stderr.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exitOnError, exitQuietlyOnClosedStdout, UsageError } from '../options/errors.js';
import { flagHelp } from '../options/help.js';
import { parseArgs } from '../options/parse.js';
import { COMPARE_DEFAULTS } from '../options/profiles.js';
import { COMPARE_FLAGS } from '../options/tool-flags.js';
import { parseRunText, RefusedComparison, type NamedRun } from '../compare/check.js';
import { compareRuns, hasRegression } from '../compare/index.js';
import { renderMarkdown, renderText } from '../compare/render.js';

const USAGE = `usage: npm run compare -- <run A> <run B> [options]

Compares run B with run A: per matching row (workload, target, placement,
size, engine) and figure with a 95% interval, the change B/A with its
interval and a verdict. Each run is a run directory or a run.json path.

options:
${flagHelp(COMPARE_FLAGS, { defaults: COMPARE_DEFAULTS, width: 21 })}

exit codes: 0 compared, 1 a regression with --fail-on-regression, 2 refused (one line on stderr)`;

/** The noise threshold from `--noise <percent>` (default: profiles.ts), as a fraction. */
function noiseOf(value: string): number {
  const text = value.trim();
  const percent = /^\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
  if (!(percent >= 0 && percent < 100)) throw new UsageError(`--noise must be a percentage from 0 to below 100, got "${value}" (e.g. --noise 2 for 2%)`);
  return percent / 100;
}

/** Reads one run (a directory holding run.json, or the run.json itself); every failure is one refusal line. */
function readRun(path: string): NamedRun {
  if (!existsSync(path)) throw new RefusedComparison(`${path}: no such file or directory (pass a run directory or its run.json)`);
  const file = statSync(path).isDirectory() ? join(path, 'run.json') : path;
  if (!existsSync(file)) throw new RefusedComparison(`${file} not found: ${path} is not a run directory`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new RefusedComparison(`cannot read ${file}: ${(error as Error).message}`);
  }
  return parseRunText(text, path);
}

function main(argv: readonly string[]): number {
  const { values, positionals } = parseArgs(argv, COMPARE_FLAGS, { defaults: COMPARE_DEFAULTS, positionals: 'run' });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length !== 2) {
    throw new UsageError(`expected two runs (A and B), got ${positionals.length}; usage: npm run compare -- <run A> <run B> [--noise <percent>] [--markdown <file>] [--fail-on-regression]`);
  }
  const noise = noiseOf(values.noise);
  const [pathA, pathB] = positionals as [string, string];
  const comparison = compareRuns(readRun(pathA), readRun(pathB), noise);
  process.stdout.write(renderText(comparison));
  if (values.markdown !== undefined) {
    try {
      writeFileSync(values.markdown, renderMarkdown(comparison));
    } catch (error) {
      process.stderr.write(`error: cannot write ${values.markdown}: ${(error as Error).message}\n`);
      return 1;
    }
    process.stdout.write(`Markdown written to ${values.markdown}\n`);
  }
  if (values['fail-on-regression'] && hasRegression(comparison)) {
    process.stderr.write(`error: ${comparison.summary.verdicts.regression} figure(s) regressed beyond the ${Number((noise * 100).toFixed(2))}% noise threshold (--fail-on-regression)\n`);
    return 1;
  }
  return 0;
}

exitQuietlyOnClosedStdout();
try {
  process.exit(main(process.argv.slice(2)));
} catch (error) {
  exitOnError('compare')(error);
}
