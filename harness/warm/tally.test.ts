/**
 * ForkTally: what the forks of one group measured, entry by entry. Every
 * figure here is planted, so a wrong pairing, a failure that is averaged
 * away or a wrong sum shows up as a wrong number.
 */
import { describe, expect, it } from 'vitest';
import { ForkTally } from './tally.js';
import type { ForkOutcome } from './fork-job.js';
import type { ForkRun } from './forks.js';

/** A completed outcome with the given samples (other figures overridable). */
function done(name: string, samplesNs: number[], extra: { callsPerSample?: number; checkedOutputs?: number; wasmMemoryBytes?: number } = {}): ForkOutcome {
  return {
    state: 'completed',
    name,
    samplesNs,
    callsPerSample: extra.callsPerSample ?? 1,
    checkedOutputs: extra.checkedOutputs ?? samplesNs.length,
    ...(extra.wasmMemoryBytes === undefined ? {} : { wasmMemoryBytes: extra.wasmMemoryBytes }),
  };
}

const completed = (...outcomes: ForkOutcome[]): ForkRun => ({ state: 'completed', outcomes });
const arrays = (forks: readonly Float64Array[]): number[][] => forks.map((f) => Array.from(f));

describe('ForkTally', () => {
  it('starts with every entry live, no forks, one call per sample and nothing checked', () => {
    const tally = new ForkTally(['node', 'wasm']);
    expect(tally.live()).toEqual(['node', 'wasm']);
    expect(tally.forkCount).toBe(0);
    expect(tally.forks('node')).toEqual([]);
    expect(tally.callsPerSample('node')).toBe(1);
    expect(tally.checked('node')).toBe(0);
    expect(tally.failure('node')).toBeUndefined();
    expect(tally.wasmMemoryBytes('wasm')).toBeUndefined();
  });

  it('keeps fork i of every entry at index i, whatever order the outcomes came in', () => {
    const tally = new ForkTally(['node', 'wasm']);
    tally.record(completed(done('node', [100, 110]), done('wasm', [50, 55])), ['node', 'wasm']);
    tally.record(completed(done('wasm', [60, 66]), done('node', [120, 130])), ['node', 'wasm']);
    tally.record(completed(done('node', [140]), done('wasm', [70])), ['node', 'wasm']);
    expect(tally.forkCount).toBe(3);
    expect(arrays(tally.forks('node'))).toEqual([[100, 110], [120, 130], [140]]);
    expect(arrays(tally.forks('wasm'))).toEqual([[50, 55], [60, 66], [70]]);
    expect(tally.forks('node')[0]).toBeInstanceOf(Float64Array);
  });

  it('records only the entries the fork was asked to measure', () => {
    const tally = new ForkTally(['node', 'wasm']);
    tally.record(completed(done('node', [100]), done('wasm', [50])), ['node']);
    expect(arrays(tally.forks('node'))).toEqual([[100]]);
    expect(tally.forks('wasm')).toEqual([]);
    expect(tally.failure('wasm')).toBeUndefined();
  });

  it('a fork that died fails every entry it measured with its failure kind, and only those', () => {
    const tally = new ForkTally(['node', 'wasm', 'js']);
    tally.record(completed(done('node', [100]), done('wasm', [50]), done('js', [80])), ['node', 'wasm', 'js']);
    tally.record({ state: 'errored', error: 'warm fork timed out after 5 ms', failure: 'timeout' }, ['node', 'wasm']);
    expect(tally.forkCount).toBe(2);
    expect(tally.failure('node')).toEqual({ error: 'warm fork timed out after 5 ms', failure: 'timeout' });
    expect(tally.failure('wasm')).toEqual({ error: 'warm fork timed out after 5 ms', failure: 'timeout' });
    expect(tally.failure('js')).toBeUndefined();
    expect(tally.live()).toEqual(['js']);
    // The first fork's samples of a failed entry are not published.
    expect(tally.forks('node')).toEqual([]);
    expect(arrays(tally.forks('js'))).toEqual([[80]]);
  });

  it('a crashed fork gives "crashed"', () => {
    const tally = new ForkTally(['node']);
    tally.record({ state: 'errored', error: 'warm fork exit 1 (no answer)', failure: 'crashed' }, ['node']);
    expect(tally.failure('node')).toEqual({ error: 'warm fork exit 1 (no answer)', failure: 'crashed' });
  });

  it('an errored outcome fails only its entry, which leaves live() and forks() for good', () => {
    const tally = new ForkTally(['node', 'wasm']);
    tally.record(completed(done('node', [100]), done('wasm', [50])), ['node', 'wasm']);
    tally.record(
      completed(done('node', [120]), { state: 'errored', name: 'wasm', error: 'output differs at byte 3', failure: 'wrong-output' }),
      ['node', 'wasm'],
    );
    expect(tally.failure('wasm')).toEqual({ error: 'output differs at byte 3', failure: 'wrong-output' });
    expect(tally.failure('node')).toBeUndefined();
    expect(tally.live()).toEqual(['node']);
    expect(tally.forks('wasm')).toEqual([]);
    expect(arrays(tally.forks('node'))).toEqual([[100], [120]]);
    // A later good outcome of the failed entry (it should not have been measured) changes nothing.
    tally.record(completed(done('node', [130]), done('wasm', [55])), ['node', 'wasm']);
    expect(tally.forks('wasm')).toEqual([]);
    expect(tally.failure('wasm')?.failure).toBe('wrong-output');
    expect(tally.live()).toEqual(['node']);
    expect(arrays(tally.forks('node'))).toEqual([[100], [120], [130]]);
  });

  it('an entry the fork did not report is not-measured', () => {
    const tally = new ForkTally(['node', 'wasm']);
    tally.record(completed(done('node', [100])), ['node', 'wasm']);
    expect(tally.failure('wasm')).toEqual({ error: 'the warm fork did not report this entry', failure: 'not-measured' });
    expect(tally.live()).toEqual(['node']);
  });

  it('an entry reported with no samples is not-measured', () => {
    const tally = new ForkTally(['node', 'wasm']);
    tally.record(completed(done('node', [100]), done('wasm', [])), ['node', 'wasm']);
    expect(tally.failure('wasm')).toEqual({ error: 'the warm fork took no samples of this entry', failure: 'not-measured' });
    expect(tally.forks('wasm')).toEqual([]);
    expect(tally.live()).toEqual(['node']);
  });

  it('keeps the first failure of an entry', () => {
    const tally = new ForkTally(['wasm']);
    tally.fail('wasm', { error: 'first', failure: 'wrong-output' });
    tally.fail('wasm', { error: 'second', failure: 'crashed' });
    tally.record({ state: 'errored', error: 'third', failure: 'timeout' }, ['wasm']);
    expect(tally.failure('wasm')).toEqual({ error: 'first', failure: 'wrong-output' });
  });

  it('ignores names it does not know', () => {
    const tally = new ForkTally(['node']);
    tally.fail('ghost', { error: 'x', failure: 'crashed' });
    tally.record(completed(done('node', [1]), done('ghost', [2])), ['node', 'ghost']);
    expect(tally.live()).toEqual(['node']);
    expect(tally.failure('ghost')).toBeUndefined();
    expect(tally.forks('ghost')).toEqual([]);
    expect(tally.checked('ghost')).toBe(0);
    expect(tally.callsPerSample('ghost')).toBe(1);
    expect(tally.wasmMemoryBytes('ghost')).toBeUndefined();
  });

  it('calls per sample are the largest any fork chose; checked outputs add up over forks', () => {
    const tally = new ForkTally(['node', 'wasm']);
    tally.record(completed(done('node', [1, 2], { callsPerSample: 4, checkedOutputs: 7 }), done('wasm', [1], { callsPerSample: 16, checkedOutputs: 3 })), ['node', 'wasm']);
    tally.record(completed(done('node', [1], { callsPerSample: 9, checkedOutputs: 11 }), done('wasm', [1], { callsPerSample: 2, checkedOutputs: 5 })), ['node', 'wasm']);
    tally.record(completed(done('node', [1], { callsPerSample: 3, checkedOutputs: 13 }), done('wasm', [1], { callsPerSample: 8, checkedOutputs: 0 })), ['node', 'wasm']);
    expect(tally.callsPerSample('node')).toBe(9);
    expect(tally.callsPerSample('wasm')).toBe(16);
    expect(tally.checked('node')).toBe(31);
    expect(tally.checked('wasm')).toBe(8);
  });

  it('linear memory is the last fork that reported one', () => {
    const tally = new ForkTally(['wasm']);
    tally.record(completed(done('wasm', [1], { wasmMemoryBytes: 65_536 })), ['wasm']);
    tally.record(completed(done('wasm', [1], { wasmMemoryBytes: 131_072 })), ['wasm']);
    tally.record(completed(done('wasm', [1])), ['wasm']);
    expect(tally.wasmMemoryBytes('wasm')).toBe(131_072);
  });
});
