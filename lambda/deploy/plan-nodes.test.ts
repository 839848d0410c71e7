/**
 * Planning across Node versions: one function per Node major with the
 * runtime that major names, a name per major (so both can be deployed side
 * by side), and row keys that keep each major's rows apart; without majors,
 * names and rows stay as runs before --node had them.
 */
import { describe, expect, it } from 'vitest';
import { lambdaRowKey } from '../measure/mode.js';
import { planFunctions } from './plan.js';
import { configurationOf, type ResultRecord } from '../../harness/contract/index.js';

const settings = { memory: [128], arch: ['x86_64' as const], prefix: 'wlb-', runtime: 'nodejs22.x', timeoutSeconds: 60 };

describe('planFunctions with Node majors', () => {
  it('plans one function per major, named and run on that major', () => {
    const { functions } = planFunctions([{ name: 'noop' }], ['node'], { ...settings, nodes: ['22', '24'] });
    expect(functions.map((f) => [f.name, f.runtime, f.node])).toEqual([
      ['wlb-noop-node-128-x86-n22', 'nodejs22.x', '22'],
      ['wlb-noop-node-128-x86-n24', 'nodejs24.x', '24'],
    ]);
    // The Node major rides in the row's lambda block; the configuration label reports show is as before.
    expect(functions.map((f) => configurationOf(lambdaRowKey(f, 'small', 'local') as ResultRecord))).toEqual(['node22/128MB-x86_64', 'node24/128MB-x86_64']);
  });

  it('keeps --runtime, names and row keys as before without majors', () => {
    const { functions } = planFunctions([{ name: 'noop' }], ['node'], settings);
    expect(functions.map((f) => [f.name, f.runtime, f.node])).toEqual([['wlb-noop-node-128-x86', 'nodejs22.x', undefined]]);
    expect(configurationOf(lambdaRowKey(functions[0]!, 'small', 'local') as ResultRecord)).toBe('128MB-x86_64');
  });
});
