/**
 * V8 configurations cold processes run under. `default` is always measured;
 * the others show how much of a cold start is lazy compilation and tiering.
 */
import type { EngineConfig } from './types.js';

/** V8 as shipped: lazy Wasm compilation, Liftoff first, TurboFan for hot functions. */
export const DEFAULT_ENGINE: EngineConfig = {
  name: 'default',
  nodeFlags: [],
  description: 'V8 defaults (lazy Wasm compilation, Liftoff then TurboFan tier-up)',
};

/**
 * Every known configuration. The flags only change how Wasm is compiled, but
 * any V8 flag also slows the process start itself (measured here: about
 * +18 ms of CPU for the empty baseline under either flag, most likely Node's
 * built-in code cache being rejected for a different flag set). So every
 * configuration gets its own node row and baseline, and ratios compare
 * within one configuration.
 */
export const ENGINE_CONFIGS: readonly EngineConfig[] = [
  DEFAULT_ENGINE,
  {
    name: 'eager',
    nodeFlags: ['--no-wasm-lazy-compilation'],
    description: 'Wasm compiled eagerly: the compile phase pays what lazy compilation defers to first calls',
  },
  {
    name: 'liftoff-only',
    nodeFlags: ['--liftoff-only'],
    description: 'Wasm baseline compiler only, no TurboFan tier-up: the warm-up curve without optimisation',
  },
];

/** Looks an engine configuration up by name. */
export function findEngine(name: string): EngineConfig | undefined {
  return ENGINE_CONFIGS.find((engine) => engine.name === name);
}
