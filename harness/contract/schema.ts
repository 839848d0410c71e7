/**
 * JSON Schema (draft 2020-12) of run.json, schemaVersion 2: the results
 * contract's types (harness/contract/*.ts) written as a schema, held to them
 * by contract/schema-sync.test.ts (every field of every type is in the
 * schema and nothing else is). Committed as results/run.schema.json and
 * written into every run directory, so a run is self-describing.
 *
 * Every known object is closed (`additionalProperties: false`, rows
 * `unevaluatedProperties: false`): a misspelt or unknown field is refused
 * with its path instead of being carried silently. Maps whose keys are data
 * (phase names, tool versions, artifact hashes, functions by name) are the
 * only open objects, and their values have one schema. Part of the bottom
 * layer: imports only the contract.
 */
import { closed, count, dateTime, nonEmptyText, ref, stringList, text, type JsonSchema } from './json-schema.js';
import { SCHEMA_VERSION } from './run.js';
import { FIGURE_DEFS } from './schema-figures.js';
import { LAMBDA_DEFS } from './schema-lambda.js';
import { LOAD_DEFS } from './schema-load.js';
import { ROW_DEFS } from './schema-rows.js';
import { RUN_DEFS } from './schema-run.js';

/** The schema object itself (plain JSON data). */
export const RUN_SCHEMA: JsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: `wasm-lambda-bench run.json (schemaVersion ${SCHEMA_VERSION})`,
  description:
    'One benchmark run: environment, options and one result per workload x target x size x placement (x V8 configuration locally, x memory and architecture on Lambda). ' +
    'Results are a union on placement and state; errored and unsupported rows carry a reason and never timings. Known objects are closed.',
  ...closed(
    {
      schemaVersion: { const: SCHEMA_VERSION },
      runId: nonEmptyText,
      startedAt: dateTime,
      finishedAt: dateTime,
      state: {
        description: 'running (being measured, or its process died unseen), completed, interrupted (SIGINT/SIGTERM or a dead process), failed (fatal error).',
        enum: ['running', 'completed', 'interrupted', 'failed'],
      },
      owner: ref('owner'),
      ending: closed({ at: dateTime, signal: text, reason: nonEmptyText, recordedBy: { enum: ['run', 'guardian', 'reader'] } }, ['signal'], 'Why a run that is not completed stopped.'),
      resumes: {
        description: 'Every --resume of the run: when, by which process, in which environment.',
        type: 'array',
        items: closed({ at: dateTime, owner: ref('owner'), environment: ref('environment'), finishedBefore: count }),
      },
      progress: ref('progress'),
      environment: ref('environment'),
      config: ref('runConfig'),
      results: { type: 'array', items: ref('result') },
      baselines: ref('baselines'),
      notes: stringList,
      calibration: ref('runCalibration'),
    },
    ['owner', 'ending', 'resumes', 'progress', 'baselines', 'notes', 'calibration'],
  ),
  $defs: { ...FIGURE_DEFS, ...LAMBDA_DEFS, ...LOAD_DEFS, ...ROW_DEFS, ...RUN_DEFS },
};

/** The schema as committed text: two-space JSON with a final newline. */
export function runSchemaText(): string {
  return `${JSON.stringify(RUN_SCHEMA, null, 2)}\n`;
}

/** One row of run.json on its own (a row checked before it joins a run). */
export const RESULT_SCHEMA: JsonSchema = { $defs: RUN_SCHEMA.$defs, $ref: '#/$defs/result' };
