/**
 * `npm run expected [-- name ...]`: (re)writes workloads' expected.json from
 * the TypeScript implementation, after checking that the AssemblyScript
 * module agrees. Run it when a workload is added or its algorithm changes;
 * review the diff like any other source change. Exit codes: 0 written,
 * 1 wasm and node disagree for a workload (its file is left alone), 2 usage.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { exitOnError, exitQuietlyOnClosedStdout, UsageError } from '../options/errors.js';
import { flagHelp } from '../options/help.js';
import { parseArgs, unknownName } from '../options/parse.js';
import { HELP_ONLY_FLAGS } from '../options/tool-flags.js';
import { ROOT } from '../paths.js';
import { SIZE_NAMES, type ExpectedFile, type ExpectedOutput, type SizeName } from '../contract/index.js';
import { checkOutput } from '../verify/check.js';
import { payloadBytes, sha256Hex } from '../verify/digest.js';
import { importNodeImplementation, loadCatalog } from '../workloads/catalog.js';
import { discoverWorkloadSources } from '../workloads/discover.js';
import { loadWorkloadModule } from '../../wasm/loader.js';

/** The seed committed vectors use. */
export const EXPECTED_SEED = 1;

const USAGE = `usage: npm run expected [-- <workload> ...]   (rewrites workloads/<name>/expected.json from the TypeScript implementation; default: every workload)

options:
${flagHelp(HELP_ONLY_FLAGS, { width: 7 })}`;

async function main(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs(argv, HELP_ONLY_FLAGS, { positionals: 'workload' });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  // Names are checked against the workload folders before anything is built: a typo answers at once, not after the build.
  const names = discoverWorkloadSources(ROOT).map((source) => source.name);
  for (const name of positionals) if (!names.includes(name)) throw new UsageError(unknownName('workload', name, names));
  const only = [...new Set(positionals)];
  // Imported only now: the build's modules take seconds to load, and a usage error should not wait for them.
  const { buildAll } = await import('./build-all.js');
  await buildAll();
  let mismatches = 0;
  for (const entry of await loadCatalog()) {
    const { definition } = entry;
    if (only.length > 0 && !only.includes(definition.name)) continue;
    const run = await importNodeImplementation(entry);
    const wasm = await loadWorkloadModule(entry.artifacts.wasm, definition.payload);
    const sizes = {} as Record<SizeName, ExpectedOutput>;
    let agrees = true;
    for (const size of SIZE_NAMES) {
      const input = definition.generateInput(size, EXPECTED_SEED);
      const output = run(input);
      const digest = sha256Hex(output);
      // Compared by digest: the two implementations must agree on the bytes the committed vector will hold.
      const wrong = checkOutput({ kind: 'payload', output: wasm.call(input) }, { sha256: digest });
      if (wrong) {
        // A result, not a crash: say which workload and size, leave its expected.json alone, go on with the others.
        console.error(`${definition.name}/${size}: wasm output differs from node (${String(wrong.actual.sha256)} vs ${digest}); expected.json not written`);
        agrees = false;
        break;
      }
      sizes[size] = { inputSha256: sha256Hex(input), outputSha256: digest, outputBytes: payloadBytes(output).length };
    }
    if (!agrees) {
      mismatches += 1;
      continue;
    }
    const file: ExpectedFile = { seed: EXPECTED_SEED, sizes };
    writeFileSync(join(ROOT, 'workloads', definition.name, 'expected.json'), `${JSON.stringify(file, null, 2)}\n`);
    console.log(`${definition.name}: expected.json written`);
  }
  return mismatches > 0 ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  exitQuietlyOnClosedStdout();
  main(process.argv.slice(2)).then((code) => process.exit(code), exitOnError('expected'));
}
