/**
 * Resource figures of the current process, for warm runs. A warm benchmark
 * shares its process with the harness (and with every other task it ran), so
 * heap figures there are process-wide: read them as "what this process held
 * after the calls", and compare targets through the cold figures, which come
 * from one process per target.
 */
import type { LoadedTarget, Payload } from '../contract/index.js';
import type { MemoryFigures } from '../cold/types.js';

/** process.memoryUsage() in the names the results use. */
export function memoryFigures(): MemoryFigures {
  const usage = process.memoryUsage();
  return {
    rssBytes: usage.rss,
    heapUsedBytes: usage.heapUsed,
    heapTotalBytes: usage.heapTotal,
    externalBytes: usage.external,
    arrayBuffersBytes: usage.arrayBuffers,
  };
}

/** Warm-process resource figures after a number of calls. */
export interface WarmResourceFigures extends MemoryFigures {
  /** Peak RSS of the whole process so far (resourceUsage().maxRSS, KiB -> bytes). */
  readonly peakRssBytes: number;
  /** Linear memory of the target, when it has one. */
  readonly wasmMemoryBytes?: number;
  /** Calls made before the snapshot. */
  readonly calls: number;
  /** True when gc() ran before the snapshot (node --expose-gc): heapUsed is then what is retained, not garbage. */
  readonly collected: boolean;
}

/**
 * Calls a loaded target `calls` times on `input` (default 100), collects
 * garbage when `gc` is exposed, and snapshots memory. Outputs are not checked
 * here: the warm benchmark verifies its own outputs.
 */
export function measureWarmResources(loaded: LoadedTarget, input: Payload, calls = 100): WarmResourceFigures {
  for (let i = 0; i < calls; i++) loaded.call(input);
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) gc();
  const wasmMemoryBytes = loaded.memoryBytes?.();
  return {
    ...memoryFigures(),
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    ...(wasmMemoryBytes === undefined ? {} : { wasmMemoryBytes }),
    calls,
    collected: gc !== undefined,
  };
}
