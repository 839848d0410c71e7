/**
 * The build steps: bundling TypeScript with esbuild and compiling
 * AssemblyScript with asc, each skipped when its inputs are unchanged.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import * as esbuild from 'esbuild';
import * as asc from 'assemblyscript/asc';
import { hashInputs, isFresh, typeScriptFiles, writeStamp } from './cache.js';
import { ROOT } from '../paths.js';
import type { WorkloadManifest } from '../contract/index.js';

/** What a step did. */
export type StepOutcome = 'built' | 'fresh';

/** Options of one esbuild bundle. */
export interface BundleOptions {
  /** Stamp key. */
  readonly key: string;
  readonly entry: string;
  readonly outfile: string;
  /** Inline npm packages (a deployable artifact) or leave them to node_modules (harness tools). */
  readonly inlinePackages: boolean;
  /** Minify (deployable artifacts are minified, as a Lambda bundle would be). */
  readonly minify: boolean;
}

/** Bundles one entry to one ESM file, unless its inputs are unchanged. */
export async function bundle(buildDir: string, options: BundleOptions): Promise<StepOutcome> {
  const settings = JSON.stringify({ ...options, esbuild: esbuild.version });
  if (isFresh(buildDir, options.key, settings, [options.outfile])) return 'fresh';
  const result = await esbuild.build({
    entryPoints: [options.entry],
    outfile: options.outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    minify: options.minify,
    packages: options.inlinePackages ? undefined : 'external',
    metafile: true,
    logLevel: 'warning',
    // Bundles that keep packages external still need `require` for CJS deps.
    banner: options.inlinePackages
      ? undefined
      : { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  const inputs = Object.keys(result.metafile.inputs)
    .filter((file) => !file.startsWith('node_modules/'))
    .map((file) => join(ROOT, file));
  writeStamp(buildDir, options.key, { hash: hashInputs(inputs, settings), inputs });
  return 'built';
}

/** What a compiled module was built with; recorded with every wasm result. */
export interface WasmBuildInfo {
  readonly compiler: string;
  readonly runtime: string;
  readonly flags: readonly string[];
  readonly sha256: string;
  readonly bytes: number;
}

/** The flags every workload module is compiled with, before its own extras. */
export function ascFlags(manifest: WorkloadManifest): string[] {
  return ['-O3', '--noAssert', '--runtime', manifest.asc.runtime, ...(manifest.asc.extraFlags ?? [])];
}

/** Compiles a workload's AssemblyScript entry to a core module, unless unchanged. */
export async function compileAssemblyScript(
  buildDir: string,
  key: string,
  entry: string,
  outfile: string,
  infoFile: string,
  manifest: WorkloadManifest,
): Promise<StepOutcome> {
  const flags = ascFlags(manifest);
  const settings = JSON.stringify({ flags, asc: asc.version });
  if (isFresh(buildDir, key, settings, [outfile, infoFile])) return 'fresh';
  mkdirSync(dirname(outfile), { recursive: true });
  const args = [relative(ROOT, entry), '-o', relative(ROOT, outfile), ...flags, '--baseDir', ROOT];
  const { error, stderr } = await asc.main(args, {});
  if (error) throw new Error(`asc failed for ${entry}:\n${stderr.toString()}`);
  const bytes = readFileSync(outfile);
  const info: WasmBuildInfo = {
    compiler: `assemblyscript ${asc.version}`,
    runtime: manifest.asc.runtime,
    flags,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    bytes: bytes.length,
  };
  writeFileSync(infoFile, `${JSON.stringify(info, null, 2)}\n`);
  // asc reads the entry's imports itself; every .ts under the assembly folders counts.
  const inputs = [...typeScriptFiles(dirname(entry)), ...typeScriptFiles(join(ROOT, 'wasm', 'assembly'))];
  writeStamp(buildDir, key, { hash: hashInputs(inputs, settings), inputs });
  return 'built';
}
