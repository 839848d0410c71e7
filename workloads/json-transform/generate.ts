/**
 * Input generator for json-transform: an order-event batch as JSON text.
 *
 * The batch is built as plain objects, then written by a JSON emitter of our
 * own rather than JSON.stringify, because JSON.stringify only ever produces
 * one spelling of each value. Real producers differ, and the AssemblyScript
 * parser must accept what they send: `\uXXXX` escapes (upper and lower hex,
 * surrogate pairs), `\/`, long and short control escapes, exponent numbers,
 * and compact, spaced or indented whitespace (with CRLF and tabs).
 * JSON.parse of the text gives back exactly the objects (the test checks it).
 */
import { createRandom, seedFor, type Random } from '../_kit/random.js';

/** One line item of an order. */
export interface LineItem {
  readonly sku: string;
  readonly qty: number;
  readonly unitCents: number;
}

/** A customer as embedded in an order. */
export interface Customer {
  readonly id: string;
  readonly name: string;
  readonly vip: boolean;
}

/** One order record. */
export interface Order {
  readonly id: string;
  readonly seq: number;
  readonly createdAt: string;
  readonly status: string;
  readonly region: string;
  readonly customer: Customer;
  readonly items: readonly LineItem[];
  readonly tags: readonly string[];
  readonly note: string | null;
  readonly discountRate: number;
}

/** The event a function receives: a batch of orders. */
export interface OrderEvent {
  readonly version: number;
  readonly source: string;
  readonly batchId: string;
  readonly records: readonly Order[];
}

const REGIONS = ['eu-west-1', 'us-east-1', 'us-west-2', 'ap-southeast-2', 'ap-northeast-1', 'sa-east-1', 'af-south-1', 'ca-central-1'];
/** Cumulative weights: most orders are paid, the rest are filtered out. */
const STATUSES: ReadonlyArray<readonly [string, number]> = [['paid', 0.6], ['pending', 0.8], ['refunded', 0.9], ['cancelled', 1]];
const FIRST = ['Emma', 'Liam', 'Zoë', 'José', 'Søren', 'Anaïs', 'Łukasz', 'Chloé', 'Ngozi', 'Ahmed', 'Ólafur', 'Mei', '李', 'Ярослав', 'Aditi', 'Kwame'];
const LAST = ['Smith', "O'Brien", 'Müller', 'García', 'Nguyen', 'Kowalski', 'Øster', 'Tanaka', '王', 'Okafor', 'Dubois', 'Rossi', 'Петрова', 'Shah'];
/** Names a sanitiser would hate: quotes, backslashes, control characters, U+2028, astral emoji. */
const AWKWARD_NAMES = ['Anne "Annie" Smith', 'Back\\Slash Ltd', 'Tab\tSeparated', 'Two\nLines', 'Bell\u0007Ringer', 'Line\u2028Sep', 'Party 🎉 Planner', 'Ｆｕｌｌ Ｗｉｄｔｈ', 'DEL\u007fChar'];
const TAGS = ['priority', 'gift', 'fragile', 'bulk', 'express', 'b2b', 'promo-2024', 'café', '新品', '🔥hot', 'eco/green', 'back\\slash', 'quote"d', 'tab\there'];
const NOTES = ['Leave at door / ring bell', 'Call: +1 (555) 010-9999', 'Fragile "glass" inside', 'Path C:\\orders\\new', 'Line one\nLine two\r\n', 'Ümlaut straße', 'emoji 📦 inbound', 'col1\tcol2'];

/** Builds the order batch for `records` orders over `customers` customers. */
export function generateEvent(records: number, customers: number, random: Random): OrderEvent {
  const people: Customer[] = [];
  for (let i = 0; i < customers; i++) {
    const name = random.next() < 0.08 ? random.pick(AWKWARD_NAMES) : `${random.pick(FIRST)} ${random.pick(LAST)}`;
    people.push({ id: `c-${String(i).padStart(5, '0')}`, name, vip: random.next() < 0.1 });
  }
  const orders: Order[] = [];
  const start = Date.UTC(2024, 2, 1);
  for (let seq = 0; seq < records; seq++) {
    const r = random.next();
    const status = STATUSES.find(([, upTo]) => r < upTo)?.[0] ?? 'paid';
    // Squaring skews the pick so some customers order much more than others.
    const customer = people[Math.floor(random.next() ** 2 * people.length)]!;
    const items: LineItem[] = [];
    for (let n = 1 + random.int(3); n > 0; n--) {
      items.push({ sku: `SKU-${String(random.int(100000)).padStart(5, '0')}`, qty: 1 + random.int(5), unitCents: 99 + random.int(49901) });
    }
    const tags: string[] = [];
    for (let n = random.int(4); n > 0; n--) {
      const tag = random.pick(TAGS);
      if (!tags.includes(tag)) tags.push(tag);
    }
    orders.push({
      id: `ord-${String(seq).padStart(7, '0')}`,
      seq,
      createdAt: new Date(start + seq * 37_000 + random.int(30_000)).toISOString(),
      status,
      region: random.pick(REGIONS),
      customer,
      items,
      tags,
      note: random.next() < 0.3 ? random.pick(NOTES) : null,
      discountRate: random.int(31) / 100,
    });
  }
  return { version: 2, source: 'shop/orders-api', batchId: `batch-${random.int(1_000_000)}`, records: orders };
}

/** The batch for a size preset, as JSON text. */
export function generateText(records: number, customers: number, seed: number, size: string): string {
  const random = createRandom(seedFor(size, seed));
  const event = generateEvent(records, customers, random);
  return emit(event, random);
}

type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

/** Writes `value` as JSON, varying the spelling: whitespace per record, escapes and number forms per token. */
export function emit(value: unknown, random: Random): string {
  const out: string[] = [];
  // style 0: compact; 1: spaced; 2: indented (LF or CRLF, spaces or tabs).
  const write = (v: Json, depth: number, style: number): void => {
    if (v === null || typeof v === 'boolean') out.push(String(v));
    else if (typeof v === 'number') out.push(emitNumber(v, random));
    else if (typeof v === 'string') out.push(emitString(v, random));
    else if (Array.isArray(v)) {
      const items = v as readonly Json[];
      if (items.length === 0) {
        out.push(style === 0 ? '[]' : '[ ]');
        return;
      }
      out.push('[');
      items.forEach((item, i) => {
        if (i > 0) out.push(style === 0 ? ',' : ', ');
        // Records of the top-level array each pick their own style.
        const itemStyle = depth === 1 ? pickStyle(random) : style;
        if (style === 2 || depth === 1) out.push(newline(depth + 1, random));
        write(item, depth + 1, itemStyle);
      });
      if (style === 2 || depth === 1) out.push(newline(depth, random));
      out.push(']');
    } else {
      const entries = Object.entries(v as { readonly [key: string]: Json });
      out.push('{');
      entries.forEach(([key, item], i) => {
        if (i > 0) out.push(style === 0 ? ',' : ', ');
        if (style === 2) out.push(newline(depth + 1, random));
        out.push(emitString(key, random), style === 0 ? ':' : ': ');
        write(item, depth + 1, style);
      });
      if (style === 2) out.push(newline(depth, random));
      out.push('}');
    }
  };
  write(value as Json, 0, 2);
  return out.join('');
}

/** Mostly compact records, as producers usually send; some spaced or indented. */
function pickStyle(random: Random): number {
  const r = random.next();
  return r < 0.7 ? 0 : r < 0.9 ? 1 : 2;
}

function newline(depth: number, random: Random): string {
  const eol = random.next() < 0.1 ? '\r\n' : '\n';
  return eol + (random.next() < 0.1 ? '\t'.repeat(depth) : '  '.repeat(depth));
}

/** Integers as integers; fractions in plain or exponent form (e.g. 0.15, 1.5e-1, 1.5E-1). */
function emitNumber(v: number, random: Random): string {
  if (Number.isInteger(v)) return String(v);
  const r = random.next();
  if (r < 0.6) return String(v);
  const exp = v.toExponential();
  return r < 0.8 ? exp : exp.toUpperCase();
}

const SHORT_ESCAPES: Readonly<Record<string, string>> = { '"': '\\"', '\\': '\\\\', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function unicodeEscape(code: number, random: Random): string {
  const hex = code.toString(16).padStart(4, '0');
  return `\\u${random.next() < 0.5 ? hex : hex.toUpperCase()}`;
}

/** A JSON string literal with randomly chosen (but always valid) escapes. */
function emitString(s: string, random: Random): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    const code = s.charCodeAt(i);
    const short = SHORT_ESCAPES[ch];
    if (short !== undefined) out += code < 0x20 && random.next() < 0.3 ? unicodeEscape(code, random) : short;
    else if (code < 0x20) out += unicodeEscape(code, random);
    else if (ch === '/') out += random.next() < 0.5 ? '\\/' : '/';
    else if (code >= 0xd800 && code <= 0xdfff) {
      // A surrogate pair is escaped as a pair or not at all, and a lone half
      // always: raw, it would not survive UTF-8 (TextEncoder makes it U+FFFD).
      const low = s.charCodeAt(i + 1);
      if (code < 0xdc00 && low >= 0xdc00 && low <= 0xdfff) {
        i++;
        out += random.next() < 0.15 ? unicodeEscape(code, random) + unicodeEscape(low, random) : String.fromCharCode(code, low);
      } else out += unicodeEscape(code, random);
    } else if (code >= 0x80) out += random.next() < 0.15 ? unicodeEscape(code, random) : ch;
    else out += random.next() < 0.002 ? unicodeEscape(code, random) : ch;
  }
  return `${out}"`;
}
