/**
 * Calibration controls written before they had a three-way `state` (runs of
 * version 1, and version-2 runs up to this change) carry a `passed` boolean
 * on the controls and on each check. Read as before: true is `passed`, false
 * is `failed`. The old judgement is kept, not redone from the recorded
 * interval: a report of an old run says what it said when it was published.
 * The input is untyped JSON; the caller validates the result.
 */

type Json = { readonly [key: string]: unknown };

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `passed: boolean` as `state` (an object that already has a state, or no boolean, is left as it is). */
function passedToState(value: unknown): unknown {
  if (!isObject(value) || 'state' in value || typeof value['passed'] !== 'boolean') return value;
  const { passed, ...rest } = value;
  return { ...rest, state: passed ? 'passed' : 'failed' };
}

/** A run.json whose calibration (if any) records `state` instead of `passed`, on the controls and on each check. */
export function migrateCalibration(run: Json): Json {
  const calibration = run['calibration'];
  if (!isObject(calibration)) return run;
  const upgraded = passedToState(calibration) as Json;
  return { ...run, calibration: { ...upgraded, aa: passedToState(upgraded['aa']), planted: passedToState(upgraded['planted']) } };
}
