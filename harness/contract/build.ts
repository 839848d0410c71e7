/**
 * Build facts recorded with every row (`build`): how the measured code was
 * made, so a reader can rebuild it or tell two runs' artifacts apart. One
 * closed shape whose fields each target kind fills as far as they apply:
 * bundles (node, node-idiomatic), core Wasm modules (wasm), components
 * (component, as-component) and Lambda function packages. Part of the bottom
 * layer: imports nothing.
 */

/** A file the build produced, identified by its digest. */
export interface BuiltFile {
  /** Path relative to the project (components) or the file name inside its directory. */
  readonly file: string;
  readonly bytes: number;
  /** SHA-256, hex. */
  readonly sha256: string;
}

/** A file inside a Lambda deployment package. */
export interface PackagedFile {
  readonly name: string;
  readonly bytes: number;
  /** SHA-256, hex. */
  readonly sha256: string;
}

/** What building a component cost: each step's time, and the heaviest step's peak memory. */
export interface BuildCost {
  /** Milliseconds per build step (componentize, transpile, asc, embed+new...). */
  readonly stepsMs: Readonly<Record<string, number>>;
  readonly peakRssBytes?: number;
  /** Which step the peak RSS is of, and how it was measured. */
  readonly peakRssOf?: string;
}

/** Build facts of one row. Every field is optional: each target kind records what applies to it. */
export interface BuildInfo {
  // Bundles (esbuild).
  readonly bundler?: string;
  readonly minified?: boolean;
  /** The source file of a variant (e.g. workloads/sha256/idiomatic.ts). */
  readonly source?: string;
  /** Why the variant is what a team would deploy. */
  readonly why?: string;
  // Core Wasm modules (AssemblyScript).
  /** Compiler and version, e.g. "assemblyscript 0.28.20". */
  readonly compiler?: string;
  /** AssemblyScript runtime of the module; on Lambda rows, the Lambda runtime identifier. */
  readonly runtime?: string;
  /** Compiler flags (core modules), or flags per build step (components). */
  readonly flags?: readonly string[] | Readonly<Record<string, readonly string[]>>;
  readonly sha256?: string;
  readonly bytes?: number;
  // Components (jco).
  /** "component" or "as-component": how the component was made. */
  readonly kind?: string;
  /** What runs the code inside the component. */
  readonly engine?: string;
  /** Tool versions by package name. */
  readonly tools?: Readonly<Record<string, string>>;
  /** The WIT world: derived from the workload's payload kinds, or the file it came from. */
  readonly world?: { readonly source: string; readonly sha256: string };
  readonly component?: BuiltFile;
  readonly transpiled?: { readonly glue: BuiltFile; readonly coreModules: readonly BuiltFile[] };
  readonly buildCost?: BuildCost;
  /** What the transpiled glue does per call beyond the workload (environment reads). */
  readonly glueProbe?: { readonly envReadsPerCall: number };
  // Lambda functions.
  readonly functionName?: string;
  /** Handler entry, e.g. "index.handler". */
  readonly handler?: string;
  /** What the handler template runs. */
  readonly handlerTemplate?: string;
  /** CodeSha256 of the deployment package, as Lambda reports it (base64). */
  readonly codeSha256?: string;
  readonly zipBytes?: number;
  readonly files?: readonly PackagedFile[];
  /** Why there are no build facts: the target's build failed or did not run (e.g. an unbuilt component). */
  readonly error?: string;
}
