/**
 * A resumed cold mode continues the same seeded schedule: the runner skips
 * the sequences already taken, and the two parts together are the samples a
 * run without interruption takes (same items, rounds and sequence numbers).
 */
import { describe, expect, it } from 'vitest';
import { fakeClock, fakeSpawner, goodChild } from '../cold/fake-child.js';
import { runColdSamples } from '../cold/rounds.js';
import type { ColdItem } from '../cold/types.js';

const items: ColdItem[] = [
  { kind: 'baseline', engine: 'default' },
  { kind: 'baseline', engine: 'eager' },
];

async function take(skip?: ReadonlySet<number>) {
  const clock = fakeClock();
  const fake = fakeSpawner(clock, () => goodChild());
  const progress: Array<[number, number]> = [];
  const samples = await runColdSamples({
    items, samples: 3, seed: 9, prepare: () => { throw new Error('no target items'); }, nodePath: '/opt/node', childScript: '/opt/child.mjs', env: {},
    spawner: fake.spawner, clock: clock.clock, ...(skip ? { skip } : {}), onSample: (_s, done, total) => progress.push([done, total]),
  });
  return { samples, progress, spawned: fake.started.length };
}

describe('a cold schedule continued after an interruption', () => {
  it('takes only the sequences not taken yet, and the parts add up to the uninterrupted schedule', async () => {
    const whole = await take();
    const before = whole.samples.slice(0, 4);
    const rest = await take(new Set(before.map((s) => s.sequence)));
    expect(rest.spawned).toBe(2);
    expect(rest.samples.map((s) => s.sequence)).toEqual([4, 5]);
    expect([...before, ...rest.samples].map((s) => [s.key, s.round, s.sequence])).toEqual(whole.samples.map((s) => [s.key, s.round, s.sequence]));
    // Progress counts the samples taken before the interruption.
    expect(rest.progress).toEqual([[5, 6], [6, 6]]);
  });
});
