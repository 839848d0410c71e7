/**
 * Definitions of run.schema.json for Lambda (harness/contract/lambda.ts and
 * the Lambda parts of baselines.ts and samples.ts): where a row ran, its
 * `lambda` block, Power Tuning picks and pending samples. Every object is
 * closed. Part of the bottom layer: imports only the contract.
 */
import { bool, closed, count, nonEmptyText, nonNegative, numberList, ref, sizeName, targetName, text, type JsonSchema } from './json-schema.js';
import { POWER_TUNING_PICKS } from './lambda.js';

/** Lambda's own limits: any whole MB from 128 to 10,240. */
const memoryMB: JsonSchema = { type: 'integer', minimum: 128, maximum: 10_240 };
const arch: JsonSchema = { enum: ['x86_64', 'arm64'] };
/** `node22`: the Node major a function was deployed for. */
const nodeMajor: JsonSchema = { type: 'string', pattern: '^node[0-9]+$' };
const timing = ref('timingStats');

const series = closed({
  clientNs: numberList(nonNegative),
  durationMs: numberList(nonNegative),
  billedMs: numberList(nonNegative),
  handlerNs: numberList(nonNegative),
  maxMemoryUsedMB: numberList(nonNegative),
  initMs: numberList(nonNegative),
  environment: numberList(count),
});

const point = closed({ memoryMB, arch, durationMs: nonNegative, costPerMillionUsd: nonNegative });

/** The Lambda definitions, by name. */
export const LAMBDA_DEFS: Readonly<Record<string, JsonSchema>> = {
  lambdaWhere: closed({ node: nodeMajor, memoryMB, arch, endpoint: nonEmptyText }, ['node', 'endpoint'], 'Where a Lambda row ran (every Lambda row, whatever its state).'),
  lambdaFigures: closed(
    {
      node: nodeMajor,
      memoryMB,
      arch,
      endpoint: nonEmptyText,
      region: nonEmptyText,
      runtime: nonEmptyText,
      functionName: nonEmptyText,
      runtimeClient: nonEmptyText,
      warm: closed(
        {
          samples: count,
          dropped: count,
          environments: closed({ count, samples: numberList(count), blocks: numberList(count) }),
          client: timing,
          overhead: ref('timingStats'),
          duration: ref('warmStats'),
          billed: timing,
          handler: timing,
        },
        ['environments', 'client', 'overhead', 'duration', 'billed', 'handler'],
      ),
      cold: closed(
        { samples: count, dropped: count, init: timing, firstDuration: timing, firstBilled: timing, client: timing, handler: timing },
        ['init', 'firstDuration', 'firstBilled', 'client', 'handler'],
      ),
      maxMemoryUsedMB: closed({ warmMedian: nonNegative, coldMedian: nonNegative, max: nonNegative }, ['coldMedian']),
      cost: closed(
        {
          warmPerMillionUsd: nonNegative,
          coldPerMillionUsd: nonNegative,
          basis: nonEmptyText,
          pricingRegion: nonEmptyText,
          pricesExact: bool,
          freeTier: { const: 'excluded' },
        },
        ['coldPerMillionUsd'],
      ),
      retries: closed({ retries: count, throttles: count, serverErrors: count, networkErrors: count }),
      powerTuning: { type: 'array', minItems: 1, items: { enum: [...POWER_TUNING_PICKS] } },
    },
    ['node', 'region', 'maxMemoryUsedMB', 'cost', 'powerTuning'],
    'A completed Lambda row: client round trip, REPORT Duration, Billed Duration and handler time, warm and forced-cold, memory, cost and retries.',
  ),
  powerTuningRecord: closed(
    { workload: nonEmptyText, size: sizeName, target: targetName, arch, endpoint: nonEmptyText, cheapest: point, fastest: point, balanced: point, weight: nonNegative },
    ['arch'],
    "Power Tuning's cheapest, fastest and balanced configuration of one workload x size x target.",
  ),
  lambdaSampleSeries: series,
  pendingLambdaFunction: closed(
    {
      warm: ref('lambdaSampleSeries'),
      cold: ref('lambdaSampleSeries'),
      warmDropped: count,
      coldDropped: count,
      counters: closed({ retries: count, throttles: count, serverErrors: count, networkErrors: count }),
      error: text,
      failure: ref('failureKind'),
      missingApi: bool,
      reports: bool,
      unavailable: { type: 'array', items: ref('unavailableFigure') },
      runtimeClients: { type: 'array', items: text },
      environments: { type: 'array', items: closed({ block: count, start: { enum: ['priming', 'forced', 'replaced'] } }) },
    },
    ['error', 'failure'],
    'The samples so far of one function of the Lambda group in progress.',
  ),
};
