/** EventBridge event patterns: what matches, what does not, and which patterns PutRule refuses. */

import { describe, expect, it } from 'vitest';
import { compilePattern, EventPatternError } from './event-pattern.js';

const event = {
  version: '0', id: 'x', 'detail-type': 'Order Placed', source: 'shop.orders', account: '000000000000', time: '2026-11-29T06:00:00Z',
  region: 'us-east-1', resources: ['arn:a', 'arn:b'], detail: { state: 'paid', total: 42.5, items: ['book', 'pen'], customer: { tier: 'Gold' }, note: null },
};

const matches = (pattern: unknown): boolean => compilePattern(JSON.stringify(pattern))(event);

describe('event patterns', () => {
  it('matches exact source and detail-type, nested detail fields, and arrays element-wise', () => {
    expect(matches({ source: ['shop.orders'] })).toBe(true);
    expect(matches({ source: ['shop.orders'], 'detail-type': ['Order Placed'] })).toBe(true);
    expect(matches({ source: ['shop.orders'], 'detail-type': ['Order Shipped'] })).toBe(false);
    expect(matches({ source: ['other', 'shop.orders'] })).toBe(true);
    expect(matches({ detail: { customer: { tier: ['Gold'] } } })).toBe(true);
    expect(matches({ detail: { items: ['pen'] } })).toBe(true);
    expect(matches({ resources: ['arn:b'] })).toBe(true);
    expect(matches({ detail: { total: [42.5] } })).toBe(true);
    expect(matches({ detail: { total: ['42.5'] } })).toBe(false);
    expect(matches({ detail: { note: [null] } })).toBe(true);
    expect(matches({ detail: { missing: ['x'] } })).toBe(false);
  });

  it('applies prefix, suffix, anything-but, numeric, exists, equals-ignore-case and wildcard', () => {
    expect(matches({ source: [{ prefix: 'shop.' }] })).toBe(true);
    expect(matches({ source: [{ prefix: 'shop.x' }] })).toBe(false);
    expect(matches({ source: [{ prefix: { 'equals-ignore-case': 'SHOP.' } }] })).toBe(true);
    expect(matches({ source: [{ suffix: '.orders' }] })).toBe(true);
    expect(matches({ detail: { state: [{ 'anything-but': ['refunded', 'void'] }] } })).toBe(true);
    expect(matches({ detail: { state: [{ 'anything-but': 'paid' }] } })).toBe(false);
    expect(matches({ detail: { state: [{ 'anything-but': { prefix: 'pa' } }] } })).toBe(false);
    expect(matches({ detail: { total: [{ numeric: ['>', 40, '<=', 42.5] }] } })).toBe(true);
    expect(matches({ detail: { total: [{ numeric: ['<', 40] }] } })).toBe(false);
    expect(matches({ detail: { state: [{ exists: true }], missing: [{ exists: false }] } })).toBe(true);
    expect(matches({ detail: { missing: [{ exists: true }] } })).toBe(false);
    expect(matches({ 'detail-type': [{ 'equals-ignore-case': 'order placed' }] })).toBe(true);
    expect(matches({ 'detail-type': [{ wildcard: 'Order *' }] })).toBe(true);
  });

  it('refuses malformed patterns with a reason', () => {
    for (const bad of ['not json', '[]', '{}', '{"source": "x"}', '{"source": []}', '{"source": [{"prefix": 1}]}', '{"a": [{"cidr": "10.0.0.0/24"}]}', '{"a": [{"numeric": [">"]}]}']) {
      expect(() => compilePattern(bad), bad).toThrow(EventPatternError);
    }
  });
});
