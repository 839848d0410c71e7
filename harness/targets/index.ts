/**
 * The target registry: the only list of targets. A target is one folder,
 * `harness/targets/<name>/`, whose `index.ts` exports one descriptor (its
 * adapter, build, Lambda handler template and display facts); adding one is
 * that folder plus one line in `BUILT_IN` below. Everything downstream (the
 * build, the CLI's lists, warm, cold, Lambda, the schema, the reports) reads
 * targets from here.
 */
import { node } from './node/index.js';
import { nodeIdiomatic } from './node-idiomatic/index.js';
import { wasm } from './wasm/index.js';
import { component } from './component/index.js';
import { asComponent } from './as-component/index.js';
import { rust } from './rust/index.js';
import { cWasm } from './c-wasm/index.js';
import { native } from './native/index.js';
import { porffor } from './porffor/index.js';
import { addTargetCard } from './display.js';
import type { TargetDescriptor } from './descriptor.js';
import type { PhaseTimer, TargetAdapter } from '../contract/index.js';

export type { TargetCard, TargetDescriptor, TargetDisplay, TargetRole } from './descriptor.js';

/** The targets this project ships. */
const BUILT_IN: readonly TargetDescriptor[] = [node, nodeIdiomatic, wasm, component, asComponent, rust, cWasm, porffor, native];

/** The baseline target ratios are computed against. */
export const BASELINE_TARGET: string = BUILT_IN.find((t) => t.role === 'baseline')!.name;

const registered: TargetDescriptor[] = [];

/** Every known target, in display order (the baseline first: every ratio is against it). Read it when needed: `registerTarget` adds to it. */
export const TARGETS: readonly TargetDescriptor[] = registered;

/**
 * Adds a target to the registry (the built-in ones are added at load; a test
 * or an experiment adds its own). Refuses a name already taken, an adapter
 * under another name, and a second baseline. Returns the function that
 * removes it again.
 */
export function registerTarget(target: TargetDescriptor): () => void {
  if (!/^[a-z][a-z0-9-]*$/.test(target.name)) throw new Error(`target name "${target.name}": lower-case letters, digits and dashes, starting with a letter`);
  if (registered.some((t) => t.name === target.name)) throw new Error(`target ${target.name} is registered already`);
  if (target.adapter.name !== target.name) throw new Error(`target ${target.name}: its adapter is named ${target.adapter.name}`);
  if (target.role === 'baseline' && registered.some((t) => t.role === 'baseline')) throw new Error(`target ${target.name}: there is one baseline, ${BASELINE_TARGET}`);
  registered.push(target);
  registered.sort((a, b) => a.display.order - b.display.order || a.name.localeCompare(b.name));
  // Reporters read display facts from the pure display module, never from here (they may not load adapters).
  const removeCard = addTargetCard({ name: target.name, role: target.role, display: target.display });
  return () => {
    const index = registered.indexOf(target);
    if (index !== -1) registered.splice(index, 1);
    removeCard();
  };
}

for (const target of BUILT_IN) registerTarget(target);

/**
 * The Node-side targets: the same-algorithm port (the baseline) and the code
 * a team would write (node:crypto...). "Wasm or Node" compares Wasm with the
 * fastest verified one of these; ratios stay against the baseline.
 */
export function nodeVariants(): string[] {
  return registered.filter((t) => t.role === 'baseline' || t.role === 'node-variant').map((t) => t.name);
}

/** True for a target measured by its own driver process (the native reference), never loaded in Node. */
export function isDriverTarget(name: string): boolean {
  return findDescriptor(name)?.role === 'reference';
}

/** Looks a target's descriptor up by name. */
export function findDescriptor(name: string): TargetDescriptor | undefined {
  return registered.find((target) => target.name === name);
}

/** Looks a target's adapter up by name. */
export function findTarget(name: string): TargetAdapter | undefined {
  return findDescriptor(name)?.adapter;
}

/** Every target's name, in display order. */
export function targetNames(): string[] {
  return registered.map((t) => t.name);
}

/** A phase timer that only runs the phase (for warm loading, where phases are not measured). */
export const untimedPhases: PhaseTimer = async (_phase, fn) => fn();
