/**
 * The figures of the results contract: timing distributions, intervals and
 * verdicts, cold-start phases and resource use. Every time is in
 * nanoseconds, every size in bytes. Part of the bottom layer: imports nothing.
 */

/** Distribution summary of timing samples, in nanoseconds. */
export interface TimingStats {
  readonly medianNs: number;
  readonly p75Ns: number;
  readonly p99Ns: number;
  /** Median absolute deviation. */
  readonly madNs: number;
  readonly meanNs: number;
  readonly minNs: number;
  readonly maxNs: number;
  readonly samples: number;
  /**
   * 95% confidence interval of the median. Warm rows measured in several
   * processes (`WarmStats.forks`) take it across processes; otherwise it is
   * the order-statistics interval of these samples.
   */
  readonly ci95Ns: readonly [number, number];
  /** Samples beyond Tukey's fences, counted and kept (never dropped). */
  readonly outliers?: OutlierCounts;
}

/**
 * Tukey-fence outliers of a set of samples: beyond 1.5 IQR from the
 * quartiles (mild) or 3 IQR (severe, also counted in low/high).
 */
export interface OutlierCounts {
  /** Below Q1 - 1.5 IQR. */
  readonly low: number;
  /** Above Q3 + 1.5 IQR. */
  readonly high: number;
  /** Beyond 3 IQR on either side. */
  readonly severe: number;
}

/**
 * How a warm row's samples spread between and within the fresh processes
 * ("forks") that measured it. Both are relative standard errors of a median,
 * so they compare: when `betweenCv` is the larger, one process could not
 * have seen the row's real uncertainty.
 */
export interface ForkSpread {
  /** Processes that measured the row. */
  readonly forks: number;
  /** Each process's median, ns, in fork order. */
  readonly mediansNs: readonly number[];
  /** Standard deviation of the log of the process medians (≈ relative spread between processes). */
  readonly betweenCv: number;
  /** Median over processes of the relative standard error of one process's median, from its own samples. */
  readonly withinCv: number;
}

/** Warm (steady-state, in-process) figures of one result. */
export interface WarmStats extends TimingStats {
  /** Calls timed together per sample (per-call time reported) for sub-10 µs calls. */
  readonly callsPerSample: number;
  /** Between- and within-process spread, when the row was measured in several processes. */
  readonly forks?: ForkSpread;
}

/**
 * How a result compares with the baseline target (node). `unresolved`: the
 * interval contains 1 but is too wide to rule out a difference beyond the
 * noise threshold, and the sampling budget ran out. `too-few-samples`: too
 * few independent units (processes, environments) for any 95% interval to
 * mean something; no verdict is given.
 */
export type Verdict = 'faster' | 'slower' | 'no-significant-difference' | 'unresolved' | 'too-few-samples';

/** Every verdict, in the order reports list them. */
export const VERDICTS: readonly Verdict[] = ['faster', 'slower', 'no-significant-difference', 'unresolved', 'too-few-samples'];

/** What a comparison's interval rests on: its unit of replication and how many there were. */
export interface ReplicationBasis {
  /**
   * `process`: fresh processes (warm forks, cold samples); `environment`:
   * Lambda execution environments; `sample`: samples of one process or one
   * environment (older runs), which sees no between-process variation.
   */
  readonly unit: 'process' | 'environment' | 'sample';
  /** Independent units behind the interval. */
  readonly count: number;
}

/** Ratio of a target's median to node's (below 1 = faster than node), with its 95% CI. */
export interface VsBaseline {
  readonly ratio: number;
  readonly ci95: readonly [number, number];
  readonly verdict: Verdict;
  /** What the interval rests on (absent in runs before replication was recorded). */
  readonly basis?: ReplicationBasis;
}

/**
 * Warm ratio against the fastest verified Node variant of the row's group
 * (lowest warm median among the Node-side targets that completed, e.g.
 * node-idiomatic's node:crypto), paired per process like vsNode. Present on
 * rows that are not a Node variant when that fastest variant is not `node`
 * itself (when it is, vsNode already is this comparison).
 */
export interface VsFastestNode extends VsBaseline {
  /** The Node variant compared with. */
  readonly baseline: string;
}

/** One cold-start phase summarised over fresh-process samples, in nanoseconds. */
export interface PhaseStats {
  readonly medianNs: number;
  readonly p99Ns: number;
  readonly ci95Ns: readonly [number, number];
  readonly samples: number;
  /** Samples beyond Tukey's fences, when the summary counted them (reports show them). */
  readonly outliers?: OutlierCounts;
}

/** Cold-start figures from fresh processes (see harness/cold/). */
export interface ColdStats {
  /** Completed fresh-process samples. */
  readonly samples: number;
  /** Failed samples (crash, timeout), counted and described, never averaged in. */
  readonly failedSamples: number;
  /** Per named phase (processStart, import | read/compile/instantiate, firstCall, ...). */
  readonly phases: Readonly<Record<string, PhaseStats>>;
  /** Spawn to first result, measured by the parent. */
  readonly timeToFirstResult: PhaseStats;
  /** Median latency of call i (0 = first call) across samples: the warm-up curve. */
  readonly warmupCurveNs: readonly number[];
  /** Reasons of failed samples with stderr tails. */
  readonly failures?: readonly string[];
}

/** Size of one deployed file. */
export interface ArtifactFileBytes {
  /** What the file is (e.g. "handler bundle", "core module"). */
  readonly role: string;
  /** Path relative to the project. */
  readonly path: string;
  readonly raw: number;
  readonly gzip: number;
  readonly brotli: number;
  /** Brotli quality used, when not the maximum (large files). */
  readonly brotliQuality?: number;
}

/** Artifact size of what would be deployed. */
export interface ArtifactBytes {
  readonly raw: number;
  readonly gzip: number;
  readonly brotli: number;
  /** Per file, when a target deploys several (e.g. transpiled component: glue + core modules). */
  readonly files?: readonly ArtifactFileBytes[];
}

/** Heap figures (process.memoryUsage()) and linear memory right after the first call. */
export interface MemoryAfterFirstCall {
  readonly heapUsedBytes: number;
  readonly heapTotalBytes: number;
  readonly externalBytes: number;
  readonly arrayBuffersBytes: number;
  /** Linear memory of the module, for Wasm targets. */
  readonly wasmMemoryBytes?: number;
}

/** Resource figures of cold processes, medians over completed samples (heap figures at the end of the process). */
export interface ProcessResources {
  /** Median peak RSS of the cold process (process.resourceUsage().maxRSS). */
  readonly peakRssBytes?: number;
  readonly heapUsedBytes?: number;
  readonly heapTotalBytes?: number;
  readonly externalBytes?: number;
  readonly arrayBuffersBytes?: number;
  /** Linear memory of the module, for Wasm targets. */
  readonly wasmMemoryBytes?: number;
  readonly cpuUserMs?: number;
  readonly cpuSystemMs?: number;
  /** The same heap figures right after the first call (absent in rows without cold processes). */
  readonly afterFirstCall?: MemoryAfterFirstCall;
}

/** Resource use of a target: its cold processes' figures and the size of what it deploys. */
export interface ResourceStats extends ProcessResources {
  readonly artifactBytes: ArtifactBytes;
}
