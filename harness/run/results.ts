/**
 * Assembles run.json rows from what the measuring modes report. A row is
 * keyed by workload × target × placement × size × configuration (the V8
 * configuration locally, memory and architecture on Lambda); any failure in
 * any mode turns the row errored and drops its figures, so a mismatched run
 * is never published as a timing.
 */
import { configurationOf } from '../contract/rows.js';
import type { FailureKind, LambdaCompletedResult, LambdaWhere, LocalCompletedResult, ResultRecord, RowBase } from '../contract/index.js';

/** Identity of a row: a local row's V8 configuration, or where a Lambda row ran. */
export type RowKey = Pick<RowBase, 'workload' | 'target' | 'size'> &
  ({ readonly placement: 'local'; readonly engine?: string } | { readonly placement: 'lambda'; readonly lambda: LambdaWhere });

type Figures<R> = Partial<Omit<R, 'state' | 'workload' | 'target' | 'size' | 'placement' | 'engine'>>;

/** What a measuring mode adds to a completed row: local figures, or a Lambda row's (its `lambda` block included). */
export type CompletedFields = Figures<LocalCompletedResult> | Figures<LambdaCompletedResult>;

function keyOf(key: RowKey): string {
  const configuration = configurationOf({ placement: key.placement, engine: key.placement === 'local' ? key.engine : undefined, lambda: key.placement === 'lambda' ? key.lambda : undefined });
  return [key.workload, key.target, key.placement, key.size, configuration].join('|');
}

/** Collects rows in insertion order. */
export class ResultTable {
  readonly #rows = new Map<string, ResultRecord>();

  /** Merges figures into a row (creating it as completed and verified). Ignored if the row already errored. */
  complete(key: RowKey, fields: CompletedFields): void {
    const id = keyOf(key);
    const row = this.#rows.get(id);
    if (row && row.state !== 'completed') return;
    const base = row ?? { ...key, state: 'completed' as const, verified: true };
    // The key's placement decides the shape; the modes pass only the fields of their own placement.
    this.#rows.set(id, { ...base, ...fields, state: 'completed' } as ResultRecord);
  }

  /**
   * Marks a row errored with a reason and its kind; its figures are dropped.
   * A row failing twice (warm and cold) keeps both reasons; a wrong output in
   * either makes it wrong-output, otherwise the first kind stays.
   */
  fail(key: RowKey, error: string, failure: FailureKind, extra: Pick<RowBase, 'build'> = {}): void {
    const id = keyOf(key);
    const row = this.#rows.get(id);
    const previous = row?.state === 'errored' ? row : undefined;
    const reason = previous ? `${previous.error}; ${error}` : error;
    const kind = !previous ? failure : failure === 'wrong-output' ? failure : previous.failure;
    const build = extra.build ?? row?.build;
    this.#rows.set(id, { ...key, ...(build ? { build } : {}), state: 'errored', verified: false, failure: kind, error: reason });
  }

  /** Records a combination the workload cannot express. */
  unsupported(key: RowKey, reason: string): void {
    this.#rows.set(keyOf(key), { ...key, state: 'unsupported', verified: false, error: reason });
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
