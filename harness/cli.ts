/**
 * `npm run bench`: the front door. Only wiring: parse options, load the
 * catalog, run the modes, write files, print the table, set the exit code
 * (0 ok, 1 a result errored or failed verification, 2 usage error).
 */
import { HELP, parseCommand, UsageError, type Known } from './cli/args.js';
import { renderBaselines, renderInvokeOverhead, renderTable } from './cli/table.js';
import { runBench, modesFor } from './run/bench.js';
import { RunWriter } from './run/writer.js';
import { renderAll } from './report/index.js';
import { TARGETS } from './targets/index.js';
import { loadCatalog } from './workloads/catalog.js';
import { runLambda } from '../lambda/runner/mode.js';
import type { RunRecord } from './types.js';

function runIdNow(): string {
  return new Date().toISOString().replace(/[:.]/g, '-').replace(/-\d{3}Z$/, 'Z');
}

function progress(message: string): void {
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[2K${message}`);
  else process.stderr.write(`${message}\n`);
}

async function main(argv: readonly string[]): Promise<number> {
  const catalog = await loadCatalog();
  const known: Known = {
    workloads: catalog.map((e) => e.definition.name),
    targets: TARGETS.map((t) => t.name),
    defaultTargets: TARGETS.map((t) => t.name),
  };
  const runId = runIdNow();
  const command = parseCommand(argv, known, runId);
  if (command.kind === 'help') {
    console.log(HELP);
    return 0;
  }
  if (command.kind === 'list') {
    console.log('workloads:');
    for (const { definition } of catalog) console.log(`  ${definition.name.padEnd(16)} ${definition.description}`);
    console.log('targets:');
    for (const target of TARGETS) console.log(`  ${target.name.padEnd(16)} ${target.description}`);
    return 0;
  }
  const { options } = command;
  let writer: RunWriter;
  try {
    writer = new RunWriter(options.outDir);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const run: RunRecord = await runBench(runId, options, catalog, modesFor(options, { lambda: runLambda }), {
    persist: (record) => writer.writeRun(record),
    samples: (record) => writer.appendSamples(record),
    progress,
  });
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[2K');
  // Reports are derived from the finished record; run.json is already safe on disk.
  for (const [fileName, contents] of renderAll(run)) writer.writeFile(fileName, contents);
  console.log(renderTable(run.results));
  for (const line of renderBaselines(run.baselines)) console.log(line);
  for (const line of renderInvokeOverhead(run.results)) console.log(line);
  for (const note of run.notes ?? []) console.log(`note: ${note}`);
  console.log(
    '\nwarm: time per call in-process (wasm includes copying the payload in and out); cold TTFR: spawn of a fresh process to its first result;\n' +
      'ratios are target/node with 95% CIs. Cold phases (compile, instantiate, first call), artifact sizes and an ADR draft are in report.md.',
  );
  console.log(`results: ${writer.dir}`);
  const invalid = run.results.filter((r) => r.status === 'errored');
  if (invalid.length > 0) {
    console.error(`${invalid.length} result(s) INVALID: not published as timings`);
    return 1;
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`error: ${error.message}\n`);
      process.exit(2);
    }
    process.stderr.write(`fatal: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
