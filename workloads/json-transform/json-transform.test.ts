/**
 * json-transform: the transform against an independent oracle computed from
 * the generator's objects (no JSON text involved), the AssemblyScript JSON
 * parser and writer against JSON.parse/JSON.stringify through a round-trip
 * module, and malformed input rejected by both sides.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import * as asc from 'assemblyscript/asc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, workloadArtifacts } from '../../harness/paths.js';
import { loadWorkloadModule, type BoundWasmWorkload } from '../../wasm/loader.js';
import { createRandom, seedFor } from '../_kit/random.js';
import { emit, generateEvent, type Order, type OrderEvent } from './generate.js';
import { run } from './node.js';
import definition from './workload.js';

const TEXT = { input: 'text', output: 'text' } as const;
const transformWasm = workloadArtifacts('json-transform').wasm;
const eventFor = (records: number, customers: number, seed: number, size: string): OrderEvent =>
  generateEvent(records, customers, createRandom(seedFor(size, seed)));

/** The expected summary, computed a second, deliberately different way: filter per region over plain objects. */
function oracle(event: OrderEvent): unknown {
  const paid = event.records.filter((order) => order.status === 'paid');
  const cents = (order: Order): number => order.items.reduce((sum, item) => sum + item.qty * item.unitCents, 0);
  const byCountThenName = <T extends [string, number]>(a: T, b: T): number => b[1] - a[1] || (a[0] < b[0] ? -1 : 1);
  // Default sort compares UTF-16 code units, the order both implementations promise.
  const regions = [...new Set(paid.map((order) => order.region))].sort().map((region) => {
    const orders = paid.filter((order) => order.region === region);
    const customerIds = [...new Set(orders.map((order) => order.customer.id))];
    const perCustomer = customerIds.map((id) => [id, orders.filter((o) => o.customer.id === id).reduce((s, o) => s + cents(o), 0)] as [string, number]);
    const [topId, topCents] = perCustomer.sort(byCountThenName)[0]!;
    const tags = [...new Set(orders.flatMap((order) => order.tags))];
    const tagCounts = tags.map((tag) => [tag, orders.filter((order) => order.tags.includes(tag)).length] as [string, number]);
    return {
      region,
      orders: orders.length,
      units: orders.reduce((s, o) => s + o.items.reduce((u, item) => u + item.qty, 0), 0),
      totalCents: orders.reduce((s, o) => s + cents(o), 0),
      maxOrderCents: Math.max(...orders.map(cents)),
      distinctCustomers: customerIds.length,
      topCustomer: { id: topId, name: orders.find((o) => o.customer.id === topId)!.customer.name, totalCents: topCents },
      topTags: tagCounts.sort(byCountThenName).slice(0, 3).map(([tag, count]) => ({ tag, count })),
    };
  });
  const totalCents = paid.reduce((s, o) => s + cents(o), 0);
  return { source: event.source, batchId: event.batchId, records: event.records.length, paid: paid.length, totalCents, regions };
}

/** JSON.stringify after JSON.parse, with non-integers spelled as the round-trip module spells them (their bits). */
function canonical(text: string): string {
  return JSON.stringify(JSON.parse(text), (_key, value: unknown) => {
    if (typeof value !== 'number' || Number.isSafeInteger(value)) return value;
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, value);
    return { f64: view.getBigUint64(0).toString(16).padStart(16, '0') };
  });
}

/** An order with awkward strings in every field the summary repeats. */
function awkwardOrder(seq: number, region: string, customerName: string, tags: string[], status = 'paid'): Order {
  return {
    id: `o${seq}`,
    seq,
    createdAt: '2024-03-01T00:00:00.000Z',
    status,
    region,
    customer: { id: `c-${region}`, name: customerName, vip: false },
    items: [{ sku: 'S', qty: 2, unitCents: 500 + seq }],
    tags,
    note: null,
    discountRate: 0.5,
  };
}

const AWKWARD: OrderEvent = {
  version: 1,
  source: 'src/"quoted"\\',
  batchId: 'b\u2028\u2029\u007f',
  records: [
    awkwardOrder(1, 'r\u0000\u0001\u001f', 'ctrl \b\f\n\r\t\u000b end', ['\u0000', 'x']),
    awkwardOrder(2, 'r-lone', 'lone \ud800 high, lone \udc00 low, reversed \udc00\ud800', ['\ud83c', 'é']),
    awkwardOrder(3, 'r-astral', 'astral 🎉 and 𝄞', ['🎉', '𝄞', 'ÿ']),
    awkwardOrder(4, 'Zed', 'upper sorts first', ['a']),
    awkwardOrder(5, 'éa', 'non-ASCII sorts last', ['a']),
    awkwardOrder(6, 'éa', 'never counted', ['zzz'], 'Paid'),
  ],
};

describe('json-transform', () => {
  let wasm: BoundWasmWorkload;
  let roundTrip: BoundWasmWorkload;
  let scratch: string;

  beforeAll(async () => {
    wasm = await loadWorkloadModule(transformWasm, definition.payload);
    // The round-trip module is a test instrument, compiled here from the same json.ts and writer.ts.
    scratch = mkdtempSync(join(tmpdir(), 'json-roundtrip-'));
    const out = join(scratch, 'roundtrip.wasm');
    const entry = join(ROOT, 'workloads', 'json-transform', 'assembly', 'roundtrip.ts');
    const { error, stderr } = await asc.main([relative(ROOT, entry), '-o', out, '-O3', '--noAssert', '--runtime', 'incremental', '--baseDir', ROOT], {});
    if (error) throw new Error(`asc failed: ${stderr.toString()}`);
    roundTrip = await loadWorkloadModule(out, TEXT);
  });
  afterAll(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  describe('generator', () => {
    it.each(['small', 'medium'] as const)('writes text that JSON.parse reads back as the generated batch (%s)', (size) => {
      const { records, customers } = definition.sizes[size].params as { records: number; customers: number };
      const text = definition.generateInput(size, 3) as string;
      expect(JSON.parse(text)).toEqual(eventFor(records, customers, 3, size));
    });

    it('uses the spellings the parser must handle', () => {
      const text = definition.generateInput('medium', 1) as string;
      for (const spelling of ['\\u', '\\/', '\\"', '\\\\', '\\n', '\\t', 'e-', 'E-', '\r\n', '\n\t', ': ', '[]']) {
        expect(text, spelling).toContain(spelling);
      }
      expect(text).toMatch(/\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}/); // an escaped surrogate pair
      expect(text).toMatch(/[^\x00-\x7f]/); // raw non-ASCII
    });
  });

  describe('transform', () => {
    it.each([
      ['small', 1],
      ['small', 42],
      ['medium', 1],
    ] as const)('matches the oracle on the %s preset, seed %i', (size, seed) => {
      const { records, customers } = definition.sizes[size].params as { records: number; customers: number };
      const text = definition.generateInput(size, seed) as string;
      const nodeOut = run(text);
      expect(JSON.parse(nodeOut)).toEqual(oracle(eventFor(records, customers, seed, size)));
      expect(wasm.call(text)).toBe(nodeOut);
    });

    it('spells awkward strings exactly as JSON.stringify, whatever the input spelling', () => {
      const want = oracle(AWKWARD);
      for (const text of [JSON.stringify(AWKWARD), emit(AWKWARD, createRandom(5)), emit(AWKWARD, createRandom(6))]) {
        const nodeOut = run(text);
        expect(JSON.parse(nodeOut)).toEqual(want);
        const wasmOut = wasm.call(text) as string;
        expect(wasmOut).toBe(nodeOut);
        expect(JSON.stringify(JSON.parse(wasmOut))).toBe(wasmOut);
      }
      // Regions sort by code unit: upper case before lower, ASCII before é.
      expect((want as { regions: { region: string }[] }).regions.map((r) => r.region)).toEqual(['Zed', 'r\u0000\u0001\u001f', 'r-astral', 'r-lone', 'éa']);
    });

    it('reads a repeated key as its last value, as JSON.parse does', () => {
      const text = '{"source":"s","batchId":"b","records":[{"status":"pending","region":"x","customer":{"id":"c","name":"n"},"items":[],"tags":[],"status":"paid"}]}';
      const nodeOut = run(text);
      expect(JSON.parse(nodeOut)).toMatchObject({ paid: 1 });
      expect(wasm.call(text)).toBe(nodeOut);
    });

    it('summarises an empty batch', () => {
      const text = '{"source":"s","batchId":"b","records":[]}';
      expect(run(text)).toBe('{"source":"s","batchId":"b","records":0,"paid":0,"totalCents":0,"regions":[]}');
      expect(wasm.call(text)).toBe(run(text));
    });
  });

  describe('AssemblyScript parser and writer', () => {
    it.each([1, 2, 3])('round-trip generated batches like JSON.parse + JSON.stringify (seed %i)', (seed) => {
      for (const size of ['small', 'medium'] as const) {
        const text = definition.generateInput(size, seed) as string;
        expect(roundTrip.call(text)).toBe(canonical(text));
      }
    });

    const documents = [
      '0', '-0', '1', '-1', '123456789012345', '1234567890123456', '9007199254740993', '1e2', '1E+2', '-1.5e-3', '0.1', '1e308', '5e-324',
      '1e-400', '123.456e7', '2.5E-0', '0e0', '-0.0', '"', // the last one is invalid and listed below; kept out here by the filter
      '""', '"\\u0000\\u001F\\u007f\\u0080\\u07FF\\u0800\\uFFFF"', '"\\ud834\\udd1e"', '"\\ud834"', '"\\udd1e\\ud834"', '"\\/\\b\\f\\n\\r\\t\\"\\\\"',
      '"é€𝄞\u2028\u2029"', ' \t\r\n[ \t\r\n1 \t\r\n, \t\r\n{ \t\r\n"a" \t\r\n: \t\r\nnull \t\r\n} \t\r\n] \t\r\n',
      '[[[[[[[[[[[]]]]]]]]]]]', '{"a":{"b":{"c":{"d":[{},[],"",0,true,false,null]}}}}', '[true,false,null]', '{}', '[]', '{"":""}',
      '{"key with spaces":1,"k\\u00e9y":2,"ключ":3}', '[' + '1,'.repeat(999) + '1]',
    ].filter((text) => text !== '"');

    it.each(documents)('round-trips %s', (text) => {
      expect(roundTrip.call(text)).toBe(canonical(text));
    });

    it('round-trips every code unit from U+0000 to U+FFFF in escaped form', () => {
      const units = Array.from({ length: 0x10000 }, (_, code) => `\\u${code.toString(16).padStart(4, '0')}`);
      const text = `"${units.join('')}"`;
      expect(roundTrip.call(text)).toBe(canonical(text));
    });

    it.each([
      '', ' ', '"', '"abc', '"\\x"', '"\\u12"', '"\\u12G4"', '"tab\there"', '[1,]', '[1 2]', '{"a":1,}', '{"a" 1}', '{a:1}', "{'a':1}",
      '01', '1.', '.5', '+1', '-', '1e', '1e+', 'tru', 'nul', 'True', '[', ']', '{"a":1}}', '[1]x', 'NaN', 'Infinity',
    ])('rejects %j as JSON.parse does', async (text) => {
      expect(() => JSON.parse(text)).toThrow();
      // An abort leaves an instance in an unknown state: use a fresh one for each case.
      const fresh = await loadWorkloadModule(transformWasm, definition.payload);
      expect(() => fresh.call(text)).toThrow(/wasm abort/);
    });

    it('accepts 512 levels of nesting and rejects deeper documents (a limit JSON.parse does not have)', async () => {
      const nested = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);
      expect(roundTrip.call(nested(512))).toBe(nested(512));
      const fresh = await loadWorkloadModule(transformWasm, definition.payload);
      expect(() => fresh.call(nested(513))).toThrow(/nesting too deep/);
    });
  });
});
