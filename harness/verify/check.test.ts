/**
 * The one output check: right outputs pass whichever way they were observed,
 * wrong ones come back as data with both digests and the words each
 * placement has always printed.
 */
import { describe, expect, it } from 'vitest';
import { checkOutput, outputMatches } from './check.js';
import { sha256Hex } from './digest.js';

const ABC = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
const ABD = sha256Hex('abd');

describe('checkOutput', () => {
  it('passes the expected output observed in process, from a child or from a handler', () => {
    expect(checkOutput({ kind: 'payload', output: 'abc' }, { payload: 'abc' })).toBeUndefined();
    expect(checkOutput({ kind: 'payload', output: new Uint8Array([0x61, 0x62, 0x63]) }, { sha256: ABC, bytes: 3 })).toBeUndefined();
    expect(checkOutput({ kind: 'child', call: 'first', sha256: ABC }, { sha256: ABC })).toBeUndefined();
    expect(checkOutput({ kind: 'child', call: 'last', sha256: ABC }, { payload: 'abc' })).toBeUndefined();
    expect(checkOutput({ kind: 'handler', sha256: ABC, bytes: 3 }, { sha256: ABC, bytes: 3 })).toBeUndefined();
  });

  it('describes an in-process mismatch by digest prefixes, with both digests as data', () => {
    const wrong = checkOutput({ kind: 'payload', output: 'abd' }, { payload: 'abc' });
    expect(wrong).toEqual({
      failure: 'wrong-output',
      actual: { sha256: ABD, bytes: 3 },
      expected: { sha256: ABC, bytes: 3 },
      reason: `output mismatch: sha256 ${ABD.slice(0, 16)}… expected ${ABC.slice(0, 16)}…`,
    });
    // Text and bytes of the same characters are different outputs (a target must return the kind its workload declares).
    expect(checkOutput({ kind: 'payload', output: new Uint8Array([0x61, 0x62, 0x63]) }, { payload: 'abc' })?.failure).toBe('wrong-output');
    // Against a digest, the size counts too.
    expect(outputMatches({ kind: 'payload', output: 'abc' }, { sha256: ABC, bytes: 4 })).toBe(false);
  });

  it("names the child's call and prints what it reported, even when it is not a digest", () => {
    expect(checkOutput({ kind: 'child', call: 'last', sha256: ABD }, { sha256: ABC })?.reason).toBe(`last call's output sha256 ${ABD} != expected ${ABC}`);
    const missing = checkOutput({ kind: 'child', call: 'first', sha256: undefined }, { sha256: ABC });
    expect(missing?.reason).toBe(`first call's output sha256 undefined != expected ${ABC}`);
    expect(missing?.actual).toEqual({ sha256: undefined });
  });

  it("gives the handler's digest and size against the expected ones; a size alone differing is a mismatch", () => {
    expect(checkOutput({ kind: 'handler', sha256: ABD, bytes: 3 }, { sha256: ABC, bytes: 3 })?.reason).toBe(
      `output mismatch: handler returned sha256 ${ABD} (3 B), expected ${ABC} (3 B)`,
    );
    const size = checkOutput({ kind: 'handler', sha256: ABC, bytes: 4 }, { sha256: ABC, bytes: 3 });
    expect(size).toEqual({ failure: 'wrong-output', actual: { sha256: ABC, bytes: 4 }, expected: { sha256: ABC, bytes: 3 }, reason: `output mismatch: handler returned sha256 ${ABC} (4 B), expected ${ABC} (3 B)` });
  });
});
