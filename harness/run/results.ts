/**
 * Assembles run.json rows from what the measuring modes report. A row is
 * keyed by workload × target × placement × size × engine; any failure in any
 * mode turns the row errored and drops its figures, so a mismatched run is
 * never published as a timing.
 */
import { failureOf, type CompletedResult, type FailureKind, type ResultBase, type ResultRecord } from '../types.js';

/** Identity of a row. */
export type RowKey = Pick<ResultBase, 'workload' | 'target' | 'placement' | 'size'> & { readonly engine?: string };

function keyOf(key: RowKey): string {
  return [key.workload, key.target, key.placement, key.size, key.engine ?? 'default'].join('|');
}

/** Collects rows in insertion order. */
export class ResultTable {
  readonly #rows = new Map<string, ResultRecord>();

  /** Merges figures into a row (creating it as completed and verified). Ignored if the row already errored. */
  complete(key: RowKey, fields: Partial<Omit<CompletedResult, 'status' | keyof RowKey>>): void {
    const id = keyOf(key);
    const row = this.#rows.get(id);
    if (row && row.status !== 'completed') return;
    const base = row ?? { ...key, status: 'completed' as const, verified: true };
    this.#rows.set(id, { ...base, ...fields, status: 'completed' } as CompletedResult);
  }

  /**
   * Marks a row errored with a reason and its kind; its figures are dropped.
   * A row failing twice (warm and cold) keeps both reasons; a wrong output in
   * either makes it wrong-output, otherwise the first kind stays.
   */
  fail(key: RowKey, error: string, failure: FailureKind, extra: Partial<ResultBase> = {}): void {
    const id = keyOf(key);
    const row = this.#rows.get(id);
    const previous = row?.status === 'errored' ? row : undefined;
    const reason = previous ? `${previous.error}; ${error}` : error;
    const kind = !previous ? failure : failure === 'wrong-output' ? failure : failureOf(previous);
    this.#rows.set(id, {
      ...key,
      ...(row?.build ? { build: row.build } : {}),
      ...extra,
      status: 'errored',
      verified: false,
      failure: kind,
      error: reason,
    });
  }

  /** Records a combination the workload cannot express. */
  unsupported(key: RowKey, reason: string): void {
    this.#rows.set(keyOf(key), { ...key, status: 'unsupported', verified: false, error: reason });
  }

  /** Puts back the rows of an interrupted run (a resumed run starts from them), in their order. */
  restore(rows: readonly ResultRecord[]): void {
    for (const row of rows) this.#rows.set(keyOf(row), row);
  }

  /** Reads a row. */
  get(key: RowKey): ResultRecord | undefined {
    return this.#rows.get(keyOf(key));
  }

  /** All rows. */
  rows(): ResultRecord[] {
    return [...this.#rows.values()];
  }
}
