/**
 * The target registry. A new target is one adapter file plus one line here;
 * everything downstream (warm, cold, reports) works from `TargetAdapter`.
 */
import { nodeTarget } from './node.js';
import { nodeIdiomaticTarget } from './node-idiomatic.js';
import { wasmTarget } from './wasm.js';
import { componentTarget } from './component.js';
import { asComponentTarget } from './as-component.js';
import type { PhaseTimer, TargetAdapter, TargetName } from '../types.js';

/** Every known target, in display order (node first: it is the baseline of every ratio). */
export const TARGETS: readonly TargetAdapter[] = [nodeTarget, nodeIdiomaticTarget, wasmTarget, componentTarget, asComponentTarget];

/** The baseline target ratios are computed against. */
export const BASELINE_TARGET: TargetName = 'node';

/**
 * The Node-side targets: the same-algorithm port (the baseline) and the code
 * a team would write (node:crypto...). "Wasm or Node" compares Wasm with the
 * fastest verified one of these; ratios stay against the baseline.
 */
export const NODE_VARIANTS: readonly TargetName[] = ['node', 'node-idiomatic'];

/** Looks a target up by name. */
export function findTarget(name: string): TargetAdapter | undefined {
  return TARGETS.find((target) => target.name === name);
}

/** A phase timer that only runs the phase (for warm loading, where phases are not measured). */
export const untimedPhases: PhaseTimer = async (_phase, fn) => fn();
