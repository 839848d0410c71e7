/**
 * What a rule's target receives, as EventBridge builds it: the whole event;
 * the part its InputPath selects; its constant Input; or its
 * InputTransformer's template filled from the event.
 *
 * InputTransformer, as EventBridge documents it: InputPathsMap names up to
 * 100 variables, each a JSON path into the event (`$.detail.id`, array
 * indices `$.resources[0]`); the predefined `aws.events.rule-arn`,
 * `aws.events.rule-name`, `aws.events.event.ingestion-time`,
 * `aws.events.event` (the event without `detail`) and
 * `aws.events.event.json` (the whole event) need no path. In a template that
 * is a JSON object, a placeholder outside quotes becomes the value as JSON
 * (a string with its quotes), one inside a string becomes its text, escaped;
 * the result must be JSON. Any other template is text, and the target
 * receives it as a JSON string. A path that selects nothing fills in `null`
 * (outside quotes) or nothing (inside): the emulator's choice, stated here.
 * Wildcards in paths are refused rather than matched wrongly.
 */

import { JsonRpcError } from './json-rpc.js';

/** A target's input transformer, as PutTargets stores it. */
export interface InputTransformer {
  readonly InputPathsMap?: Readonly<Record<string, string>>;
  readonly InputTemplate: string;
}

/** What a target is given besides its ARN. */
export interface TargetInputSettings {
  readonly Input?: string;
  readonly InputPath?: string;
  readonly InputTransformer?: InputTransformer;
}

/** AWS's limits: an InputTemplate of 1 to 8192 characters, at most 100 variables. */
export const MAX_INPUT_TEMPLATE = 8192;
const MAX_VARIABLES = 100;
const PATH = /^\$((\.[A-Za-z0-9_-]+)|(\[\d+\]))*$/;
const V = 'ValidationException';

/** The JSON paths this emulator reads (dot notation and array indices). */
export function isSupportedPath(path: string): boolean {
  return PATH.test(path);
}

/** Checks an InputTransformer as PutTargets receives it; a ValidationException when AWS would refuse it. */
export function checkInputTransformer(raw: unknown): InputTransformer {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new JsonRpcError(V, 'InputTransformer must be an object.');
  const { InputPathsMap: paths, InputTemplate: template } = raw as Record<string, unknown>;
  if (typeof template !== 'string' || template.length < 1 || template.length > MAX_INPUT_TEMPLATE) {
    throw new JsonRpcError(V, `1 validation error detected: Value at 'targets.1.member.inputTransformer.inputTemplate' failed to satisfy constraint: Member must have length less than or equal to ${MAX_INPUT_TEMPLATE}`);
  }
  if (paths === undefined || paths === null) return { InputTemplate: template };
  if (typeof paths !== 'object' || Array.isArray(paths)) throw new JsonRpcError(V, 'InputPathsMap must be a map of variable names to JSON paths.');
  const entries = Object.entries(paths as Record<string, unknown>);
  if (entries.length > MAX_VARIABLES) throw new JsonRpcError(V, `InputPathsMap may hold at most ${MAX_VARIABLES} variables.`);
  const map: Record<string, string> = {};
  for (const [key, value] of entries) {
    if (!/^[A-Za-z0-9_-]{1,256}$/.test(key) || key.toLowerCase().startsWith('aws.')) throw new JsonRpcError(V, `InputPathsMap has an invalid key: ${key}`);
    if (typeof value !== 'string' || !isSupportedPath(value)) {
      throw new JsonRpcError(V, `InputPathsMap has an invalid value for ${key}: ${String(value)} (the local EventBridge reads $, $.a.b and $.a[0])`);
    }
    map[key] = value;
  }
  return { InputPathsMap: map, InputTemplate: template };
}

/** The value a JSON path selects in the event, or undefined. */
export function select(event: unknown, path: string): unknown {
  let value: unknown = event;
  for (const [, key, index] of path.slice(1).matchAll(/\.([A-Za-z0-9_-]+)|\[(\d+)\]/g)) {
    if (value === null || typeof value !== 'object') return undefined;
    value = index !== undefined ? (Array.isArray(value) ? value[Number(index)] : undefined) : (value as Record<string, unknown>)[key as string];
  }
  return value;
}

/** The rule a delivery comes from, for the predefined variables. */
export interface RuleRef {
  readonly name: string;
  readonly arn: string;
}

/** The target's input for one event; throws (a failed invocation, with the reason) when it cannot be built. */
export function targetInput(target: TargetInputSettings, event: Readonly<Record<string, unknown>>, rule: RuleRef, ingestedAtMs: number): Buffer {
  if (target.Input !== undefined) return Buffer.from(target.Input);
  if (target.InputTransformer !== undefined) return Buffer.from(transform(target.InputTransformer, event, rule, ingestedAtMs));
  if (target.InputPath === undefined || target.InputPath === '$') return Buffer.from(JSON.stringify(event));
  const value = select(event, target.InputPath);
  if (value === undefined) throw new Error(`InputPath ${target.InputPath} selects nothing in the event`);
  return Buffer.from(JSON.stringify(value));
}

/** Fills the template; the result is JSON text. */
function transform(transformer: InputTransformer, event: Readonly<Record<string, unknown>>, rule: RuleRef, ingestedAtMs: number): string {
  const { detail: _detail, ...withoutDetail } = event;
  const values = new Map<string, unknown>([
    ['aws.events.rule-arn', rule.arn],
    ['aws.events.rule-name', rule.name],
    ['aws.events.event.ingestion-time', new Date(ingestedAtMs).toISOString()],
    ['aws.events.event', withoutDetail],
    ['aws.events.event.json', event],
  ]);
  for (const [key, path] of Object.entries(transformer.InputPathsMap ?? {})) values.set(key, select(event, path));
  const template = transformer.InputTemplate;
  const json = template.trimStart().startsWith('{');
  let out = '';
  let inString = false;
  for (let i = 0; i < template.length; i++) {
    const c = template[i] as string;
    if (c === '<') {
      const end = template.indexOf('>', i + 1);
      const name = end === -1 ? undefined : template.slice(i + 1, end);
      if (name !== undefined && values.has(name)) {
        const value = values.get(name);
        out += json && !inString ? (value === undefined ? 'null' : JSON.stringify(value)) : textOf(value, json);
        i = end;
        continue;
      }
    }
    if (json) {
      if (c === '\\' && inString) {
        out += c + (template[i + 1] ?? '');
        i += 1;
        continue;
      }
      if (c === '"') inString = !inString;
    }
    out += c;
  }
  if (!json) return JSON.stringify(out);
  try {
    JSON.parse(out);
  } catch {
    throw new Error('the InputTransformer produced input that is not valid JSON');
  }
  return out;
}

/** A value as text inside a string: a string as itself, anything else as its JSON; escaped when it lands in a JSON string. */
function textOf(value: unknown, inJsonString: boolean): string {
  if (value === undefined) return '';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return inJsonString ? JSON.stringify(text).slice(1, -1) : text;
}
