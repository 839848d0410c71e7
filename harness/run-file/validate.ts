/**
 * Validates a run.json against the contract's JSON Schema with ajv (draft
 * 2020-12), compiled once. Every failure names the path of the field at
 * fault, as a JSON Pointer into the run (`/results/3/lambda/memoryMB`), with
 * what was expected; an unknown field is named by its own path. Replaces the
 * project's former hand-written validator.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import type { RunRecord } from '../contract/index.js';
import type { JsonSchema } from '../contract/json-schema.js';
import { RUN_SCHEMA } from '../contract/schema.js';

/** One validation failure: where (JSON Pointer into the run; "/" for the root) and what. */
export interface SchemaError {
  readonly path: string;
  readonly message: string;
  /** The keyword that failed (e.g. "required", "const", "unevaluatedProperties"). */
  readonly keyword: string;
}

/** RFC 3339 date-time (what `Date.prototype.toISOString` writes, and offsets). */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

const compiled = new Map<JsonSchema, ValidateFunction>();

function compile(schema: JsonSchema): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    // strict: an unknown keyword in the schema is an error, never silently ignored; allErrors: every failure, not the first.
    const ajv = new Ajv2020({ strict: true, allErrors: true, strictRequired: false });
    ajv.addFormat('date-time', { type: 'string', validate: (value: string) => DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)) });
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

/** An ajv error as a SchemaError: an unknown or missing field is named by its own path. */
function toSchemaError(error: ErrorObject): SchemaError {
  const base = error.instancePath || '';
  const params = error.params as { unevaluatedProperty?: string; additionalProperty?: string; missingProperty?: string; allowedValues?: unknown[] };
  const unknown = params.unevaluatedProperty ?? params.additionalProperty;
  if (unknown !== undefined) return { path: `${base}/${unknown}`, message: 'unknown field (not in the results contract)', keyword: error.keyword };
  if (params.missingProperty !== undefined) return { path: `${base}/${params.missingProperty}`, message: 'missing required field', keyword: error.keyword };
  const allowed = params.allowedValues ? `: ${params.allowedValues.map((v) => JSON.stringify(v)).join(', ')}` : '';
  return { path: base || '/', message: `${error.message ?? 'invalid'}${allowed}`, keyword: error.keyword };
}

/**
 * Every failure of `value` against `schema` (default: run.json's), each once,
 * without the "if/then did not match" echoes of the failures they wrap.
 */
export function validateAgainstSchema(value: unknown, schema: JsonSchema = RUN_SCHEMA): SchemaError[] {
  const validate = compile(schema);
  if (validate(value)) return [];
  const seen = new Set<string>();
  const errors = (validate.errors ?? [])
    .filter((error) => error.keyword !== 'if')
    .map(toSchemaError)
    .filter((error) => {
      const key = `${error.path}\u0000${error.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  // A field whose own content failed is not "unknown" too (a failed branch leaves it unevaluated): keep the inner failure only.
  return errors.filter((error) => error.keyword !== 'unevaluatedProperties' || !errors.some((other) => other.path.startsWith(`${error.path}/`)));
}

/** A run.json that does not match the contract; the message names the first failing path. */
export class RunSchemaError extends Error {
  constructor(
    readonly label: string,
    readonly errors: readonly SchemaError[],
  ) {
    const first = errors[0];
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
    super(`${label} does not match the run.json schema: ${first ? `${first.path}: ${first.message}` : 'invalid'}${more}`);
  }
}

/** `value` as a RunRecord when it matches the schema; throws RunSchemaError naming the failing path otherwise. */
export function checkRunRecord(value: unknown, label: string): RunRecord {
  const errors = validateAgainstSchema(value);
  if (errors.length > 0) throw new RunSchemaError(label, errors);
  return value as RunRecord;
}
