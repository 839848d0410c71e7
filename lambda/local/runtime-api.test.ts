import { afterEach, describe, expect, it, vi } from 'vitest';
import { clientFromUserAgent, traceId } from './runtime-api.js';

describe('traceId', () => {
  it('has X-Ray\'s shape (epoch seconds, 96 random bits, a 64-bit parent, not sampled) and never repeats across pool refills', () => {
    // A fixed clock (only Date is faked): the epoch part is then exactly that second, not "near now".
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-29T01:02:03.900Z'));
    const ids = Array.from({ length: 1000 }, () => traceId());
    for (const id of ids) expect(id).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0$/);
    expect(new Set(ids).size).toBe(ids.length);
    const epoch = Number.parseInt(ids[0]?.slice('Root=1-'.length, 'Root=1-'.length + 8) ?? '', 16);
    expect(epoch).toBe(Date.UTC(2026, 10, 29, 1, 2, 3) / 1000);
  });
  afterEach(() => vi.useRealTimers());
});

describe('clientFromUserAgent', () => {
  it('knows aws-lambda-ric by its native client\'s User-Agent and the fallback by its own', () => {
    expect(clientFromUserAgent('AWS_Lambda_Cpp/0.2.6')).toBe('aws-lambda-ric');
    expect(clientFromUserAgent('wasm-lambda-bench-fallback-ric/1')).toBe('fallback');
    expect(clientFromUserAgent(undefined)).toBeUndefined();
  });
});
