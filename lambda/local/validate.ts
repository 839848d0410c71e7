/**
 * Reading Lambda API request bodies: function names and ARNs, the members of
 * CreateFunction / UpdateFunctionConfiguration, and the uploaded zip. Each
 * check answers with the error AWS answers with (ValidationException for a
 * broken constraint, InvalidParameterValueException for an unusable value).
 */

import { createHash } from 'node:crypto';
import { LambdaApiError, invalidParameter, requestTooLarge, validation } from './errors.js';
import type { LogFormat } from './types.js';
import { inflatedLength } from './deflate-length.js';
import { inflateEntry, ZipFormatError, zipEntries } from './zip-reader.js';

/** A function reference split into name and qualifier. */
export interface FunctionRef {
  readonly name: string;
  readonly qualifier: string | undefined;
}

const NAME_PATTERN =
  '(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?';
const FULL_ARN = /^arn:aws[a-zA-Z-]*:lambda:([a-z0-9-]+):(\d{12}):function:([a-zA-Z0-9_-]{1,64})(?::(\$LATEST|[a-zA-Z0-9_-]+))?$/;
const PARTIAL_ARN = /^(\d{12}):function:([a-zA-Z0-9_-]{1,64})(?::(\$LATEST|[a-zA-Z0-9_-]+))?$/;
const PLAIN_NAME = /^([a-zA-Z0-9_-]{1,64})(?::(\$LATEST|[a-zA-Z0-9_-]+))?$/;
const ROLE = /^arn:(aws[a-zA-Z-]*)?:iam::\d{12}:role\/?[a-zA-Z_0-9+=,.@\-_/]+$/;
/** Zipped code uploaded directly (not through S3): 50 MB. */
export const MAX_ZIP_BYTES = 50 * 1024 * 1024;
/** Unzipped code: 250 MB. */
export const MAX_UNZIPPED_BYTES = 262_144_000;
/** Environment variables in total: 4 KB. */
const MAX_ENV_BYTES = 4096;
/** Keys Lambda sets itself and refuses from the user. */
const RESERVED_ENV = new Set([
  '_HANDLER', '_X_AMZN_TRACE_ID', 'AWS_DEFAULT_REGION', 'AWS_REGION', 'AWS_EXECUTION_ENV',
  'AWS_LAMBDA_FUNCTION_NAME', 'AWS_LAMBDA_FUNCTION_MEMORY_SIZE', 'AWS_LAMBDA_FUNCTION_VERSION',
  'AWS_LAMBDA_INITIALIZATION_TYPE', 'AWS_LAMBDA_LOG_GROUP_NAME', 'AWS_LAMBDA_LOG_STREAM_NAME',
  'AWS_ACCESS_KEY', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN',
  'AWS_LAMBDA_RUNTIME_API', 'LAMBDA_TASK_ROOT', 'LAMBDA_RUNTIME_DIR',
]);

/**
 * Splits a function name, partial ARN or full ARN (each optionally `:qualifier`).
 * A full ARN of another region or account names a function that does not exist here: `foreign` is set.
 */
export function parseFunctionRef(raw: string, region: string, accountId: string): FunctionRef & { foreign: boolean } {
  const full = FULL_ARN.exec(raw);
  if (full) {
    return { name: full[3] as string, qualifier: full[4], foreign: full[1] !== region || full[2] !== accountId };
  }
  const partial = PARTIAL_ARN.exec(raw);
  if (partial) return { name: partial[2] as string, qualifier: partial[3], foreign: partial[1] !== accountId };
  const plain = PLAIN_NAME.exec(raw);
  if (plain) return { name: plain[1] as string, qualifier: plain[2], foreign: false };
  throw validation('functionName', raw, `Member must satisfy regular expression pattern: ${NAME_PATTERN}`);
}

/** A JSON object member, or undefined. */
type Json = Record<string, unknown>;

function object(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

/** Parses a request body as a JSON object (400 when it is not one). */
export function parseJsonObject(body: Buffer): Json {
  if (body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw new LambdaApiError(400, 'SerializationException', 'Could not parse the request body as JSON.', 'message');
  }
  const obj = object(parsed);
  if (!obj) throw invalidParameter('The request body must be a JSON object.');
  return obj;
}

/** Reads an optional string member. */
export function optionalString(body: Json, key: string, field: string): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw validation(field, value, 'Member must be a string');
  return value;
}

/** Reads an optional integer member within [min, max]. */
export function optionalInt(body: Json, key: string, field: string, min: number, max: number): number | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw validation(field, value, 'Member must be an integer');
  if (value < min) throw validation(field, value, `Member must have value greater than or equal to ${min}`);
  if (value > max) throw validation(field, value, `Member must have value less than or equal to ${max}`);
  return value;
}

/** Checks an execution role ARN (required by CreateFunction, as on AWS). */
export function checkRole(role: string | undefined): string {
  if (role === undefined) throw validation('role', undefined, 'Member must not be null');
  if (!ROLE.test(role)) throw validation('role', role, `Member must satisfy regular expression pattern: ${ROLE.source}`);
  return role;
}

/** Checks a runtime identifier: the local Lambda runs Node.js handlers only. */
export function checkRuntime(runtime: string | undefined): string {
  if (runtime === undefined) throw invalidParameter('Runtime and Handler are mandatory parameters for functions created with deployment packages.');
  if (!/^nodejs\d+\.x$/.test(runtime)) {
    throw invalidParameter(`The runtime parameter of ${runtime} is not supported by the local Lambda, which runs Node.js handlers only.`);
  }
  return runtime;
}

/** Checks a handler string. */
export function checkHandler(handler: string | undefined): string {
  if (handler === undefined) throw invalidParameter('Runtime and Handler are mandatory parameters for functions created with deployment packages.');
  if (handler.length > 128 || !/^[^\s]+$/.test(handler)) {
    throw validation('handler', handler, 'Member must satisfy regular expression pattern: [^\\s]+');
  }
  return handler;
}

/** Reads `Environment.Variables`: strings only, no reserved keys, 4 KB in total. */
export function readEnvironment(body: Json): Record<string, string> | undefined {
  const env = object(body.Environment);
  if (body.Environment === undefined || body.Environment === null) return undefined;
  if (!env) throw invalidParameter('Environment must be an object.');
  const vars = object(env.Variables) ?? {};
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(vars)) {
    if (typeof value !== 'string') throw invalidParameter(`Environment variable ${key} must be a string.`);
    if (!/^[a-zA-Z]([a-zA-Z0-9_])+$/.test(key)) {
      throw validation('environment.variables', key, 'Member must satisfy regular expression pattern: [a-zA-Z]([a-zA-Z0-9_])+');
    }
    out[key] = value;
  }
  const reserved = Object.keys(out).filter((key) => RESERVED_ENV.has(key));
  if (reserved.length > 0) {
    throw invalidParameter(
      `Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: ${reserved.join(',')}`,
    );
  }
  const size = Buffer.byteLength(JSON.stringify(out));
  if (size > MAX_ENV_BYTES) {
    throw invalidParameter(
      `Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit. String measured: ${JSON.stringify(out)}`,
    );
  }
  return out;
}

/** Reads `Architectures`: exactly one of x86_64 and arm64 (recorded; the host's architecture runs). */
export function readArchitectures(body: Json): string[] | undefined {
  const value = body.Architectures;
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.length !== 1 || (value[0] !== 'x86_64' && value[0] !== 'arm64')) {
    throw validation('architectures', JSON.stringify(value), 'Member must have length less than or equal to 1, and each member must be one of [x86_64, arm64]');
  }
  return [value[0] as string];
}

/** Reads `LoggingConfig`. */
export function readLogging(body: Json): { format?: LogFormat; appLevel?: string; systemLevel?: string; group?: string } | undefined {
  const logging = object(body.LoggingConfig);
  if (!logging) return undefined;
  const format = logging.LogFormat;
  if (format !== undefined && format !== 'Text' && format !== 'JSON') {
    throw validation('loggingConfig.logFormat', format, 'Member must satisfy enum value set: [Text, JSON]');
  }
  const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
  const out: { format?: LogFormat; appLevel?: string; systemLevel?: string; group?: string } = {};
  if (format !== undefined) out.format = format;
  const appLevel = str(logging.ApplicationLogLevel);
  const systemLevel = str(logging.SystemLogLevel);
  const group = str(logging.LogGroup);
  if (appLevel !== undefined) out.appLevel = appLevel;
  if (systemLevel !== undefined) out.systemLevel = systemLevel;
  if (group !== undefined) out.group = group;
  return out;
}

/** Reads `Tags` (string values). */
export function readTags(value: unknown): Record<string, string> {
  const tags = object(value) ?? {};
  const out: Record<string, string> = {};
  for (const [key, tag] of Object.entries(tags)) {
    if (typeof tag !== 'string') throw invalidParameter(`Tag ${key} must have a string value.`);
    out[key] = tag;
  }
  return out;
}

/** A decoded, checked deployment package: the archive itself, unpacked later by `unpack.ts`. */
export interface CheckedZip {
  readonly zip: Uint8Array;
  /** base64 SHA-256 of the zip (CodeSha256). */
  readonly sha256: string;
  /** Bytes the entries actually inflated to (counted, not read from the headers). */
  readonly unzippedBytes: number;
}

/**
 * Decodes `ZipFile` (base64 in the JSON body) and checks it: entry names stay
 * inside the code directory, the unzipped size is at most 250 MB, CRC-32s
 * match. The size is measured by decoding the deflate streams without
 * producing their output (deflate-length.ts), so memory stays flat whatever
 * the archive claims or holds (a 1 MB zip can inflate to 1 GiB); only an
 * archive within the limit is then inflated, in slices that are hashed and
 * dropped. Nothing is kept: the store inflates again, straight to disk.
 */
export function checkZip(zipFileBase64: unknown, operation: string): CheckedZip {
  if (typeof zipFileBase64 !== 'string' || zipFileBase64.length === 0) {
    throw invalidParameter('The local Lambda accepts code as Code.ZipFile only (no S3 locations, no container images).');
  }
  const zip = new Uint8Array(Buffer.from(zipFileBase64, 'base64'));
  if (zip.length > MAX_ZIP_BYTES) throw requestTooLarge(MAX_ZIP_BYTES, operation);
  const tooLarge = (): LambdaApiError => invalidParameter(`Unzipped size must be smaller than ${MAX_UNZIPPED_BYTES} bytes`);
  let unzippedBytes = 0;
  try {
    // Names and declared sizes first: refuses the honest oversized archive without inflating anything.
    let declared = 0;
    for (const entry of zipEntries(zip)) {
      if (!isSafeEntryName(entry.name)) {
        throw invalidParameter(`Could not unzip uploaded file: entry ${entry.name} leaves the code directory.`);
      }
      declared += entry.directory ? 0 : entry.declaredSize;
      if (declared > MAX_UNZIPPED_BYTES) throw tooLarge();
    }
    // Then what the entries really inflate to (headers may lie, entries may share data), counted
    // without producing a byte: a bomb is refused in constant memory.
    let counted = 0;
    for (const entry of zipEntries(zip)) {
      if (entry.directory) continue;
      const data = zip.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
      counted += entry.method === 8 ? inflatedLength(data, MAX_UNZIPPED_BYTES - counted) : data.length;
      if (counted > MAX_UNZIPPED_BYTES) throw tooLarge();
    }
    // Last, the CRC-32s, over output that is now known to total at most 250 MB.
    for (const entry of zipEntries(zip)) {
      if (entry.directory) continue;
      inflateEntry(zip, entry, (chunk) => {
        unzippedBytes += chunk.length;
        if (unzippedBytes > MAX_UNZIPPED_BYTES) throw tooLarge();
      });
    }
  } catch (error) {
    if (!(error instanceof ZipFormatError)) throw error;
    throw invalidParameter(`Could not unzip uploaded file. Please check your file, then try to upload again. (${error.message})`);
  }
  return { zip, sha256: createHash('sha256').update(zip).digest('base64'), unzippedBytes };
}

/** A relative path that stays inside the directory it is unpacked into. */
export function isSafeEntryName(name: string): boolean {
  // Backslashes are plain characters on Linux (as on Lambda), not separators.
  if (name === '' || name.startsWith('/') || name.includes('\0')) return false;
  return !name.split('/').includes('..');
}
