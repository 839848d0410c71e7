/**
 * Pins the one output check where an expected digest comes without a size,
 * and what a wrong output records per kind of observation (issue 16,
 * mutation testing). Digests are computed here with node:crypto.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkOutput } from './check.js';

const right = new Uint8Array([3, 2, 1]);
const sha = (p: Uint8Array): string => createHash('sha256').update(p).digest('hex');

describe('checkOutput', () => {
  it('compares a payload with a digest by the digest, and by the size only when one is expected', () => {
    expect(checkOutput({ kind: 'payload', output: right }, { sha256: sha(right) })).toBeUndefined();
    expect(checkOutput({ kind: 'payload', output: right }, { sha256: sha(right), bytes: 3 })).toBeUndefined();
    // Wrong bytes of the right length: refused on the digest.
    const wrong = new Uint8Array([9, 9, 9]);
    expect(checkOutput({ kind: 'payload', output: wrong }, { sha256: sha(right), bytes: 3 })?.actual).toStrictEqual({ sha256: sha(wrong), bytes: 3 });
    expect(checkOutput({ kind: 'payload', output: right }, { sha256: sha(right), bytes: 4 })?.failure).toBe('wrong-output');
  });

  it('accepts a handler\'s digest against an expected digest without a size', () => {
    expect(checkOutput({ kind: 'handler', sha256: sha(right), bytes: 3 }, { sha256: sha(right) })).toBeUndefined();
    expect(checkOutput({ kind: 'handler', sha256: sha(right), bytes: 4 }, { sha256: sha(right), bytes: 3 })?.actual).toStrictEqual({ sha256: sha(right), bytes: 4 });
  });

  it('records a child\'s digest as it came, with no size (a child reports none)', () => {
    const wrong = checkOutput({ kind: 'child', call: 'last', sha256: 'f'.repeat(64) }, { payload: right });
    expect(wrong?.actual).toStrictEqual({ sha256: 'f'.repeat(64) });
    expect(wrong?.expected).toStrictEqual({ sha256: sha(right), bytes: 3 });
  });
});
