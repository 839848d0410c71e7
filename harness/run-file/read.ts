/**
 * Reading a run.json: parse, migrate version 1 to the current version (and
 * calibration controls written as passed/failed to their state, in either
 * version), and validate against the contract's schema, so every reader gets
 * a typed RunRecord or one error naming what is wrong and where.
 */
import { readFileSync } from 'node:fs';
import { SCHEMA_VERSION, type RunRecord } from '../contract/index.js';
import { migrateCalibration } from './migrate-calibration.js';
import { migrateV1 } from './migrate-v1.js';
import { checkRunRecord } from './validate.js';

/** A file that is not a run.json of a version this code reads. */
export class RunFileError extends Error {}

/** The schema versions a reader accepts: the current one, and 1 (migrated on read). */
export const READABLE_VERSIONS: readonly number[] = [1, SCHEMA_VERSION];

/** The `schemaVersion` a parsed run.json declares, or undefined when it is not a run.json object. */
export function declaredVersion(value: unknown): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as { schemaVersion?: unknown }).schemaVersion : undefined;
}

/** A parsed run.json as the current RunRecord: version 1 migrated, then validated (RunSchemaError names the failing path). */
export function toRunRecord(value: unknown, label: string): RunRecord {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new RunFileError(`${label} is JSON but not an object: not a run.json`);
  const version = declaredVersion(value);
  const json = value as { readonly [key: string]: unknown };
  // Calibration written as passed/failed (before its three-way state) reads as it did, in either version.
  if (version === 1) return checkRunRecord(migrateCalibration(migrateV1(json)), `${label} (version 1, migrated)`);
  if (version !== SCHEMA_VERSION) {
    throw new RunFileError(`${label} has schemaVersion ${JSON.stringify(version)}; this code reads versions ${READABLE_VERSIONS.join(' and ')}`);
  }
  return checkRunRecord(migrateCalibration(json), label);
}

/** Parses run.json text (see toRunRecord). */
export function parseRunRecord(text: string, label: string): RunRecord {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new RunFileError(`${label} is not JSON: ${(error as Error).message}`);
  }
  return toRunRecord(value, label);
}

/** Reads and checks a run.json file. */
export function readRunRecord(path: string): RunRecord {
  return parseRunRecord(readFileSync(path, 'utf8'), path);
}
