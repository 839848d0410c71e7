/** The options of one benchmark run, after parsing and defaults (harness/options/ builds them). */
import type { RunConfig } from '../contract/config.js';
import type { LambdaOptions } from '../options/lambda.js';

/**
 * Everything a run needs to know: the contract's RunConfig with every field
 * filled (the optional ones are absent only in runs recorded before they
 * existed), the run directory as an absolute path and the Lambda block with
 * the role's full ARN. Recorded as `config` in run.json by recordedConfig
 * (harness/options/record.ts).
 */
export interface BenchOptions extends Omit<RunConfig, 'forks' | 'maxForks' | 'resolveBudgetMs' | 'controls' | 'wide' | 'lambda'> {
  /** Warm: fresh processes per group, each measuring every target of the group (the unit of replication). */
  readonly forks: number;
  /** Warm: ceiling of processes for a group whose verdict stays unresolved. */
  readonly maxForks: number;
  /** Warm: time the processes beyond `forks` may take in all, ms. */
  readonly resolveBudgetMs: number;
  /** Warm: measure the calibration controls (A/A pair and planted difference) with the run. */
  readonly controls: boolean;
  /** Terminal: end with the full table instead of the compact one. */
  readonly wide: boolean;
  /** Run directory (absolute, or as given). */
  readonly outDir: string;
  /**
   * Node majors measured (`--node`; the CLI fills in the default before the
   * run). Absent: the host's Node alone, as in runs recorded before the flag.
   * See harness/node-builds/select.ts.
   */
  readonly node?: readonly string[];
  /** Lambda placement settings (harness/options/lambda.ts; read by lambda/measure). */
  readonly lambda: LambdaOptions;
}
