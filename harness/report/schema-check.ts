/**
 * A small JSON Schema validator for exactly the subset of draft 2020-12 that
 * run.schema.json uses (we cannot add a validator package).
 *
 * Honesty rule: a keyword it does not implement is an error thrown at the
 * schema, never silently ignored, so "valid" always means "checked against
 * every keyword in the schema". Implemented keywords:
 *   $ref (local "#/$defs/<name>" only), type, const, enum, required,
 *   properties, additionalProperties, items, minItems, maxItems, minimum,
 *   exclusiveMinimum, minLength, oneOf, anyOf, format ("date-time" only,
 *   asserted although 2020-12 treats format as an annotation).
 * Annotations without assertions: $schema, $id, $defs, $comment, title, description.
 */

type Schema = Readonly<Record<string, unknown>>;

/** One validation failure: where (JSON Pointer into the instance) and what. */
export interface SchemaError {
  readonly path: string;
  readonly message: string;
  /** The keyword that failed (e.g. "required", "const"). */
  readonly keyword: string;
}

const ANNOTATIONS = new Set(['$schema', '$id', '$defs', '$comment', 'title', 'description']);
const ASSERTIONS = new Set([
  '$ref',
  'type',
  'const',
  'enum',
  'pattern',
  'required',
  'properties',
  'additionalProperties',
  'items',
  'minItems',
  'maxItems',
  'minimum',
  'exclusiveMinimum',
  'minLength',
  'oneOf',
  'anyOf',
  'format',
]);

/** RFC 3339 date-time (what `Date.prototype.toISOString` writes, and offsets). */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function matchesType(value: unknown, type: string): boolean {
  switch (type) {
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    default:
      return typeOf(value) === type;
  }
}

/** Deep equality for JSON values (const / enum). */
function jsonEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeOf(value) === 'object';
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * Validates `instance` against `root`; returns every failure found (empty =
 * valid). Throws when the schema uses a keyword this validator does not implement.
 */
export function validateAgainstSchema(root: Schema, instance: unknown): SchemaError[] {
  const errors: SchemaError[] = [];
  const defs = (root['$defs'] ?? {}) as Record<string, Schema>;

  const resolve = (pointer: string): Schema => {
    const match = /^#\/\$defs\/([^/]+)$/.exec(pointer);
    const target = match ? defs[match[1]!] : undefined;
    if (!target) throw new Error(`schema-check: unsupported or dangling $ref ${pointer}`);
    return target;
  };

  const check = (schema: Schema, value: unknown, path: string, out: SchemaError[]): void => {
    for (const keyword of Object.keys(schema)) {
      if (!ANNOTATIONS.has(keyword) && !ASSERTIONS.has(keyword)) {
        throw new Error(`schema-check: keyword "${keyword}" at ${path || '/'} is not implemented`);
      }
    }
    const fail = (message: string, keyword: string): void => {
      out.push({ path: path || '/', message, keyword });
    };

    if (typeof schema['$ref'] === 'string') check(resolve(schema['$ref']), value, path, out);

    if (schema['type'] !== undefined) {
      const types = Array.isArray(schema['type']) ? (schema['type'] as string[]) : [schema['type'] as string];
      if (!types.some((t) => matchesType(value, t))) {
        fail(`expected ${types.join(' or ')}, got ${typeOf(value)}`, 'type');
        return; // further keywords would only repeat the type error
      }
    }
    if ('const' in schema && !jsonEqual(schema['const'], value)) fail(`expected ${JSON.stringify(schema['const'])}`, 'const');
    if (Array.isArray(schema['enum']) && !schema['enum'].some((option) => jsonEqual(option, value))) {
      fail(`expected one of ${schema['enum'].map((o) => JSON.stringify(o)).join(', ')}, got ${JSON.stringify(value)}`, 'enum');
    }

    if (typeof value === 'number') {
      if (typeof schema['minimum'] === 'number' && value < schema['minimum']) fail(`must be >= ${schema['minimum']}`, 'minimum');
      if (typeof schema['exclusiveMinimum'] === 'number' && value <= schema['exclusiveMinimum']) {
        fail(`must be > ${schema['exclusiveMinimum']}`, 'exclusiveMinimum');
      }
    }
    if (typeof value === 'string') {
      if (typeof schema['minLength'] === 'number' && [...value].length < schema['minLength']) {
        fail(`must have at least ${schema['minLength']} characters`, 'minLength');
      }
      // ECMA-262 regular expressions, as JSON Schema specifies; `u` for code points.
      if (typeof schema['pattern'] === 'string' && !new RegExp(schema['pattern'], 'u').test(value)) fail(`must match ${schema['pattern']}`, 'pattern');
      if (schema['format'] !== undefined) {
        if (schema['format'] !== 'date-time') throw new Error(`schema-check: format "${String(schema['format'])}" is not implemented`);
        if (!DATE_TIME.test(value) || Number.isNaN(Date.parse(value))) fail('must be an RFC 3339 date-time', 'format');
      }
    }

    if (Array.isArray(value)) {
      if (typeof schema['minItems'] === 'number' && value.length < schema['minItems']) fail(`must have at least ${schema['minItems']} items`, 'minItems');
      if (typeof schema['maxItems'] === 'number' && value.length > schema['maxItems']) fail(`must have at most ${schema['maxItems']} items`, 'maxItems');
      if (isObject(schema['items'])) {
        const items = schema['items'];
        value.forEach((item, i) => check(items, item, `${path}/${i}`, out));
      }
    }

    if (isObject(value)) {
      for (const key of (schema['required'] as string[] | undefined) ?? []) {
        if (!(key in value)) fail(`missing required property "${key}"`, 'required');
      }
      const properties = (schema['properties'] ?? {}) as Record<string, Schema>;
      const additional = schema['additionalProperties'];
      for (const [key, child] of Object.entries(value)) {
        const childPath = `${path}/${escapePointer(key)}`;
        const own = properties[key];
        if (own) check(own, child, childPath, out);
        else if (additional === false) fail(`unexpected property "${key}"`, 'additionalProperties');
        else if (isObject(additional)) check(additional, child, childPath, out);
      }
    }

    const branches = (keyword: 'oneOf' | 'anyOf'): SchemaError[][] | undefined =>
      Array.isArray(schema[keyword])
        ? (schema[keyword] as Schema[]).map((branch) => {
            const branchErrors: SchemaError[] = [];
            check(branch, value, path, branchErrors);
            return branchErrors;
          })
        : undefined;
    const anyOf = branches('anyOf');
    if (anyOf && !anyOf.some((e) => e.length === 0)) fail(`matches none of anyOf: ${closest(anyOf)}`, 'anyOf');
    const oneOf = branches('oneOf');
    if (oneOf) {
      const passing = oneOf.filter((e) => e.length === 0).length;
      if (passing === 0) fail(`matches none of oneOf: ${closest(oneOf)}`, 'oneOf');
      else if (passing > 1) fail(`matches ${passing} branches of oneOf, expected exactly 1`, 'oneOf');
    }
  };

  check(root, instance, '', errors);
  return errors;
}

/**
 * The failures of the branch that came closest, so a oneOf error still says
 * what is wrong. A `const` failure (a discriminator such as `status`) weighs
 * most: an errored row missing `error` should report that, not "status is not completed".
 */
function closest(branchErrors: SchemaError[][]): string {
  const weight = (errors: SchemaError[]): number => errors.reduce((sum, e) => sum + (e.keyword === 'const' ? 100 : 1), 0);
  const best = [...branchErrors].sort((a, b) => weight(a) - weight(b))[0] ?? [];
  return best.map((e) => `${e.path}: ${e.message}`).join('; ');
}
