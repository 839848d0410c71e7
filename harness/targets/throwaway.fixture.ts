/**
 * A throwaway target for the registry test (throwaway.test.ts): node's
 * TypeScript implementation, bundled into a folder of the test's choosing,
 * under another name, label and colour. It is what a new target's folder
 * would export, written against nothing but the descriptor's types and the
 * injected build tools: if adding it needs any other file changed, the test
 * shows it.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { directCallEntry } from './shared/handler-template.js';
import type { TargetDescriptor } from './descriptor.js';
import type { WorkloadFunction } from '../contract/index.js';

/** The throwaway target's name. */
export const TWIN = 'node-twin';

/** The throwaway target, building into and loading from `dir`. */
export function twinTarget(dir: string): TargetDescriptor {
  const bundleOf = (workload: string): string => join(dir, `${workload}.mjs`);
  return {
    name: TWIN,
    role: 'alternative',
    adapter: {
      name: TWIN,
      description: "node's TypeScript implementation under another name (the registry test's throwaway target)",
      unsupportedReason: () => undefined,
      artifacts: (w) => [{ role: 'handler bundle (minified ESM)', path: bundleOf(w.definition.name) }],
      buildInfo: () => ({ bundler: 'esbuild', minified: true }),
      async load(w, phase) {
        const module = await phase('import', () => import(pathToFileURL(bundleOf(w.definition.name)).href) as Promise<{ run?: WorkloadFunction }>);
        if (typeof module.run !== 'function') throw new Error(`${bundleOf(w.definition.name)} does not export run()`);
        return { call: module.run };
      },
    },
    build: {
      async workload(tools, { source }) {
        const outcome = await tools.steps.bundle(tools.buildDir, { key: `${TWIN}-${source.name}`, entry: source.node, outfile: bundleOf(source.name), inlinePackages: true, minify: true });
        return [{ what: `${source.name}/${TWIN}.mjs`, outcome }];
      },
    },
    lambda: {
      description: "node's TypeScript implementation bundled with the handler, under another name",
      entrySource: (w) => directCallEntry(w.nodeSource, w.payload),
      extraFiles: () => [],
    },
    display: {
      label: 'node twin',
      order: 10,
      colour: '#edc948',
      option: "node's code again under another name, to show that a target is one folder",
      upkeep: 'Neutral, because it is a test fixture and is never deployed.',
    },
  };
}
