/**
 * The row definition of run.schema.json (harness/contract/rows.ts): one
 * closed object whose allowed fields follow its placement (local: `engine`,
 * cold and resource blocks; Lambda: the `lambda` block) and its state
 * (completed: figures; errored: failure and error; unsupported: error).
 * `unevaluatedProperties: false` closes it over every branch, so a field of
 * the other placement or state is refused with its path. Part of the bottom
 * layer: imports only the contract.
 */
import { bool, count, nonEmptyText, ref, sizeName, stringList, targetName, type JsonSchema } from './json-schema.js';
import { FAILURE_KINDS } from './rows.js';

const when = (placement: 'local' | 'lambda' | undefined, state: 'completed' | undefined, then: JsonSchema, otherwise?: JsonSchema): JsonSchema => ({
  if: {
    properties: { ...(placement ? { placement: { const: placement } } : {}), ...(state ? { state: { const: state } } : {}) },
  },
  then,
  ...(otherwise ? { else: otherwise } : {}),
});

/** The row definitions, by name. */
export const ROW_DEFS: Readonly<Record<string, JsonSchema>> = {
  failureKind: {
    enum: [...FAILURE_KINDS],
    description:
      'wrong-output: the output differed from the expected one (reports: INVALID). crashed, timeout, unreachable (the endpoint gave no answer), ' +
      'not-measured (a setup step or an API call failed, no sample accepted): nothing was wrong, nothing was measured (reports: FAILED).',
  },
  result: {
    description:
      'One row: workload x target x size at a placement. Local rows name their V8 configuration in engine (absent: default) and hold warm and cold blocks; ' +
      'Lambda rows hold where they ran and every figure in lambda. Completed rows have figures; errored rows a failure kind and error; unsupported rows an error.',
    type: 'object',
    required: ['workload', 'target', 'placement', 'size', 'state', 'verified'],
    properties: {
      workload: nonEmptyText,
      target: targetName,
      placement: { enum: ['local', 'lambda'] },
      size: sizeName,
      nodeVersion: nonEmptyText,
      v8Version: nonEmptyText,
      state: { enum: ['completed', 'errored', 'unsupported'] },
      verified: bool,
      verifiedAgainst: { enum: ['committed', 'node-reference'] },
      build: ref('buildInfo'),
      notes: stringList,
    },
    allOf: [
      when(undefined, 'completed', {
        properties: { warm: ref('warmStats'), vsNode: ref('vsBaseline'), vsFastestNode: ref('vsFastestNode'), coldVsNode: ref('vsBaseline') },
      }, { required: ['error'], properties: { error: nonEmptyText } }),
      // Optional: rows of runs written before failure kinds existed have none (read as wrong-output, as they were reported).
      { if: { properties: { state: { const: 'errored' } } }, then: { properties: { failure: ref('failureKind') } } },
      when('local', undefined, { properties: { engine: nonEmptyText } }),
      when('local', 'completed', { properties: { cold: ref('coldStats'), resources: ref('resourceStats'), warmChecks: count, warmWasmMemoryBytes: count } }),
      when(
        'lambda',
        undefined,
        when('lambda', 'completed', { required: ['lambda'], properties: { lambda: ref('lambdaFigures'), unavailable: { type: 'array', items: ref('unavailableFigure') } } }, {
          required: ['lambda'],
          properties: { lambda: ref('lambdaWhere') },
        }),
      ),
    ],
    unevaluatedProperties: false,
  },
};
