/**
 * Definitions of run.schema.json for the run as a whole (harness/contract/
 * run.ts, config.ts, baselines.ts and the samples run.json keeps in
 * `progress`): environment, owner, recorded options, baselines, progress.
 * Every object is closed. Part of the bottom layer: imports only the contract.
 */
import { bool, closed, count, mapOf, nonEmptyText, nonNegative, numberList, ref, sizeName, stringList, targetName, text, type JsonSchema } from './json-schema.js';

const sizeList: JsonSchema = { type: 'array', items: sizeName };
const positiveInteger: JsonSchema = { type: 'integer', minimum: 1 };
const memory = closed({ rssBytes: nonNegative, heapUsedBytes: nonNegative, heapTotalBytes: nonNegative, externalBytes: nonNegative, arrayBuffersBytes: nonNegative });

const completedSample = {
  processStartNs: nonNegative,
  timeToFirstResultNs: nonNegative,
  timeToFirstResultChildNs: nonNegative,
  harnessNs: nonNegative,
  phases: { type: 'array', items: closed({ name: nonEmptyText, ns: nonNegative }) },
  callsNs: numberList(nonNegative),
  verified: bool,
  memoryAfterFirstCall: memory,
  memoryAtEnd: memory,
  wasmMemoryAfterFirstCallBytes: nonNegative,
  wasmMemoryAtEndBytes: nonNegative,
  maxRssBytes: nonNegative,
  cpuUserUs: nonNegative,
  cpuSystemUs: nonNegative,
} satisfies Record<string, JsonSchema>;

const erroredSample = {
  failure: { enum: ['timeout', 'crash', 'exit-code', 'bad-message', 'spawn', 'mismatch', 'prepare'] },
  error: text,
  stderrTail: text,
  exitCode: { type: ['integer', 'null'] },
  signal: { type: ['string', 'null'] },
} satisfies Record<string, JsonSchema>;

/** The run-level definitions, by name. */
export const RUN_DEFS: Readonly<Record<string, JsonSchema>> = {
  owner: closed(
    { pid: positiveInteger, hostname: text, startTicks: count, bootId: text },
    ['startTicks', 'bootId'],
    'The process measuring the run (pid, host, start time in clock ticks since boot, boot id): a reader tells a live run from a dead one.',
  ),
  environment: closed(
    {
      node: text,
      v8: text,
      execArgv: stringList,
      cpu: text,
      cores: positiveInteger,
      os: text,
      totalMemoryBytes: count,
      git: { type: ['string', 'null'] },
      gitDirty: bool,
      tools: mapOf(text),
      artifactHashes: mapOf(text),
    },
    ['gitDirty'],
  ),
  lambdaConfig: closed(
    {
      memory: numberList({ type: 'integer', minimum: 128, maximum: 10_240 }),
      arch: { type: 'array', items: { enum: ['x86_64', 'arm64'] } },
      endpoint: nonEmptyText,
      aws: bool,
      region: nonEmptyText,
      deploy: bool,
      prefix: text,
      role: text,
      runtime: nonEmptyText,
      timeoutSeconds: positiveInteger,
      samples: positiveInteger,
      environments: positiveInteger,
      warmup: count,
      coldSamples: count,
      sizes: sizeList,
      load: ref('loadConfig'),
    },
    ['endpoint', 'region', 'role', 'environments', 'warmup', 'load'],
    'The Lambda placement options as recorded (the role with its account id masked).',
  ),
  runConfig: closed(
    {
      workloads: stringList,
      targets: { type: 'array', items: targetName },
      sizes: sizeList,
      sizesExplicit: bool,
      placements: { type: 'array', items: { enum: ['local', 'lambda'] } },
      timeMs: count,
      warmupMs: count,
      rounds: positiveInteger,
      forks: positiveInteger,
      maxForks: positiveInteger,
      resolveBudgetMs: count,
      controls: bool,
      seed: { type: 'integer' },
      coldSamples: count,
      coldSizes: sizeList,
      engines: stringList,
      coldCalls: count,
      coldCallBudgetMs: count,
      coldTimeoutMs: count,
      quick: bool,
      wide: bool,
      outDir: text,
      node: stringList,
      lambda: ref('lambdaConfig'),
    },
    ['forks', 'maxForks', 'resolveBudgetMs', 'controls', 'wide', 'node'],
    'The options the run was given, after defaults (fields added later are absent in older runs).',
  ),
  emptyProcessBaseline: {
    description: 'An empty node process measured like a cold target, per V8 configuration: what a bare start costs.',
    type: 'object',
    required: ['engine', 'state'],
    properties: { engine: nonEmptyText, state: { enum: ['completed', 'errored'] } },
    allOf: [
      {
        if: { properties: { state: { const: 'completed' } } },
        then: { required: ['cold', 'resources'], properties: { cold: ref('coldStats'), resources: ref('processResources') } },
        else: { required: ['error'], properties: { error: nonEmptyText } },
      },
    ],
    unevaluatedProperties: false,
  },
  baselines: closed(
    {
      emptyProcess: { type: 'array', items: ref('emptyProcessBaseline') },
      lambdaPowerTuning: { type: 'array', items: ref('powerTuningRecord') },
      lambdaLoad: ref('loadRecord'),
    },
    ['emptyProcess', 'lambdaPowerTuning', 'lambdaLoad'],
  ),
  coldItem: {
    type: 'object',
    required: ['kind', 'engine'],
    properties: { kind: { enum: ['target', 'baseline'] }, engine: nonEmptyText },
    allOf: [{ if: { properties: { kind: { const: 'target' } } }, then: { required: ['workload', 'target', 'size'], properties: { workload: nonEmptyText, target: targetName, size: sizeName } } }],
    unevaluatedProperties: false,
  },
  keptColdSample: {
    description: 'A cold sample of the unfinished cold mode, without what every sample repeats (command line, Node and V8 versions).',
    type: 'object',
    required: ['type', 'item', 'key', 'round', 'sequence', 'wallNs', 'state'],
    properties: { type: { const: 'cold' }, item: ref('coldItem'), key: nonEmptyText, round: count, sequence: count, wallNs: nonNegative, state: { enum: ['completed', 'errored'] } },
    allOf: [
      {
        if: { properties: { state: { const: 'completed' } } },
        then: {
          required: Object.keys(completedSample).filter((k) => !['verified', 'wasmMemoryAfterFirstCallBytes', 'wasmMemoryAtEndBytes'].includes(k)),
          properties: completedSample,
        },
        else: { required: Object.keys(erroredSample), properties: erroredSample },
      },
    ],
    unevaluatedProperties: false,
  },
  progress: closed(
    {
      planned: stringList,
      finished: stringList,
      coldSamples: { type: 'array', items: ref('keptColdSample') },
      lambdaGroup: closed({ group: nonEmptyText, functions: mapOf(ref('pendingLambdaFunction')) }),
    },
    ['coldSamples', 'lambdaGroup'],
    'Planned and finished groups (resume skips finished ones) and the raw samples of unfinished ones.',
  ),
};
