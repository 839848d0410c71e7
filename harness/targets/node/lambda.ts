/** Lambda handler of the `node` target: the TypeScript implementation, bundled with the handler and called directly. */
import { directCallEntry, type HandlerTemplate } from '../shared/handler-template.js';

/** node: the TypeScript implementation, called directly. */
export const nodeLambda: HandlerTemplate = {
  description: 'the TypeScript implementation bundled with the handler',
  entrySource: (w) => directCallEntry(w.nodeSource, w.payload),
  extraFiles: () => [],
};
