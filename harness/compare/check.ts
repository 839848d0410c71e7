/**
 * When `npm run compare` refuses to compare, in one line each (exit 2):
 * text that is not JSON, JSON that is not a run.json, runs of different
 * schema versions, runs that do not match the schema, and runs whose
 * workloads had different expected outputs. Pure: the CLI reads the files.
 *
 * Expected outputs. Rows do not carry the expected output's digest; what
 * they carry is the input seed (`config.seed`: inputs are a pure function of
 * workload, size and seed, and so are the expected outputs) and how outputs
 * were checked (`verifiedAgainst`: the committed vectors, which exist for one
 * seed, or node's output for another seed). So the runs are refused when
 * their seeds differ (or one run does not say its seed): the workloads then
 * computed different things and a change in time says nothing about the
 * code. A matched row checked against the committed vectors in one run and
 * against node's output in the other is refused too: the committed vectors
 * were regenerated for another seed between the runs. What this cannot see
 * is a workload whose generator or committed vectors changed under the same
 * seed; such a run fails its own verification (the rows are errored, and
 * errored rows are listed, never compared).
 */
import { UsageError } from '../options/errors.js';
import { toRunRecord } from '../run-file/read.js';
import { configurationOf } from '../contract/index.js';
import type { ResultRecord, RunRecord } from '../contract/index.js';

/** A refusal to compare: one line for stderr, exit 2 (a UsageError, so the shared exit handler treats it as the user's input). */
export class RefusedComparison extends UsageError {}

/** One run as the user named it. */
export interface NamedRun {
  /** The path the user gave (named in every refusal). */
  readonly label: string;
  /** As parsed until checkComparable has checked it (and migrated a version-1 run); checked after. */
  readonly run: RunRecord;
}

/**
 * Parses a run.json's text, checking only that it is a JSON object shaped
 * like a run (schemaVersion, results); the schema is checked after the two
 * schema versions are compared, so a version mismatch is named as such.
 */
export function parseRunText(text: string, label: string): NamedRun {
  if (text.trim() === '') throw new RefusedComparison(`${label} is empty: not a run.json`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = (error as Error).message.replace(/\s+/g, ' ').slice(0, 120);
    throw new RefusedComparison(`${label} is not valid JSON (${reason}): not a run.json`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new RefusedComparison(`${label} is JSON but not an object: not a run.json`);
  const record = value as Record<string, unknown>;
  if (!('schemaVersion' in record) || !Array.isArray(record['results'])) {
    throw new RefusedComparison(`${label} has no schemaVersion or no results list: not a run.json`);
  }
  return { label, run: value as RunRecord };
}

/** Identity of a row in its run: (workload, target, placement, size, configuration: a V8 configuration other than the default, or Lambda memory and architecture). */
export function rowKey(row: ResultRecord): string {
  // A local row's engine as recorded (absent: the default); a Lambda row's memory and architecture.
  const configuration = row.placement === 'local' ? (row.engine ?? '') : configurationOf(row);
  return [row.workload, row.target, row.placement, row.size, configuration].join('/').replace(/\/$/, '');
}

/**
 * Throws a RefusedComparison when the two runs cannot be compared: different
 * schema versions, a run that does not match the schema, different seeds, or
 * matched rows verified against different expected outputs.
 */
export function checkComparable(a: NamedRun, b: NamedRun): readonly [NamedRun, NamedRun] {
  if (a.run.schemaVersion !== b.run.schemaVersion) {
    throw new RefusedComparison(
      `different schema versions: ${a.label} has ${JSON.stringify(a.run.schemaVersion)}, ${b.label} has ${JSON.stringify(b.run.schemaVersion)}; compare runs of one schema version`,
    );
  }
  // Both of one version: a version-1 pair is migrated on read like any version-1 run, then checked against the contract.
  const checked = [a, b].map(({ label, run }): NamedRun => {
    try {
      return { label, run: toRunRecord(run, label) };
    } catch (error) {
      throw new RefusedComparison(`${(error as Error).message}; nothing compared`);
    }
  });
  [a, b] = [checked[0]!, checked[1]!];
  const seedA = a.run.config.seed;
  const seedB = b.run.config.seed;
  if (seedA !== seedB) {
    throw new RefusedComparison(
      `different input seeds (${a.label}: ${String(seedA)}, ${b.label}: ${String(seedB)}): every workload's input and expected output differ, so times are not comparable; measure both with one --seed`,
    );
  }
  const checkedA = new Map(a.run.results.map((row) => [rowKey(row), row.verifiedAgainst]));
  for (const row of b.run.results) {
    const before = checkedA.get(rowKey(row));
    if (before !== undefined && row.verifiedAgainst !== undefined && before !== row.verifiedAgainst) {
      throw new RefusedComparison(
        `${rowKey(row)} was verified against ${before === 'committed' ? 'the committed vectors' : "node's output"} in ${a.label} and against ${row.verifiedAgainst === 'committed' ? 'the committed vectors' : "node's output"} in ${b.label}: its expected output differs between the runs`,
      );
    }
  }
  return [a, b];
}
