/**
 * The whole bill of a load step, per million events: Lambda requests, GB-s
 * of Billed Duration (which includes INIT on cold starts), EventBridge events
 * (eventbridge path) and CloudWatch Logs ingestion of the function's log
 * lines, with the share cold starts add. Prices come from
 * lambda/cost/pricing.json; a price the table lacks is left out and named.
 *
 * The seed's lesson: an optimisation can move cost between these items
 * instead of reducing it, so the total is what a reader compares.
 */
import { PRICING, type Arch, type PriceChoice, type PricingTable } from '../cost/cost.js';
import type { LoadPath } from '../../harness/options/load.js';

/** Dollars per million events, by item (the contract's type). */
export type { LoadCost } from '../../harness/contract/load.js';
import type { LoadCost } from '../../harness/contract/load.js';

/** What a step's events billed, summed over the events that ran. */
export interface BilledTotals {
  /** Events that ran the function (invocations billed). */
  readonly invocations: number;
  /** Sum of Billed Duration, ms (INIT included on cold starts). */
  readonly billedMs: number;
  /** Sum of Init Duration of cold starts, ms (the part of billedMs that INIT adds). */
  readonly initMs: number;
  /** Log bytes ingested, per-event overhead included. */
  readonly logBytes: number;
}

/** Prices a step's totals per million events. */
export function loadCostPerMillion(totals: BilledTotals, memoryMB: number, arch: Arch, path: LoadPath, choice: PriceChoice, table: PricingTable = PRICING): LoadCost | undefined {
  if (totals.invocations <= 0) return undefined;
  const p = choice.prices;
  const perEvent = 1e6 / totals.invocations;
  const gbSecondUsd = p.gbSecondUsd[arch];
  const gbSeconds = (ms: number): number => (Math.ceil(ms / table.billingGranularityMs) * table.billingGranularityMs / 1000) * (memoryMB / 1024);
  const computeUsd = gbSeconds(totals.billedMs) * gbSecondUsd * perEvent;
  const initUsd = gbSeconds(totals.initMs) * gbSecondUsd * perEvent;
  const unpriced: string[] = [];
  let eventBridgeUsd = 0;
  if (path === 'eventbridge') {
    if (p.eventBridgeUsdPerMillion === undefined) unpriced.push('EventBridge events');
    else eventBridgeUsd = p.eventBridgeUsdPerMillion;
  }
  let logsUsd = 0;
  if (p.logsIngestUsdPerGb === undefined) unpriced.push('log ingestion');
  else logsUsd = (totals.logBytes / 1e9) * p.logsIngestUsdPerGb * perEvent;
  const requestsUsd = p.requestUsdPerMillion;
  const totalUsd = requestsUsd + computeUsd + eventBridgeUsd + logsUsd;
  return { requestsUsd, computeUsd, eventBridgeUsd, logsUsd, totalUsd, coldShare: totalUsd > 0 ? initUsd / totalUsd : 0, unpriced };
}

/** Bytes CloudWatch Logs bills for log text of `lines` events: the text plus the per-event overhead. */
export function ingestedBytes(textBytes: number, lines: number, table: PricingTable = PRICING): number {
  return textBytes + lines * (table.loadPrices?.logEventOverheadBytes ?? 26);
}
