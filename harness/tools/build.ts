/**
 * `npm run build`: the light front of the build. It answers --help and
 * wrong arguments at once; only a real build loads the build's modules
 * (esbuild, the component tools: seconds before anything happens) and builds
 * everything `npm run bench` and the tests need, step by step, skipping
 * unchanged steps (harness/tools/build-all.ts).
 */
import { exitOnError, exitQuietlyOnClosedStdout } from '../options/errors.js';
import { flagHelp } from '../options/help.js';
import { parseArgs } from '../options/parse.js';
import { HELP_ONLY_FLAGS } from '../options/tool-flags.js';

const USAGE = `usage: npm run build

Builds every workload (bundles, AssemblyScript modules, components), the Lambda
packages and the harness entry points into build/. Unchanged steps are skipped,
so a second build takes seconds. npm run bench and npm test build first on their own.

options:
${flagHelp(HELP_ONLY_FLAGS, { width: 7 })}`;

async function main(argv: readonly string[]): Promise<number> {
  const { values } = parseArgs(argv, HELP_ONLY_FLAGS);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const started = performance.now();
  // Imported only now: loading the build's modules is what --help and a wrong argument must not wait for.
  const { buildAll } = await import('./build-all.js');
  try {
    const counts = await buildAll((line) => process.stderr.write(`[build] ${line}\n`));
    process.stderr.write(`[build] ${counts.built} built, ${counts.fresh} up to date (${Math.round(performance.now() - started)} ms)\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`[build] failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

exitQuietlyOnClosedStdout();
main(process.argv.slice(2)).then((code) => process.exit(code), exitOnError('build'));
