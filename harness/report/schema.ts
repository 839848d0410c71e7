/**
 * JSON Schema (draft 2020-12) of run.json, schemaVersion 1, written from
 * harness/types.ts. Committed as results/run.schema.json (a test keeps the
 * file and this module identical) and written into every run directory so
 * a run is self-describing.
 *
 * Objects stay open (no `additionalProperties: false`): the contract is
 * "extend it, never rename it", and placement-specific blocks (Lambda REPORT
 * figures, costs) arrive as extra fields on completed results. The small
 * value objects of the process-level intervals (issue 12: replication basis,
 * fork spread, outlier counts, calibration controls) are closed instead: each
 * is complete as defined, and a misspelt field there would silently drop the
 * fact a verdict rests on.
 */
import { FAILURE_KINDS, VERDICTS } from '../types.js';
import type { Exporter } from './exporter.js';

type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/$defs/${name}` });
const number: Schema = { type: 'number' };
const nonNegative: Schema = { type: 'number', minimum: 0 };
const count: Schema = { type: 'integer', minimum: 0 };
const text: Schema = { type: 'string' };
const nonEmptyText: Schema = { type: 'string', minLength: 1 };
const stringList: Schema = { type: 'array', items: text };
const positive: Schema = { type: 'number', exclusiveMinimum: 0 };

/** A closed object: every listed property required, nothing else allowed. */
const closed = (properties: Record<string, Schema>, description?: string): Schema => ({
  ...(description ? { description } : {}),
  type: 'object',
  required: Object.keys(properties),
  properties,
  additionalProperties: false,
});

/** Properties of TimingStats, shared by WarmStats. */
const timingProperties: Record<string, Schema> = {
  medianNs: nonNegative,
  p75Ns: nonNegative,
  p99Ns: nonNegative,
  madNs: nonNegative,
  meanNs: nonNegative,
  minNs: nonNegative,
  maxNs: nonNegative,
  samples: count,
  ci95Ns: ref('interval'),
  outliers: ref('outlierCounts'),
};
/** TimingStats fields every timing block has (outliers are absent in older runs). */
const timingRequired = Object.keys(timingProperties).filter((name) => name !== 'outliers');

const artifactSizes: Record<string, Schema> = { raw: count, gzip: count, brotli: count };

/** Fields every result has, whatever its status (ResultBase). */
const resultBaseProperties: Record<string, Schema> = {
  workload: nonEmptyText,
  target: ref('targetName'),
  placement: { enum: ['local', 'lambda'] },
  size: { enum: ['small', 'medium', 'large'] },
  engine: text,
  nodeVersion: text,
  v8Version: text,
  verified: { type: 'boolean' },
  verifiedAgainst: { enum: ['committed', 'node-reference'] },
  build: { type: 'object' },
  notes: stringList,
};
const resultBaseRequired = ['workload', 'target', 'placement', 'size', 'verified', 'status'];

/** The schema object itself (plain JSON data). */
export const RUN_SCHEMA: Schema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'wasm-lambda-bench run.json (schemaVersion 1)',
  description:
    'One benchmark run: environment, options and one result per workload x target x placement x size (x engine). ' +
    'Results are a union on status; errored and unsupported rows carry a reason and never timings. Objects are open for extension.',
  type: 'object',
  required: ['schemaVersion', 'runId', 'startedAt', 'finishedAt', 'environment', 'config', 'results'],
  properties: {
    schemaVersion: { const: 1 },
    runId: nonEmptyText,
    startedAt: { type: 'string', format: 'date-time' },
    finishedAt: { type: 'string', format: 'date-time' },
    state: {
      description: 'running (being measured, or its process died unseen), completed, interrupted (SIGINT/SIGTERM or a dead process), failed (fatal error). Absent in runs written before states existed: complete.',
      enum: ['running', 'completed', 'interrupted', 'failed'],
    },
    owner: ref('owner'),
    ending: {
      description: 'Why a run that is not completed stopped.',
      type: 'object',
      required: ['at', 'reason', 'recordedBy'],
      properties: { at: { type: 'string', format: 'date-time' }, signal: text, reason: nonEmptyText, recordedBy: { enum: ['run', 'guardian', 'reader'] } },
    },
    resumes: {
      description: 'Every --resume of the run: when, by which process, in which environment.',
      type: 'array',
      items: {
        type: 'object',
        required: ['at', 'owner', 'environment', 'finishedBefore'],
        properties: { at: { type: 'string', format: 'date-time' }, owner: ref('owner'), environment: ref('environment'), finishedBefore: count },
      },
    },
    progress: {
      description: 'Planned and finished groups (resume skips finished ones) and the raw samples of unfinished ones.',
      type: 'object',
      required: ['planned', 'finished'],
      properties: {
        planned: stringList,
        finished: stringList,
        coldSamples: { type: 'array', items: { type: 'object' } },
        lambdaGroup: { type: 'object', required: ['group', 'functions'], properties: { group: nonEmptyText, functions: { type: 'object' } } },
      },
    },
    environment: ref('environment'),
    config: { type: 'object' },
    results: { type: 'array', items: ref('result') },
    baselines: { type: 'object' },
    notes: stringList,
    calibration: ref('runCalibration'),
  },
  $defs: {
    targetName: {
      description: 'A target\'s name. The registry (harness/targets/index.ts) is the list of targets; any well-formed name is accepted, so runs of targets added or removed since stay readable.',
      type: 'string',
      pattern: '^[a-z][a-z0-9-]*$',
    },
    owner: {
      description: 'The process measuring the run (pid, host, start time in clock ticks since boot, boot id): a reader tells a live run from a dead one.',
      type: 'object',
      required: ['pid', 'hostname'],
      properties: { pid: { type: 'integer', minimum: 1 }, hostname: text, startTicks: count, bootId: text },
    },
    interval: {
      description: '[low, high] bounds of a 95% confidence interval.',
      type: 'array',
      items: number,
      minItems: 2,
      maxItems: 2,
    },
    environment: {
      type: 'object',
      required: ['node', 'v8', 'execArgv', 'cpu', 'cores', 'os', 'totalMemoryBytes', 'git', 'tools', 'artifactHashes'],
      properties: {
        node: text,
        v8: text,
        execArgv: stringList,
        cpu: text,
        cores: { type: 'integer', minimum: 1 },
        os: text,
        totalMemoryBytes: count,
        git: { type: ['string', 'null'] },
        gitDirty: { type: 'boolean' },
        tools: { type: 'object', additionalProperties: text },
        artifactHashes: { type: 'object', additionalProperties: text },
      },
    },
    warmStats: {
      description: 'Steady-state in-process figures, nanoseconds per call.',
      type: 'object',
      required: [...timingRequired, 'callsPerSample'],
      properties: { ...timingProperties, callsPerSample: { type: 'integer', minimum: 1 }, forks: ref('forkSpread') },
    },
    outlierCounts: closed(
      { low: count, high: count, severe: count },
      "Samples beyond Tukey's fences (1.5 IQR past the quartiles; severe: 3 IQR, also counted in low or high), counted and kept.",
    ),
    forkSpread: closed(
      {
        forks: { type: 'integer', minimum: 1 },
        mediansNs: { type: 'array', minItems: 1, items: nonNegative },
        betweenCv: nonNegative,
        withinCv: nonNegative,
      },
      'A warm row measured in several fresh processes: per-process medians, the spread between them and the typical spread within one (relative, as fractions).',
    ),
    verdict: {
      description:
        'faster / slower: the CI excludes 1. no-significant-difference: it contains 1 and lies within the noise band. unresolved: it contains 1 but is wider. ' +
        'too-few-samples: too few independent units for a verdict.',
      enum: [...VERDICTS],
    },
    replicationBasis: closed(
      { unit: { enum: ['process', 'environment', 'sample'] }, count },
      'What a CI rests on: fresh processes, Lambda execution environments, or the samples of one process or environment (no between-process variation).',
    ),
    vsBaseline: {
      description: 'Target median / node median (below 1 = faster than node) with its 95% CI and verdict.',
      type: 'object',
      required: ['ratio', 'ci95', 'verdict'],
      properties: {
        ratio: positive,
        ci95: ref('interval'),
        verdict: ref('verdict'),
        basis: ref('replicationBasis'),
      },
    },
    vsFastestNode: {
      description:
        'Target median / the median of the fastest verified Node variant of its group (baseline), paired per process, with its 95% CI and verdict. ' +
        'Present on non-Node rows when that variant is not node itself (then vsNode is this comparison).',
      type: 'object',
      required: ['ratio', 'ci95', 'verdict', 'baseline'],
      properties: {
        ratio: positive,
        ci95: ref('interval'),
        verdict: ref('verdict'),
        basis: ref('replicationBasis'),
        baseline: ref('targetName'),
      },
      additionalProperties: false,
    },
    controlCheck: closed(
      {
        what: nonEmptyText,
        expectedRatio: positive,
        ratio: positive,
        ci95: ref('interval'),
        verdict: ref('verdict'),
        basis: ref('replicationBasis'),
        passed: { type: 'boolean' },
        summary: nonEmptyText,
      },
      'One calibration check: a comparison whose true ratio is known by construction (1 for A/A, the planted factor otherwise).',
    ),
    runCalibration: closed(
      {
        workload: nonEmptyText,
        size: { enum: ['small', 'medium', 'large'] },
        aa: ref('controlCheck'),
        planted: ref('controlCheck'),
        passed: { type: 'boolean' },
      },
      'The A/A and planted-difference controls measured with the run; when passed is false every report says so at the top.',
    ),
    phaseStats: {
      type: 'object',
      required: ['medianNs', 'p99Ns', 'ci95Ns', 'samples'],
      properties: { medianNs: nonNegative, p99Ns: nonNegative, ci95Ns: ref('interval'), samples: count },
    },
    coldStats: {
      description: 'Fresh-process figures: named phases, spawn to first result, warm-up curve.',
      type: 'object',
      required: ['samples', 'failedSamples', 'phases', 'timeToFirstResult', 'warmupCurveNs'],
      properties: {
        samples: count,
        failedSamples: count,
        phases: { type: 'object', additionalProperties: ref('phaseStats') },
        timeToFirstResult: ref('phaseStats'),
        warmupCurveNs: { type: 'array', items: nonNegative },
        failures: stringList,
      },
    },
    artifactBytes: {
      type: 'object',
      required: ['raw', 'gzip', 'brotli'],
      properties: {
        ...artifactSizes,
        files: {
          type: 'array',
          items: {
            type: 'object',
            required: ['role', 'path', 'raw', 'gzip', 'brotli'],
            properties: { role: text, path: text, ...artifactSizes },
          },
        },
      },
    },
    resourceStats: {
      type: 'object',
      required: ['artifactBytes'],
      properties: {
        peakRssBytes: nonNegative,
        heapUsedBytes: nonNegative,
        heapTotalBytes: nonNegative,
        externalBytes: nonNegative,
        arrayBuffersBytes: nonNegative,
        wasmMemoryBytes: nonNegative,
        cpuUserMs: nonNegative,
        cpuSystemMs: nonNegative,
        artifactBytes: ref('artifactBytes'),
      },
    },
    unavailableFigure: {
      description: 'A figure the endpoint does not provide (a capability gap, shown as n/a; never INVALID).',
      type: 'object',
      required: ['figures', 'api', 'reason'],
      properties: { figures: { type: 'array', minItems: 1, items: nonEmptyText }, api: nonEmptyText, httpStatus: count, reason: nonEmptyText },
    },
    completedResult: {
      type: 'object',
      required: resultBaseRequired,
      properties: {
        ...resultBaseProperties,
        status: { const: 'completed' },
        unavailable: { type: 'array', items: ref('unavailableFigure') },
        warm: ref('warmStats'),
        vsNode: ref('vsBaseline'),
        vsFastestNode: ref('vsFastestNode'),
        cold: ref('coldStats'),
        coldVsNode: ref('vsBaseline'),
        resources: ref('resourceStats'),
      },
    },
    erroredResult: {
      description: 'A wrong output, or a failure that kept the row from being measured: a reason, never a timing.',
      type: 'object',
      required: [...resultBaseRequired, 'error'],
      properties: {
        ...resultBaseProperties,
        status: { const: 'errored' },
        // Optional: runs written before it existed have none (read as wrong-output, as they were reported).
        failure: {
          enum: [...FAILURE_KINDS],
          description:
            'wrong-output: the output differed from the expected one (reports: INVALID). crashed, timeout, unreachable (the endpoint gave no answer), ' +
            'not-measured (a setup step or an API call failed, no sample accepted): nothing was wrong, nothing was measured (reports: FAILED). Absent in older runs: wrong-output.',
        },
        error: nonEmptyText,
      },
    },
    unsupportedResult: {
      description: 'A combination the workload declares impossible for the target: shown as a gap with the reason.',
      type: 'object',
      required: [...resultBaseRequired, 'error'],
      properties: { ...resultBaseProperties, status: { const: 'unsupported' }, error: nonEmptyText },
    },
    result: {
      oneOf: [ref('completedResult'), ref('erroredResult'), ref('unsupportedResult')],
    },
  },
};

/** The schema as committed text: two-space JSON with a final newline. */
export function runSchemaText(): string {
  return `${JSON.stringify(RUN_SCHEMA, null, 2)}\n`;
}

/** Writes the run.json schema next to each run (same text as results/run.schema.json). */
export const schemaExporter: Exporter = {
  name: 'json-schema',
  fileName: 'run.schema.json',
  mediaType: 'application/schema+json',
  serialize: () => runSchemaText(),
};
