/**
 * The flags of every command besides `npm run bench`: deploy and teardown
 * (a subset of the Lambda flags, plus the selection), lambda:local, report,
 * expected, compare, control-rates, mutation, build and the bad-inputs
 * check. Declared here so that each is parsed, checked and listed in --help
 * the same way as bench's; their defaults are in profiles.ts.
 */
import type { FlagSet } from './declare.js';
import { LAMBDA_FLAGS } from './lambda-flags.js';
import { LOAD_FLAGS } from './load-flags.js';

const HELP = { kind: 'boolean', help: 'this text' } as const;

/** `npm run deploy`: what to deploy and where; the selection of workloads and targets (targets known at run time). */
export const DEPLOY_FLAGS = {
  role: LAMBDA_FLAGS.role,
  region: LAMBDA_FLAGS.region,
  memory: LAMBDA_FLAGS.memory,
  arch: LAMBDA_FLAGS.arch,
  prefix: LAMBDA_FLAGS.prefix,
  endpoint: { ...LAMBDA_FLAGS.endpoint, help: 'a Lambda-API endpoint such as npm run lambda:local prints (default: real AWS)' },
  aws: { ...LAMBDA_FLAGS.aws, help: 'real AWS (the default without --endpoint)' },
  workloads: { kind: 'list', value: 'a,b', help: 'workloads to deploy (default: all)' },
  targets: { kind: 'list', value: 'a,b', help: 'targets to deploy (default: every target a workload packages)' },
  runtime: LAMBDA_FLAGS.runtime,
  node: {
    kind: 'integer-list', value: '22,24',
    help: 'Node majors: one function per major (runtime nodejs<major>.x, named as npm run bench -- --node names them); instead of --runtime',
    bounds: { min: 1, max: 999, why: 'a Node.js major version' },
  },
  'lambda-timeout': LAMBDA_FLAGS['lambda-timeout'],
  'no-eventbridge': {
    kind: 'boolean',
    help: 'deploy the functions only: no load bus, rules, targets or invoke permissions\n(the load paths eventbridge and scheduled need them)',
  },
  schedule: {
    kind: LOAD_FLAGS.schedule.kind, value: LOAD_FLAGS.schedule.value,
    help: 'also a scheduled rule per function on the default bus, e.g. "rate(1 minute)": its\n' +
      "target passes the workload's small input (seed 1) with the scheduled time; it fires, and\n" +
      'bills, until npm run teardown (the load path scheduled measures it)',
  },
  help: HELP,
} as const satisfies FlagSet;

/** `npm run teardown`: where, and which functions and EventBridge resources (by prefix). */
export const TEARDOWN_FLAGS = {
  region: DEPLOY_FLAGS.region,
  prefix: DEPLOY_FLAGS.prefix,
  endpoint: DEPLOY_FLAGS.endpoint,
  aws: DEPLOY_FLAGS.aws,
  help: HELP,
} as const satisfies FlagSet;

/** `npm run lambda:local`. */
export const LOCAL_LAMBDA_FLAGS = {
  port: {
    kind: 'integer', value: '<n>', help: 'TCP port on 127.0.0.1 (default {default}; 0 picks a free one)',
    bounds: { min: 0, max: 65_535, why: 'a TCP port; 0 picks a free one' },
  },
  region: { kind: 'string', value: '<name>', help: 'region in ARNs and AWS_REGION (default {default})' },
  'idle-ms': {
    kind: 'integer', value: '<ms>', help: 'evict environments idle this long (default {default})',
    // setTimeout fires at once past 2^31 ms, so an unbounded idle time would evict immediately.
    bounds: { min: 0, max: 86_400_000, unit: 'ms', why: 'at most a day; 0 evicts after every invocation' },
  },
  'max-concurrency': {
    kind: 'integer', value: '<n>', help: "account concurrency limit (default: AWS's 1000 scaled to this host's memory)",
    // 0 would throttle every invocation; every environment is a process, and 1000 is Lambda's default account limit.
    bounds: { min: 1, max: 1000, why: 'invocations and environments at once; each environment is a process' },
  },
  'runtime-client': {
    kind: 'string', value: '<c>', choices: ['auto', 'aws-lambda-ric', 'fallback'], item: 'runtime client',
    help: '{choices} (default {default})',
  },
  'no-cgroups': { kind: 'boolean', help: 'never limit CPU and memory with cgroups' },
  'no-freeze': { kind: 'boolean', help: 'do not SIGSTOP idle environments' },
  logs: { kind: 'boolean', help: 'print every function log line to stderr' },
  help: HELP,
} as const satisfies FlagSet;

/** `npm run report`. */
export const REPORT_FLAGS = {
  index: { kind: 'boolean', help: 'write results/published/index.md: each published run and its headline verdicts' },
  help: HELP,
} as const satisfies FlagSet;

/** `npm run expected` and `npm run build`: no flag but --help. */
export const HELP_ONLY_FLAGS = { help: HELP } as const satisfies FlagSet;

/** `npm run compare`. */
export const COMPARE_FLAGS = {
  // A percentage with decimals, not a whole number: read by the compare tool itself.
  noise: { kind: 'string', value: '<percent>', help: 'changes within this many percent are "no change" (default {default})' },
  markdown: { kind: 'string', value: '<file>', help: 'also write the comparison as a Markdown table' },
  'fail-on-regression': { kind: 'boolean', help: 'exit 1 when any figure got slower beyond the noise (for CI)' },
  help: HELP,
} as const satisfies FlagSet;

/** `npm run control-rates`. */
export const CONTROL_RATES_FLAGS = {
  repeats: {
    kind: 'integer', value: '<n>', help: 'self-check runs to repeat (default {default})',
    bounds: { min: 1, max: 1000, why: 'each repeat is a full self-check run' },
  },
  quick: { kind: 'boolean', help: 'pass --quick to every self-check run' },
  forks: { kind: 'integer', value: '<n>', help: 'processes per repeat (default: the self-check\'s own)', bounds: { min: 1, max: 100, why: 'processes per repeat' } },
  help: HELP,
} as const satisfies FlagSet;

/** `npm run mutation`. */
export const MUTATION_FLAGS = {
  mutate: { kind: 'string', value: '<globs>', help: 'only these files, e.g. --mutate \'harness/stats/*.ts,!harness/stats/*.test.ts\'' },
  concurrency: { kind: 'integer', value: '<n>', help: 'Stryker workers (the config\'s default: 2)', bounds: { min: 1, max: 64, why: 'Stryker workers' } },
  help: HELP,
} as const satisfies FlagSet;

/** `npx tsx harness/tools/bad-inputs.ts` (the `only` names are the npm scripts, known to that tool). */
export const BAD_INPUTS_FLAGS = {
  direct: { kind: 'boolean', help: 'run each case without npm (about half a second a case less)' },
  jobs: { kind: 'integer', value: '<n>', help: 'cases at once (default {default})', bounds: { min: 1, max: 4, why: 'the machine is shared' } },
  only: { kind: 'list', value: 'a,b', help: 'only the cases of these npm scripts' },
  help: HELP,
} as const satisfies FlagSet;

/** `npx tsx harness/tools/kill-test.ts`. */
export const KILL_TEST_FLAGS = {
  only: { kind: 'list', value: 'a,b', choices: ['SIGKILL', 'SIGINT', 'SIGTERM'], item: 'signal', help: 'only these signals (default: all three)' },
  keep: { kind: 'boolean', help: 'keep the run directories' },
  help: HELP,
} as const satisfies FlagSet;
