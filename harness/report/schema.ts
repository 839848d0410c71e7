/**
 * Writes the run.json schema next to each run (the same text as the
 * committed results/run.schema.json), so a run directory is self-describing.
 * The schema itself is the contract's (harness/contract/schema.ts).
 */
import { runSchemaText } from '../contract/schema.js';
import type { Exporter } from './exporter.js';

/** The json-schema exporter. */
export const schemaExporter: Exporter = {
  name: 'json-schema',
  fileName: 'run.schema.json',
  mediaType: 'application/schema+json',
  serialize: () => runSchemaText(),
};
