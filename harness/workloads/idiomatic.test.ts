/** The idiomatic-variant wording: the "no variant" reason, and the one-line why read from a header comment. */
import { describe, expect, it } from 'vitest';
import { ALREADY_IDIOMATIC, alreadyIdiomatic, headerWhy } from './idiomatic.js';

describe('alreadyIdiomatic', () => {
  it('prefixes the why with the one wording every report and test recognises', () => {
    expect(alreadyIdiomatic('JSON.parse is already used')).toBe('the node target already is the idiomatic code: JSON.parse is already used');
    expect(alreadyIdiomatic('x').startsWith(ALREADY_IDIOMATIC)).toBe(true);
  });
});

describe('headerWhy', () => {
  it('joins the first paragraph of the leading block comment into one line', () => {
    const source = '/**\n * Hashes with node:crypto,\n * natively.\n *\n * More detail.\n */\nexport const run = 1;\n';
    expect(headerWhy(source)).toBe('Hashes with node:crypto, natively.');
  });

  it('reads a one-line header and a comment opened with a single star', () => {
    expect(headerWhy('/** Only line. */\nexport {};')).toBe('Only line.');
    expect(headerWhy('\n/*\n * Plain block.\n */')).toBe('Plain block.');
  });

  it('is empty without a leading block comment, or with an empty one', () => {
    expect(headerWhy('export const run = 1; /** late */')).toBe('');
    expect(headerWhy('// line comment\nexport {};')).toBe('');
    expect(headerWhy('/**\n *\n */')).toBe('');
  });
});
