/** Typed helper for a workload's `workload.ts` default export. */
import type { WorkloadDefinition } from '../../harness/contract/index.js';

/** Declares a workload; returns it unchanged, typed. */
export function defineWorkload(definition: WorkloadDefinition): WorkloadDefinition {
  return definition;
}
