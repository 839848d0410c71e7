/**
 * Lambda's concurrency rules, without processes: the account concurrency limit
 * (AWS default 1000 concurrent executions, scaled here to what the host can hold
 * as processes), reserved concurrency per function, and the unreserved pool the
 * other functions share. The pool asks {@link ConcurrencyLimits.admit} before an
 * invocation takes or starts an environment; PutFunctionConcurrency asks
 * {@link ConcurrencyLimits.checkReservation}.
 *
 * AWS's rules, as documented for on-demand functions:
 * - a function with reserved concurrency R runs at most R invocations at once;
 *   the next is throttled with `ReservedFunctionConcurrentInvocationLimitExceeded`;
 * - functions without a reservation share `accountLimit - sum(reservations)`;
 *   past that, `ConcurrentInvocationLimitExceeded`;
 * - a reservation may not leave fewer than 100 (of 1000) unreserved: here a
 *   tenth of the scaled limit, so the proportion holds.
 */

import { freemem } from 'node:os';
import { invalidParameter, tooManyRequests } from './errors.js';

/** Lambda's default account concurrency limit (per region). */
export const AWS_ACCOUNT_CONCURRENCY = 1000;
/** Lambda keeps this many of its 1000 unreserved: the same tenth is kept of the scaled limit. */
export const AWS_MIN_UNRESERVED = 100;
/**
 * Resident memory one environment takes on this host, for the default limit: a Node runtime with
 * aws-lambda-ric after INIT (Lambda's Max Memory Used for a Node hello world is 66-80 MB), rounded up.
 */
export const ENVIRONMENT_RSS_MB = 80;
/** Share of the host's available memory environments may fill by default (the server, the bench and the OS keep the rest). */
const MEMORY_SHARE = 0.5;

/** The account limit in force and why it has that value. */
export interface AccountConcurrency {
  readonly limit: number;
  /** The least that must stay unreserved (AWS: 100 of 1000). */
  readonly minUnreserved: number;
  /** How the limit was chosen, e.g. scaled from AWS's 1000 to the host's memory. */
  readonly reason: string;
  /**
   * True when the host's memory, not AWS's default or the caller, set the
   * limit: its throttles are then the host's, and a load step that met them
   * measured this machine, not Lambda.
   */
  readonly hostLimited: boolean;
}

/**
 * The default account limit: AWS's 1000, scaled down to the environments the host can hold. Each
 * environment here is a real `node` process, so the host's available memory, not AWS's figure, is
 * what runs out first; past it the host would swap or kill processes and report its own limits
 * as Lambda's.
 */
export function defaultAccountConcurrency(availableMb: number = freemem() / 2 ** 20): AccountConcurrency {
  const fits = Math.max(1, Math.floor((availableMb * MEMORY_SHARE) / ENVIRONMENT_RSS_MB));
  const limit = Math.min(AWS_ACCOUNT_CONCURRENCY, fits);
  const reason = limit === AWS_ACCOUNT_CONCURRENCY
    ? `AWS's default ${AWS_ACCOUNT_CONCURRENCY}: the host's memory holds that many environments`
    : `AWS's default ${AWS_ACCOUNT_CONCURRENCY} scaled to this host: each environment is a node process of about ` +
      `${ENVIRONMENT_RSS_MB} MB resident, and ${Math.round(MEMORY_SHARE * 100)}% of the ${Math.round(availableMb)} MB ` +
      `available at start holds ${fits}`;
  return { limit, minUnreserved: minUnreservedOf(limit), reason, hostLimited: limit < AWS_ACCOUNT_CONCURRENCY };
}

/** An account limit given explicitly (an option or flag), with the caller's reason. */
export function explicitAccountConcurrency(limit: number, reason: string): AccountConcurrency {
  return { limit, minUnreserved: minUnreservedOf(limit), reason, hostLimited: false };
}

/** AWS's 100-of-1000 floor, kept in proportion: a tenth of the limit, at least 1. */
function minUnreservedOf(limit: number): number {
  return Math.max(1, Math.round((limit * AWS_MIN_UNRESERVED) / AWS_ACCOUNT_CONCURRENCY));
}

/** What the pool knows of one function when it asks for admission. */
export interface FunctionLoad {
  readonly name: string;
  readonly reserved: number | undefined;
}

/** Counts the limits are checked against: invocations in flight (running or starting an environment). */
export interface InFlight {
  /** In flight for this function. */
  readonly ofFunction: number;
  /** In flight over all functions without a reservation. */
  readonly unreserved: number;
}

/** The account's concurrency state: the limit, and the reservations the function store holds. */
export class ConcurrencyLimits {
  /**
   * @param account the limit in force
   * @param functions every function with its reservation (read on each check: the store is the one record of them)
   */
  constructor(
    readonly account: AccountConcurrency,
    readonly functions: () => Iterable<FunctionLoad>,
  ) {}

  /** Sum of all reservations. */
  get reservedTotal(): number {
    let total = 0;
    for (const fn of this.functions()) total += fn.reserved ?? 0;
    return total;
  }

  /** What functions without a reservation share (GetAccountSettings' UnreservedConcurrentExecutions). */
  get unreservedLimit(): number {
    return this.account.limit - this.reservedTotal;
  }

  /**
   * Throws AWS's 400 if reserving `value` for `name` would leave less than the minimum unreserved;
   * the message is AWS's, with the scaled minimum.
   */
  checkReservation(name: string, value: number): void {
    let others = 0;
    for (const fn of this.functions()) if (fn.name !== name) others += fn.reserved ?? 0;
    if (this.account.limit - others - value < this.account.minUnreserved) {
      throw invalidParameter(
        `Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [${this.account.minUnreserved}].`,
      );
    }
  }

  /** Throws the 429 AWS answers when one more invocation of `fn` would exceed its reservation or the unreserved pool. */
  admit(fn: FunctionLoad, load: InFlight): void {
    if (fn.reserved !== undefined) {
      if (load.ofFunction >= fn.reserved) throw tooManyRequests('ReservedFunctionConcurrentInvocationLimitExceeded');
      return;
    }
    if (load.unreserved >= this.unreservedLimit) throw tooManyRequests('ConcurrentInvocationLimitExceeded');
  }
}

/**
 * The most invocations in flight in each second (Lambda's ConcurrentExecutions metric, Maximum per
 * second), for the last hour: a load generator reads the peak of its step's window from it, which
 * the server-wide peak since start cannot give.
 */
export class PeakHistory {
  /** [epoch second, peak] pairs, oldest first, one per second that saw an invocation start. */
  private readonly seconds: [number, number][] = [];

  constructor(private readonly keepSeconds = 3600) {}

  /** Records that `inFlight` invocations were in flight at `epochMs`. */
  note(inFlight: number, epochMs: number): void {
    const second = Math.floor(epochMs / 1000);
    const last = this.seconds.at(-1);
    if (last && last[0] === second) last[1] = Math.max(last[1], inFlight);
    else this.seconds.push([second, inFlight]);
    while (this.seconds.length > 0 && (this.seconds[0]?.[0] ?? second) <= second - this.keepSeconds) this.seconds.shift();
  }

  /** The peak over the seconds overlapping [fromMs, toMs], and those seconds; 0 when none started an invocation. */
  window(fromMs: number, toMs: number): { peak: number; seconds: [number, number][] } {
    const from = Math.floor(fromMs / 1000);
    const to = Math.floor(toMs / 1000);
    const seconds = this.seconds.filter(([s]) => s >= from && s <= to).map(([s, p]): [number, number] => [s, p]);
    return { peak: seconds.reduce((max, [, p]) => Math.max(max, p), 0), seconds };
  }
}
