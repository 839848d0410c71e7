/**
 * The steps that turn a workload into a transpiled component, for both
 * component targets. No caching here (harness/build/components.ts decides
 * what to rebuild); each step writes its outputs and says what it cost.
 *
 *  - componentizeJs:  `jco componentize` of the workload's esbuild bundle
 *                     (StarlingMonkey), run as the CLI users run, in a child
 *                     process so its ~800 MB stay out of the build process.
 *  - wrapAssemblyScript: asc on a generated entry (workload core `run` + the
 *                     canonical ABI of wasm/assembly/component-abi.ts), then
 *                     `jco embed` + `jco new` (jco's API: same code as its CLI).
 *  - transpileComponent: `jco transpile --instantiation async` to JS glue plus
 *                     core modules, with no core module inlined as base64 so
 *                     read and compile are separate, timeable cold-start phases.
 */
import { spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as asc from 'assemblyscript/asc';
import { componentEmbed, componentNew, transpile } from '@bytecodealliance/jco';
import { ascFlags } from './steps.js';
import { ROOT } from '../paths.js';
import { countEnvReads } from '../../wasm/component-glue.js';
import type { BuiltFile } from '../../wasm/component-info.js';
import { TRANSPILE_NAME, type ComponentPaths } from '../../wasm/component-paths.js';
import { WORLD_NAME } from '../../wasm/component-wit.js';
import type { Payload, WorkloadManifest } from '../contract/index.js';

const require = createRequire(import.meta.url);

/** The jco CLI entry (the package only exports its API; the CLI sits next to it). */
const JCO_CLI = join(dirname(require.resolve('@bytecodealliance/jco')), 'jco.js');

/** GNU time, for the peak RSS of a child process tree (absent on some systems: then not recorded). */
const GNU_TIME = '/usr/bin/time';

/** Version of an installed package, read from its package.json (some packages do not export it). */
export function packageVersion(name: string): string {
  const manifest = join(ROOT, 'node_modules', name, 'package.json');
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

/** Versions recorded with every component. */
export function componentToolVersions(): Record<string, string> {
  return {
    jco: packageVersion('@bytecodealliance/jco'),
    'componentize-js': packageVersion('@bytecodealliance/componentize-js'),
    assemblyscript: asc.version,
    node: process.versions.node,
  };
}

/** `jco componentize` flags besides paths: no WASI imports at all (the workloads need none). */
export const COMPONENTIZE_FLAGS: readonly string[] = ['--world-name', WORLD_NAME, '--disable', 'all'];

/** `jco transpile` flags. `--base64-cutoff 0`: every core module is a file (jco inlines small ones by default). */
export const TRANSPILE_FLAGS: readonly string[] = ['--instantiation', 'async', '--base64-cutoff', '0', '--name', TRANSPILE_NAME, '--no-typescript'];

/** `jco embed` settings, as CLI flags. */
export const EMBED_FLAGS: readonly string[] = ['--world', WORLD_NAME, '--string-encoding', 'utf8'];

/** asc flags of the wrapped module: the workload's own, plus an abort that traps instead of importing env.abort. */
export function asComponentAscFlags(manifest: WorkloadManifest): string[] {
  return [...ascFlags(manifest), '--use', 'abort=wasm/assembly/component-abi/componentAbort'];
}

/** What a step cost. */
export interface StepCost {
  readonly ms: number;
  /** Peak RSS of the step's process tree, when it ran in a child and GNU time was available. */
  readonly peakRssBytes?: number;
}

/** Describes a file for the build record. */
export function describeFile(path: string, base?: string): BuiltFile {
  const bytes = readFileSync(path);
  return {
    file: base ? relative(base, path) : relative(ROOT, path),
    bytes: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}

/** Runs `jco componentize` on a JS module (the workload's bundle) in a child process. */
export async function componentizeJs(source: string, paths: ComponentPaths): Promise<StepCost> {
  mkdirSync(paths.dir, { recursive: true });
  rmSync(paths.component, { force: true });
  const args = [JCO_CLI, 'componentize', source, '--wit', paths.wit, ...COMPONENTIZE_FLAGS, '-o', paths.component];
  // Unique per build process: two builds of one tree (several shells) must not read each other's figure.
  const rssFile = join(tmpdir(), `componentize-${process.pid}-${randomUUID()}.rss`);
  const useTime = existsSync(GNU_TIME);
  const started = performance.now();
  const { code, output } = useTime
    ? await runChild(GNU_TIME, ['-f', '%M', '-o', rssFile, process.execPath, ...args])
    : await runChild(process.execPath, args);
  const ms = performance.now() - started;
  if (code !== 0 || !existsSync(paths.component)) {
    throw new Error(`jco componentize failed (exit ${code}) for ${relative(ROOT, source)}:\n${output.slice(-4000)}`);
  }
  // GNU time reports the largest maxrss in the waited-for tree (node and the wizer it spawns), in KiB.
  const kib = useTime && existsSync(rssFile) ? Number.parseInt(readFileSync(rssFile, 'utf8').trim().split('\n').pop() ?? '', 10) : NaN;
  rmSync(rssFile, { force: true });
  return Number.isFinite(kib) ? { ms, peakRssBytes: kib * 1024 } : { ms };
}

/** The per-workload AssemblyScript entry: the workload's core `run`, lifted to the canonical ABI. */
export function ascEntryText(paths: ComponentPaths, workloadAssemblyEntry: string): string {
  const from = (target: string): string => {
    const rel = relative(dirname(paths.ascEntry), target).replace(/\\/g, '/').replace(/\.ts$/, '');
    return rel.startsWith('.') ? rel : `./${rel}`;
  };
  const abi = from(join(ROOT, 'wasm', 'assembly', 'component-abi.ts'));
  return [
    '// Generated by harness/build/component-steps.ts: do not edit.',
    "// Exports of a non-entry file are not module exports in AssemblyScript, so the workload's",
    '// core `run` is imported here and re-exported under the canonical ABI.',
    `import { run as workloadRun } from '${from(workloadAssemblyEntry)}';`,
    `import { componentReturn } from '${abi}';`,
    `export { cabi_realloc, cabi_post_run } from '${abi}';`,
    '',
    '/** Canonical-ABI `run`: (ptr, len) of the input, returns the address of the (ptr, len) return area. */',
    'export function run(ptr: usize, len: i32): usize {',
    '  return componentReturn(workloadRun(ptr, len), ptr);',
    '}',
    '',
  ].join('\n');
}

/** Compiles the generated entry with asc, then `jco embed` + `jco new`. Returns per-step costs. */
export async function wrapAssemblyScript(manifest: WorkloadManifest, paths: ComponentPaths, witText: string): Promise<Record<string, StepCost>> {
  let started = performance.now();
  const args = [relative(ROOT, paths.ascEntry), '-o', relative(ROOT, paths.coreModule), ...asComponentAscFlags(manifest), '--baseDir', ROOT];
  const { error, stderr } = await asc.main(args, {});
  if (error) throw new Error(`asc failed for ${paths.ascEntry}:\n${stderr.toString()}`);
  const core = readFileSync(paths.coreModule);
  // A component without WASI imports has nothing to satisfy a core import (env.seed, env.trace...).
  const imports = WebAssembly.Module.imports(new WebAssembly.Module(core));
  if (imports.length > 0) {
    throw new Error(`${manifest.name}: the AssemblyScript module imports ${imports.map((i) => `${i.module}.${i.name}`).join(', ')}; a component with no imports cannot provide them`);
  }
  const ascMs = performance.now() - started;
  started = performance.now();
  const embedded = await componentEmbed({ binary: core, witSource: witText, world: WORLD_NAME, stringEncoding: 'utf8' });
  const component = await componentNew(embedded);
  writeFileSync(paths.component, component);
  return { asc: { ms: ascMs }, 'embed+new': { ms: performance.now() - started } };
}

/** Transpiles a component; returns the glue and core module files it wrote. */
export async function transpileComponent(paths: ComponentPaths): Promise<{ cost: StepCost; glue: BuiltFile; coreModules: BuiltFile[] }> {
  const started = performance.now();
  const { files } = await transpile(readFileSync(paths.component), {
    name: TRANSPILE_NAME,
    instantiation: 'async',
    base64Cutoff: 0,
    noTypescript: true,
    quiet: true,
  });
  rmSync(paths.transpiledDir, { recursive: true, force: true });
  mkdirSync(paths.transpiledDir, { recursive: true });
  for (const [name, bytes] of Object.entries(files)) {
    // Type declarations are not deployed (the API emits them whatever noTypescript says).
    if (name.endsWith('.d.ts')) continue;
    const out = join(paths.transpiledDir, name);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, bytes);
  }
  const cost = { ms: performance.now() - started };
  if (!existsSync(paths.glue)) throw new Error(`jco transpile wrote no ${relative(ROOT, paths.glue)}`);
  const coreModules = readdirSync(paths.transpiledDir)
    .filter((name) => name.endsWith('.wasm'))
    .sort()
    .map((name) => describeFile(join(paths.transpiledDir, name), paths.transpiledDir));
  return { cost, glue: describeFile(paths.glue, paths.transpiledDir), coreModules };
}

/**
 * Loads the transpiled component the way a user would (the glue's default
 * loader), calls `run` once, then counts the glue's JCO_DEBUG reads on a
 * second call. Also a smoke test: a component that cannot run fails the build.
 */
export async function probeGlue(paths: ComponentPaths, input: Payload, version: string): Promise<{ envReadsPerCall: number }> {
  // The version query keeps a rebuilt glue from being served from this process's module cache.
  const url = `${pathToFileURL(paths.glue).href}?build=${version}`;
  const glue = (await import(url)) as { instantiate(get?: undefined, imports?: object): Promise<{ run(input: Payload): Payload }> };
  const root = await glue.instantiate(undefined, {});
  root.run(input);
  return { envReadsPerCall: countEnvReads(() => void root.run(input)) };
}

function runChild(command: string, args: readonly string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolveRun({ code, output }));
  });
}
