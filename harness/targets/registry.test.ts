/**
 * The registry is the only list of targets, and what it refuses; the display
 * module answers for registered targets and still renders names it does not
 * know (old runs); the build orders targets by what their builds read.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { buildWaves } from '../build/targets.js';
import { BASELINE_TARGET, findDescriptor, findTarget, nodeVariants, registerTarget, TARGETS, targetNames } from './index.js';
import { baselineTarget, compareTargets, displayOrder, isBaseline, isNodeVariant, targetColour, targetLabel, targetOption, targetRank, targetsKnownAt, UNKNOWN_TARGET_COLOUR } from './display.js';
import { TWIN, twinTarget } from './throwaway.fixture.js';
import type { TargetDescriptor } from './descriptor.js';
import type { TargetBuild } from '../build/target-build.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const undo of cleanups.splice(0)) undo();
});

const twin = (overrides: Partial<TargetDescriptor> = {}): TargetDescriptor => ({ ...twinTarget('/nonexistent'), ...overrides });

describe('the built-in targets', () => {
  it('are listed once, in display order, the baseline first, each with its own colour', () => {
    expect(targetNames().slice(0, 5)).toEqual(['node', 'node-idiomatic', 'wasm', 'component', 'as-component']);
    expect(new Set(targetNames()).size).toBe(TARGETS.length);
    expect(displayOrder()).toEqual(targetNames());
    expect(BASELINE_TARGET).toBe('node');
    expect(baselineTarget()).toBe('node');
    expect(nodeVariants()).toEqual(['node', 'node-idiomatic']);
    expect(new Set(TARGETS.map((t) => t.display.colour)).size).toBe(TARGETS.length);
    for (const t of TARGETS) {
      expect(findTarget(t.name)).toBe(t.adapter);
      expect(t.adapter.name).toBe(t.name);
      expect(targetOption(t.name)?.upkeep).toMatch(/^(Good|Bad|Neutral), because /);
    }
  });
});

describe('registerTarget', () => {
  it('adds a target everywhere the registry is read, in its display order, and removes it again', () => {
    const before = targetNames();
    cleanups.push(registerTarget(twin({ display: { ...twin().display, order: 2.5 } })));
    // Right after wasm (order 2), before component (order 3).
    expect(targetNames()).toEqual([...before.slice(0, 3), TWIN, ...before.slice(3)]);
    expect(findDescriptor(TWIN)?.name).toBe(TWIN);
    expect(targetLabel(TWIN)).toBe('node twin');
    expect(targetColour(TWIN)).toBe('#edc948');
    expect(isNodeVariant(TWIN)).toBe(false);
    cleanups.splice(0).forEach((undo) => undo());
    expect(targetNames()).not.toContain(TWIN);
    expect(targetLabel(TWIN)).toBe(TWIN);
  });

  it('refuses a name taken, a malformed name, an adapter under another name and a second baseline', () => {
    expect(() => registerTarget(twin({ name: 'wasm', adapter: { ...twin().adapter, name: 'wasm' } }))).toThrow(/wasm is registered already/);
    expect(() => registerTarget(twin({ name: 'Node Twin' }))).toThrow(/lower-case letters/);
    expect(() => registerTarget(twin({ name: 'other-twin' }))).toThrow(/its adapter is named node-twin/);
    expect(() => registerTarget(twin({ role: 'baseline' }))).toThrow(/one baseline, node/);
    expect(targetNames()).not.toContain(TWIN);
  });

  it('makes a Node variant a Node variant for the reports too', () => {
    cleanups.push(registerTarget(twin({ role: 'node-variant' })));
    expect(nodeVariants()).toEqual(['node', 'node-idiomatic', TWIN]);
    expect(isNodeVariant(TWIN)).toBe(true);
    expect(isBaseline(TWIN)).toBe(false);
  });
});

describe('targets a run could have measured', () => {
  it('leave out a target added after the run started', () => {
    cleanups.push(registerTarget(twin({ display: { ...twin().display, addedAt: '2030-01-01T00:00:00Z' } })));
    expect(targetsKnownAt('2029-12-31T23:59:59Z')).not.toContain(TWIN);
    expect(targetsKnownAt('2030-01-01T00:00:00Z')).toContain(TWIN);
    expect(targetsKnownAt('2029-12-31T23:59:59Z').slice(0, 2)).toEqual(['node', 'node-idiomatic']);
  });
});

describe('display facts of a name the registry does not know (a run of targets since removed)', () => {
  it('sort after the known ones, by name, under their own name, in the shared fallback colour, with no ADR words', () => {
    expect(targetRank('deno')).toBe(TARGETS.length);
    expect(['zig', 'wasm', 'deno', 'node'].sort(compareTargets)).toEqual(['node', 'wasm', 'deno', 'zig']);
    expect(targetLabel('deno')).toBe('deno');
    expect(targetColour('deno')).toBe(UNKNOWN_TARGET_COLOUR);
    expect(targetOption('deno')).toBeUndefined();
    expect(isNodeVariant('deno')).toBe(false);
  });
});

describe('buildWaves', () => {
  const build = (after?: string[]): TargetBuild => ({ ...(after ? { after } : {}), workload: async () => [] });
  it('builds a target after the ones its build reads; the others of a wave side by side', () => {
    const waves = buildWaves([
      { name: 'component', build: build(['node']) },
      { name: 'node', build: build() },
      { name: 'wasm', build: build() },
      { name: 'late', build: build(['component', 'wasm']) },
    ]);
    expect(waves.map((wave) => wave.map((t) => t.name))).toEqual([['node', 'wasm'], ['component'], ['late']]);
  });

  it('takes a target outside the selection as built, and refuses builds that wait on each other', () => {
    expect(buildWaves([{ name: 'component', build: build(['node']) }]).map((w) => w.map((t) => t.name))).toEqual([['component']]);
    expect(() => buildWaves([{ name: 'a', build: build(['b']) }, { name: 'b', build: build(['a']) }])).toThrow(/wait on each other: a after b; b after a/);
  });
});
