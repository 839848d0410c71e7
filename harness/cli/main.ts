/**
 * `npm run bench`: the front door. Only wiring: parse options (or load the
 * run to resume), load the catalog, run the modes under a lifecycle that
 * records the run's state (running / completed / interrupted / failed),
 * write files, print the table, set the exit code (0 ok, 1 a result errored:
 * a wrong output or a failure to measure, or a fatal error, 2 usage error, 130/143 stopped by
 * SIGINT/SIGTERM). Started with GUARDIAN_ARG it is the run's guardian instead.
 */
import { HELP, parseCommand, type Known } from '../options/bench.js';
import { UsageError } from '../options/errors.js';
import { closingLine } from './table.js';
import { runEndLines } from './run-end.js';
import { ProgressView } from './progress-view.js';
import { knownNames, listedTargets, listLines } from './list.js';
import { runBench, modesFor } from '../run/bench.js';
import { RunWriter } from '../run/writer.js';
import { renderAll } from '../report/index.js';
import { loadCatalog } from '../workloads/catalog.js';
import { settleMajors } from '../node-builds/install.js';
import { runLambda } from '../../lambda/measure/mode.js';
import { runLoad } from '../../lambda/load/mode.js';
import { GUARDIAN_ARG, runGuardian } from '../run/guardian.js';
import { RunLifecycle } from '../run/lifecycle.js';
import type { BenchOptions } from '../run/options.js';
import { loadResumable, ResumeError } from '../run/resume.js';
import type { RunRecord } from '../contract/index.js';

function runIdNow(): string {
  return new Date().toISOString().replace(/[:.]/g, '-').replace(/-\d{3}Z$/, 'Z');
}

async function main(argv: readonly string[]): Promise<number> {
  const catalog = await loadCatalog();
  const known: Known = knownNames(catalog.map((e) => e.definition.name));
  const runId = runIdNow();
  const command = parseCommand(argv, known, runId);
  if (command.kind === 'help') {
    console.log(HELP);
    return 0;
  }
  if (command.kind === 'list') {
    // The launcher (harness/tools/bench.ts) answers --list without a build; this is the built CLI run directly.
    const workloads = catalog.map(({ definition, expected }) => ({ definition, ...(expected ? { expected } : {}) }));
    for (const line of listLines(workloads, listedTargets())) console.log(line);
    return 0;
  }
  let options: BenchOptions;
  let resumed: RunRecord | undefined;
  if (command.kind === 'resume') {
    try {
      ({ run: resumed, options } = loadResumable(command.dir));
    } catch (error) {
      if (error instanceof ResumeError) throw new UsageError(error.message);
      throw error;
    }
  } else {
    // Resolved before the run so run.json records the majors measured; a --node naming an uninstalled pinned build installs it here.
    options = { ...command.options, node: settleMajors(command.options.node, (line) => process.stderr.write(`[node-builds] ${line}\n`)) };
  }
  let writer: RunWriter;
  try {
    writer = new RunWriter(options.outDir, { fresh: resumed === undefined });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  lifecycle = new RunLifecycle(writer, `npm run bench -- --resume ${writer.dir}`);
  lifecycle.start();
  // An interruption's own lines must not be overdrawn by the progress line while it cleans up: the view stops first.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.prependListener(signal, () => view.stop());
  const run: RunRecord = await runBench(
    resumed?.runId ?? runId,
    options,
    catalog,
    // --load replaces the one-at-a-time Lambda measurement with the load generator (lambda/load).
    modesFor(options, { lambda: options.lambda.load ? runLoad : runLambda }),
    lifecycle.io((update) => view.update(update)),
    resumed,
  );
  lifecycle.finish();
  view.finish();
  // Reports are derived from the finished record; run.json is already safe on disk.
  for (const [fileName, contents] of renderAll(run)) writer.writeFile(fileName, contents);
  // The table, the controls, then the verdict per workload, last the results path (default: fits 120 columns; --wide: the full table).
  const end = runEndLines(run, { dir: writer.dir, wide: options.wide === true, ...(resumed ? { resumedGroups: resumed.progress?.finished.length ?? 0 } : {}) });
  for (const line of end) console.log(line);
  const closing = closingLine(run.results);
  if (closing !== undefined) {
    // Any errored row fails the run: a row that could not be measured is not a success either.
    console.error(closing);
    return 1;
  }
  return 0;
}

/** The run being measured, once there is one (signal handlers and the fatal-error path use it). */
let lifecycle: RunLifecycle | undefined;
/** Progress on stderr: a redrawn bar on a terminal, throttled lines in a log. */
const view = new ProgressView(process.stderr);

if (process.argv[2] === GUARDIAN_ARG) runGuardian(process.argv.slice(3));
else {
  main(process.argv.slice(2)).then(
    (code) => {
      // An interruption being handled decides the exit code (130/143) once its cleanup is done.
      if (!lifecycle?.stopping) process.exit(code);
    },
    async (error: unknown) => {
      view.stop();
      if (error instanceof UsageError) {
        process.stderr.write(`error: ${error.message}\n`);
        process.exit(2);
      }
      if (lifecycle?.stopping) return;
      process.stderr.write(`fatal: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      await lifecycle?.fail(error);
      process.exit(1);
    },
  );
}
