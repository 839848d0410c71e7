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
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { HELP, parseCommand, type Known } from '../cli/args.js';
import { exitOnError, exitQuietlyOnClosedStdout } from '../cli/flags.js';
import { BUILD_DIR, ROOT } from '../paths.js';
import { TARGETS } from '../targets/index.js';
import { discoverWorkloadSources } from '../workloads/discover.js';
import type { WorkloadDefinition } from '../types.js';

async function main(argv: readonly string[]): Promise<number> {
  const sources = discoverWorkloadSources(ROOT);
  // Folder name = workload name (the build refuses a manifest that says otherwise).
  const known: Known = { workloads: sources.map((s) => s.name), targets: TARGETS.map((t) => t.name), defaultTargets: TARGETS.map((t) => t.name) };
  const command = parseCommand(argv, known, 'launcher');
  if (command.kind === 'help') {
    console.log(HELP);
    return 0;
  }
  if (command.kind === 'list') {
    console.log('workloads:');
    for (const source of sources) {
      const definition = ((await import(pathToFileURL(source.definition).href)) as { default: WorkloadDefinition }).default;
      console.log(`  ${definition.name.padEnd(16)} ${definition.description}`);
    }
    console.log('targets:');
    for (const target of TARGETS) console.log(`  ${target.name.padEnd(16)} ${target.description}`);
    return 0;
  }
  const started = performance.now();
  try {
    // Imported here, not at the top: the build's modules (esbuild, the component tools) are what --help should not wait for.
    const { buildAll } = await import('../build/main.js');
    const counts = await buildAll((line) => process.stderr.write(`[build] ${line}\n`));
    process.stderr.write(`[build] ${counts.built} built, ${counts.fresh} up to date (${Math.round(performance.now() - started)} ms)\n`);
  } catch (error) {
    process.stderr.write(`[build] failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  return runBuiltCli(argv);
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
