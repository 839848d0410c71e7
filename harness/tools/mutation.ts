/**
 * `npm run mutation [-- --mutate <globs>] [--concurrency n]`: runs Stryker
 * with stryker.config.mjs, then prints the per-module score table
 * (mutation-summary.ts). A front of its own because npm appends a script's
 * arguments to its last command: with "stryker run … && tsx summary.ts",
 * `npm run mutation -- --help` ran the whole mutation run (many minutes) and
 * then gave "--help" to the summary as a file name. Here --help answers at
 * once, a wrong argument is one line and exit 2, and --mutate reaches Stryker.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exitOnError, exitQuietlyOnClosedStdout, UsageError } from '../options/errors.js';
import { flagHelp } from '../options/help.js';
import { parseArgs } from '../options/parse.js';
import { MUTATION_FLAGS } from '../options/tool-flags.js';
import { ROOT } from '../paths.js';
import { renderSummary, type MutationReport } from './mutation-summary.js';

const USAGE = `usage: npm run mutation [-- --mutate <globs>] [--concurrency n]

Builds (npm run build), then runs Stryker (stryker.config.mjs: per-test coverage,
vitest.mutation.config.ts) over the
modules whose mistakes would change a published number or verdict, then prints one line
per module (score, killed, survived, no coverage, timeout), worst first, marking those
below 85%, then the surviving mutants listed as equivalent, with their reasons
(harness/tools/mutation-equivalents.ts). The full report is reports/mutation/mutation.json.

options:
${flagHelp(MUTATION_FLAGS, { width: 18 })}

exit codes: 0 done, 1 the build or Stryker failed or its report is unreadable, 2 a wrong argument`;

/** Where Stryker writes its JSON report (stryker.config.mjs jsonReporter). */
const REPORT = join(ROOT, 'reports', 'mutation', 'mutation.json');

function main(argv: readonly string[]): number {
  const { values } = parseArgs(argv, MUTATION_FLAGS);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values.mutate !== undefined && values.mutate.trim() === '') throw new UsageError('--mutate needs at least one file or glob');
  const { concurrency } = values;
  // Build once here, not in the mutation config's global setup: Stryker restarts a test worker after
  // every timeout, and each start ran the build's cache check again (16 s on a loaded 2-core machine,
  // tens of restarts per run). The sandbox Stryker copies includes build/.
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) {
    process.stderr.write('mutation: npm run build failed; the tests need its artifacts\n');
    return 1;
  }
  const stryker = join(ROOT, 'node_modules', '.bin', 'stryker');
  const args = ['run', 'stryker.config.mjs', ...(values.mutate !== undefined ? ['--mutate', values.mutate] : []), ...(concurrency !== undefined ? ['--concurrency', String(concurrency)] : [])];
  const run = spawnSync(stryker, args, { cwd: ROOT, stdio: 'inherit' });
  if (run.error) throw new Error(`cannot start Stryker (${stryker}): ${run.error.message}; run npm ci first`);
  if (run.status !== 0) return run.status ?? 1;
  let report: MutationReport;
  try {
    report = JSON.parse(readFileSync(REPORT, 'utf8')) as MutationReport;
  } catch (error) {
    process.stderr.write(`mutation summary: cannot read ${REPORT}: ${(error as Error).message.split('\n')[0]}\n`);
    return 1;
  }
  process.stdout.write(renderSummary(report));
  return 0;
}

exitQuietlyOnClosedStdout();
try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  exitOnError('mutation')(error);
}
