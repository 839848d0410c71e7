/**
 * json-transform in idiomatic TypeScript: JSON.parse the order batch, keep
 * the paid orders, aggregate per region, JSON.stringify the summary.
 *
 * Output contract (the AssemblyScript version reproduces it byte for byte):
 * every number is an integer (cents, counts), regions are sorted by name,
 * customers and tags are ranked with explicit tie-breaks, and key order is
 * the insertion order of the object literals below.
 */

interface LineItem {
  readonly sku: string;
  readonly qty: number;
  readonly unitCents: number;
}

interface Order {
  readonly id: string;
  readonly status: string;
  readonly region: string;
  readonly customer: { readonly id: string; readonly name: string };
  readonly items: readonly LineItem[];
  readonly tags: readonly string[];
}

interface OrderEvent {
  readonly source: string;
  readonly batchId: string;
  readonly records: readonly Order[];
}

interface CustomerTotal {
  readonly id: string;
  readonly name: string;
  totalCents: number;
}

interface RegionGroup {
  readonly region: string;
  orders: number;
  units: number;
  totalCents: number;
  maxOrderCents: number;
  readonly customers: Map<string, CustomerTotal>;
  readonly tags: Map<string, number>;
}

/** How many tags each region reports. */
const TOP_TAGS = 3;

/** Code-unit order, the same as AssemblyScript's string comparison (not locale order). */
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Transforms an order batch (JSON text) into a per-region summary of paid orders (JSON text). */
export function run(input: string): string {
  const event = JSON.parse(input) as OrderEvent;
  const groups = new Map<string, RegionGroup>();
  let paid = 0;
  let totalCents = 0;

  for (const order of event.records) {
    if (order.status !== 'paid') continue;
    let units = 0;
    let cents = 0;
    for (const item of order.items) {
      units += item.qty;
      cents += item.qty * item.unitCents;
    }
    paid += 1;
    totalCents += cents;

    let group = groups.get(order.region);
    if (group === undefined) {
      group = { region: order.region, orders: 0, units: 0, totalCents: 0, maxOrderCents: 0, customers: new Map(), tags: new Map() };
      groups.set(order.region, group);
    }
    group.orders += 1;
    group.units += units;
    group.totalCents += cents;
    group.maxOrderCents = Math.max(group.maxOrderCents, cents);
    const customer = group.customers.get(order.customer.id);
    if (customer === undefined) group.customers.set(order.customer.id, { id: order.customer.id, name: order.customer.name, totalCents: cents });
    else customer.totalCents += cents;
    for (const tag of order.tags) group.tags.set(tag, (group.tags.get(tag) ?? 0) + 1);
  }

  const regions = [...groups.values()]
    .sort((a, b) => compareText(a.region, b.region))
    .map((group) => ({
      region: group.region,
      orders: group.orders,
      units: group.units,
      totalCents: group.totalCents,
      maxOrderCents: group.maxOrderCents,
      distinctCustomers: group.customers.size,
      topCustomer: topCustomer(group.customers),
      topTags: [...group.tags]
        .sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]))
        .slice(0, TOP_TAGS)
        .map(([tag, count]) => ({ tag, count })),
    }));

  return JSON.stringify({ source: event.source, batchId: event.batchId, records: event.records.length, paid, totalCents, regions });
}

/** The customer with the largest total; ties go to the smaller id. */
function topCustomer(customers: ReadonlyMap<string, CustomerTotal>): CustomerTotal {
  let best: CustomerTotal | undefined;
  for (const c of customers.values()) {
    if (best === undefined || c.totalCents > best.totalCents || (c.totalCents === best.totalCents && c.id < best.id)) best = c;
  }
  // A group exists only once it has an order, so it always has a customer.
  return best!;
}
