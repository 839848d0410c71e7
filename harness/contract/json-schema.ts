/**
 * The JSON Schema keywords run.schema.json uses (draft 2020-12), as a closed
 * type, and the small builders the schema files share. Typed so a misspelt
 * keyword fails to compile instead of being ignored by a validator. Part of
 * the bottom layer: imports nothing.
 */

/** A JSON Schema as this project writes it. */
export interface JsonSchema {
  readonly $schema?: string;
  readonly $ref?: string;
  readonly $defs?: Readonly<Record<string, JsonSchema>>;
  readonly title?: string;
  readonly description?: string;
  readonly type?: 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean' | 'null' | ReadonlyArray<'string' | 'integer' | 'number' | 'null'>;
  readonly const?: string | number | boolean;
  readonly enum?: readonly (string | number)[];
  readonly required?: readonly string[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly additionalProperties?: false | JsonSchema;
  readonly unevaluatedProperties?: false;
  readonly items?: JsonSchema;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly minLength?: number;
  /** An ECMA-262 regular expression the string must match. */
  readonly pattern?: string;
  readonly format?: 'date-time';
  readonly oneOf?: readonly JsonSchema[];
  readonly allOf?: readonly JsonSchema[];
  readonly if?: JsonSchema;
  readonly then?: JsonSchema;
  readonly else?: JsonSchema;
}

/** Properties of an object schema, by name. */
export type SchemaProperties = Readonly<Record<string, JsonSchema>>;

/** A reference to a definition of run.schema.json. */
export const ref = (name: string): JsonSchema => ({ $ref: `#/$defs/${name}` });
export const number: JsonSchema = { type: 'number' };
export const nonNegative: JsonSchema = { type: 'number', minimum: 0 };
export const positive: JsonSchema = { type: 'number', exclusiveMinimum: 0 };
export const count: JsonSchema = { type: 'integer', minimum: 0 };
export const text: JsonSchema = { type: 'string' };
export const nonEmptyText: JsonSchema = { type: 'string', minLength: 1 };
export const bool: JsonSchema = { type: 'boolean' };
export const dateTime: JsonSchema = { type: 'string', format: 'date-time' };
export const stringList: JsonSchema = { type: 'array', items: text };
export const numberList = (items: JsonSchema): JsonSchema => ({ type: 'array', items });
export const sizeName: JsonSchema = { enum: ['small', 'medium', 'large'] };
/**
 * A target's name. The registry (harness/targets/) is the list of targets;
 * any well-formed name is accepted, so runs of targets added or removed since stay readable.
 */
export const targetName: JsonSchema = { type: 'string', pattern: '^[a-z][a-z0-9-]*$' };
/** A map whose keys are data (phase names, tool names, paths) and whose values all have one schema. */
export const mapOf = (values: JsonSchema): JsonSchema => ({ type: 'object', additionalProperties: values });

/**
 * A closed object: nothing but the listed properties. Every property is
 * required except those named in `optional` (fields later versions added,
 * or that only some rows have).
 */
export function closed(properties: SchemaProperties, optional: readonly string[] = [], description?: string): JsonSchema {
  return {
    ...(description ? { description } : {}),
    type: 'object',
    required: Object.keys(properties).filter((name) => !optional.includes(name)),
    properties,
    additionalProperties: false,
  };
}
