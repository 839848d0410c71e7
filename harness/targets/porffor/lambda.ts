/**
 * The Lambda handler of the porffor target: the module packaged next to the
 * handler, compiled and instantiated at INIT, and the same binding as the
 * local runs (binding.ts, bundled into the handler: it imports nothing but
 * the shim's export names), called per event. It keeps the binding's
 * fresh-instance rule, which a deployed porffor handler needs as much: one
 * execution environment serves many events, and porffor frees nothing.
 */
import { existsSync } from 'node:fs';
import { fromRoot, workloadArtifacts } from '../../paths.js';
import { readToolchainRecord } from '../shared/toolchain-build.js';
import { HANDLER_MODULE, lit, type HandlerTemplate } from '../shared/handler-template.js';
import { toolchainArtifact } from '../shared/toolchain-wasm.js';
import { PORFFOR_FILE } from './build.js';

const BINDING_MODULE = fromRoot('harness', 'targets', 'porffor', 'binding.ts');

/** The porffor target's handler template. */
export const porfforLambda: HandlerTemplate = {
  description: 'the node bundle compiled by porffor to a core module, compiled and instantiated at INIT, inputs written in porffor\'s memory layout',
  entrySource: (w) =>
    [
      `import { readFileSync } from 'node:fs';`,
      `import { fileURLToPath } from 'node:url';`,
      `import { bindPorffor } from ${lit(BINDING_MODULE)};`,
      `import { createHandler } from ${lit(HANDLER_MODULE)};`,
      `const module = await WebAssembly.compile(readFileSync(fileURLToPath(new URL(${lit(`./${PORFFOR_FILE}`)}, import.meta.url))));`,
      `const bound = bindPorffor(module, ${lit(w.payload)}, { instance: await WebAssembly.instantiate(module, {}) });`,
      `export const handler = createHandler(bound.call, ${lit(w.payload)});`,
    ].join('\n'),
  extraFiles: (w) => [{ name: PORFFOR_FILE, path: toolchainArtifact(w, PORFFOR_FILE).path }],
  unavailable: ({ name }) => {
    const { path, record } = toolchainArtifact({ artifacts: workloadArtifacts(name) }, PORFFOR_FILE);
    const built = readToolchainRecord(record);
    if (built === undefined) return `${PORFFOR_FILE} is not built (npm run build)`;
    if (built.state === 'skipped') return built.reason;
    return existsSync(path) ? undefined : `${PORFFOR_FILE} is not built (npm run build)`;
  },
};
