/** Planning cold items. */
import { describe, expect, it } from 'vitest';
import { planColdItems } from './index.js';
import { itemKey } from './schedule.js';

describe('planColdItems', () => {
  it('crosses workloads, targets and sizes, with one baseline per engine', () => {
    const items = planColdItems({ workloads: ['noop', 'sha256'], targets: ['node', 'wasm'], sizes: ['small'] });
    expect(items.map(itemKey)).toEqual(['baseline/default', 'noop/node/small/default', 'noop/wasm/small/default', 'sha256/node/small/default', 'sha256/wasm/small/default']);
  });

  it('gives every engine configuration its own node rows and baseline', () => {
    const items = planColdItems({ workloads: ['noop'], targets: ['node', 'wasm'], sizes: ['small'], engines: ['default', 'eager', 'liftoff-only'] });
    expect(items.map(itemKey)).toEqual([
      'baseline/default', 'noop/node/small/default', 'noop/wasm/small/default',
      'baseline/eager', 'noop/node/small/eager', 'noop/wasm/small/eager',
      'baseline/liftoff-only', 'noop/node/small/liftoff-only', 'noop/wasm/small/liftoff-only',
    ]);
    expect(planColdItems({ workloads: ['noop'], targets: ['wasm'], sizes: ['small'], baseline: false }).map(itemKey)).toEqual(['noop/wasm/small/default']);
  });

  it('rejects an unknown engine', () => {
    expect(() => planColdItems({ workloads: ['noop'], targets: ['wasm'], sizes: ['small'], engines: ['jitless'] })).toThrow(/unknown engine/);
  });
});
