/**
 * The Lambda handler of a toolchain-built core module (rust, c-wasm): the
 * module packaged next to the handler, compiled and instantiated at INIT by
 * the same loader as the AssemblyScript module's handler, called per event.
 */
import { existsSync } from 'node:fs';
import { fromRoot, workloadArtifacts } from '../../paths.js';
import { readToolchainRecord } from './toolchain-build.js';
import { HANDLER_MODULE, lit, type HandlerTemplate } from './handler-template.js';
import { toolchainArtifact } from './toolchain-wasm.js';

const LOADER_MODULE = fromRoot('wasm', 'loader.ts');

/** The handler template of the core module `file` (e.g. rust.wasm). */
export function toolchainLambda(description: string, file: string): HandlerTemplate {
  return {
    description,
    entrySource: (w) =>
      [
        `import { fileURLToPath } from 'node:url';`,
        `import { loadWorkloadModule } from ${lit(LOADER_MODULE)};`,
        `import { createHandler } from ${lit(HANDLER_MODULE)};`,
        `const bound = await loadWorkloadModule(fileURLToPath(new URL(${lit(`./${file}`)}, import.meta.url)), ${lit(w.payload)});`,
        `export const handler = createHandler(bound.call, ${lit(w.payload)});`,
      ].join('\n'),
    extraFiles: (w) => [{ name: file, path: toolchainArtifact(w, file).path }],
    unavailable: ({ name }) => {
      const { path, record } = toolchainArtifact({ artifacts: workloadArtifacts(name) }, file);
      const built = readToolchainRecord(record);
      if (built?.state === 'skipped') return built.reason;
      return existsSync(path) ? undefined : `${file} is not built (npm run build)`;
    },
  };
}
