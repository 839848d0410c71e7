/**
 * `npm run bench`: the light front of the bench CLI. It answers --help,
 * --list and usage errors from the sources in about a second, so that a
 * fresh clone does not build everything (minutes) before saying "unknown
 * option". Only a run that will measure builds (cached: unchanged steps are
 * skipped) and then runs the built CLI under plain `node --expose-gc`, as
 * measured processes must run without loader hooks. The built CLI parses the
 * same arguments again with the same parser, so both agree.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { HELP, parseCommand, type Known } from '../options/bench.js';
import { exitOnError, exitQuietlyOnClosedStdout } from '../options/errors.js';
import { knownNames, listedTargets, listLines, type ListedWorkload } from '../cli/list.js';
import { ProgressView } from '../cli/progress-view.js';
import { BUILD_DIR, ROOT } from '../paths.js';
import { discoverWorkloadSources } from '../workloads/discover.js';
import type { ExpectedFile, WorkloadDefinition } from '../contract/index.js';

async function main(argv: readonly string[]): Promise<number> {
  const sources = discoverWorkloadSources(ROOT);
  // Folder name = workload name (the build refuses a manifest that says otherwise).
  const known: Known = knownNames(sources.map((s) => s.name));
  const command = parseCommand(argv, known, 'launcher');
  if (command.kind === 'help') {
    console.log(HELP);
    return 0;
  }
  if (command.kind === 'list') {
    const workloads: ListedWorkload[] = [];
    for (const source of sources) {
      const definition = ((await import(pathToFileURL(source.definition).href)) as { default: WorkloadDefinition }).default;
      const expected = existsSync(source.expected) ? (JSON.parse(readFileSync(source.expected, 'utf8')) as ExpectedFile) : undefined;
      workloads.push({ definition, ...(expected ? { expected } : {}) });
    }
    for (const line of listLines(workloads, listedTargets())) console.log(line);
    return 0;
  }
  const view = new ProgressView(process.stderr);
  // Planned steps: as many as the last build had (a first build counts without a plan, so without an estimate).
  const planned = rememberedSteps();
  let done = 0;
  try {
    view.update({ phase: 'build', kind: 'step', label: 'loading the build tools' });
    // Imported here, not at the top: the build's modules (esbuild, the component tools) are what --help should not wait for.
    const { buildAll } = await import('./build-all.js');
    // The estimate's clock starts here: loading the tools is not a step's worth of time.
    view.update({ phase: 'build', kind: 'work', done, planned, label: 'checking what changed' });
    const counts = await buildAll(undefined, (what, outcome) => {
      done += 1;
      view.update({ phase: 'build', kind: 'work', done, planned, label: outcome === 'built' ? `built ${what}` : `${what} up to date` });
    });
    view.update({ phase: 'build', kind: 'end', label: `${counts.built} built, ${counts.fresh} up to date` });
    rememberSteps(done);
  } catch (error) {
    view.stop();
    process.stderr.write(`[build] failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  return runBuiltCli(argv);
}

/** Where the launcher keeps the number of steps of the last build (the plan of the next one's progress). */
const STEPS_FILE = join(BUILD_DIR, '.build-steps');

function rememberedSteps(): number {
  try {
    const steps = Number(readFileSync(STEPS_FILE, 'utf8').trim());
    return Number.isSafeInteger(steps) && steps > 0 ? steps : 0;
  } catch {
    return 0;
  }
}

function rememberSteps(steps: number): void {
  try {
    writeFileSync(STEPS_FILE, `${steps}\n`);
  } catch {
    // Only a progress plan: without it the next build shows counts without an estimate.
  }
}

/** Runs build/harness/cli.mjs with the arguments and returns its exit code. */
function runBuiltCli(argv: readonly string[]): Promise<number> {
  const child = spawn(process.execPath, ['--expose-gc', join(BUILD_DIR, 'harness', 'cli.mjs'), ...argv], { stdio: 'inherit' });
  // Ctrl-C reaches the child through the process group, so SIGINT is not passed on (npm and tsx relay it to the
  // launcher as well, and the CLI takes a second signal as "exit at once, skip the cleanup"). SIGTERM usually comes
  // from npm's relay alone (kill <npm pid>), so it is passed on, once.
  let forwarded = false;
  const forward = (signal: NodeJS.Signals): void => {
    if (signal === 'SIGINT' || forwarded) return;
    forwarded = true;
    child.kill(signal);
  };
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  return new Promise((resolve) => {
    child.on('error', (error) => {
      process.stderr.write(`bench: cannot start the built CLI: ${error.message}\n`);
      resolve(1);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal === 'SIGINT' ? 130 : 1)));
  });
}

exitQuietlyOnClosedStdout();
main(process.argv.slice(2)).then((code) => process.exit(code), exitOnError('fatal'));
