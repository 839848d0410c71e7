/**
 * `npm run expected [-- name ...]`: (re)writes workloads' expected.json from
 * the TypeScript implementation, after checking that the AssemblyScript
 * module agrees. Run it when a workload is added or its algorithm changes;
 * review the diff like any other source change.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildAll } from '../build/main.js';
import { ROOT } from '../paths.js';
import { SIZE_NAMES, type ExpectedFile, type ExpectedOutput, type SizeName } from '../types.js';
import { payloadBytes, sha256Hex } from '../verify/digest.js';
import { importNodeImplementation, loadCatalog } from '../workloads/catalog.js';
import { loadWorkloadModule } from '../../wasm/loader.js';

/** The seed committed vectors use. */
export const EXPECTED_SEED = 1;

await buildAll();
const only = process.argv.slice(2);
for (const entry of await loadCatalog()) {
  const { definition } = entry;
  if (only.length > 0 && !only.includes(definition.name)) continue;
  const run = await importNodeImplementation(entry);
  const wasm = await loadWorkloadModule(entry.artifacts.wasm, definition.payload);
  const sizes = {} as Record<SizeName, ExpectedOutput>;
  for (const size of SIZE_NAMES) {
    const input = definition.generateInput(size, EXPECTED_SEED);
    const output = run(input);
    const wasmDigest = sha256Hex(wasm.call(input));
    const digest = sha256Hex(output);
    if (wasmDigest !== digest) throw new Error(`${definition.name}/${size}: wasm output differs from node (${wasmDigest} vs ${digest})`);
    sizes[size] = { inputSha256: sha256Hex(input), outputSha256: digest, outputBytes: payloadBytes(output).length };
  }
  const file: ExpectedFile = { seed: EXPECTED_SEED, sizes };
  writeFileSync(join(ROOT, 'workloads', definition.name, 'expected.json'), `${JSON.stringify(file, null, 2)}\n`);
  console.log(`${definition.name}: expected.json written`);
}
