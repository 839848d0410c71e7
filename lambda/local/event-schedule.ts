/**
 * Scheduled rules of the local EventBridge: which ScheduleExpressions it
 * takes, and when a rule fires.
 *
 * `rate(N minute|minutes|hour|hours|day|days)` is taken as AWS takes it
 * (singular exactly for 1, nothing below a minute: `rate(30 seconds)` is
 * refused as AWS refuses it). `cron(...)` is valid on AWS but not run here:
 * it is refused with AWS's ValidationException wording and the reason,
 * rather than fired at the wrong times. AWS also accepts a schedule only on
 * the default bus, and so does this.
 *
 * Firing: a rule fires first one period after it was put or enabled,
 * rounded up to a whole second, then every period. The Scheduled Event's
 * `time` has whole seconds only (as AWS writes it), so aligning the ticks to
 * seconds makes `time` exactly the moment the emulator fired: a delay
 * measured from `time` then holds only the emulator's own latency.
 */

import { JsonRpcError } from './json-rpc.js';

const INVALID = 'Parameter ScheduleExpression is not valid.';

/** A rate expression's period in ms; a ValidationException for anything else, or on a bus other than default. */
export function schedulePeriod(expression: string, bus: string): number {
  if (bus !== 'default') throw new JsonRpcError('ValidationException', 'ScheduleExpression is supported only on the default event bus.');
  if (/^cron\(.*\)$/.test(expression)) {
    throw new JsonRpcError('ValidationException', `${INVALID} (The local EventBridge does not run cron(...) schedules: use rate(...).)`);
  }
  const rate = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(expression);
  if (!rate) throw new JsonRpcError('ValidationException', INVALID);
  const n = Number(rate[1]);
  const unit = rate[2] as string;
  if (n < 1 || (n === 1) !== !unit.endsWith('s')) throw new JsonRpcError('ValidationException', INVALID);
  return n * (unit.startsWith('minute') ? 60_000 : unit.startsWith('hour') ? 3_600_000 : 86_400_000);
}

/** When a rule put or enabled at `nowMs` first fires: one period later, on a whole second. */
export function firstFireAt(nowMs: number, periodMs: number): number {
  return Math.ceil((nowMs + periodMs) / 1000) * 1000;
}

/** The Scheduled Event AWS sends for a rule firing at `atMs` (second-resolution `time`, the rule in `resources`). */
export function scheduledEvent(id: string, atMs: number, account: string, region: string, ruleArn: string): Record<string, unknown> {
  return {
    version: '0', id, 'detail-type': 'Scheduled Event', source: 'aws.events', account,
    time: new Date(atMs).toISOString().replace(/\.\d{3}Z$/, 'Z'), region, resources: [ruleArn], detail: {},
  };
}
