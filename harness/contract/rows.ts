/**
 * One row of run.json: a workload × target × size at one placement, with its
 * outcome. Rows are discriminated twice: by `placement` (local processes,
 * whose `engine` is the V8 configuration; Lambda, whose `lambda` block says
 * where it ran) and by `state` (completed with figures, errored with a reason,
 * unsupported as a declared gap). A local row holds its warm and its cold
 * figures, each in its own block (`warm`, `cold`); a Lambda row holds its
 * figures in `lambda` (and REPORT Duration in `warm`). Fields a placement never
 * has are typed `undefined` on it so a reader can ask any row. Part of the
 * bottom layer: imports only the contract.
 */
import type { BuildInfo } from './build.js';
import type { LambdaFigures, LambdaWhere } from './lambda.js';
import type { ColdStats, ResourceStats, VsBaseline, VsFastestNode, WarmStats } from './stats.js';
import type { SizeName, TargetName } from './workload.js';

/**
 * What kind of failure an errored row is. Only `wrong-output` means the
 * target computed something else than the expected output (reports say
 * INVALID); the others mean it could not be measured (reports say FAILED):
 * - `crashed`: the code under test threw, exited or returned no answer it could parse;
 * - `timeout`: it ran past its time limit;
 * - `unreachable`: the endpoint gave no answer (refused, reset, no answer in time);
 * - `not-measured`: anything else that left no figures (a setup step failed, an API answered with an error, no sample accepted).
 */
export type FailureKind = 'wrong-output' | 'crashed' | 'timeout' | 'unreachable' | 'not-measured';

/** Every failure kind, in the order reports list them. */
export const FAILURE_KINDS: readonly FailureKind[] = ['wrong-output', 'crashed', 'timeout', 'unreachable', 'not-measured'];

/** The outcome of a row: figures, a failure, or a declared gap. */
export type ResultState = 'completed' | 'errored' | 'unsupported';

/**
 * A figure a row lacks because the endpoint does not provide it (an emulator
 * without GetFunction, without a log tail, without configuration changes): a
 * capability gap, shown as "n/a" with its reason, never INVALID (that is for
 * wrong outputs) nor FAILED (that is for rows not measured at all).
 */
export interface UnavailableFigure {
  /** The figures missing, e.g. ["REPORT Duration", "Billed Duration", "cost"]. */
  readonly figures: readonly string[];
  /** The API call that did not provide them, e.g. "GetFunction", "Invoke LogType Tail". */
  readonly api: string;
  /** Its HTTP status, when it answered. */
  readonly httpStatus?: number;
  /** One line, e.g. "not available from this endpoint: UpdateFunctionConfiguration → HTTP 404". */
  readonly reason: string;
}

/** Fields every row has, whatever its placement and state. */
export interface RowBase {
  readonly workload: string;
  readonly target: TargetName;
  readonly size: SizeName;
  /** `process.version` of the Node the row ran on (absent in runs before --node). */
  readonly nodeVersion?: string;
  /** `process.versions.v8` of that Node. */
  readonly v8Version?: string;
  /** True only when every checked output matched the expected output. */
  readonly verified: boolean;
  /** How outputs were checked: against committed vectors, or against node's output for another seed. */
  readonly verifiedAgainst?: 'committed' | 'node-reference';
  /** Build facts (compiler, runtime, flags, artifact hash). */
  readonly build?: BuildInfo;
  /** Things a reader must know to interpret this row (e.g. a glue cost that dominates). */
  readonly notes?: readonly string[];
}

/** A row measured in this machine's processes. */
export interface LocalPlacement {
  readonly placement: 'local';
  /**
   * The engine configuration of the row: the V8 flags of its cold processes
   * ("eager", "liftoff-only"), after the Node major when Node versions are a
   * run dimension (`node22`, `node22/eager`; harness/node-builds/select.ts);
   * absent: the default one.
   */
  readonly engine?: string;
  readonly lambda?: undefined;
}

/** A row measured as a Lambda function. */
export interface LambdaPlacement<Block extends LambdaWhere = LambdaWhere> {
  readonly placement: 'lambda';
  /** Lambda rows have no V8 configuration of their own: memory and architecture are in `lambda`. */
  readonly engine?: undefined;
  readonly lambda: Block;
}

/** Figures every completed row may have. */
interface CompletedOutcome {
  readonly state: 'completed';
  /** Local: steady state in-process, per call. Lambda: REPORT Duration across environments. */
  readonly warm?: WarmStats;
  /** Ratio of the warm median to node's, with its CI and verdict. */
  readonly vsNode?: VsBaseline;
  readonly vsFastestNode?: VsFastestNode;
  /** Ratio of the cold figure (local: time to first result; Lambda: Init + first Duration) to node's. */
  readonly coldVsNode?: VsBaseline;
}

/** A completed local row: warm figures (default engine), cold figures and resources. */
export interface LocalCompletedResult extends RowBase, LocalPlacement, CompletedOutcome {
  /** Fresh-process figures (see harness/cold/). */
  readonly cold?: ColdStats;
  readonly resources?: ResourceStats;
  /** Outputs checked in the warm phase (every sample's last output plus the audits). */
  readonly warmChecks?: number;
  /** Linear memory after the warm phase, for Wasm targets. */
  readonly warmWasmMemoryBytes?: number;
  readonly unavailable?: undefined;
}

/** A completed Lambda row: every figure in its `lambda` block. */
export interface LambdaCompletedResult extends RowBase, LambdaPlacement<LambdaFigures>, CompletedOutcome {
  /** Figures this row lacks because the endpoint does not provide them (the figures it has are sound). */
  readonly unavailable?: readonly UnavailableFigure[];
  readonly cold?: undefined;
  readonly resources?: undefined;
  readonly warmChecks?: undefined;
  readonly warmWasmMemoryBytes?: undefined;
}

/** A wrong output, or something that kept the row from being measured. */
interface ErroredOutcome {
  readonly state: 'errored';
  /**
   * What kind of failure. Every writer records it; it is absent only in rows
   * of runs written before kinds existed (version 1), whose reports called
   * every errored row INVALID: read as `wrong-output` (see {@link failureOf})
   * so they re-render as they did.
   */
  readonly failure?: FailureKind;
  readonly error: string;
}

/** A combination the workload declares impossible for the target, or an endpoint cannot serve. */
interface UnsupportedOutcome {
  readonly state: 'unsupported';
  readonly error: string;
}

/** An errored local row. */
export interface LocalErroredResult extends RowBase, LocalPlacement, ErroredOutcome {}
/** An errored Lambda row: it still says where it ran. */
export interface LambdaErroredResult extends RowBase, LambdaPlacement, ErroredOutcome {}
/** An unsupported local row. */
export interface LocalUnsupportedResult extends RowBase, LocalPlacement, UnsupportedOutcome {}
/** An unsupported Lambda row. */
export interface LambdaUnsupportedResult extends RowBase, LambdaPlacement, UnsupportedOutcome {}

/** A result with figures. */
export type CompletedResult = LocalCompletedResult | LambdaCompletedResult;
/** A result that failed: a wrong output, or something that kept it from being measured. Never reported as a timing. */
export type ErroredResult = LocalErroredResult | LambdaErroredResult;
/** A combination that cannot run (shown as a gap, not dropped). */
export type UnsupportedResult = LocalUnsupportedResult | LambdaUnsupportedResult;
/** Every local row. */
export type LocalResult = LocalCompletedResult | LocalErroredResult | LocalUnsupportedResult;
/** Every Lambda row. */
export type LambdaResult = LambdaCompletedResult | LambdaErroredResult | LambdaUnsupportedResult;
/** One row of run.json. */
export type ResultRecord = LocalResult | LambdaResult;

/** The failure kind of an errored row (`wrong-output` for rows of runs written before kinds existed). */
export function failureOf(result: ErroredResult): FailureKind {
  return result.failure ?? 'wrong-output';
}

/**
 * The configuration a row ran under, as one label: the V8 configuration of a
 * local row ("default" when unset), `<memory>MB-<arch>` of a Lambda row (the
 * label reports have always shown for it), after its Node major when Node
 * versions are a run dimension (`node22/128MB-x86_64`). With workload, target, placement
 * and size it identifies a row in its run.
 */
export function configurationOf(row: Pick<ResultRecord, 'placement' | 'engine' | 'lambda'>): string {
  if (row.placement !== 'lambda' || !row.lambda) return row.engine ?? 'default';
  const { node, memoryMB, arch } = row.lambda;
  return `${node === undefined ? '' : `${node}/`}${memoryMB}MB-${arch}`;
}
