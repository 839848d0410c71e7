/**
 * Definitions of run.schema.json for the figures (harness/contract/stats.ts)
 * and build facts (build.ts): timing distributions, intervals, verdicts,
 * cold-start phases, resources. Every object is closed. Part of the bottom
 * layer: imports only the contract.
 */
import { bool, closed, count, mapOf, nonEmptyText, nonNegative, number, positive, ref, sizeName, stringList, targetName, text, type JsonSchema } from './json-schema.js';
import { VERDICTS } from './stats.js';
import { CALIBRATION_STATES } from './run.js';

const timingProperties = {
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

const artifactSizes = { raw: count, gzip: count, brotli: count };

const heapProperties = { heapUsedBytes: nonNegative, heapTotalBytes: nonNegative, externalBytes: nonNegative, arrayBuffersBytes: nonNegative };

const processResourceProperties = {
  peakRssBytes: nonNegative,
  ...heapProperties,
  wasmMemoryBytes: nonNegative,
  cpuUserMs: nonNegative,
  cpuSystemMs: nonNegative,
  afterFirstCall: ref('memoryAfterFirstCall'),
};

const vsProperties = { ratio: positive, ci95: ref('interval'), verdict: ref('verdict'), basis: ref('replicationBasis') };

const builtFile = closed({ file: nonEmptyText, bytes: count, sha256: nonEmptyText });

/** The figure definitions, by name. */
export const FIGURE_DEFS: Readonly<Record<string, JsonSchema>> = {
  interval: { description: '[low, high] bounds of a 95% confidence interval.', type: 'array', items: number, minItems: 2, maxItems: 2 },
  timingStats: closed(timingProperties, ['outliers'], 'A distribution of timing samples, nanoseconds.'),
  warmStats: closed(
    { ...timingProperties, callsPerSample: { type: 'integer', minimum: 1 }, forks: ref('forkSpread') },
    ['outliers', 'forks'],
    'Steady-state figures, nanoseconds per call.',
  ),
  outlierCounts: closed(
    { low: count, high: count, severe: count },
    [],
    "Samples beyond Tukey's fences (1.5 IQR past the quartiles; severe: 3 IQR, also counted in low or high), counted and kept.",
  ),
  forkSpread: closed(
    { forks: { type: 'integer', minimum: 1 }, mediansNs: { type: 'array', minItems: 1, items: nonNegative }, betweenCv: nonNegative, withinCv: nonNegative },
    [],
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
    [],
    'What a CI rests on: fresh processes, Lambda execution environments, or the samples of one process or environment (no between-process variation).',
  ),
  vsBaseline: closed(vsProperties, ['basis'], 'Target median / node median (below 1 = faster than node) with its 95% CI and verdict.'),
  vsFastestNode: closed(
    { ...vsProperties, baseline: targetName },
    ['basis'],
    'Target median / the median of the fastest verified Node variant of its group (baseline), paired per process. Present on non-Node rows when that variant is not node itself.',
  ),
  controlCheck: closed(
    { what: nonEmptyText, expectedRatio: positive, ratio: positive, ci95: ref('interval'), verdict: ref('verdict'), basis: ref('replicationBasis'), state: ref('calibrationState'), summary: nonEmptyText },
    [],
    'One calibration check: a comparison whose true ratio is known by construction (1 for A/A, the planted factor otherwise).',
  ),
  calibrationState: {
    description:
      'passed: the control told the known truth. failed: the method was caught wrong (a difference where there is none, the wrong direction, or an interval excluding the known ratio). ' +
      'inconclusive: too short to tell (the interval holds the known ratio but cannot resolve it, or too few units).',
    enum: [...CALIBRATION_STATES],
  },
  runCalibration: closed(
    { workload: nonEmptyText, size: sizeName, aa: ref('controlCheck'), planted: ref('controlCheck'), state: ref('calibrationState') },
    [],
    'The A/A and planted-difference controls measured with the run: failed if either failed, else inconclusive if either was; unless passed every report says so at the top.',
  ),
  phaseStats: closed({ medianNs: nonNegative, p99Ns: nonNegative, ci95Ns: ref('interval'), samples: count, outliers: ref('outlierCounts') }, ['outliers']),
  coldStats: closed(
    {
      samples: count,
      failedSamples: count,
      phases: mapOf(ref('phaseStats')),
      timeToFirstResult: ref('phaseStats'),
      warmupCurveNs: { type: 'array', items: nonNegative },
      failures: stringList,
    },
    ['failures'],
    'Fresh-process figures: named phases, spawn to first result, warm-up curve.',
  ),
  artifactBytes: closed(
    { ...artifactSizes, files: { type: 'array', items: closed({ role: text, path: text, ...artifactSizes, brotliQuality: count }, ['brotliQuality']) } },
    ['files'],
  ),
  memoryAfterFirstCall: closed({ ...heapProperties, wasmMemoryBytes: nonNegative }, ['wasmMemoryBytes']),
  processResources: closed(processResourceProperties, Object.keys(processResourceProperties), 'Medians over the cold processes of an item.'),
  resourceStats: closed(
    { ...processResourceProperties, artifactBytes: ref('artifactBytes') },
    Object.keys(processResourceProperties),
    'Cold-process resource figures and the size of what the target deploys.',
  ),
  buildInfo: closed(
    {
      bundler: text,
      minified: bool,
      source: text,
      why: text,
      compiler: text,
      runtime: text,
      flags: { oneOf: [stringList, mapOf(stringList)] },
      sha256: text,
      bytes: count,
      kind: text,
      engine: text,
      tools: mapOf(text),
      world: closed({ source: text, sha256: text }),
      component: builtFile,
      transpiled: closed({ glue: builtFile, coreModules: { type: 'array', items: builtFile } }),
      buildCost: closed({ stepsMs: mapOf(nonNegative), peakRssBytes: nonNegative, peakRssOf: text }, ['peakRssBytes', 'peakRssOf']),
      glueProbe: closed({ envReadsPerCall: nonNegative }),
      functionName: text,
      handler: text,
      handlerTemplate: text,
      codeSha256: text,
      zipBytes: count,
      files: { type: 'array', items: closed({ name: text, bytes: count, sha256: text }) },
      error: text,
    },
    [
      'bundler', 'minified', 'source', 'why', 'compiler', 'runtime', 'flags', 'sha256', 'bytes', 'kind', 'engine', 'tools', 'world', 'component',
      'transpiled', 'buildCost', 'glueProbe', 'functionName', 'handler', 'handlerTemplate', 'codeSha256', 'zipBytes', 'files', 'error',
    ],
    'How the measured code was built; each target kind records the facts that apply to it.',
  ),
  unavailableFigure: closed(
    { figures: { type: 'array', minItems: 1, items: nonEmptyText }, api: nonEmptyText, httpStatus: count, reason: nonEmptyText },
    ['httpStatus'],
    'A figure the endpoint does not provide (a capability gap, shown as n/a; never INVALID).',
  ),
};
