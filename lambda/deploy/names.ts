/**
 * What the project deploys: one function per workload × target × memory ×
 * architecture, named and tagged so teardown can find exactly those.
 */
import type { Arch } from '../cost/cost.js';

/** Tag every project function carries; teardown deletes only functions with it. */
export const PROJECT_TAG = 'wasm-lambda-bench';
/** A placeholder execution role, accepted by the local Lambda (it assumes no role); refused for AWS. */
export const PLACEHOLDER_ROLE = 'arn:aws:iam::000000000000:role/wasm-lambda-bench-local';

/** One function's identity. */
export interface FunctionId {
  readonly workload: string;
  readonly target: string;
  readonly memoryMB: number;
  readonly arch: Arch;
  /** The Node major of its runtime, when a run measures several (`--node`): part of the name. */
  readonly node?: string;
}

/** `wlb-sha256-wasm-1769-x86` (`...-x86-n22` across Node versions): readable, unique per configuration, within Lambda's 64 characters. */
export function functionName(prefix: string, id: FunctionId): string {
  const name = `${prefix}${id.workload}-${id.target}-${id.memoryMB}-${id.arch === 'x86_64' ? 'x86' : 'arm'}${id.node === undefined ? '' : `-n${id.node}`}`;
  if (!/^[a-zA-Z0-9_-]{1,64}$/.test(name)) throw new Error(`function name "${name}" is not a valid Lambda name (letters, digits, - and _, at most 64)`);
  return name;
}

/** Tags of a project function. */
export function functionTags(id: FunctionId): Record<string, string> {
  return {
    [PROJECT_TAG]: 'true',
    'wasm-lambda-bench:workload': id.workload,
    'wasm-lambda-bench:target': id.target,
  };
}
