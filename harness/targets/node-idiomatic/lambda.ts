/**
 * Lambda handler of the `node-idiomatic` target: the workload's idiomatic
 * variant (`idiomatic.ts`, e.g. node:crypto), called directly like node's; a
 * workload without one has no package, with the reason its rows show
 * everywhere else.
 */
import { directCallEntry, type HandlerTemplate } from '../shared/handler-template.js';
import { ROOT } from '../../paths.js';
import { idiomaticSource } from '../../workloads/discover.js';
import { missingVariantReason } from './adapter.js';

/** node-idiomatic: `workloads/<name>/idiomatic.ts`, called directly. */
export const nodeIdiomaticLambda: HandlerTemplate = {
  description: "the workload's idiomatic Node code (idiomatic.ts, e.g. node:crypto) bundled with the handler",
  unavailable: (w) => missingVariantReason(w.name),
  entrySource: (w) => {
    const source = idiomaticSource(ROOT, w.name);
    if (source === undefined) throw new Error(missingVariantReason(w.name));
    return directCallEntry(source, w.payload);
  },
  extraFiles: () => [],
};
