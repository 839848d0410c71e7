/**
 * The one interface every report format implements (modelled on hyperfine's
 * exporters): a pure function from a finished run to the text of one file.
 *
 * Exporters do no I/O and read no clock, so the same `RunRecord` always gives
 * byte-identical files; the CLI decides where they are written.
 */
import type { RunRecord } from '../contract/index.js';

/** Turns a run record into the contents of one output file. */
export interface Exporter {
  /** Short name for logs and `--help` (e.g. "markdown"). */
  readonly name: string;
  /**
   * Path of the file relative to the run directory. May contain a sub-folder
   * (`charts/warm-ratio.svg`); the caller creates it. Always `/`-separated.
   */
  readonly fileName: string;
  /** MIME type of the contents, for anyone serving the run directory. */
  readonly mediaType: string;
  /**
   * Whether this file says anything for this run (e.g. a cold-start chart
   * needs cold data). Absent means always. The caller may skip the file when false.
   */
  appliesTo?(run: RunRecord): boolean;
  /** The file's full contents. Pure and deterministic. */
  serialize(run: RunRecord): string;
}
