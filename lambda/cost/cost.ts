/**
 * Dollars per million invocations from REPORT's Billed Duration, the
 * function's memory size and architecture, and the pricing table in
 * `pricing.json` (data with its region, source and date, not constants in code).
 *
 * cost of one invocation = request fee + billedMs/1000 × memoryMB/1024 × GB-second price.
 * The free tier is excluded (list price for every invocation); cold starts
 * cost more because Billed Duration includes INIT (billed since 2025-08-01).
 */
import pricingData from './pricing.json' with { type: 'json' };
import { LAMBDA_ARCHES, type LambdaArch } from '../../harness/contract/config.js';

/** Lambda instruction set architectures (the contract's). */
export type Arch = LambdaArch;

/** Every architecture, in display order. */
export const ARCHES: readonly Arch[] = LAMBDA_ARCHES;

/** List prices of one region. */
export interface RegionPrices {
  readonly requestUsdPerMillion: number;
  readonly gbSecondUsd: Readonly<Record<Arch, number>>;
  /** EventBridge custom events put on a bus, per million (load runs' eventbridge path). */
  readonly eventBridgeUsdPerMillion?: number;
  /** CloudWatch Logs standard ingestion, per GB (load runs price the function's log lines). */
  readonly logsIngestUsdPerGb?: number;
}

/** The pricing table (`lambda/cost/pricing.json`). */
export interface PricingTable {
  readonly source: string;
  readonly takenOn: string;
  readonly takenHow: string;
  readonly currency: string;
  readonly billingGranularityMs: number;
  readonly initBilledSince: string;
  readonly freeTier: { readonly includedInCosts: boolean; readonly requestsPerMonth: number; readonly gbSecondsPerMonth: number };
  readonly volumeTiers: string;
  readonly regions: Readonly<Record<string, RegionPrices>>;
  readonly defaultRegion: string;
  /** Where the load run's extra prices (EventBridge, log ingestion) come from. */
  readonly loadPrices?: { readonly what: string; readonly source: string; readonly takenOn: string; readonly takenHow: string; readonly logEventOverheadBytes: number };
}

/** The committed pricing table. */
export const PRICING: PricingTable = pricingData as PricingTable;

/** Prices chosen for a region, and whether the table actually lists that region. */
export interface PriceChoice {
  /** The region whose prices are used. */
  readonly region: string;
  readonly prices: RegionPrices;
  /** False when the region was not in the table and the default region's prices stand in. */
  readonly exact: boolean;
}

/** Prices for `region` (the default region's when the table lacks it, or for a local endpoint). */
export function pricesFor(region: string | undefined, table: PricingTable = PRICING): PriceChoice {
  const listed = region === undefined ? undefined : table.regions[region];
  if (listed && region !== undefined) return { region, prices: listed, exact: true };
  const fallback = table.regions[table.defaultRegion];
  if (!fallback) throw new Error(`pricing table has no prices for its default region ${table.defaultRegion}`);
  return { region: table.defaultRegion, prices: fallback, exact: false };
}

/** Rounds billed time up to the billing granularity (REPORT already does; this guards other inputs). */
function billable(billedMs: number, granularityMs: number): number {
  return Math.ceil(billedMs / granularityMs) * granularityMs;
}

/** US dollars per million invocations that each bill `billedMs` at `memoryMB` on `arch`. */
export function costPerMillionUsd(billedMs: number, memoryMB: number, arch: Arch, choice: PriceChoice = pricesFor(undefined), table: PricingTable = PRICING): number {
  if (!(billedMs >= 0) || !(memoryMB > 0)) throw new RangeError(`cannot price billedMs=${billedMs} memoryMB=${memoryMB}`);
  const gbSeconds = (billable(billedMs, table.billingGranularityMs) / 1000) * (memoryMB / 1024);
  return choice.prices.requestUsdPerMillion + gbSeconds * choice.prices.gbSecondUsd[arch] * 1_000_000;
}

/** One sentence describing the prices used, for run notes. */
export function pricingNote(choice: PriceChoice, table: PricingTable = PRICING): string {
  const p = choice.prices;
  return (
    `costs: ${choice.region} on-demand list prices (requests $${p.requestUsdPerMillion}/M, GB-s x86_64 $${p.gbSecondUsd.x86_64}, arm64 $${p.gbSecondUsd.arm64}), ` +
    `taken ${table.takenOn} from ${table.source}; free tier ${table.freeTier.includedInCosts ? 'included' : 'excluded'}; volume tiers not applied; ` +
    `INIT billed on cold starts (since ${table.initBilledSince})` +
    (choice.exact ? '' : `; the table has no prices for the measured region, ${choice.region} prices stand in`)
  );
}
