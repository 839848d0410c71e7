/**
 * The local EventBridge's state and routing: event buses (the `default` one
 * always exists), their rules (an event pattern or a `rate(...)` schedule,
 * event-schedule.ts; ENABLED or DISABLED), each rule's targets (with their
 * Input, InputPath or InputTransformer, event-target-input.ts), and tags. {@link EventBuses.route}
 * matches an event against the enabled rules of its bus and hands each
 * target's input to `deliver`, which runs it as an asynchronous Lambda
 * invocation (events-api.ts wires it to the async queue), as EventBridge
 * invokes Lambda targets asynchronously.
 *
 * Counters per rule follow EventBridge's metrics (MatchedEvents, Invocations,
 * FailedInvocations); events put on a bus that does not exist are accepted and
 * go nowhere, as AWS does it, and are counted (`unroutedEvents`).
 */

import { randomUUID } from 'node:crypto';
import type { QueueClock } from './clock.js';
import { compilePattern, type EventMatcher } from './event-pattern.js';
import { firstFireAt, scheduledEvent, schedulePeriod } from './event-schedule.js';
import { targetInput, type TargetInputSettings } from './event-target-input.js';
import { JsonRpcError } from './json-rpc.js';

/** A rule's target, as PutTargets stores it. */
export interface Target extends TargetInputSettings {
  readonly Id: string;
  readonly Arn: string;
}

/** Counters of one rule (EventBridge's metric names). */
export interface RuleCounters {
  matchedEvents: number;
  invocations: number;
  failedInvocations: number;
  /** Why the last failed invocation failed. */
  lastFailure?: string;
}

/** One rule. */
export interface Rule {
  readonly name: string;
  readonly arn: string;
  readonly busName: string;
  eventPattern: string | undefined;
  matcher: EventMatcher | undefined;
  scheduleExpression: string | undefined;
  state: 'ENABLED' | 'DISABLED';
  description: string | undefined;
  roleArn: string | undefined;
  readonly targets: Map<string, Target>;
  readonly tags: Map<string, string>;
  readonly counters: RuleCounters;
  schedule: { cancel(): void } | undefined;
}

/** One event bus. */
export interface Bus {
  readonly name: string;
  readonly arn: string;
  readonly description: string | undefined;
  readonly creationTime: number;
  readonly rules: Map<string, Rule>;
  readonly tags: Map<string, string>;
}

/** Runs a target's input on its function; resolves to why it could not, or undefined when it was queued. */
export type Deliver = (targetArn: string, input: Buffer, ruleArn: string) => Promise<string | undefined>;

/** The state of the local EventBridge. */
export class EventBuses {
  private readonly buses = new Map<string, Bus>();
  /** Events put on buses that do not exist: accepted and dropped, as AWS does. */
  unroutedEvents = 0;

  constructor(
    readonly region: string,
    readonly accountId: string,
    private readonly clock: QueueClock,
    private readonly deliver: Deliver,
  ) {
    this.create('default', undefined);
  }

  /** A bus's ARN. */
  busArn(name: string): string {
    return `arn:aws:events:${this.region}:${this.accountId}:event-bus/${name}`;
  }

  /** A rule's ARN: `rule/<name>` on the default bus, `rule/<bus>/<name>` on others. */
  ruleArn(bus: string, name: string): string {
    return `arn:aws:events:${this.region}:${this.accountId}:rule/${bus === 'default' ? '' : `${bus}/`}${name}`;
  }

  /** Creates a bus (CreateEventBus checks the name first). */
  create(name: string, description: string | undefined): Bus {
    if (this.buses.has(name)) throw new JsonRpcError('ResourceAlreadyExistsException', `Event bus ${name} already exists.`);
    const bus: Bus = { name, arn: this.busArn(name), description, creationTime: this.clock.now() / 1000, rules: new Map(), tags: new Map() };
    this.buses.set(name, bus);
    return bus;
  }

  /** The bus of a name or ARN (absent: default); 404 when there is none. */
  bus(nameOrArn: string | undefined): Bus {
    const name = busName(nameOrArn);
    const bus = this.buses.get(name);
    if (!bus) throw new JsonRpcError('ResourceNotFoundException', `Event bus ${name} does not exist.`);
    return bus;
  }

  /** Every bus, by name. */
  list(): Bus[] {
    return [...this.buses.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  /** Deletes a custom bus that has no rules left. */
  delete(name: string): void {
    if (name === 'default') throw new JsonRpcError('ValidationException', 'Cannot delete event bus default.');
    const bus = this.bus(name);
    if (bus.rules.size > 0) throw new JsonRpcError('ValidationException', `Event bus ${name} still has rules: delete them first.`);
    this.buses.delete(name);
  }

  /** The rule of a name on a bus; 404 when there is none. */
  rule(bus: Bus, name: string | undefined): Rule {
    const rule = name === undefined ? undefined : bus.rules.get(name);
    if (!rule) throw new JsonRpcError('ResourceNotFoundException', `Rule ${String(name)} does not exist on EventBus ${bus.name}.`);
    return rule;
  }

  /** PutRule: creates the rule or changes it (tags only on creation, as AWS). */
  putRule(bus: Bus, name: string, settings: {
    eventPattern?: string; scheduleExpression?: string; state?: 'ENABLED' | 'DISABLED'; description?: string; roleArn?: string; tags?: Map<string, string>;
  }): Rule {
    const matcher = settings.eventPattern === undefined ? undefined : checkedPattern(settings.eventPattern);
    const periodMs = settings.scheduleExpression === undefined ? undefined : schedulePeriod(settings.scheduleExpression, bus.name);
    let rule = bus.rules.get(name);
    if (!rule) {
      rule = {
        name, arn: this.ruleArn(bus.name, name), busName: bus.name, eventPattern: undefined, matcher: undefined, scheduleExpression: undefined,
        state: 'ENABLED', description: undefined, roleArn: undefined, targets: new Map(), tags: settings.tags ?? new Map(),
        counters: { matchedEvents: 0, invocations: 0, failedInvocations: 0 }, schedule: undefined,
      };
      bus.rules.set(name, rule);
    }
    rule.eventPattern = settings.eventPattern;
    rule.matcher = matcher;
    rule.scheduleExpression = settings.scheduleExpression;
    rule.state = settings.state ?? 'ENABLED';
    rule.description = settings.description;
    rule.roleArn = settings.roleArn;
    this.reschedule(rule, periodMs);
    return rule;
  }

  /** EnableRule / DisableRule. */
  setState(rule: Rule, state: 'ENABLED' | 'DISABLED'): void {
    rule.state = state;
    this.reschedule(rule, rule.scheduleExpression === undefined ? undefined : schedulePeriod(rule.scheduleExpression, rule.busName));
  }

  /** DeleteRule: refused while targets remain (unless forced), as AWS. */
  deleteRule(bus: Bus, rule: Rule, force: boolean): void {
    if (rule.targets.size > 0 && !force) throw new JsonRpcError('ValidationException', "Rule can't be deleted since it has targets.");
    rule.schedule?.cancel();
    bus.rules.delete(rule.name);
  }

  /** Finds a bus or rule by ARN, for the tag operations. */
  resource(arn: string): { tags: Map<string, string> } {
    for (const bus of this.buses.values()) {
      if (bus.arn === arn) return bus;
      for (const rule of bus.rules.values()) if (rule.arn === arn) return rule;
    }
    throw new JsonRpcError('ResourceNotFoundException', `Resource ${arn} does not exist.`);
  }

  /** Matches one event against the enabled rules of its bus and delivers to each target; returns the rules it matched. */
  route(busNameOrArn: string | undefined, event: Readonly<Record<string, unknown>>): number {
    const bus = this.buses.get(busName(busNameOrArn));
    if (!bus) {
      this.unroutedEvents += 1;
      return 0;
    }
    let matched = 0;
    for (const rule of bus.rules.values()) {
      if (rule.state !== 'ENABLED' || !rule.matcher || !rule.matcher(event)) continue;
      matched += 1;
      this.fire(rule, event);
    }
    return matched;
  }

  /** Cancels every schedule (the server is closing). */
  close(): void {
    for (const bus of this.buses.values()) for (const rule of bus.rules.values()) rule.schedule?.cancel();
  }

  private fire(rule: Rule, event: Readonly<Record<string, unknown>>): void {
    rule.counters.matchedEvents += 1;
    for (const target of rule.targets.values()) {
      let input: Buffer;
      try {
        input = targetInput(target, event, rule, this.clock.now());
      } catch (error) {
        this.failed(rule, (error as Error).message);
        continue;
      }
      this.deliver(target.Arn, input, rule.arn).then(
        (failure) => {
          if (failure === undefined) rule.counters.invocations += 1;
          else this.failed(rule, failure);
        },
        (error: unknown) => this.failed(rule, (error as Error).message),
      );
    }
  }

  private failed(rule: Rule, reason: string): void {
    rule.counters.failedInvocations += 1;
    rule.counters.lastFailure = reason;
  }

  /**
   * A scheduled rule fires every period while enabled, first one period after
   * it was put, on whole seconds (event-schedule.ts). Fire times are computed
   * from the first, not from when the timer ran, so a late timer does not
   * shift the ones after it; its lateness shows in the delay from `time`.
   */
  private reschedule(rule: Rule, periodMs: number | undefined): void {
    rule.schedule?.cancel();
    rule.schedule = undefined;
    if (periodMs === undefined || rule.state !== 'ENABLED') return;
    let next = firstFireAt(this.clock.now(), periodMs);
    const tick = (): void => {
      const at = next;
      next += periodMs;
      rule.schedule = this.clock.setTimeout(tick, next - this.clock.now());
      this.fire(rule, scheduledEvent(randomUUID(), at, this.accountId, this.region, rule.arn));
    };
    rule.schedule = this.clock.setTimeout(tick, next - this.clock.now());
  }
}

/** A bus name from a name or an event-bus ARN; absent means `default`. */
export function busName(nameOrArn: string | undefined): string {
  if (nameOrArn === undefined || nameOrArn === '') return 'default';
  const arn = /^arn:[^:]+:events:[^:]*:[^:]*:event-bus\/(.+)$/.exec(nameOrArn);
  return arn?.[1] ?? nameOrArn;
}

function checkedPattern(text: string): EventMatcher {
  try {
    return compilePattern(text);
  } catch (error) {
    throw new JsonRpcError('InvalidEventPatternException', `Event pattern is not valid. Reason: ${(error as Error).message}`);
  }
}
