import { describe, expect, it } from 'vitest';
import { ResultTable, type RowKey } from './results.js';

const key: RowKey = { workload: 'noop', target: 'wasm', placement: 'local', size: 'small' };

describe('ResultTable.fail', () => {
  it('records the failure kind with the reason, and drops the figures', () => {
    const table = new ResultTable();
    table.complete(key, { build: { sha256: 'x' } });
    table.fail(key, 'cold: timeout: no result within 30 s', 'timeout');
    expect(table.get(key)).toEqual({ ...key, build: { sha256: 'x' }, state: 'errored', verified: false, failure: 'timeout', error: 'cold: timeout: no result within 30 s' });
  });

  it('keeps both reasons of a row failing twice; a wrong output in either makes it wrong-output', () => {
    const table = new ResultTable();
    table.fail(key, 'load or first call failed: boom', 'crashed');
    table.fail(key, 'cold: timeout', 'timeout');
    expect(table.get(key)).toMatchObject({ failure: 'crashed', error: 'load or first call failed: boom; cold: timeout' });
    table.fail(key, 'cold: mismatch: sha256 x', 'wrong-output');
    expect(table.get(key)).toMatchObject({ failure: 'wrong-output' });
    table.fail(key, 'cold: crash', 'crashed');
    expect(table.get(key)).toMatchObject({ failure: 'wrong-output' });
  });
});
