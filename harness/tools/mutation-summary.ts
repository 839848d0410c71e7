/**
 * Prints the per-module mutation table at the end of `npm run mutation`:
 * reads Stryker's JSON report (mutation-testing-report-schema) and gives, per
 * mutated file, the score and the counts by status, marking the modules
 * below the project's target (issue 16: 85%). Stryker's own clear-text table
 * is printed above it; this one is short, sorted worst first, and exits 1
 * when the report is missing or unreadable.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { exitOnError } from '../options/errors.js';
import { parseArgs } from '../options/parse.js';
import { HELP_ONLY_FLAGS } from '../options/tool-flags.js';

/** Project target for every mutated module, in percent (issue 16). */
export const TARGET_SCORE = 85;

/** One module's counts; `score` is null when no mutant could be judged. */
export interface ModuleScore {
  file: string;
  killed: number;
  timeout: number;
  survived: number;
  noCoverage: number;
  errors: number;
  score: number | null;
}

/** The subset of Stryker's JSON report that this summary reads. */
export interface MutationReport {
  files: Record<string, { mutants: Array<{ status: string }> }>;
}

/**
 * Counts mutants per file. The score is Stryker's: (killed + timeout) over
 * (killed + timeout + survived + no coverage); compile and runtime errors and
 * ignored mutants are left out of both, as Stryker does.
 */
export function scoreModules(report: MutationReport): ModuleScore[] {
  return Object.entries(report.files).map(([file, { mutants }]) => {
    const count = (status: string): number => mutants.filter((m) => m.status === status).length;
    const killed = count('Killed');
    const timeout = count('Timeout');
    const survived = count('Survived');
    const noCoverage = count('NoCoverage');
    const errors = count('CompileError') + count('RuntimeError');
    const judged = killed + timeout + survived + noCoverage;
    return { file, killed, timeout, survived, noCoverage, errors, score: judged === 0 ? null : (100 * (killed + timeout)) / judged };
  }).sort((a, b) => (a.score ?? 101) - (b.score ?? 101) || a.file.localeCompare(b.file));
}

/** Renders the rows as a fixed-width text table, one line per module. */
export function renderScores(rows: ModuleScore[], target = TARGET_SCORE): string {
  const width = Math.max(6, ...rows.map((r) => r.file.length));
  const header = `${'module'.padEnd(width)}  score  killed  survived  no cov  timeout  errors`;
  const lines = rows.map((r) => {
    const score = r.score === null ? '   n/a' : `${r.score.toFixed(1).padStart(5)}%`;
    const flag = r.score !== null && r.score < target ? `  below ${target}%` : '';
    return `${r.file.padEnd(width)} ${score} ${String(r.killed).padStart(7)} ${String(r.survived).padStart(9)} ${String(r.noCoverage).padStart(7)} ${String(r.timeout).padStart(8)} ${String(r.errors).padStart(7)}${flag}`;
  });
  return [header, ...lines].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  let path = 'reports/mutation/mutation.json';
  try {
    const { values, positionals } = parseArgs(process.argv.slice(2), HELP_ONLY_FLAGS, { positionals: 'report' });
    if (values.help) {
      console.log('usage: npx tsx harness/tools/mutation-summary.ts [<mutation.json>]   (default reports/mutation/mutation.json)');
      process.exit(0);
    }
    path = positionals[0] ?? path;
  } catch (error) {
    exitOnError('mutation summary')(error);
  }
  try {
    const report = JSON.parse(readFileSync(path, 'utf8')) as MutationReport;
    process.stdout.write(`\nMutation score per module (target ${TARGET_SCORE}%):\n${renderScores(scoreModules(report))}\n`);
  } catch (error) {
    process.stderr.write(`mutation summary: cannot read ${path}: ${(error as Error).message.split('\n')[0]}\n`);
    process.exitCode = 1;
  }
}
