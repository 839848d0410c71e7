/**
 * What one target is, in one object: how it runs a workload (the adapter),
 * how its artifacts are built, how it becomes a Lambda handler, and how
 * reports show it. Every target folder (`harness/targets/<name>/index.ts`)
 * exports one of these; the registry (`./index.ts`) is the only list of them.
 *
 * Imports here are types only: the descriptor is loaded by cold-start and
 * warm children, which must not load a compiler. Build tools reach a
 * target's build through `TargetBuild`'s injected `BuildTools`.
 */
import type { TargetAdapter } from '../contract/index.js';
import type { TargetBuild } from '../build/target-build.js';
import type { HandlerTemplate } from './shared/handler-template.js';
import type { TargetCard } from './display.js';

export type { TargetCard, TargetDisplay, TargetRole } from './display.js';

/** One target: its folder's single export. Its card (name, role, display) is what reporters see of it. */
export interface TargetDescriptor extends TargetCard {
  /** Loads and runs a workload (warm, cold). */
  readonly adapter: TargetAdapter;
  /** Builds the target's artifacts of each workload (`npm run build`). */
  readonly build: TargetBuild;
  /** How the target becomes a Lambda function; absent = not deployable. */
  readonly lambda?: HandlerTemplate;
  /**
   * Why the target is measured only when `--targets` names it (absent: it is
   * in every default run). The optional toolchain targets are: a default run
   * answers "Wasm or Node" in its time budget, and another source language
   * is a question of its own.
   */
  readonly optIn?: string;
}
