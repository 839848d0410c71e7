/**
 * The `lambda` placement: every selected workload × target × size as Lambda
 * functions at every memory size × architecture, deployed first (unless
 * --no-deploy), measured warm and forced-cold through the Lambda API, every
 * output verified, REPORT figures and costs recorded side by side.
 *
 * Without AWS options it starts the local Lambda in-process and closes it at
 * the end; with --endpoint or --aws the same code talks to that endpoint.
 */
import { selectedWorkloads, type RunContext, type RunSink } from '../../harness/run/context.js';
import { lambdaGroup } from '../../harness/run/progress.js';
import { prepareReference } from '../../harness/run/reference.js';
import { BASELINE_TARGET } from '../../harness/targets/index.js';
import { MIN_BOOTSTRAP_SAMPLES, MIN_PROCESSES } from '../../harness/stats/verdict.js';
import { PRICING, pricesFor, pricingNote, type Arch, type PriceChoice } from '../cost/cost.js';
import { configLabel, pickPowerTuning, type TuningPicks } from '../cost/power-tuning.js';
import { planFunctions, type PlannedFunction } from '../deploy/plan.js';
import { findTemplate } from '../handlers/templates.js';
import { redactAccountIds } from '../deploy/redact.js';
import { encodeEvent } from '../handlers/protocol.js';
import { CLIENT_WARMUP_BUDGET_MS, CLIENT_WARMUP_CALLS, measureFunctions, newClientWarmth, type FunctionSamples } from './sampling.js';
import { openSession, type LambdaSession } from './session.js';
import { prepareFunctions } from './prepare.js';
import { summarise, type RowSummary } from './summary.js';
import { coldVsNode, warmVsNode } from './environments.js';
import type { LambdaOptions } from '../../harness/options/lambda.js';
import type { RowKey } from '../../harness/run/results.js';
import { errorFailureKind } from './failures.js';
import { POWER_TUNING_PICKS, type FailureKind, type PendingLambdaFunction, type PowerTuningPick, type PowerTuningRecord, type SizeName } from '../../harness/contract/index.js';
import type { TuningCandidate } from '../cost/power-tuning.js';
import type { LocalLambdaStatus } from '../local/types.js';
import { isDimension, nodeEngine } from '../../harness/node-builds/select.js';

/** Synchronous Invoke request payloads are limited to 6 MB. */
export const MAX_INVOKE_PAYLOAD = 6 * 1024 * 1024;

type RowFunction = Pick<PlannedFunction, 'workload' | 'target' | 'memoryMB' | 'arch' | 'node'>;

/**
 * Row identity of a function at a size: where it ran, in the row's `lambda`
 * block whatever its state (memory, architecture, endpoint, and the Node
 * major across Node versions: `node22`).
 */
export function lambdaRowKey(f: RowFunction, size: SizeName, endpoint: string): RowKey {
  return {
    workload: f.workload,
    target: f.target,
    placement: 'lambda',
    size,
    lambda: { ...(f.node === undefined ? {} : { node: nodeEngine(f.node) }), memoryMB: f.memoryMB, arch: f.arch, endpoint },
  };
}

/** Records an errored row; AWS error texts are masked (no account ids in results). */
function fail(table: RunContext['table'], key: RowKey, reason: string, failure: FailureKind): void {
  table.fail(key, redactAccountIds(reason), failure);
}

/**
 * The run's sink with every note masked like row errors are: notes carry AWS
 * texts too (a plan error, what the endpoint answered when the session
 * opened), and run.json keeps notes.
 */
function redactingSink(sink: RunSink): RunSink {
  return {
    samples: (record) => sink.samples(record),
    checkpoint: () => sink.checkpoint(),
    progress: (message) => sink.progress(message),
    note: (message) => sink.note(redactAccountIds(message)),
  };
}

/** Runs the lambda placement and fills the result table. */
export async function runLambda(run: RunContext): Promise<void> {
  // Every note of this placement, here and in the helpers it passes the context to, goes through the mask.
  const context: RunContext = { ...run, sink: redactingSink(run.sink) };
  const { options, table, sink } = context;
  const lambda = options.lambda;
  const workloads = selectedWorkloads(context);
  // Only host and port of an endpoint URL, as results record it (urlEndpoint).
  const label = lambda.aws ? `aws:${lambda.region ?? '?'}` : lambda.endpoint !== undefined ? `endpoint:${new URL(lambda.endpoint).host}` : 'local';
  const rowsOf = (f: RowFunction): RowKey[] => lambda.sizes.map((size) => lambdaRowKey(f, size, label));
  // Across Node versions, one function per major (runtime nodejs<major>.x) in place of --runtime's.
  const nodes = isDimension(options.node) ? options.node : undefined;
  const configurations = (nodes ?? [undefined]).flatMap((node) => lambda.memory.flatMap((memoryMB) => lambda.arch.map((arch) => ({ memoryMB, arch, ...(node === undefined ? {} : { node }) }))));

  let plan: ReturnType<typeof planFunctions>;
  try {
    plan = planFunctions(workloads.map((e) => e.definition), options.targets, { ...lambda, ...(nodes ? { nodes } : {}) });
  } catch (error) {
    sink.note(`lambda placement not run: ${(error as Error).message}`);
    for (const entry of workloads) for (const target of options.targets) for (const c of configurations) {
      for (const key of rowsOf({ workload: entry.definition.name, target, ...c })) fail(table, key, (error as Error).message, 'not-measured');
    }
    return;
  }
  for (const gap of plan.undeployable) {
    for (const c of configurations) {
      for (const key of rowsOf({ ...gap, ...c })) table.unsupported(key, gap.reason);
    }
  }
  if (plan.functions.length === 0) return;
  // A resumed run whose Lambda groups are all finished needs no endpoint.
  if (workloads.every((e) => lambda.sizes.every((size) => context.progress.isFinished(lambdaGroup(e.definition.name, size))))) return;

  let session: LambdaSession;
  try {
    sink.progress({ phase: 'lambda', kind: 'step', label: `opening ${label}` });
    const perWorkload = Math.max(...workloads.map((e) => plan.functions.filter((f) => f.workload === e.definition.name).length));
    session = await openSession(lambda, (message) => sink.note(message), perWorkload);
  } catch (error) {
    const reason = `could not open the Lambda endpoint (${label}): ${(error as Error).message}`;
    // Said once for the run, in one line; every row it prevents carries it too.
    sink.note(`lambda placement not run: ${reason}`);
    const failure = errorFailureKind(error);
    for (const f of plan.functions) for (const key of rowsOf(f)) fail(table, key, reason, failure);
    sink.progress({ phase: 'lambda', kind: 'end', label: 'the endpoint could not be opened' });
    return;
  }
  // An interruption (SIGINT/SIGTERM) closes the session itself: a local Lambda ends its environments.
  const unregister = context.cleanup.add(() => session.close());
  let measured = 0;
  try {
    measured = await measureAll(context, lambda, session, plan.functions);
  } finally {
    sink.progress({ phase: 'lambda', kind: 'step', label: `closing ${label}` });
    await session.close();
    unregister();
  }
  sink.progress({ phase: 'lambda', kind: 'end', label: `${measured} group(s)` });
}

/** Measures every unfinished group; returns how many it measured. */
async function measureAll(context: RunContext, lambda: LambdaOptions, session: LambdaSession, functions: readonly PlannedFunction[]): Promise<number> {
  const { options, table, sink } = context;
  const endpoint = session.endpoint.label;
  const maxWaitTime = session.endpoint.kind === 'aws' ? 300 : 60;
  // A non-AWS endpoint has no prices of its own: it is priced as the table's default region.
  const price = pricesFor(session.endpoint.kind === 'aws' ? session.endpoint.region : PRICING.defaultRegion);
  await endpointNotes(context, lambda, session, price);

  // Deploy, or check what is deployed; an endpoint without those APIs degrades to measuring what it serves.
  // Deploy messages are steps of the phase ("deploy 3/10: <function>"), drawn like its other progress.
  const prepareSink = { progress: (message: string) => sink.progress({ phase: 'lambda', kind: 'step', label: message.replace(/^lambda /, '') }), note: (message: string) => sink.note(message) };
  const { failed, rowNotes, gaps } = await prepareFunctions(session, functions, lambda.deploy, maxWaitTime, prepareSink);
  // Once the functions exist the local Lambda knows which Node runs each Runtime (AWS does not say).
  const runtimeNodes = session.endpoint.kind === 'aws' ? undefined : (await session.status())?.runtimes;
  if (runtimeNodes) sink.note(`local Lambda runtimes: ${runtimeWords(runtimeNodes)}`);

  const clientWarmth = newClientWarmth();
  const groups = selectedWorkloads(context).flatMap((entry) => lambda.sizes.map((size) => ({ entry, size })));
  // Progress counts the groups this process measures (a resumed run skips finished ones).
  const planned = groups.filter(({ entry, size }) => !context.progress.isFinished(lambdaGroup(entry.definition.name, size))).length;
  let measured = 0;
  for (const [index, { entry, size }] of groups.entries()) {
    const name = entry.definition.name;
    const groupId = lambdaGroup(name, size);
    // A resumed run keeps the rows of finished groups; an unfinished group is measured again from its start.
    if (context.progress.isFinished(groupId)) continue;
    const group = functions.filter((f) => f.workload === name);
    const keyOf = (f: PlannedFunction): RowKey => lambdaRowKey(f, size, endpoint);
    for (const f of group) {
      const failure = failed.get(f.name);
      if (failure !== undefined) fail(table, keyOf(f), failure.reason, failure.failure);
    }
    const live = group.filter((f) => !failed.has(f.name));
    if (live.length === 0) {
      context.progress.finish(groupId);
      measured += 1;
      continue;
    }
    const reference = await prepareReference(entry, size, options.seed);
    if (reference.state === 'errored') {
      for (const f of live) fail(table, keyOf(f), reference.error, reference.failure);
      context.progress.finish(groupId);
      measured += 1;
      sink.checkpoint();
      continue;
    }
    const event = Buffer.from(JSON.stringify(encodeEvent(reference.input)));
    if (event.length > MAX_INVOKE_PAYLOAD) {
      const reason = `the ${size} input is a ${(event.length / 1024 / 1024).toFixed(1)} MB event; synchronous Invoke payloads are limited to 6 MB (a real function would read it from S3)`;
      for (const f of live) table.unsupported(keyOf(f), reason);
      context.progress.finish(groupId);
      measured += 1;
      continue;
    }
    const samples = await measureFunctions(
      session,
      live,
      event,
      { sha256: reference.expectedSha256, bytes: reference.expectedBytes },
      {
        warm: lambda.samples, environments: lambda.environments, warmup: lambda.warmup, client: clientWarmth, cold: lambda.coldSamples, seed: options.seed + index, maxWaitTime,
        onSamples: (live) => context.progress.lambdaInProgress(groupId, () => pendingSamples(live)),
      },
      (message) => {
        // Messages mark round boundaries: the samples of the round before are kept in run.json now
        // (between rounds, never between the timed calls of one).
        sink.checkpoint();
        sink.progress({ phase: 'lambda', kind: 'work', done: measured, planned, label: `${name} ${size} · ${message}` });
      },
    );
    const summaries = new Map<PlannedFunction, RowSummary>(
      live.map((f) => [
        f,
        summarise(samples.get(f.name) as FunctionSamples, {
          memoryMB: f.memoryMB,
          arch: f.arch,
          endpoint,
          ...(session.endpoint.kind === 'aws' ? { region: session.endpoint.region } : {}),
          runtime: f.runtime,
          functionName: f.name,
          price,
        }),
      ]),
    );
    const words: string[] = [];
    // Off AWS the architecture is not emulated, so picks choose a memory size per architecture only.
    const picks = tuningPicks(summaries, session.endpoint.kind === 'aws', (target, arch, p) => {
      recordTuning(context, { workload: name, size, target, ...(arch ? { arch } : {}), endpoint, ...p });
      words.push(`${target}${arch ? ` (${arch})` : ''}: cheapest ${configLabel(p.cheapest)}, fastest ${configLabel(p.fastest)}, balanced ${configLabel(p.balanced)}`);
    });
    if (words.length > 0) sink.note(`lambda power tuning (${endpoint}), ${name} ${size}: ${words.join('; ')} (details: baselines.lambdaPowerTuning)`);
    for (const [f, summary] of summaries) {
      const raw = samples.get(f.name);
      sink.samples({
        kind: 'lambda', workload: f.workload, target: f.target, placement: 'lambda', size, memoryMB: f.memoryMB, arch: f.arch, endpoint, functionName: f.name,
        ...(raw ? { warm: raw.warm, cold: raw.cold, counters: raw.counters } : {}),
      });
      if (summary.state === 'errored') {
        fail(table, keyOf(f), summary.error, summary.failure);
        continue;
      }
      if (summary.state === 'unsupported') {
        // The endpoint lacks Invoke itself: a capability gap, not a wrong result.
        table.unsupported(keyOf(f), summary.reason);
        continue;
      }
      const found = [...summaries].find(([b, s]) => b.target === BASELINE_TARGET && b.memoryMB === f.memoryMB && b.arch === f.arch && b.node === f.node && s.state === 'completed');
      const baseline = f.target !== BASELINE_TARGET && found?.[1].state === 'completed' ? found[1] : undefined;
      // Each environment is one unit (environments.ts): warm per environment, cold per forced start.
      const vsNode =
        baseline && summary.environments.samplesNs.length > 0 && baseline.environments.samplesNs.length > 0 ? warmVsNode(summary.environments, baseline.environments) : undefined;
      const coldVs = baseline && summary.coldNs.length > 0 && baseline.coldNs.length > 0 ? coldVsNode(summary.coldNs, baseline.coldNs, options.seed) : undefined;
      const notes = [...summary.notes, ...(rowNotes.get(f.name) ?? [])];
      const unavailable = [...(gaps.get(f.name) ?? []), ...(summary.fields.unavailable ?? [])];
      const earned = picks.get(f) ?? [];
      const ranOn = runtimeNodes?.[f.runtime];
      table.complete(keyOf(f), {
        // The Node that ran it, as the local Lambda reports it (AWS does not say; the runtime is in build).
        ...(ranOn ? { nodeVersion: ranOn.nodeVersion, v8Version: ranOn.v8Version } : {}),
        verifiedAgainst: reference.verifiedAgainst,
        build: {
          functionName: f.name,
          runtime: f.runtime,
          handler: f.handler,
          handlerTemplate: findTemplate(f.target)?.description,
          codeSha256: f.codeSha256,
          zipBytes: f.package.zipBytes,
          files: f.package.files,
        },
        ...summary.fields,
        ...(unavailable.length > 0 ? { unavailable } : {}),
        lambda: { ...summary.fields.lambda, ...(earned.length > 0 ? { powerTuning: earned } : {}) },
        ...(vsNode ? { vsNode } : {}),
        ...(coldVs ? { coldVsNode: coldVs } : {}),
        ...(notes.length > 0 ? { notes: ranOn?.substituteReason ? [...notes, `ran on the host's Node.js ${ranOn.nodeVersion}, not the one ${f.runtime} names: ${ranOn.substituteReason}`] : notes } : ranOn?.substituteReason ? { notes: [`ran on the host's Node.js ${ranOn.nodeVersion}, not the one ${f.runtime} names: ${ranOn.substituteReason}`] } : {}),
      });
    }
    context.progress.finish(groupId);
    measured += 1;
    sink.checkpoint();
  }
  return measured;
}

/** A group's samples so far as plain data (run.json keeps them while the group is unfinished). */
function pendingSamples(live: ReadonlyMap<string, FunctionSamples>): Record<string, PendingLambdaFunction> {
  const out: Record<string, PendingLambdaFunction> = {};
  for (const [name, s] of live) {
    const { error, failure, runtimeClients, ...rest } = s;
    out[name] = { ...rest, ...(error !== undefined ? { error } : {}), ...(failure !== undefined ? { failure } : {}), runtimeClients: [...runtimeClients] };
  }
  return out;
}

/** Keeps the picks as data in run.json (`baselines.lambdaPowerTuning`), one entry per workload × size × target. */
function recordTuning(context: RunContext, entry: PowerTuningRecord): void {
  context.baselines.lambdaPowerTuning.push(entry);
}

/** Power Tuning picks per target across memory × arch; returns which picks each function earned. */
function tuningPicks(
  summaries: ReadonlyMap<PlannedFunction, RowSummary>,
  acrossArch: boolean,
  report: (target: string, arch: Arch | undefined, picks: TuningPicks) => void,
): Map<PlannedFunction, PowerTuningPick[]> {
  const earned = new Map<PlannedFunction, PowerTuningPick[]>();
  const groupOf = (f: PlannedFunction): string => `${acrossArch ? f.target : `${f.target} ${f.arch}`}${f.node === undefined ? '' : ` node${f.node}`}`;
  const groups = [...new Set([...summaries.keys()].map(groupOf))];
  for (const group of groups) {
    // Rows without REPORT have no Duration or cost to pick by.
    const completed = [...summaries].filter(([f, s]) => groupOf(f) === group && s.state === 'completed' && s.tuning !== undefined) as Array<
      [PlannedFunction, Extract<RowSummary, { state: 'completed' }> & { tuning: TuningCandidate }]
    >;
    const picks = pickPowerTuning(completed.map(([, s]) => s.tuning));
    if (!picks) continue;
    const first = completed[0]?.[0];
    if (first && completed.length > 1) report(first.node === undefined ? first.target : `${first.target} on Node ${first.node}`, acrossArch ? undefined : first.arch, picks);
    for (const [f, s] of completed) {
      const mine = POWER_TUNING_PICKS.filter((k) => picks[k] === s.tuning);
      earned.set(f, [...mine]);
    }
  }
  return earned;
}

/** "nodejs22.x on v22.23.5, nodejs24.x on the host's v20.20.2 (skipped: ...)" from the local Lambda's status. */
function runtimeWords(runtimes: LocalLambdaStatus['runtimes']): string {
  const entries = Object.entries(runtimes ?? {});
  if (entries.length === 0) return 'no function created yet';
  return entries.map(([runtime, r]) => (r.substituteReason ? `${runtime} on the host's ${r.nodeVersion}, FLAGGED: ${r.substituteReason}` : `${runtime} on ${r.nodeVersion}`)).join(', ');
}

/** Run notes about the endpoint: prices, and what a local Lambda does and does not emulate. */
async function endpointNotes(context: RunContext, lambda: LambdaOptions, session: LambdaSession, price: PriceChoice): Promise<void> {
  const { sink } = context;
  sink.note(pricingNote(price) + (session.endpoint.kind === 'aws' ? '' : `; ${session.endpoint.label} is priced as if it ran in ${price.region}`));
  sink.note(
    "lambda rows: `warm` is REPORT Duration (what Lambda measures and bills); each row's `lambda` block has client round trip, Duration, Billed Duration and the handler's own time side by side, warm and forced-cold, " +
      'and `warm.overhead`, the client round trip minus the Duration of the same invocation',
  );
  sink.note(
    `lambda warm samples come from ${lambda.environments} execution environment(s) per function, ${lambda.samples} invocation(s) each; every environment after the first is forced fresh ` +
      '(a configuration change: one cold start each, kept as a forced-cold sample). Warm medians, intervals and ratios to node take each environment as one unit ' +
      `(fewer than ${MIN_PROCESSES}: no verdict); cold ratios compare Init Duration + Duration of forced cold starts (fewer than ${MIN_BOOTSTRAP_SAMPLES}: no verdict)`,
  );
  sink.note(
    lambda.warmup > 0
      ? `lambda warm samples follow ${lambda.warmup} untimed, verified round(s) per function in each environment; in the first, calls to each group's quickest function until the timed SDK client has made ${CLIENT_WARMUP_CALLS} calls in the run (at most ${CLIENT_WARMUP_BUDGET_MS / 1000} s a group): its code needs that many to be optimised`
      : 'lambda warm samples follow no warm-up (--lambda-warmup 0): the first ones include the SDK client\'s unoptimised code, up to ~1 ms more per call',
  );
  if (session.endpoint.kind === 'aws') return;
  const status = await session.status();
  if (status) {
    sink.note(
      `local Lambda at ${session.endpoint.label}: handlers run on the Node major their Runtime names (${status.runtimes ? 'which one: the runtimes note' : `an older server: the host's Node.js ${status.nodeVersion}, whatever Runtime says`}); ` +
        `runtime client ${status.runtimeClient}${status.runtimeClientReason ? ` (${status.runtimeClientReason})` : ''}; ` +
        (status.cpuLimit === 'none'
          ? `CPU NOT limited (${status.cpuLimitReason ?? 'cgroups unavailable'}): memory sizes do not change the CPU share, unlike Lambda`
          : `CPU limited by ${status.cpuLimit} to memory/1769 of a core, as Lambda allocates CPU`),
    );
  }
  if (lambda.arch.includes('arm64')) {
    sink.note('arm64 on a local Lambda runs on this host\'s CPU: the architecture is recorded and priced at the arm64 rate, but not emulated; arm64 timings here are not Graviton timings');
  }
  sink.note('lambda client round trips on a local endpoint are loopback HTTP; on AWS they include the network path from this machine to the region');
}
