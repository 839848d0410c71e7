/**
 * Definitions of run.schema.json for a load run (harness/contract/load.ts
 * and config.ts's LoadConfig): the ramp as configured and one closed result
 * per path × step × function under `baselines.lambdaLoad`. Part of the bottom
 * layer: imports only the contract.
 */
import { bool, closed, count, mapOf, nonEmptyText, nonNegative, numberList, ref, stringList, targetName, text, type JsonSchema } from './json-schema.js';

const path: JsonSchema = { enum: ['sync', 'event', 'eventbridge', 'scheduled'] };
const kind: JsonSchema = { enum: ['rate', 'poisson', 'concurrency', 'storm'] };
const nullableNumber: JsonSchema = { type: ['number', 'null'] };
/** A figure of no samples: NaN in memory, which JSON writes as null (a step none of whose events completed, e.g. every one throttled). */
const figureOrNone: JsonSchema = { type: ['number', 'null'], description: 'null when the step had no completed event' };

/** The load definitions, by name. */
export const LOAD_DEFS: Readonly<Record<string, JsonSchema>> = {
  loadSpec: closed(
    { text, kind, levels: numberList(nonNegative), durationMs: nonNegative, waitMs: nonNegative, settleMs: nonNegative, untilHostLimit: bool },
    ['waitMs', 'untilHostLimit'],
    'The ramp of a load run as parsed from --load; untilHostLimit (levels ending in ..): a function stops climbing after its first host-limited step; waitMs (storms): how long a storm\'s events may take to be answered and logged.',
  ),
  loadConfig: closed(
    { spec: ref('loadSpec'), paths: { type: 'array', items: path }, reserved: count, schedule: nonEmptyText, repeats: { type: 'integer', minimum: 1 } },
    ['reserved', 'schedule', 'repeats'],
    "A load run's settings; repeats: times the ramp runs, each in fresh execution environments.",
  ),
  loadStepResult: closed(
    {
      path,
      step: count,
      repeat: count,
      repeats: { type: 'integer', minimum: 1 },
      kind,
      level: nonNegative,
      workload: nonEmptyText,
      target: targetName,
      functionName: nonEmptyText,
      memoryMB: { type: 'integer', minimum: 128, maximum: 10_240 },
      arch: { enum: ['x86_64', 'arm64'] },
      offeredPerS: nonNegative,
      achievedPerS: nonNegative,
      sent: count,
      skipped: count,
      ok: count,
      throttled: count,
      throttleReasons: mapOf(count),
      errors: count,
      wrongOutputs: count,
      lost: count,
      latencyMs: closed({
        n: count,
        percentiles: {
          type: 'array',
          items: closed({ q: nonNegative, value: figureOrNone, ci: { type: 'array', items: nullableNumber, minItems: 2, maxItems: 2 }, needs: count }, ['needs']),
        },
        max: figureOrNone,
        basis: closed({ unit: { enum: ['repeat', 'event'] }, count }),
      }, ['basis']),
      roundTripMedianMs: nonNegative,
      durationMedianMs: nonNegative,
      coldStarts: count,
      coldShare: nonNegative,
      initStartsInLogs: count,
      initDurationMs: closed({ median: nonNegative, max: nonNegative }),
      forcedCold: bool,
      peakInFlight: count,
      environmentsAfter: count,
      peakConcurrent: count,
      environmentsUsed: count,
      sendLag: closed({ lateShare: nonNegative, maxMs: { type: 'number' } }),
      cpuBusy: nonNegative,
      valid: bool,
      invalidReasons: stringList,
      endsRamp: bool,
      cost: closed({
        requestsUsd: nonNegative,
        computeUsd: nonNegative,
        eventBridgeUsd: nonNegative,
        logsUsd: nonNegative,
        totalUsd: nonNegative,
        coldShare: nonNegative,
        unpriced: stringList,
      }),
      firstError: text,
      logsError: text,
    },
    ['repeat', 'repeats', 'offeredPerS', 'roundTripMedianMs', 'durationMedianMs', 'initStartsInLogs', 'initDurationMs', 'forcedCold', 'environmentsAfter', 'peakConcurrent', 'environmentsUsed', 'cpuBusy', 'endsRamp', 'cost', 'firstError', 'logsError'],
    'One step of one function on one invocation path of a load run.',
  ),
  loadRecord: closed(
    {
      spec: ref('loadSpec'),
      paths: { type: 'array', items: path },
      endpoint: nonEmptyText,
      emulated: bool,
      reserved: count,
      priceRegion: nonEmptyText,
      pricesTakenOn: text,
      steps: { type: 'array', items: ref('loadStepResult') },
      repeatSteps: { type: 'array', items: ref('loadStepResult') },
    },
    ['reserved', 'repeatSteps'],
    'The summary of a load run (--load): the ramp as run, one result per path x step x function with every repeat combined (steps), and each repeat\'s own (repeatSteps).',
  ),
};
