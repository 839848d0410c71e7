/**
 * The load run's side of the EventBridge resources, which deploy owns
 * (lambda/deploy/eventbridge.ts) and teardown removes: before the
 * eventbridge or scheduled path, a run that deploys ensures them through the
 * same deploy code; a run with --no-deploy checks they exist and otherwise
 * skips the path with one line saying to run `npm run deploy` first.
 *
 * The run never deletes them, as it never deletes its functions: on AWS or a
 * standalone local Lambda they stay for the next run and `npm run teardown`
 * removes them; the embedded local Lambda, and everything in it, ends with
 * the run. An interrupted run therefore leaves nothing half-removed.
 */
import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import { checkEventBridge, countOutcomes, ensureEventBridge, scheduleRuleNameOf } from '../deploy/eventbridge.js';
import { redactAccountIds } from '../deploy/redact.js';
import type { PlannedFunction } from '../deploy/plan.js';

/** What the path needs: the load bus (eventbridge) or the scheduled rules (scheduled). */
export interface ReadyRequest {
  readonly path: 'eventbridge' | 'scheduled';
  /** Deploy (ensure) or only check (--no-deploy). */
  readonly deploy: boolean;
  readonly prefix: string;
  /** The scheduled path's ScheduleExpression. */
  readonly schedule?: string;
  /** Each function's workload event (encodeEvent's JSON), by workload: what the scheduled rule passes. */
  readonly eventJson: (workload: string) => string | undefined;
}

/**
 * The functions whose resources for the path are in place (ensured or
 * checked); the others are named in one note. An empty list: the path is
 * skipped (the note says why).
 */
export async function readyEventBridge(
  events: EventBridgeClient,
  lambda: LambdaClient,
  functions: readonly PlannedFunction[],
  request: ReadyRequest,
  note: (line: string) => void,
): Promise<PlannedFunction[]> {
  const scheduled = request.path === 'scheduled';
  const what = scheduled ? `scheduled rules (${request.schedule ?? ''})` : 'bus, rules, targets and invoke permissions';
  if (request.deploy) {
    try {
      const outcomes = await ensureEventBridge(
        events, lambda,
        functions.map((f) => {
          const eventJson = request.eventJson(f.workload);
          return { name: f.name, ...(eventJson !== undefined ? { eventJson } : {}) };
        }),
        { prefix: request.prefix, loadBus: !scheduled, ...(scheduled && request.schedule !== undefined ? { schedule: request.schedule } : {}) },
      );
      const skipped = outcomes.filter((o) => o.action === 'skipped');
      const c = countOutcomes(outcomes);
      const skips = skipped.map((o) => `${o.name}: ${o.reason ?? ''}`).join('; ');
      note(`load: ${request.path} path: its ${what} deployed (${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged; npm run teardown removes them)${skips ? `; not measured: ${skips}` : ''}`);
      return functions.filter((f) => !skipped.some((o) => o.name === scheduleRuleNameOf(f.name)));
    } catch (error) {
      note(redactAccountIds(`load: the ${request.path} path was not measured: deploying its ${what} failed: ${(error as Error).message}`));
      return [];
    }
  }
  const missing: string[] = [];
  const ready: PlannedFunction[] = [];
  for (const f of functions) {
    let reason: string | undefined;
    try {
      const eventJson = request.eventJson(f.workload);
      reason = await checkEventBridge(events, request.prefix, f.name, scheduled ? { ...(request.schedule !== undefined ? { schedule: request.schedule } : {}), ...(eventJson !== undefined ? { eventJson } : {}) } : {});
    } catch (error) {
      // Not an absence: deploying would not help (credentials, permissions, an endpoint without EventBridge).
      note(redactAccountIds(`load: the ${request.path} path was not measured (--no-deploy): checking its ${what} failed: ${(error as Error).message}`));
      return [];
    }
    if (reason === undefined) ready.push(f);
    else missing.push(reason);
  }
  if (missing.length > 0) {
    const deploy = scheduled ? `npm run deploy -- --schedule "${request.schedule ?? ''}"` : 'npm run deploy';
    const which = ready.length === 0 ? 'was not measured' : `was not measured for ${missing.length} function(s)`;
    note(redactAccountIds(`load: the ${request.path} path ${which} (--no-deploy): ${missing[0] ?? ''}${missing.length > 1 ? ` (and ${missing.length - 1} more)` : ''}: run ${deploy} first`));
  }
  return ready;
}
