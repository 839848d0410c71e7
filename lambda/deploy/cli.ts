/**
 * `npm run deploy` and `npm run teardown`.
 *
 *   npm run deploy -- --role <arn> [--region r] [--memory 128,512,1024,1769,3008] [--arch x86_64,arm64]
 *                     [--prefix wlb-] [--endpoint <url>] [--workloads a,b] [--targets node,wasm]
 *                     [--no-eventbridge] [--schedule "rate(1 minute)"]
 *   npm run teardown -- [--region r] [--prefix wlb-] [--endpoint <url>]
 *
 * Deploy creates the functions, then (unless --no-eventbridge) the load
 * path's EventBridge bus, rules, targets and invoke permissions, and with
 * --schedule a scheduled rule per function (eventbridge.ts); teardown
 * removes those first, then the functions (eventbridge-teardown.ts,
 * teardown.ts). Both leave alone what does not carry the project tag.
 *
 * Without --endpoint both talk to real AWS through the standard credential
 * chain (AWS_PROFILE, AWS_REGION, ...); with it, to that Lambda-API endpoint
 * (e.g. `npm run lambda:local`). Exit codes: 0 done, 1 a function failed, 2 usage.
 */
import { pathToFileURL } from 'node:url';
import { LambdaApiCallError } from '../measure/api-errors.js';
import { exitQuietlyOnClosedStdout, UsageError } from '../../harness/options/errors.js';
import { flagHelp } from '../../harness/options/help.js';
import { lambdaOptions } from '../../harness/options/lambda.js';
import { LAMBDA_FLAGS } from '../../harness/options/lambda-flags.js';
import { isDimension, runtimeOf } from '../../harness/node-builds/select.js';
import { tokenize, toValues } from '../../harness/options/parse.js';
import { BENCH_DEFAULTS, LAMBDA_DEFAULTS } from '../../harness/options/profiles.js';
import { checkSchedule } from '../../harness/options/load-flags.js';
import { DEPLOY_FLAGS, TEARDOWN_FLAGS } from '../../harness/options/tool-flags.js';
import { ROOT } from '../../harness/paths.js';
import { targetNames } from '../../harness/targets/index.js';
import { discoverWorkloadSources } from '../../harness/workloads/discover.js';
import type { TargetName } from '../../harness/contract/index.js';

const USAGE = `npm run deploy -- --role <arn> [--region r] [--memory a,b] [--arch a,b] [--prefix p] [--endpoint url] [--workloads a,b] [--targets a,b] [--runtime id | --node 22,24] [--lambda-timeout s] [--no-eventbridge] [--schedule expr]
npm run teardown -- [--region r] [--prefix p] [--endpoint url]
Without --endpoint: real AWS (standard credential chain). --role is required for AWS.

deploy options:
${flagHelp(DEPLOY_FLAGS, { defaults: LAMBDA_DEFAULTS })}

teardown options:
${flagHelp(TEARDOWN_FLAGS, { defaults: LAMBDA_DEFAULTS })}`;

/**
 * Every flag either command could be given: the other Lambda flags belong to
 * `npm run bench` and are read only to be refused with a pointer there, rather than called unknown.
 */
const READ_FLAGS = { ...LAMBDA_FLAGS, ...DEPLOY_FLAGS } as const;

/**
 * The runtimes `--node` deploys, named as the bench names them (harness/node-builds/select.ts):
 * across Node versions one function per major; the host's major alone is a plain runtime.
 */
function nodeSettings(node: readonly number[] | undefined): { nodes?: string[]; runtime?: string } {
  if (node === undefined) return {};
  const majors = [...new Set(node.map(String))];
  return isDimension(majors) ? { nodes: majors } : { runtime: runtimeOf(majors[0] as string) };
}

async function main(command: string | undefined, argv: readonly string[]): Promise<number> {
  if (command !== 'deploy' && command !== 'teardown') throw new UsageError(`unknown command "${command ?? ''}": use npm run deploy or npm run teardown`);
  const tokens = tokenize(argv, READ_FLAGS);
  if (tokens.raw.help === true) {
    console.log(USAGE);
    return 0;
  }
  if (tokens.raw.aws === true && tokens.raw.endpoint !== undefined) throw new UsageError('--aws and --endpoint exclude each other (without --endpoint, deploy and teardown talk to AWS)');
  const allowed: readonly string[] = Object.keys(command === 'deploy' ? DEPLOY_FLAGS : TEARDOWN_FLAGS);
  const stray = tokens.given.find((name) => !allowed.includes(name));
  if (stray !== undefined) {
    const where = command === 'teardown' && stray in DEPLOY_FLAGS ? 'npm run deploy' : 'npm run bench -- --placements lambda';
    throw new UsageError(`--${stray} does not apply to npm run ${command} (it is a flag of ${where}); see --help`);
  }
  if (command === 'deploy' && tokens.raw.endpoint === undefined && tokens.raw.role === undefined) {
    throw new UsageError('deploying to AWS needs --role <execution role ARN> (README, Lambda section: "On AWS, step by step"); to deploy to a local Lambda, pass --endpoint <url>');
  }
  if (tokens.given.includes('node') && tokens.given.includes('runtime')) throw new UsageError('--runtime and --node both choose the runtime: drop one');
  if (tokens.given.includes('schedule') && tokens.given.includes('no-eventbridge')) throw new UsageError('--schedule creates EventBridge rules and --no-eventbridge none: drop one');
  // Checked before anything is built or contacted, so a typo answers at once.
  const values = toValues(tokens, READ_FLAGS, { defaults: LAMBDA_DEFAULTS, choices: { targets: targetNames(), workloads: discoverWorkloadSources(ROOT).map((source) => source.name) } });
  const { targets: targetsFlag, workloads: workloadsFlag } = values;
  const schedule = values.schedule === undefined ? undefined : checkSchedule(values.schedule);
  // Deploy and teardown default to AWS: --aws is implied unless --endpoint is given.
  const options = lambdaOptions({ ...values, aws: values.endpoint === undefined, 'no-deploy': command === 'teardown' });
  if (command === 'deploy') await buildPackages();
  // Loaded only now: the AWS SDK and the packaging code take seconds to load, and a usage error above should not wait for them.
  const [{ awsEndpoint, lambdaClient, urlEndpoint }, { deployAll }, { planFunctions }, { teardown }, { loadCatalog }, { packagedTargets }, eventBridge, { teardownEventBridge }] = await Promise.all([
    import('./endpoint.js'),
    import('./deploy.js'),
    import('./plan.js'),
    import('./teardown.js'),
    import('../../harness/workloads/catalog.js'),
    import('../package/build.js'),
    import('./eventbridge.js'),
    import('./eventbridge-teardown.js'),
  ]);
  const endpoint = options.aws ? await awsEndpoint(options.region) : urlEndpoint('endpoint', options.endpoint as string, options.region);
  const client = lambdaClient(endpoint, { timed: false });
  const events = eventBridge.eventBridgeClient(endpoint);
  const log = (line: string): void => console.log(line);
  try {
    if (command === 'teardown') {
      // EventBridge first: the invoke permissions are removed from functions that still exist.
      // A failed look-up (an identity without events:* that deployed with --no-eventbridge, an endpoint without EventBridge)
      // is one line, not a failure of the teardown; a removal that failed is (the resource is still there).
      const bus = await teardownEventBridge(events, client, options.prefix).catch((error: unknown) => ({
        lines: [], failures: [], summary: `EventBridge not checked: ${describeError(error)}`,
      }));
      for (const line of bus.lines) log(line);
      const outcome = await teardown(client, options.prefix, log);
      log(bus.summary);
      log(`teardown on ${endpoint.label}: ${outcome.deleted.length} function(s) deleted, ${outcome.skipped.length} left alone (no project tag)`);
      return bus.failures.length > 0 ? 1 : 0;
    }
    const catalog = await loadCatalog();
    const names = catalog.map((e) => e.definition.name);
    const selected = workloadsFlag ?? names;
    const workloads = catalog.filter((e) => selected.includes(e.definition.name)).map((e) => e.definition);
    const allTargets = [...new Set(workloads.flatMap((w) => packagedTargets(w)))];
    const targets = (targetsFlag ?? allTargets) as TargetName[];
    const plan = planFunctions(workloads, targets, { ...options, ...nodeSettings(values.node) });
    for (const gap of plan.undeployable) log(`skip ${gap.workload}/${gap.target}: ${gap.reason}`);
    let failures = 0;
    let uploaded = 0;
    const counts = { created: 0, updated: 0, unchanged: 0 };
    const results = await deployAll(client, plan.functions, {
      maxWaitTime: options.aws ? 300 : 60,
      concurrency: 4,
      onResult: (result) => {
        if ('error' in result) {
          failures += 1;
          log(`FAILED    ${result.spec.name}: ${describeError(result.error)}`);
          return;
        }
        const { outcome } = result;
        counts[outcome.action] += 1;
        uploaded += outcome.uploadedBytes;
        const config = outcome.configChanged.length > 0 ? `, configuration: ${outcome.configChanged.join(', ')}` : '';
        log(`${outcome.action.padEnd(9)} ${outcome.name} (${outcome.uploadedBytes} bytes uploaded${config})`);
      },
    });
    log(`deploy to ${endpoint.label}: ${counts.created} created, ${counts.updated} updated, ${counts.unchanged} unchanged, ${failures} failed; ${uploaded} bytes uploaded`);
    if (values['no-eventbridge'] !== true) {
      const deployed = plan.functions.filter((_, i) => results[i] !== undefined && !('error' in (results[i] as object)));
      // The scheduled rules pass each workload's small input at seed 1, the bench's defaults, so a load run reads back the same digest.
      const eventJson = schedule === undefined ? new Map<string, string>() : await workloadEvents(catalog, deployed.map((f) => f.workload));
      try {
        const outcomes = await eventBridge.ensureEventBridge(
          events, client, deployed.map((f) => ({ name: f.name, ...(eventJson.has(f.workload) ? { eventJson: eventJson.get(f.workload) as string } : {}) })),
          { prefix: options.prefix, ...(schedule !== undefined ? { schedule } : {}) },
          (o) => log(`${o.action.padEnd(9)} ${o.kind} ${o.name}${o.reason !== undefined ? `: ${o.reason}` : ''}`),
        );
        const c = eventBridge.countOutcomes(outcomes);
        log(`eventbridge on ${endpoint.label}: ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged${c.skipped > 0 ? `, ${c.skipped} skipped` : ''}`);
      } catch (error) {
        failures += 1;
        log(`FAILED    eventbridge: ${describeError(error)}`);
      }
    }
    return failures > 0 ? 1 : 0;
  } finally {
    client.destroy();
    events.destroy();
  }
}

/** Each workload's event (encodeEvent's JSON) at the small size and the bench's default seed; a workload whose reference fails has none. */
async function workloadEvents(catalog: readonly import('../../harness/workloads/catalog.js').CatalogEntry[], workloads: readonly string[]): Promise<Map<string, string>> {
  const [{ prepareReference }, { encodeEvent }] = await Promise.all([import('../../harness/run/reference.js'), import('../handlers/protocol.js')]);
  const events = new Map<string, string>();
  for (const entry of catalog.filter((e) => workloads.includes(e.definition.name))) {
    const reference = await prepareReference(entry, 'small', BENCH_DEFAULTS.seed);
    if (reference.state === 'ready') events.set(entry.definition.name, JSON.stringify(encodeEvent(reference.input)));
  }
  return events;
}

/**
 * One error as the user reads it. Known errors are written for the user and
 * name what failed (`ListFunctions → connection refused ...`, a flag to
 * change): their message alone, without the class name. Anything else is a
 * bug: name, message and stack, so it can be found.
 */
export function describeError(error: unknown): string {
  if (error instanceof LambdaApiCallError || error instanceof UsageError) return error.message;
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}

/** Builds what deploy uploads (cached: unchanged steps are skipped). Here, not in a predeploy script, so --help and usage errors do not wait for a build. */
async function buildPackages(): Promise<void> {
  const { buildAll } = await import('../../harness/tools/build-all.js');
  const counts = await buildAll((line) => process.stderr.write(`[build] ${line}\n`));
  process.stderr.write(`[build] ${counts.built} built, ${counts.fresh} up to date\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  // The SDK's six-line notice that its 2027 releases need Node 22 would precede every one-line answer of this CLI; the project runs on Node 20 (package.json engines).
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  exitQuietlyOnClosedStdout();
  main(process.argv[2], process.argv.slice(3)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      if (error instanceof UsageError) {
        process.stderr.write(`error: ${error.message}\n`);
        process.exit(2);
      }
      process.stderr.write(`error: ${describeError(error)}\n`);
      process.exit(1);
    },
  );
}
