/**
 * The Lambda handler both component targets share: the `jco transpile`
 * output (self-contained ES module glue plus core modules) packaged as files
 * and loaded at INIT by the same loader the local targets use; the handler
 * calls the lifted `run` export.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromRoot } from '../../paths.js';
import { HANDLER_MODULE, lit, type HandlerTemplate, type TemplateWorkload } from './handler-template.js';
import { readComponentInfo } from '../../../wasm/component-info.js';
import { componentPaths } from '../../../wasm/component-paths.js';

const COMPONENT_LOADER_MODULE = fromRoot('wasm', 'component-loader.ts');
/** The transpiled glue's name inside the zip. */
const GLUE_FILE = 'component.js';

/** The template of the component target named `kind` (its build folder is `build/workloads/<name>/<kind>/`). */
export function componentLambda(kind: string, description: string): HandlerTemplate {
  const info = (w: Pick<TemplateWorkload, 'name'>) => readComponentInfo(componentPaths(w.name, kind).info);
  return {
    description,
    unavailable: (w) => {
      if (info(w)) return undefined;
      const error = componentPaths(w.name, kind).error;
      return `${kind} is not built${existsSync(error) ? `: ${readFileSync(error, 'utf8').trim().split('\n')[0]}` : ''}`;
    },
    entrySource: (w) =>
      [
        `import { dirname, join } from 'node:path';`,
        `import { fileURLToPath } from 'node:url';`,
        `import { loadTranspiledComponent } from ${lit(COMPONENT_LOADER_MODULE)};`,
        `import { createHandler } from ${lit(HANDLER_MODULE)};`,
        `const root = dirname(fileURLToPath(import.meta.url));`,
        `const coreModules = ${lit(info(w)?.transpiled.coreModules.map((m) => m.file) ?? [])};`,
        `const loaded = await loadTranspiledComponent({ glue: join(root, ${lit(GLUE_FILE)}), dir: root, coreModules }, ${lit(w.payload)}, async (_phase, fn) => fn());`,
        `export const handler = createHandler(loaded.call, ${lit(w.payload)});`,
      ].join('\n'),
    extraFiles: (w) => {
      const paths = componentPaths(w.name, kind);
      const built = info(w);
      if (!built) return [];
      return [
        { name: GLUE_FILE, path: paths.glue },
        ...built.transpiled.coreModules.map((m) => ({ name: m.file, path: join(paths.transpiledDir, m.file) })),
      ];
    },
  };
}
