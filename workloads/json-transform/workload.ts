import { defineWorkload } from '../_kit/define.js';
import { alreadyIdiomatic } from '../../harness/workloads/idiomatic.js';
import { generateText } from './generate.js';

// Large is 5,000 orders rather than 20,000: JSON.parse alone takes about 5 µs
// per order here, and large must stay within ~50 ms per call in Node.
const SIZES = {
  small: { records: 100, customers: 40 },
  medium: { records: 2_000, customers: 400 },
  large: { records: 5_000, customers: 1_000 },
} as const;

export default defineWorkload({
  name: 'json-transform',
  description:
    'An API/queue handler: parse a JSON batch of orders, keep the paid ones, aggregate per region (orders, units, cents, top customer, top tags), return a JSON summary.',
  stresses: ['JSON parsing (escapes, \\uXXXX, nesting, whitespace)', 'many small allocations', 'string-keyed hash maps', 'JSON serialisation with string escaping', 'text marshalling across the boundary'],
  payload: { input: 'text', output: 'text' },
  sizes: {
    small: { description: '100 orders (~37 KB of JSON)', params: SIZES.small },
    medium: { description: '2,000 orders (~0.75 MB of JSON)', params: SIZES.medium },
    large: { description: '5,000 orders (~1.9 MB of JSON)', params: SIZES.large },
  },
  asc: {
    runtime: 'incremental',
    why: 'builds a full JSON tree (tens of thousands of objects and strings) per call and drops it after; the incremental GC collects it between and during calls',
  },
  unsupportedTargets: {
    'node-idiomatic': alreadyIdiomatic("it parses with JSON.parse and serialises with JSON.stringify (V8's native JSON code), and no built-in filters or aggregates"),
    // What a C team would write links a JSON library (cJSON, yyjson); the C targets build from the standard library only.
    'c-wasm': 'not ported to C: C has no JSON parser in its standard library, and the C targets link none (a C team would use cJSON or yyjson)',
    native: 'not ported to C: C has no JSON parser in its standard library, and the C targets link none (a C team would use cJSON or yyjson)',
  },
  generateInput: (size, seed) => generateText(SIZES[size].records, SIZES[size].customers, seed, size),
});
