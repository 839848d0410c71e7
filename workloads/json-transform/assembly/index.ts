// json-transform in AssemblyScript: the same steps as node.ts. Parse the
// batch into a JSON tree (json.ts, the JSON.parse counterpart), keep paid
// orders, aggregate per region in string-keyed Maps, then write the summary
// with the same key order, ranking and spelling as JSON.stringify (writer.ts).
import { setOutputBuffer } from '../../../wasm/assembly/abi';
import { JsonArray, JsonKind, JsonNumber, JsonObject, JsonString, JsonValue, parseJson } from './json';
import { JsonWriter } from './writer';
export { inputBuffer, outputPtr } from '../../../wasm/assembly/abi';

/** How many tags each region reports. */
const TOP_TAGS = 3;

class CustomerTotal {
  constructor(
    public readonly id: string,
    public readonly name: string,
    public totalCents: i64,
  ) {}
}

class TagCount {
  constructor(
    public readonly tag: string,
    public readonly count: i32,
  ) {}
}

class RegionGroup {
  orders: i32 = 0;
  units: i64 = 0;
  totalCents: i64 = 0;
  maxOrderCents: i64 = 0;
  readonly customers: Map<string, CustomerTotal> = new Map();
  readonly tags: Map<string, i32> = new Map();
  constructor(public readonly region: string) {}
}

/** Transforms the order batch (UTF-8 JSON at `ptr`) into the per-region summary of paid orders. */
export function run(ptr: usize, len: i32): i32 {
  const event = asObject(parseJson(ptr, <usize>len));
  const records = asArray(field(event, 'records')).items;
  const groups = new Map<string, RegionGroup>();
  let paid: i32 = 0;
  let totalCents: i64 = 0;

  for (let r = 0, n = records.length; r < n; r++) {
    const order = asObject(unchecked(records[r]));
    if (asString(field(order, 'status')) != 'paid') continue;
    let units: i64 = 0;
    let cents: i64 = 0;
    const items = asArray(field(order, 'items')).items;
    for (let i = 0, m = items.length; i < m; i++) {
      const item = asObject(unchecked(items[i]));
      const qty = asInteger(field(item, 'qty'));
      units += qty;
      cents += qty * asInteger(field(item, 'unitCents'));
    }
    paid += 1;
    totalCents += cents;

    const region = asString(field(order, 'region'));
    let group: RegionGroup;
    if (groups.has(region)) {
      group = groups.get(region);
    } else {
      group = new RegionGroup(region);
      groups.set(region, group);
    }
    group.orders += 1;
    group.units += units;
    group.totalCents += cents;
    group.maxOrderCents = max(group.maxOrderCents, cents);
    const customer = asObject(field(order, 'customer'));
    const customerId = asString(field(customer, 'id'));
    if (group.customers.has(customerId)) {
      group.customers.get(customerId).totalCents += cents;
    } else {
      group.customers.set(customerId, new CustomerTotal(customerId, asString(field(customer, 'name')), cents));
    }
    const tags = asArray(field(order, 'tags')).items;
    for (let t = 0, m = tags.length; t < m; t++) {
      const tag = asString(unchecked(tags[t]));
      group.tags.set(tag, group.tags.has(tag) ? group.tags.get(tag) + 1 : 1);
    }
  }

  const regions = groups.values();
  regions.sort((a: RegionGroup, b: RegionGroup): i32 => compareText(a.region, b.region));

  const out = new JsonWriter(256 + regions.length * 512);
  out.raw('{"source":').string(asString(field(event, 'source')));
  out.raw(',"batchId":').string(asString(field(event, 'batchId')));
  out.raw(',"records":').integer(records.length);
  out.raw(',"paid":').integer(paid);
  out.raw(',"totalCents":').integer(totalCents);
  out.raw(',"regions":[');
  for (let g = 0, n = regions.length; g < n; g++) {
    const group = unchecked(regions[g]);
    if (g > 0) out.raw(',');
    out.raw('{"region":').string(group.region);
    out.raw(',"orders":').integer(group.orders);
    out.raw(',"units":').integer(group.units);
    out.raw(',"totalCents":').integer(group.totalCents);
    out.raw(',"maxOrderCents":').integer(group.maxOrderCents);
    out.raw(',"distinctCustomers":').integer(group.customers.size);
    const top = topCustomer(group.customers.values());
    out.raw(',"topCustomer":{"id":').string(top.id);
    out.raw(',"name":').string(top.name);
    out.raw(',"totalCents":').integer(top.totalCents);
    out.raw('},"topTags":[');
    const tags = rankTags(group.tags);
    for (let t = 0, m = min(tags.length, TOP_TAGS); t < m; t++) {
      const tag = unchecked(tags[t]);
      if (t > 0) out.raw(',');
      out.raw('{"tag":').string(tag.tag);
      out.raw(',"count":').integer(tag.count);
      out.raw('}');
    }
    out.raw(']}');
  }
  out.raw(']}');
  return setOutputBuffer(out.finish());
}

/** Code-unit order, as JS `<` compares strings. */
function compareText(a: string, b: string): i32 {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The customer with the largest total; ties go to the smaller id. */
function topCustomer(customers: CustomerTotal[]): CustomerTotal {
  let best = unchecked(customers[0]);
  for (let i = 1, n = customers.length; i < n; i++) {
    const c = unchecked(customers[i]);
    if (c.totalCents > best.totalCents || (c.totalCents == best.totalCents && c.id < best.id)) best = c;
  }
  return best;
}

/** Tags by count (descending), then by name. */
function rankTags(tags: Map<string, i32>): TagCount[] {
  const keys = tags.keys();
  const ranked = new Array<TagCount>(keys.length);
  for (let i = 0, n = keys.length; i < n; i++) {
    const key = unchecked(keys[i]);
    unchecked((ranked[i] = new TagCount(key, tags.get(key))));
  }
  ranked.sort((a: TagCount, b: TagCount): i32 => b.count - a.count || compareText(a.tag, b.tag));
  return ranked;
}

// Typed access to the tree. The Node version trusts its TypeScript types;
// here the tree must be inspected anyway, and a wrong shape throws.

function field(object: JsonObject, key: string): JsonValue {
  const value = object.get(key);
  if (value === null) throw new Error('missing field "' + key + '"');
  return value;
}

function asObject(value: JsonValue): JsonObject {
  if (value.kind != JsonKind.Object) throw new Error('expected an object');
  return changetype<JsonObject>(value);
}

function asArray(value: JsonValue): JsonArray {
  if (value.kind != JsonKind.Array) throw new Error('expected an array');
  return changetype<JsonArray>(value);
}

function asString(value: JsonValue): string {
  if (value.kind != JsonKind.String) throw new Error('expected a string');
  return changetype<JsonString>(value).value;
}

/** A JSON number used as an integer (counts and cents are integral in this schema). */
function asInteger(value: JsonValue): i64 {
  if (value.kind != JsonKind.Number) throw new Error('expected a number');
  return <i64>changetype<JsonNumber>(value).value;
}
