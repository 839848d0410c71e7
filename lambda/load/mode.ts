/**
 * The Lambda placement under load (`--placements lambda --load <spec>`):
 * deploy the functions as the Lambda placement does, then for every path,
 * every repeat of the ramp (each starting from fresh execution environments,
 * retired with the Lambda mode's forceColdStart), every step and every
 * function (the order rotating per step and repeat, so no target always goes
 * first), one step of open- or closed-loop traffic (scheduler.ts) through the
 * SDK, its logs read back, its events written to samples.jsonl and its
 * summary to run.json (`baselines.lambdaLoad`: each repeat's in
 * `repeatSteps`, combined across repeats in `steps`, repeats.ts). A storm's
 * step first makes the function cold (storm.ts), then sends all its events
 * at once.
 *
 * The same code runs against AWS and the local Lambda; offline results say
 * their latency is the emulator's.
 */
import { selectedWorkloads, type RunContext } from '../../harness/run/context.js';
import { prepareReference } from '../../harness/run/reference.js';
import { createRng } from '../../harness/stats/rng.js';
import { PRICING, pricesFor } from '../cost/cost.js';
import { planFunctions, type PlannedFunction } from '../deploy/plan.js';
import { redactAccountIds } from '../deploy/redact.js';
import { encodeEvent } from '../handlers/protocol.js';
import { prepareFunctions } from '../measure/prepare.js';
import { openSession } from '../measure/session.js';
import { forceColdStart } from '../measure/force.js';
import { lambdaRowKey } from '../measure/mode.js';
import { readHostCpu, busyShare } from './bottleneck.js';
import { loadClients, type LoadClients } from './clients.js';
import { busNameOf } from '../deploy/eventbridge.js';
import { readyEventBridge } from './eventbridge.js';
import { measureScheduledWindow } from './scheduled.js';
import { rejectedOutcome, sdkInvoker, type EventTemplate } from './invoker.js';
import { readStepLogs, type StepLogs } from './receipts.js';
import { HRTIME_CLOCK, runStep } from './scheduler.js';
import { eventRecords, summariseStep, type LoadStepResult } from './summary.js';
import { combineAll } from './repeats.js';
import { setReserved } from './reserved.js';
import { climbRamp, rampEndNote } from './ramp.js';
import { runStorm, stormHostNote, stormPlanNote } from './storm.js';
import { DEFAULT_STORM_WAIT_MS, PATH_LABELS, levelUnit, rampWorstCaseMs, type LoadPath } from '../../harness/options/load.js';
import type { LoadRecord } from '../../harness/contract/load.js';
import type { LoadOptions } from '../../harness/options/load.js';


/** Wait for asynchronous deliveries' receipts at most this long after a step. */
const RECEIPT_WAIT_MS = 30_000;
/** The client's in-flight ceiling: events beyond it are skipped and invalidate the step. */
const MAX_IN_FLIGHT = 512;

/** Runs the load mode; fills `baselines.lambdaLoad` and fails rows only for functions that could not be measured or answered wrongly. */
export async function runLoad(context: RunContext): Promise<void> {
  const { options, table } = context;
  const sink = { ...context.sink, note: (m: string) => context.sink.note(redactAccountIds(m)) };
  const lambda = options.lambda;
  const load = lambda.load;
  if (!load) throw new Error('runLoad without --load');
  const size = lambda.sizes[0] ?? 'small';
  const workloads = selectedWorkloads(context);
  const plan = planFunctions(workloads.map((e) => e.definition), options.targets, lambda);
  for (const gap of plan.undeployable) sink.note(`load: ${gap.workload} ${gap.target} not measured: ${gap.reason}`);
  if (plan.functions.length === 0) return;
  const maxLevel = Math.max(...load.spec.levels);
  sink.progress({ phase: 'lambda', kind: 'step', label: 'opening the Lambda endpoint' });
  const storm = load.spec.kind === 'storm';
  // Closed loops and storms hold their level's environments at once: the account limit must have room for them.
  const session = await openSession(lambda, (m) => sink.note(m), load.spec.kind === 'concurrency' || storm ? maxLevel : 0);
  const maxWaitTime = session.endpoint.kind === 'aws' ? 300 : 60;
  const clients = loadClients(session.endpoint, MAX_IN_FLIGHT, lambda.timeoutSeconds);
  let stopped = false;
  // EventBridge resources are not removed here, interrupted or not: deploy owns them, teardown removes them (eventbridge.ts).
  const unregister = context.cleanup.add(async () => {
    stopped = true;
    clients.destroy();
    await session.close();
  });
  try {
    const emulated = session.endpoint.kind !== 'aws';
    const price = pricesFor(session.endpoint.kind === 'aws' ? session.endpoint.region : PRICING.defaultRegion);
    const record: LoadRecord & { steps: LoadStepResult[]; repeatSteps: LoadStepResult[] } = {
      spec: load.spec,
      paths: load.paths,
      endpoint: session.endpoint.label,
      emulated,
      ...(load.reserved !== undefined ? { reserved: load.reserved } : {}),
      priceRegion: price.region,
      pricesTakenOn: PRICING.loadPrices?.takenOn ?? PRICING.takenOn,
      steps: [],
      repeatSteps: [],
    };
    context.baselines.lambdaLoad = record;
    if (emulated) sink.note(`load: every latency here is the local Lambda's (${session.endpoint.label}), an emulator on this host, not AWS Lambda's; the asynchronous and EventBridge paths are emulated too`);
    const status = await session.status();
    // Throttles at an account limit this host's memory set are the host's, not Lambda's (bottleneck.ts).
    const hostAccountLimit = status?.concurrency?.accountLimitByHost === true ? status.concurrency.accountLimit : undefined;
    if (status?.concurrency) sink.note(`load: the local Lambda's account concurrency is ${status.concurrency.accountLimit} (${status.concurrency.accountLimitReason}); invocations beyond it get 429 ConcurrentInvocationLimitExceeded, counted as throttles`);
    const hostStorm = storm ? stormHostNote(status?.concurrency?.startGate, load.spec.levels) : undefined;
    if (hostStorm) sink.note(hostStorm);
    const prepareSink = { progress: (m: string) => sink.progress({ phase: 'lambda', kind: 'step', label: m.replace(/^lambda /, '') }), note: (m: string) => sink.note(m) };
    const prepared = await prepareFunctions(session, plan.functions, lambda.deploy, maxWaitTime, prepareSink);
    const live: PlannedFunction[] = [];
    for (const f of plan.functions) {
      const failure = prepared.failed.get(f.name);
      if (failure) table.fail(lambdaRowKey(f, size, session.endpoint.label), redactAccountIds(failure.reason), failure.failure);
      else live.push(f);
    }
    const templates = new Map<string, EventTemplate>();
    for (const entry of workloads) {
      const reference = await prepareReference(entry, size, options.seed);
      if (reference.state !== 'ready') {
        for (const f of live.filter((f) => f.workload === entry.definition.name)) table.fail(lambdaRowKey(f, size, session.endpoint.label), reference.error, reference.failure);
        continue;
      }
      templates.set(entry.definition.name, { json: JSON.stringify(encodeEvent(reference.input)), sha256: reference.expectedSha256, bytes: reference.expectedBytes });
    }
    const functions = live.filter((f) => templates.has(f.workload));
    if (load.reserved !== undefined) await setReserved(session.control, functions.map((f) => f.name), load.reserved, (m) => sink.note(m));
    const invoke = sdkInvoker(clients.lambda, clients.events);
    const runTag = Date.now().toString(36);
    const repeats = load.repeats ?? 1;
    // The scheduled path watches its schedule once per step: its firings come when they come, not per repeat.
    const rampPaths = load.paths.filter((p) => p !== 'scheduled').length;
    const total = (rampPaths * repeats + load.paths.length - rampPaths) * load.spec.levels.length * functions.length;
    const asyncPaths = load.paths.filter((p) => p !== 'sync').length;
    const worstMs = repeats * (rampWorstCaseMs(load.spec, functions.length, load.paths.length) + asyncPaths * load.spec.levels.length * functions.length * RECEIPT_WAIT_MS);
    if (storm) sink.note(stormPlanNote(load.spec, functions.length, load.paths.length, repeats));
    else sink.note(
      `load: ${total} step(s) of ${(load.spec.durationMs + load.spec.settleMs) / 1000} s planned (${load.spec.levels.length} level(s) x ${functions.length} function(s) x ${load.paths.length} path(s) x ${repeats} repeat(s), each repeat from fresh execution environments), at most ${Math.ceil(worstMs / 60_000)} min` +
        (asyncPaths > 0 ? ` with every asynchronous step waiting the full ${RECEIPT_WAIT_MS / 1000} s for receipts` : '') +
        (load.spec.untilHostLimit ? '; each function stops climbing after its first host-limited step' : '; every step runs, INVALID or not (levels ending in ".." stop at the host\'s limit)'),
    );
    let done = 0;
    for (const path of load.paths) {
      if (stopped) break;
      let busName: string | undefined;
      let pathFunctions = functions;
      if (path === 'eventbridge' || path === 'scheduled') {
        const request = { path, deploy: lambda.deploy, prefix: lambda.prefix, ...(load.schedule !== undefined ? { schedule: load.schedule } : {}), eventJson: (w: string) => templates.get(w)?.json };
        pathFunctions = await readyEventBridge(clients.eventsControl, session.control, functions, request, (m) => sink.note(m));
        if (pathFunctions.length === 0) continue;
        if (path === 'eventbridge') busName = busNameOf(lambda.prefix);
      }
      if (path === 'scheduled') {
        done += await measureScheduled(context, clients, pathFunctions, templates, price, () => stopped);
        continue;
      }
      // The steps each function ran in the first repeat: later repeats run those (the stop rule still applies).
      const lastStep = new Map<PlannedFunction, number>();
      for (let repeat = 0; repeat < repeats && !stopped; repeat += 1) {
        const where = repeats > 1 ? `repeat ${repeat + 1}/${repeats} ` : '';
        // Every repeat meets fresh environments, as every warm process is a fresh process: a storm retires them per step itself.
        if (!storm) await freshEnvironments(pathFunctions, (f) => forceColdStart(session, f.name, `${runTag}-fresh-${path}-${repeat}`, maxWaitTime), `${where}${path}`, (m) => sink.note(m));
        const ramp = { kind: load.spec.kind, levels: load.spec.levels, untilHostLimit: load.spec.untilHostLimit === true, rotation: repeat };
        const ends = await climbRamp(ramp, pathFunctions, {
          stopped: () => stopped,
          planned: repeat === 0 ? undefined : (step, f) => step <= (lastStep.get(f) ?? load.spec.levels.length - 1),
          measure: async (step, level, f) => {
            sink.progress({ phase: 'lambda', kind: 'work', done, planned: total, label: `load ${where}${path} ${level} ${levelUnit(load.spec.kind)} · ${f.workload} ${f.target}` });
            const startGate = async (): Promise<{ waited: number; limit: number } | undefined> => (await session.status())?.concurrency?.startGate;
            const environments = async (): Promise<number | undefined> => (await session.status())?.environments.filter((e) => e.functionName === f.name && e.state !== 'dead').length;
            const measure = (): Promise<LoadStepResult> =>
              measureStep(context, clients, invoke, { path, step, repeat, level, f, runTag, template: templates.get(f.workload) as EventTemplate, load, price, busName, startGate, environments, hostAccountLimit, stop: () => stopped });
            if (!storm) return measure();
            // Every storm meets a cold function: its environments retired the way a forced cold sample's are.
            return runStorm({ forceCold: () => forceColdStart(session, f.name, `${runTag}-storm-${path}-${repeat}-${step}`, maxWaitTime), measure });
          },
          record: async (result, f, end) => {
            addStep(record, { ...result, repeat });
            // Cold starts seen by the client (Init Duration in the tail) must be the INIT_START lines the endpoint logged.
            if (path === 'sync' && result.initStartsInLogs !== undefined && result.initStartsInLogs !== result.coldStarts) {
              sink.note(`load ${where}${path} step ${result.step + 1} ${f.name}: ${result.coldStarts} cold start(s) in the REPORTs but ${result.initStartsInLogs} INIT_START line(s) in the logs`);
            }
            done += 1;
            if (end) {
              sink.note(rampEndNote(load.spec.kind, `${where}${path} ${f.workload} ${f.target}`, end));
              // The progress bar plans every step: the ones this function will not run count as done (in a later repeat, up to where the first stopped).
              const limitedStep = load.spec.levels.length - 1 - end.skipped.length;
              done += repeat === 0 ? end.skipped.length : Math.max(0, (lastStep.get(f) ?? limitedStep) - limitedStep);
            }
            if (result.wrongOutputs > 0) table.fail(lambdaRowKey(f, size, session.endpoint.label), `load ${where}${path} step ${result.step + 1}: ${result.wrongOutputs} wrong output(s): ${result.firstError ?? ''}`, 'wrong-output');
            sink.checkpoint();
            await new Promise((resolve) => setTimeout(resolve, load.spec.settleMs));
          },
        });
        if (repeat === 0) {
          for (const f of pathFunctions) {
            const end = ends.get(f);
            lastStep.set(f, load.spec.levels.length - 1 - (end?.skipped.length ?? 0));
            // Later repeats skip what the first one did not run: counted as done at once.
            done += (repeats - 1) * (end?.skipped.length ?? 0);
          }
        }
      }
    }
    if (load.reserved !== undefined) await setReserved(session.control, functions.map((f) => f.name), undefined, (m) => sink.note(m));
    sink.progress({ phase: 'lambda', kind: 'end', label: `${done} load step(s)` });
  } finally {
    clients.destroy();
    await session.close();
    unregister();
  }
}

/** The scheduled path: one window per step of the ramp, every function watched at once (scheduled.ts); returns the steps done. */
async function measureScheduled(
  context: RunContext, clients: LoadClients, functions: readonly PlannedFunction[], templates: ReadonlyMap<string, EventTemplate>,
  price: ReturnType<typeof pricesFor>, stop: () => boolean,
): Promise<number> {
  const load = context.options.lambda.load as LoadOptions;
  const record = context.baselines.lambdaLoad as LoadRecord & { steps: LoadStepResult[]; repeatSteps: LoadStepResult[] };
  const size = context.options.lambda.sizes[0] ?? 'small';
  let done = 0;
  for (const step of load.spec.levels.keys()) {
    if (stop()) break;
    context.sink.progress({ phase: 'lambda', kind: 'step', label: `load scheduled: watching ${load.schedule ?? ''} for ${load.spec.durationMs / 1000} s (step ${step + 1})` });
    const steps = await measureScheduledWindow(clients.logs, {
      step, durationMs: load.spec.durationMs, schedule: load.schedule ?? '', functions, price, receiptWaitMs: RECEIPT_WAIT_MS, stop,
      expected: (f) => templates.get(f.workload) as EventTemplate,
    });
    for (const s of steps) {
      addStep(record, { ...s.summary, repeat: 0 });
      context.sink.samples({ kind: 'lambda-load', path: 'scheduled', pathLabel: PATH_LABELS.scheduled, step, repeat: 0, level: s.summary.level, workload: s.f.workload, target: s.f.target, functionName: s.f.name, epochAtStartMs: s.epochAtStartMs, events: s.records });
      if (s.summary.wrongOutputs > 0) context.table.fail(lambdaRowKey(s.f, size, record.endpoint), `load scheduled step ${step + 1}: ${s.summary.wrongOutputs} wrong output(s): ${s.summary.firstError ?? ''}`, 'wrong-output');
      done += 1;
    }
    context.sink.checkpoint();
  }
  return done;
}

/** Records one repeat's step and recombines the run's steps, so run.json is whole after every checkpoint. */
function addStep(record: { steps: LoadStepResult[]; repeatSteps: LoadStepResult[] }, result: LoadStepResult): void {
  record.repeatSteps.push(result);
  record.steps = combineAll(record.repeatSteps);
}

/**
 * Retires every function's environments before a repeat, so each repeat's
 * first events meet new ones; a failure is noted and that function's repeat
 * runs on the environments it had (its figures then share them with the last).
 */
async function freshEnvironments(functions: readonly PlannedFunction[], retire: (f: PlannedFunction) => Promise<void>, where: string, note: (m: string) => void): Promise<void> {
  for (const f of functions) {
    try {
      await retire(f);
    } catch (error) {
      note(`load ${where} ${f.workload} ${f.target}: could not retire its environments before the repeat (${(error as Error).message}); this repeat runs on the ones it had`);
    }
  }
}

interface StepArgs {
  readonly path: LoadPath;
  readonly step: number;
  /** Which repeat of the ramp, from 0. */
  readonly repeat: number;
  readonly level: number;
  readonly f: PlannedFunction;
  readonly runTag: string;
  readonly template: EventTemplate;
  readonly load: LoadOptions;
  readonly price: ReturnType<typeof pricesFor>;
  readonly busName: string | undefined;
  /** The local Lambda's INIT gate (start-gate.ts): starts that waited for a slot waited on this host, not on Lambda. Undefined on AWS. */
  readonly startGate: () => Promise<{ waited: number; limit: number } | undefined>;
  /** The function's live execution environments (local Lambda status); undefined on AWS, which has no such API. */
  readonly environments: () => Promise<number | undefined>;
  /** The local Lambda's account concurrency when this host set it; undefined on AWS or for a limit the user chose. */
  readonly hostAccountLimit: number | undefined;
  readonly stop: () => boolean;
}

/** One step of one function on one path: traffic, logs, records, summary. */
async function measureStep(context: RunContext, clients: LoadClients, invoke: ReturnType<typeof sdkInvoker>, a: StepArgs): Promise<LoadStepResult> {
  const prefix = `${a.runTag}-r${a.repeat}${a.path[0]}${a.step}-${a.f.name.length}${a.f.target}-`;
  const loadId = (seq: number): string => `${prefix}${seq}`;
  const target = { functionName: a.f.name, ...(a.busName ? { busName: a.busName } : {}) };
  const cpuBefore = readHostCpu();
  const gateBefore = await a.startGate();
  const hrAnchor = HRTIME_CLOCK.nowNs();
  const epochAnchor = performance.timeOrigin + performance.now();
  const run = await runStep(
    { kind: a.load.spec.kind, level: a.level, durationMs: a.load.spec.durationMs, rng: createRng(context.options.seed + a.step + 1000 * a.repeat), maxInFlight: MAX_IN_FLIGHT },
    HRTIME_CLOCK,
    (seq) => invoke(a.path, target, a.template, loadId(seq)),
    rejectedOutcome,
    a.stop,
  );
  const cpuAfter = readHostCpu();
  const epochAtStartMs = epochAnchor + (run.startNs - hrAnchor) / 1e6;
  // Events whose handler ran and logged a result: accepted asynchronous ones, answered synchronous ones.
  const accepted = run.events.filter((e) => e.outcome.state === 'accepted' || e.outcome.state === 'completed' || e.outcome.state === 'wrong-output').length;
  let logs: StepLogs | undefined;
  let logsError: string | undefined;
  try {
    // A window from a second before the step (clock skew) to now, waiting for every handler's result line.
    logs = await readStepLogs(clients.logs, {
      functionName: a.f.name,
      startMs: epochAtStartMs - 1000,
      endMs: epochAtStartMs + run.endNs / 1e6,
      loadIdPrefix: prefix,
      // Synchronous answers come back before CloudWatch Logs has their lines (seconds on AWS; at once locally):
      // their REPORT and INIT_START lines are waited for too, or cold starts and log bytes would be undercounted.
      expected: accepted,
      waitMs: a.load.spec.kind === 'storm' ? (a.load.spec.waitMs ?? DEFAULT_STORM_WAIT_MS) : RECEIPT_WAIT_MS,
    });
  } catch (error) {
    logsError = `FilterLogEvents failed: ${(error as Error).message}`;
  }
  // After the receipts were waited for: the asynchronous paths start environments after the sends.
  const gateAfter = await a.startGate();
  const hostStartWaits = gateBefore && gateAfter ? { count: gateAfter.waited - gateBefore.waited, limit: gateAfter.limit } : undefined;
  const input = {
    path: a.path,
    kind: a.load.spec.kind,
    step: a.step,
    level: a.level,
    durationMs: a.load.spec.durationMs,
    workload: a.f.workload,
    target: a.f.target,
    functionName: a.f.name,
    memoryMB: a.f.memoryMB,
    arch: a.f.arch,
    run,
    loadId,
    epochAtStartMs,
    ...(logs ? { logs } : {}),
    ...(logsError ? { logsError } : {}),
    expected: { sha256: a.template.sha256, bytes: a.template.bytes },
    cpuBusy: busyShare(cpuBefore, cpuAfter),
    ...(hostStartWaits ? { hostStartWaits } : {}),
    ...(a.hostAccountLimit !== undefined ? { hostAccountLimit: a.hostAccountLimit } : {}),
    price: a.price,
  };
  const records = eventRecords(input);
  // Idle environments stay until evicted to make room, so the count after the step bounds its peak (earlier steps' included).
  const environmentsAfter = await a.environments();
  context.sink.samples({ kind: 'lambda-load', path: a.path, pathLabel: PATH_LABELS[a.path], step: a.step, repeat: a.repeat, level: a.level, workload: a.f.workload, target: a.f.target, functionName: a.f.name, epochAtStartMs, events: records });
  const summary = summariseStep(input, records);
  return environmentsAfter === undefined ? summary : { ...summary, environmentsAfter };
}
